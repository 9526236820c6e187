#!/usr/bin/env python3
"""Benchmark kin inference on a synthetic national registry with planted families.

    python bench/bench_kin.py --n 1000000 [--seed 1] [--min-score 0.5] [--workdir bench/out/kin]

Generates the registry with ``python -m tamyr.examples.synth`` (unless it exists), runs
``tamyr kin infer`` in a child process (wall time and peak RSS of that process), and scores the inferred
ties against truth.csv by relation class (parent/child, sibling, spouse), either orientation.
"""

from __future__ import annotations

import argparse
import csv
import resource
import subprocess
import sys
import time
from collections import defaultdict
from pathlib import Path

from synthetic import CLASS_OF, planted_ties, registry_dir

FAMILY = {"parent": "parent/child", "child": "parent/child", "sibling": "sibling", "spouse": "spouse"}


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--n", type=int, default=1_000_000)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--min-score", type=float, default=0.5)
    ap.add_argument("--workdir", type=Path, default=Path("bench/out/kin"))
    args = ap.parse_args()
    data = registry_dir(args.workdir, args.n, args.seed)
    out = data / "inferred.csv"
    t = time.perf_counter()
    proc = subprocess.run([sys.executable, "-m", "tamyr.cli", "kin", "infer", str(data / "registry.csv"),
                           "--out", str(out), "--min-score", str(args.min_score)], capture_output=True, text=True)
    wall = time.perf_counter() - t
    rss_gb = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024 / 1024
    if proc.returncode != 0:
        print(proc.stderr[-3000:])
        return 1
    print(proc.stderr.strip().splitlines()[-1] if proc.stderr.strip() else "")
    print(f"kin infer: {args.n:,} persons in {wall:.1f} s, peak RSS {rss_gb:.2f} GB")

    truth = planted_ties(data)
    gold = defaultdict(set)
    for (a, b), cls in truth.items():
        gold[FAMILY[cls]].add(frozenset((a, b)))
    # the planted relationship word of each ordered pair (father vs mother: recall by line)
    planted_word: dict[tuple[str, str], str] = {}
    with (data / "truth.csv").open(encoding="utf-8") as f:
        for r in csv.DictReader(f):
            planted_word[(r["person_id"], r["relative_id"])] = r["relationship"]
    tp, fp, found = defaultdict(int), defaultdict(int), defaultdict(set)
    bands: dict[str, list[int]] = defaultdict(lambda: [0, 0])     # score band -> [correct, wrong]
    kind_bands: dict[tuple[str, str], list[int]] = defaultdict(lambda: [0, 0])   # (family, band) -> the same
    found_word: dict[str, int] = defaultdict(int)
    # father rows of pairs that fit either direction (the reason says so), by what the truth says of them
    either: dict[str, int] = defaultdict(int)
    with out.open(encoding="utf-8") as f:
        for r in csv.DictReader(f):
            score = float(r["score"])
            cls = CLASS_OF.get(r["relationship"])
            if not cls:
                continue
            ok = truth.get((r["person_id"], r["relative_id"])) == cls
            band = "0.99-1" if score >= 0.99 else f"{int(score * 10) / 10:.1f}"
            bands[band][0 if ok else 1] += 1
            kind_bands[(FAMILY[cls], band[:3])][0 if ok else 1] += 1
            if score < args.min_score:
                continue
            if r["relationship"] == "father" and "fit either direction" in r["reasons"]:
                planted = truth.get((r["person_id"], r["relative_id"]))
                either["right" if planted == "parent" else "reversed" if planted == "child" else "other"] += 1
            fam = FAMILY[cls]
            if ok:
                tp[fam] += 1
                found[fam].add(frozenset((r["person_id"], r["relative_id"])))
                if planted_word.get((r["person_id"], r["relative_id"])) == r["relationship"]:
                    found_word[r["relationship"]] += 1
            else:
                fp[fam] += 1
    for fam in ("parent/child", "sibling", "spouse"):
        n = tp[fam] + fp[fam]
        prec = tp[fam] / n if n else float("nan")
        rec = len(found[fam]) / len(gold[fam]) if gold[fam] else float("nan")
        print(f"{fam:13} P={prec:.3f} R={rec:.3f} (tp={tp[fam]:,} fp={fp[fam]:,} planted={len(gold[fam]):,})")
    for word in ("father", "mother"):
        planted = sum(1 for v in planted_word.values() if v == word)
        print(f"  {word}-line recall {found_word[word] / planted if planted else float('nan'):.3f} (planted={planted:,})")
    print(f"pairs that fit either direction, father rows: {either['right']:,} the right way round, "
          f"{either['reversed']:,} reversed, {either['other']:,} not planted")
    print("calibration: share of inferred ties (all kinds) that are planted, by score band")
    for band in sorted(bands):
        ok, bad = bands[band]
        print(f"  score {band:>6}: {ok / (ok + bad):.3f} of {ok + bad:,}")
    print("by kind (score band: share planted of count)")
    for fam in ("parent/child", "sibling", "spouse"):
        cells = [f"{b}: {kind_bands[(fam, b)][0] / sum(kind_bands[(fam, b)]):.2f} of {sum(kind_bands[(fam, b)]):,}"
                 for b in sorted({b for f, b in kind_bands if f == fam})]
        print(f"  {fam:13} " + "  ".join(cells))
    return 0


if __name__ == "__main__":
    sys.exit(main())
