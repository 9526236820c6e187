#!/usr/bin/env python3
"""Kin inference on samples of the evaluation's Ukrainian registry: how the scores hold as the registry grows.

    python bench/kin_eval_subsample.py [--families 60] [--distractors 300] [--seeds 5] [--min-score 0.5]

Builds the registry of ../shared/eval/kin_eval.py with its own loader (the evaluation script and the real
data must be present under ../shared; nothing is copied), draws F declared families whole and D of the
other officials, runs ``tamyr kin infer`` on the sample and scores it with the evaluation's own scorer,
restricted to the sample. A sample has fewer namesakes per surname than the whole registry (8,618
persons), so it shows what the same names give when a surname's block holds fewer strangers.
"""

from __future__ import annotations

import argparse
import collections
import contextlib
import csv
import io
import random
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

EVAL = Path(__file__).resolve().parents[2] / "shared" / "eval"


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--families", type=int, default=60)
    ap.add_argument("--distractors", type=int, default=300)
    ap.add_argument("--seeds", type=int, default=5)
    ap.add_argument("--min-score", type=float, default=0.5)
    args = ap.parse_args()
    if not (EVAL / "kin_eval.py").exists():
        print(f"{EVAL / 'kin_eval.py'} is not here: nothing to sample")
        return 0
    sys.path.insert(0, str(EVAL))
    import kin_eval as ke  # the evaluation's own loader, truth and scorer

    truth, registry = ke.Truth(), {}
    ke.load_ua(truth, registry)
    members = collections.defaultdict(set)
    for person, groups in truth.groups.items():
        for g in groups:
            members[g].add(person)
    others = sorted(p for p in registry if p not in truth.groups)
    results = collections.defaultdict(list)
    for seed in range(1, args.seeds + 1):
        rng = random.Random(seed)
        picked = set(rng.sample(sorted(members), min(args.families, len(members))))
        keep = set().union(*(members[g] for g in picked)) | set(rng.sample(others, min(args.distractors, len(others))))
        sample = ke.Truth()
        sample.names = truth.names
        for person in keep:
            if truth.groups.get(person, set()) & picked:
                sample.groups[person] = truth.groups[person] & picked
        sample.ties = {k: v for k, v in truth.ties.items() if k[0] in keep and k[1] in keep}
        sample.stated = {p for p in truth.stated if set(p) <= keep}
        with tempfile.TemporaryDirectory() as tmp:
            inp, out = Path(tmp) / "registry.csv", Path(tmp) / "inferred.csv"
            with inp.open("w", encoding="utf-8", newline="") as f:
                w = csv.writer(f)
                w.writerow(["id", "name"])
                w.writerows(sorted((p, registry[p]) for p in keep))
            subprocess.run([sys.executable, "-m", "tamyr.cli", "kin", "infer", str(inp), "--out", str(out),
                            "--min-score", str(args.min_score)], check=True, capture_output=True)
            with out.open(encoding="utf-8") as f:
                rows = list(csv.DictReader(f))
        with contextlib.redirect_stdout(io.StringIO()):   # the scorer prints its lines; the summary is below
            res = ke.score("ua", sample, rows, args.min_score)
        results["persons"].append(len(keep))
        for key in ("parent/child", "father-line", "mother-line", "sibling", "spouse"):
            results[key].append(res[key])
    print(f"ua samples: {args.families} declared families + {args.distractors} other officials, "
          f"{args.seeds} seeds, {statistics.mean(results['persons']):.0f} persons on average; "
          f"ties at score >= {args.min_score} (mean over seeds, min-max)")

    def spread(values: list[float]) -> str:
        values = [v for v in values if v == v]
        return f"{statistics.mean(values):.3f} ({min(values):.3f}-{max(values):.3f})" if values else "nan"

    for key in ("parent/child", "sibling", "spouse"):
        print(f"  {key:13} P={spread([r[0] for r in results[key]])}  R={spread([r[1] for r in results[key]])}")
    for key in ("father-line", "mother-line"):
        print(f"  {key:13} R={spread([r[1] for r in results[key]])}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
