"""Russian case forms of names -> nominative, with pymorphy3 (offline dictionaries, loaded on first use).

"Бахытбека Иманалиева" -> "Бахытбек Иманалиев"; "сына Бахытбека Иманалиева" -> "сына Бахытбек Иманалиев"
(only the capitalised words, the name, are changed). All name words share one case, so the case is chosen for the
whole name (Иманалиева alone could be a woman's nominative; beside Бахытбека it is a man's genitive).
pymorphy3 does not know Kazakh letters: they are swapped one for one for Russian look-alikes before analysis and
put back afterwards (Тоқаевым -> Токаевым -> Токаев -> Тоқаев).
"""

from __future__ import annotations

import re
from functools import lru_cache

# Kazakh letter -> Russian look-alike, one for one (string length unchanged, so positions map back)
_KK2RU = str.maketrans("ҚқҰұҮүӘәӨөҢңҒғІіҺһ", "ККУУУУААООННГГИИХх")
_CASES = ("nomn", "gent", "datv", "accs", "ablt", "loct")
_NAMEISH = {"Name", "Surn", "Patr"}


@lru_cache(maxsize=1)
def _analyzer():
    import pymorphy3

    return pymorphy3.MorphAnalyzer()


_CYRILLIC = re.compile("[а-яёіїєґқұүәөңғһ]")
# Ukrainian letters pymorphy3's Russian dictionary lacks, for the given-name lookup only (Віктор -> Виктор;
# the apostrophe is the Russian soft sign: Дар'я -> Дарья)
_UK2RU = str.maketrans({"ї": "и", "є": "е", "ґ": "г", "'": "ь", "’": "ь", "ʼ": "ь", "`": "ь"})


@lru_cache(maxsize=1)
def _uk_ru_given() -> dict[str, str]:
    from .tables import load

    return {uk.lower(): ru.lower() for uk, ru in load("uk_ru_given.yaml").items()}


@lru_cache(maxsize=1 << 17)
def given_name_evidence(word: str) -> int:
    """How surely a Cyrillic word is a given name by the dictionary (pymorphy3's OpenCorpora, which tags
    first names Name and surnames Surn, loaded on first use): 2 for a known first name that is no known
    surname (Дмитрий, Нурлан, Айгуль; Ukrainian forms through data/uk_ru_given.yaml or their Russian
    letters: Сергій, Віктор), 1 for a word that is both (Роман, Богдан), 0 for an unknown word or any
    other (Мельник, Часожкарев). Words the dictionary only guesses at count 0: its guesses tag unknown
    surnames as names (Гладогоров)."""
    low = word.lower()
    if not _CYRILLIC.search(low):
        return 0
    low = _uk_ru_given().get(low, low).translate(_UK2RU).translate(_KK2RU).lower()
    analyzer = _analyzer()
    if not analyzer.word_is_known(low):
        return 0
    name = surname = False
    for p in analyzer.parse(low):
        grammemes = p.tag.grammemes
        if "Name" in grammemes and "sing" in grammemes and "nomn" in grammemes:
            name = True
        if "Surn" in grammemes:
            surname = True
    return 0 if not name else (1 if surname else 2)


@lru_cache(maxsize=1 << 16)
def _parses(word: str) -> tuple:
    """Noun-like parses of a (lowercased, Russian-lettered) word: (case, gender, score, parse, nameish)."""
    out = []
    for p in _analyzer().parse(word):
        tag = p.tag
        if tag.POS != "NOUN" or tag.case not in _CASES or tag.number == "plur":
            continue
        gender = str(tag.gender) if tag.gender else None  # plain str: pymorphy3's raises on unknown grammemes
        out.append((str(tag.case), gender, p.score, p, bool(_NAMEISH & set(tag.grammemes))))
    return tuple(out)


