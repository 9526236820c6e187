#!/usr/bin/env python3
"""How records written with initials join their person, on the synthetic registry with planted second records.

    python bench/bench_initials.py [--n 100000] [--seed 1] [--share 0.05] [--min-score 0.5]

Takes the synthetic registry of ``bench/synthetic.py`` (its own rows written with initials are other persons),
adds for a random share of its persons written in full in Cyrillic ("Surname Given Patronymic") a second
record of the same person written with initials ("Surname G. P.", same birth date, gender, country and
organisation; id ``dup-<id>``), runs ``tamyr kin infer`` and reports:

* the same-person rate the run estimated for such joins (``same_person_initials``) and what it skipped;
* of the planted second records, how many carry ties, and how many of those ties are the person's own
  planted ties (truth.csv, read through the second record's person);
* of the ties the person's full record carries at the threshold, the share its second record carries too
  (a join carries a tie at its score times the same-person rate, so some fall below).
"""

from __future__ import annotations

import argparse
import csv
import random
import re
import subprocess
import sys
import time
from collections import defaultdict
from pathlib import Path

from synthetic import CLASS_OF, planted_ties, registry_dir

from tamyr.names import is_initial, parse_name

FULL_CYRILLIC = re.compile(r"^[А-ЯЁЄІЇҐӘҒҚҢӨҰҮҺ][^\s.]+ [А-ЯЁЄІЇҐӘҒҚҢӨҰҮҺ][^\s.]+ [А-ЯЁЄІЇҐӘҒҚҢӨҰҮҺ][^\s.]+$")


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--n", type=int, default=100_000)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--share", type=float, default=0.05, help="share of full Cyrillic records given a second one")
    ap.add_argument("--min-score", type=float, default=0.5)
    ap.add_argument("--workdir", type=Path, default=Path("bench/out/kin"))
    args = ap.parse_args()
    data = registry_dir(args.workdir, args.n, args.seed)
    rng = random.Random(args.seed)
    registry = data / f"registry-initials-{args.share}.csv"
    planted: dict[str, str] = {}                 # second record id -> the person's id
    with (data / "registry.csv").open(encoding="utf-8", newline="") as f_in, \
            registry.open("w", encoding="utf-8", newline="") as f_out:
        reader, writer = csv.DictReader(f_in), None
        extra = []
        for row in reader:
            if writer is None:
                writer = csv.DictWriter(f_out, fieldnames=reader.fieldnames)
                writer.writeheader()
            writer.writerow(row)
            if row["birth_date"] and FULL_CYRILLIC.match(row["name"]) and rng.random() < args.share:
                p = parse_name(row["name"])             # "Surname Given Patronymic" or "Given Patronymic Surname"
                if not (p.given and p.patronymic and p.surname):
                    continue
                dup = dict(row, id=f"dup-{row['id']}", name=f"{p.surname} {p.given[0]}. {p.patronymic[0]}.")
                extra.append(dup)
                planted[dup["id"]] = row["id"]
        writer.writerows(extra)
    out = data / f"inferred-initials-{args.share}.csv"
    started = time.perf_counter()
    proc = subprocess.run([sys.executable, "-m", "tamyr.cli", "kin", "infer", str(registry), "--out", str(out),
                           "--min-score", str(args.min_score)], capture_output=True, text=True)
    if proc.returncode != 0:
        print(proc.stderr[-3000:])
        return 1
    text = " ".join(proc.stderr.split())
    rate = re.search(r"same_person_initials ([0-9.]+)", text)
    print(f"{args.n:,} persons + {len(planted):,} second records written with initials; kin infer {time.perf_counter() - started:.1f} s")
    print(f"same-person rate of a join by initials: {rate.group(1) if rate else '?'}")
    with registry.open(encoding="utf-8") as f:
        own = sum(1 for r in csv.DictReader(f) if not r["id"].startswith("dup-") and is_initial(r["name"].split(" ")[-1]))
    print(f"the registry's own records written with initials (other persons): about {own:,}")
    for reason in re.findall(r"([0-9,]+) given name written as an initial, and ([^(]*?) \(lines", text):
        print(f"  skipped {reason[0]}: {reason[1]}")

    truth = planted_ties(data)
    ties: dict[str, set[tuple[str, str]]] = defaultdict(set)
    with out.open(encoding="utf-8") as f:
        for r in csv.DictReader(f):
            ties[r["person_id"]].add((r["relative_id"], CLASS_OF.get(r["relationship"], "?")))
    with_ties = [d for d in planted if ties.get(d)]
    right = wrong = 0
    for d in with_ties:
        person = planted[d]
        for relative, cls in ties[d]:
            relative = planted.get(relative, relative)
            if relative == person:
                continue
            if truth.get((person, relative)) == cls:
                right += 1
            else:
                wrong += 1
    base_right = base_all = 0                    # the same measure over the full records' ties, for comparison
    for person in set(planted.values()):
        for relative, cls in ties.get(person, ()):
            relative = planted.get(relative, relative)
            if relative != person:
                base_all += 1
                base_right += truth.get((person, relative)) == cls
    carried = total = 0
    for d, person in planted.items():
        own = {(planted.get(r, r), c) for r, c in ties.get(person, ()) if planted.get(r, r) != person}
        mine = {(planted.get(r, r), c) for r, c in ties.get(d, ())}
        total += len(own)
        carried += len(own & mine)
    print(f"second records with ties at >= {args.min_score}: {len(with_ties):,} of {len(planted):,}")
    print(f"their ties: {right + wrong:,}, planted for their person {right / max(right + wrong, 1):.3f} "
          f"(the persons' full records: {base_right / max(base_all, 1):.3f} of {base_all:,})")
    print(f"ties of the persons' full records carried by their second record: {carried:,} of {total:,} "
          f"({carried / max(total, 1):.3f})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
