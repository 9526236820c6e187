#!/usr/bin/env python3
"""Which word of a two-word Cyrillic name (no patronymic) the parser takes as the surname, on real names.

    python bench/names_order.py [--real ../shared/data/real]

Real full names "Surname Given Patronymic" (Russian Duma and Ukrainian Rada members of EveryPolitician, Uzbek
legislators, Ukrainian officials of the 2013-14 declarations; the real data must be present, nothing is copied)
are parsed whole, which gives their surname and given name by the patronymic's place. Each is then written
without its patronymic in both orders, "Given Surname" (as news text writes names) and "Surname Given" (as
registries do), and parsed again. Printed per source and order: the share of names whose surname the parser
finds, and how often it says it guessed the order.
"""
from __future__ import annotations

import argparse
import csv
import re
import sys
from pathlib import Path

from tamyr.names import parse_name

CYRILLIC = re.compile("[а-яёіїєґўқғ]", re.IGNORECASE)


def full_names(real: Path) -> dict[str, list[str]]:
    """Source -> three-word Cyrillic names whose middle word the parser reads as a patronymic."""
    out: dict[str, list[str]] = {}
    legislators = real / "everypolitician_postsoviet_legislators" / "legislators.csv"
    if legislators.exists():
        with legislators.open(encoding="utf-8") as f:
            for row in csv.DictReader(f):
                out.setdefault(f"everypolitician {row['country']}", []).append(row["name"])
    officials = real / "ua_declarations_2013_2014_officials" / "officials.csv"
    if officials.exists():
        with officials.open(encoding="utf-8") as f:
            out["ua officials 2013-14"] = [row["name"] for row in csv.DictReader(f)]
    return {k: v for k, v in out.items() if any(CYRILLIC.search(n) for n in v)}


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--real", type=Path, default=Path(__file__).resolve().parents[2] / "shared" / "data" / "real")
    args = ap.parse_args()
    sources = full_names(args.real)
    if not sources:
        print(f"no real data under {args.real}")
        return 1
    for source, names in sorted(sources.items()):
        pairs = []
        for name in names:
            words = name.split()
            if len(words) != 3 or not CYRILLIC.search(name):
                continue
            p = parse_name(name)
            if p.order != "surname given patronymic" or not p.surname or not p.given:
                continue
            pairs.append((p.given, p.surname))
        if len(pairs) < 20:
            continue
        cells = []
        for order, text in (("given surname", lambda g, s: f"{g} {s}"), ("surname given", lambda g, s: f"{s} {g}")):
            right = guessed = 0
            for given, surname in pairs:
                q = parse_name(text(given, surname))
                right += q.surname == surname
                guessed += any(m.startswith("order guessed") for m in q.problems)
            cells.append(f"{order}: surname right {right / len(pairs):.3f}, order guessed {guessed / len(pairs):.3f}")
        print(f"{source} ({len(pairs)} names)  " + "  |  ".join(cells))
    return 0


if __name__ == "__main__":
    sys.exit(main())
