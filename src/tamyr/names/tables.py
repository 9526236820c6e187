"""Load the name tables (YAML under names/data/): folding rules, patronymic suffixes, surname endings.

The Python here is a thin engine; what the rules *are* lives in the data files, each citing its sources.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import yaml

DATA = Path(__file__).parent / "data"


def load(name: str) -> dict:
    with (DATA / name).open(encoding="utf-8") as handle:
        return yaml.safe_load(handle)


@dataclass(frozen=True)
class Folding:
    pre_map: dict[int, str]
    rules: tuple[tuple[re.Pattern | str, str], ...]   # a str is a literal replacement
    orthography_rules: tuple[tuple[re.Pattern, str], ...]
    loose_rules: tuple[tuple[re.Pattern, str], ...]


@lru_cache(maxsize=1)
def folding() -> Folding:
    data = load("folding.yaml")
    pre_map = {ord(k): v for k, v in data["pre_map"].items()}
    # upper-case letters of the pre-map as well (tokens are lowercased first, this is a safety net)
    # a rule whose pattern is plain letters is a str.replace (several times faster than a regex sub).
    # Multiline: ^ and $ also hold at each line of a text of one word per line (keys.prime folds many words
    # in one pass); a single word has no line breaks, so for it the flag changes nothing.
    rules = tuple((p if re.fullmatch(r"[a-z]+", p) else re.compile(p, re.M), r) for p, r in data["rules"])
    loose = tuple((re.compile(p, re.M), r) for p, r in data["loose_rules"])
    orthography = tuple((re.compile(p, re.M), r) for p, r in data.get("orthography_rules", []))
    return Folding(pre_map, rules, orthography, loose)


@dataclass(frozen=True)
class PatronymicRule:
    suffix: str
    gender: str
    father: str
    after: str | None


@dataclass(frozen=True)
class Patronymics:
    min_stem: int
    irregular: dict[str, str]
    keep_final_a: tuple[str, ...]
    stem_endings: tuple[tuple[str, str], ...]   # (stem ending, father's name ending), longest first
    rules: tuple[PatronymicRule, ...]   # longest suffix first, file order kept for equal length
    particles: dict[str, str]


@lru_cache(maxsize=1)
def patronymics() -> Patronymics:
    data = load("patronymics.yaml")
    seen: set[tuple] = set()
    rules: list[PatronymicRule] = []
    for item in data["suffixes"]:
        rule = PatronymicRule(item["suffix"], item["gender"], item.get("father", ""), item.get("after"))
        if (rule.suffix, rule.after) in seen:
            continue
        seen.add((rule.suffix, rule.after))
        rules.append(rule)
    rules.sort(key=lambda r: -len(r.suffix))  # stable: file order kept among equal lengths
    return Patronymics(
        min_stem=int(data.get("min_stem", 2)),
        irregular={k.lower(): v for k, v in data["irregular"].items()},
        keep_final_a=tuple(data.get("keep_final_a", [])),
        stem_endings=tuple(sorted(((k.lower(), v.lower()) for k, v in (data.get("stem_endings") or {}).items()),
                                  key=lambda kv: -len(kv[0]))),
        rules=tuple(rules),
        particles={k.lower(): v for k, v in data["particles"].items()},
    )


@dataclass(frozen=True)
class Surnames:
    min_root: int
    strip: tuple[tuple[str, str, str, str], ...]   # ending, replacement, gender, suffix class
    invariant: tuple[str, ...]
    adjectival: tuple[tuple[str, str, bool], ...] = ()  # written masculine endings, longest first; True:
                                                        # only after a consonant


@lru_cache(maxsize=1)
def surnames() -> Surnames:
    data = load("surnames.yaml")
    strip = sorted(((x[0], x[1], x[2], x[3] if len(x) > 3 else "") for x in data["strip"]), key=lambda x: -len(x[0]))
    adjectival = sorted(((x[0], x[1], len(x) > 2 and x[2] == "consonant") for x in data.get("adjectival", [])),
                        key=lambda x: -len(x[0]))
    return Surnames(int(data.get("min_root", 3)), tuple(strip), tuple(x for x in data.get("invariant", []) if x),
                    tuple(adjectival))
