"""What each orthography rule of the strict keys merges, over real names nobody on the team wrote.

A strict key should join spellings of one name and nothing else. This reads the full names of the real
data under ../shared/data/real (when present: nothing is copied), parses each distinct name once, and for
every rule of ``orthography_rules`` in names/data/folding.yaml prints the groups of distinct spellings
(given names, surnames, fathers' names) that share a key only because of that rule, so a person can read
them and judge which merges are wanted.

    python bench/names_merges.py            # every rule, 12 groups each
    python bench/names_merges.py --show 40
"""

from __future__ import annotations

import argparse
import collections
import csv
import dataclasses
import sys
from pathlib import Path

from tamyr.names import keys as keys_module
from tamyr.names import parse_name
from tamyr.names.tables import folding

REAL = Path(__file__).resolve().parents[2] / "shared" / "data" / "real"
SOURCES = [  # (file, columns joined into one full name)
    ("ua_declarations_2013_2014_officials/officials.csv", ["name"]),
    ("ua_mp_declarations_family/family_pairs.csv", ["fullname"]),
    ("ua_mp_declarations_family/family_pairs.csv", ["fullname_relative"]),
    ("ua_nazk_sample_declarations/family_members.csv", ["lastname", "firstname", "middlename"]),
    ("eu_sanctions_kin/persons.csv", ["name"]),
    ("everypolitician_postsoviet_legislators/legislators.csv", ["name"]),
    ("kz_mazhilis_deputies/mazhilis_deputies_2016.csv", ["name_ru"]),
    ("kz_mazhilis_deputies/mazhilis_deputies_2016.csv", ["name_kk"]),
]
CACHED = ("fold", "orthography", "given_key", "surname_root", "surname_key")


def real_names() -> list[str]:
    names = set()
    for path, cols in SOURCES:
        file = REAL / path
        if not file.exists():
            continue
        with file.open(encoding="utf-8", newline="") as handle:
            for row in csv.DictReader(handle):
                name = " ".join((row.get(c) or "").strip() for c in cols).strip()
                if name:
                    names.add(name)
    return sorted(names)


def groups(parts: list[tuple[str, str, str]]) -> dict[str, dict[str, frozenset]]:
    """part kind -> key -> the distinct spellings with that key."""
    out: dict[str, dict[str, set]] = {"given": collections.defaultdict(set), "surname": collections.defaultdict(set),
                                      "father": collections.defaultdict(set)}
    for given, surname, father in parts:
        if given:
            out["given"][keys_module.given_key(given)].add(given)
        if surname:
            out["surname"][keys_module.surname_key(surname)].add(surname)
        if father:
            out["father"][keys_module.given_key(father)].add(father)
    return {kind: {k: frozenset(v) for k, v in g.items()} for kind, g in out.items()}


def with_rules(rules: tuple) -> None:
    """Make the key functions use these orthography rules (caches cleared)."""
    table = dataclasses.replace(folding(), orthography_rules=rules)
    keys_module.folding = lambda: table
    for name in CACHED:
        getattr(keys_module, name).cache_clear()


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--show", type=int, default=12, help="groups printed per rule")
    args = ap.parse_args()
    names = real_names()
    if not names:
        print(f"no real names under {REAL}: nothing to measure")
        return 0
    parsed = [parse_name(n) for n in names]
    parts = [(p.given, p.surname, p.father_given) for p in parsed]
    rules = folding().orthography_rules
    full = groups(parts)
    spellings = {kind: sum(len(v) for v in g.values()) for kind, g in full.items()}
    print(f"{len(names):,} distinct real names; distinct spellings → keys with all rules: "
          + ", ".join(f"{kind} {spellings[kind]:,} → {len(full[kind]):,}" for kind in full))
    for i, (pattern, repl) in enumerate(rules):
        with_rules(rules[:i] + rules[i + 1:])
        without = groups(parts)
        merged = []
        for kind in full:
            split = {frozenset(v) for v in without[kind].values()}
            merged += [(kind, g) for g in full[kind].values() if len(g) > 1 and g not in split]
        print(f"\nrule {i + 1}: {pattern.pattern!r} -> {repl!r}: {len(merged)} groups merged only by it")
        for kind, g in sorted(merged, key=lambda kg: (-len(kg[1]), kg[0], sorted(kg[1])))[:args.show]:
            print(f"    {kind:8} {' = '.join(sorted(g))}")
    with_rules(rules)
    return 0


if __name__ == "__main__":
    sys.exit(main())
