#!/usr/bin/env python3
"""Why the inferred ties that ../shared/eval/kin_eval.py counts as wrong are wrong.

    python bench/kin_eval_breakdown.py [--dataset ua|eu] [--kind parent/child|sibling|spouse] [--min-score 0.5]
    [--show N]

Builds the evaluation's registry with its own loaders (the evaluation script and the real data must be
present under ../shared; nothing is copied), runs ``tamyr kin infer``, and sorts the wrong ties:

* another record of a person the families name: the tie reaches a record whose name, written with
  another apostrophe, spacing or order, or without its patronymic, is that of a listed relative (the
  evaluation gives each written form its own id, so a tie to the second record of the right person
  counts as wrong);
* wrong relationship inside one declared family (a wife whose patronymic is her husband's name read as
  his daughter; a father and a son both named like their father read as brothers);
* across two declared families (people the sources do not relate to each other: some are kin the
  declarations do not state, some namesakes);
* to an official outside the families (a namesake, or kin no source states).
"""

from __future__ import annotations

import argparse
import collections
import csv
import re
import subprocess
import sys
import tempfile
from pathlib import Path

EVAL = Path(__file__).resolve().parents[2] / "shared" / "eval"


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--dataset", default="ua", choices=["ua", "eu"])
    ap.add_argument("--min-score", type=float, default=0.5)
    ap.add_argument("--show", type=int, default=0, metavar="N", help="print N wrong ties of each kind")
    ap.add_argument("--kind", default="parent/child", choices=["parent/child", "sibling", "spouse"],
                    help="which inferred ties to break down")
    args = ap.parse_args()
    if not (EVAL / "kin_eval.py").exists():
        print(f"{EVAL / 'kin_eval.py'} is not here: nothing to break down")
        return 0
    sys.path.insert(0, str(EVAL))
    import kin_eval as ke  # the evaluation's own loaders and truth

    from tamyr.names import parse_name

    truth, registry = ke.Truth(), {}
    (ke.load_ua if args.dataset == "ua" else ke.load_eu)(truth, registry)
    with tempfile.TemporaryDirectory() as tmp:
        inp, out = Path(tmp) / "registry.csv", Path(tmp) / "inferred.csv"
        with inp.open("w", encoding="utf-8", newline="") as f:
            w = csv.writer(f)
            w.writerow(["id", "name"])
            w.writerows(sorted(registry.items()))
        subprocess.run([sys.executable, "-m", "tamyr.cli", "kin", "infer", str(inp), "--out", str(out),
                        "--min-score", str(args.min_score)], check=True, capture_output=True)
        with out.open(encoding="utf-8") as f:
            rows = list(csv.DictReader(f))

    def spelled(name: str) -> str:
        return re.sub(r"\s+", " ", re.sub(r"[’'`ʼ]", "'", name.strip().lower()))

    def person_key(name: str) -> tuple:
        k = parse_name(name).keys
        return k["surname"], k["given"]

    labelled_spelling = {spelled(truth.names[i]) for i in truth.groups}
    labelled_key = {person_key(truth.names[i]) for i in truth.groups}
    kinds: collections.Counter = collections.Counter()
    examples: dict[str, list[str]] = collections.defaultdict(list)
    right = 0
    seen = set()
    for r in rows:
        cls = ke.CLASS_OF.get(r["relationship"])
        if ke.family_of(cls) != args.kind:
            continue
        a, b = r["person_id"], r["relative_id"]
        if frozenset((a, b)) in seen:
            continue
        seen.add(frozenset((a, b)))
        if not (truth.labelled(a) or truth.labelled(b)):
            continue
        want = truth.class_of(a, b)
        if want == cls:
            right += 1
            continue
        if want is None and truth.same_group(a, b):
            continue
        if want is not None:
            kind = f"wrong relationship inside one family (stated: {want})"
        elif truth.labelled(a) and truth.labelled(b):
            kind = "across two declared families"
        else:
            other = b if truth.labelled(a) else a
            if spelled(registry[other]) in labelled_spelling or person_key(registry[other]) in labelled_key:
                kind = "another record of a person the families name"
            else:
                kind = "to an official outside the families"
        kinds[kind] += 1
        examples[kind].append(f"{registry[a]} -> {registry[b]}: {r['relationship']} {r['score']} ({r['reasons']})")
    wrong = sum(kinds.values())
    print(f"{args.dataset}: {right + wrong} scored {args.kind} ties at score >= {args.min_score}: "
          f"{right} right, {wrong} wrong")
    for kind, n in kinds.most_common():
        print(f"  {n:5d}  {kind}")
        for line in examples[kind][:args.show]:
            print(f"           {line}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