def _restore(original: str, new: str) -> str:
    """Put back the Kazakh letters and the letter case of `original` on the inflected `new`."""
    mapped = original.translate(_KK2RU).lower()
    out = []
    for i, ch in enumerate(new):
        if i < len(original) and mapped[i] == ch:
            out.append(original[i])
        elif original.isupper():
            out.append(ch.upper())
        else:
            out.append(ch)
    word = "".join(out)
    if original[:1].isupper():
        word = word[:1].upper() + word[1:]
    return word


def nominative_tokens(tokens: list[str]) -> list[str]:
    """Put the capitalised Cyrillic words of a name into the nominative; other words are returned unchanged."""
    slots = [i for i, t in enumerate(tokens) if t[:1].isupper() and "." not in t] or list(range(len(tokens)))
    analyses = {}
    for i in slots:
        word = tokens[i].translate(_KK2RU).lower()
        parts = word.split("-")
        analyses[i] = _parses(parts[-1]) if parts[-1] else ()
    gender = _name_gender(tokens, slots, analyses)
    if gender:  # read every word in that gender: "Ерланқызы Сәрсенову" is a woman's accusative
        analyses = {i: tuple(a for a in parses if a[1] in (gender, None, "ms-f")) or parses
                    for i, parses in analyses.items()}
    # the case shared by all words (words with no noun parse, e.g. indeclinable Айгерим, do not vote)
    common = None
    for i in slots:
        cases = {a[0] for a in analyses[i]}
        if not cases:
            continue
        common = cases if common is None else common & cases
    if not common or "nomn" in common:
        return list(tokens)
    weight = {c: 0.0 for c in common}
    for i in slots:
        for case, _g, score, _p, nameish in analyses[i]:
            if case in weight:
                weight[case] += score * (2.0 if nameish else 1.0)
    case = max(weight, key=lambda c: (weight[c], -_CASES.index(c)))
    out = list(tokens)
    for i in slots:
        cands = [a for a in analyses[i] if a[0] == case]
        if not cands:
            continue
        if gender:
            cands = [a for a in cands if a[1] in (gender, None, "ms-f")] or cands
        cands.sort(key=lambda a: (-a[4], -a[2]))
        parse = cands[0][3]
        target = {"nomn"}
        inflected = parse.inflect(target)
        if inflected is None:
            continue
        head, _, last = tokens[i].rpartition("-")
        new_last = _restore(last, inflected.word)
        out[i] = f"{head}-{new_last}" if head else new_last
    return out


# Kazakh patronymic particles carry the gender pymorphy3 cannot see (Ерланқызы, Кемелұлы).
_KAZAKH_PATRONYMIC = (("қызы", "f"), ("кызы", "f"), ("ұлы", "m"), ("улы", "m"))


def _name_gender(tokens: list[str], slots: list[int], analyses: dict) -> str | None:
    """masc/femn of the whole name: a Kazakh patronymic, else a Russian patronymic in any case, else
    the given name's parses when they agree on one gender."""
    for i in slots:
        low = tokens[i].lower()
        for suffix, g in _KAZAKH_PATRONYMIC:
            if low.endswith(suffix) and len(low) > len(suffix) + 2:
                return "masc" if g == "m" else "femn"
    for i in slots:
        for _c, g, _s, p, _n in analyses[i]:
            if "Patr" in p.tag.grammemes and g in ("masc", "femn"):
                return g
    for i in slots:
        genders = {g for _c, g, _s, p, _n in analyses[i] if "Name" in p.tag.grammemes and g in ("masc", "femn")}
        if len(genders) == 1:
            return genders.pop()
    return None


def nominative(text: str) -> str:
    """Russian inflected name -> nominative: 'Бахытбека Иманалиева' -> 'Бахытбек Иманалиев'. Never raises."""
    try:
        tokens = text.split()
        if not tokens:
            return text
        return " ".join(nominative_tokens(tokens))
    except Exception:  # noqa: BLE001 — a name we cannot inflect is returned as it is
        return text
