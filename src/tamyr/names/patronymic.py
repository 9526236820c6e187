"""Patronymics: recognise one, tell the gender, and rebuild the father's given name (data/patronymics.yaml).

    father_given_name("Бахытбекович") -> "Бахытбек"      father_given_name("Сергеевич") -> "Сергей"
    father_given_name("Мәжитұлы")     -> "Мәжит"         father_given_name("Ильич")     -> "Илья"
    father_given_name("Bakhytbekovich") -> "Bakhytbek"   father_given_name("Кемел ұлы") -> "Кемел"
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from .tables import patronymics

_VOWELS = set("аеёиоуыэюяәөұүіїєaeiouy")
_APOSTROPHES = re.compile("['’ʼ`]")
_HUSHERS = ("ж", "ш", "ч", "щ", "ц", "zh", "sh", "ch")


@dataclass(frozen=True)
class Patronymic:
    gender: str               # "m" | "f"
    father: str | None        # father's given name, nominative, script and case of the input
    suffix: str               # the suffix or particle recognised ("ович", "ұлы", "irregular")


def _stem_class(stem: str) -> str:
    low = stem.lower()
    if low[-1:] in _VOWELS:
        return "vowel"
    if low.endswith(_HUSHERS):
        return "husher"
    return "consonant"


def _match_case(word: str, model: str) -> str:
    """Give `word` the letter case style of `model` (ИМАНАЛИЕВ -> upper, иманалиев -> lower, else Title)."""
    if model.isupper() and len(model) > 1:
        return word.upper()
    if model.islower():
        return word.lower()
    return word[:1].upper() + word[1:]


def _stem_ending(stem: str, endings: tuple[tuple[str, str], ...]) -> str:
    """Amangeldin-ovich -> Amangeldy: a linking letter the patronymic adds to the father's name."""
    low = stem.lower()
    for ending, father in endings:
        if low.endswith(ending) and len(low) > len(ending):
            return stem[: len(stem) - len(ending)] + father
    return stem


@lru_cache(maxsize=256)
def _rules_ending(last: str) -> tuple:
    """The suffix rules that can match a word ending in this letter, in their order (longest first)."""
    return tuple(rule for rule in patronymics().rules if rule.suffix.endswith(last))


@lru_cache(maxsize=1 << 18)
def patronymic_info(token: str) -> Patronymic | None:
    """Recognise a patronymic written as one token (or 'Кемел ұлы' with a separate particle)."""
    table = patronymics()
    words = token.split()
    if len(words) == 2 and words[1].lower() in table.particles:   # "Кемел ұлы", "Heydar oglu"
        father = words[0]
        return Patronymic(table.particles[words[1].lower()], _match_case(father, father), words[1].lower())
    if len(words) != 1:
        return None
    low = token.lower()
    if low in table.irregular:
        return Patronymic("f" if low.endswith(("на", "na", "вна", "ivna")) else "m",
                          _match_case(table.irregular[low], token), "irregular")
    for rule in _rules_ending(low[-1:]):
        if not low.endswith(rule.suffix):
            continue
        stem = token[: len(token) - len(rule.suffix)]
        # an apostrophe is part of a Ukrainian stem (В’ячеслав-ович, Мар’ян-ович; ' ’ ʼ are all written)
        if len(stem) < table.min_stem or not _APOSTROPHES.sub("", stem).isalpha():
            continue
        if rule.after:
            cls = _stem_class(stem)
            # a husher is a consonant for rules that do not single hushers out (Latin Kabdush-evna)
            if cls != rule.after and not (rule.after == "consonant" and cls == "husher"):
                continue
        add = rule.father
        if add in ("й", "y") and stem.lower().endswith(table.keep_final_a):
            add = ""                     # Абдуллаевич -> Абдулла, Мусаевич -> Муса
        if not add:
            stem = _stem_ending(stem, table.stem_endings)
        father = stem + add
        return Patronymic(rule.gender, _match_case(father.lower(), token), rule.suffix)
    return None


def father_given_name(patronymic: str) -> str | None:
    """The father's given name a patronymic implies, or None when it is not a recognisable patronymic."""
    info = patronymic_info(" ".join(patronymic.split()))
    return info.father if info else None


@lru_cache(maxsize=1 << 16)
def is_particle(word: str) -> bool:
    return word.lower() in patronymics().particles
