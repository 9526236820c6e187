"""Match keys: script- and spelling-independent ASCII forms of given names and surname roots.

One key space for given names and surname roots, so that

    surname_key("Emomali") == given_key("Emomali")          # surname built from a given name
    surname_key("Жанбулатов") == surname_key("Жанбулат")     # Kazakh suffix dropping (Decree 2923, 1996)
    surname_key("Назарбаев") == given_key("Назарбай")        # Soviet surnames = ancestor's name + -ев
    given_key("Bakhytbek") == given_key("Бақытбек") == given_key("Бахытбек") == given_key("Bakhitbek")

Folding = anyascii + the ordered rules in data/folding.yaml (transliteration), then, per name part or surname
root, its Kazakh <-> Russian orthography rules; surname endings in data/surnames.yaml.
Everything is cached per token: real registries repeat tokens heavily.
"""

from __future__ import annotations

import re
from functools import lru_cache

from anyascii import anyascii

from .tables import folding, surnames

_NOT_LETTER = re.compile(r"[^a-z]+")
_PARTS = re.compile(r"[\s\-‐‑–—]+")
_FINAL_I = re.compile(r"(?<=[aeiou])i$")
_VOWEL_LETTERS = set("aeiouyаеёиоуыэюяәөұүіїєäöüı")


@lru_cache(maxsize=1)
def _ascii_table() -> dict[int, str]:
    """anyascii's transliteration of every letter of the scripts names come in (Latin with diacritics,
    Cyrillic with Kazakh, Ukrainian and Belarusian letters), as one str.translate table: anyascii maps a
    character at a time, so this is the same result at C speed."""
    ranges = [(0x00C0, 0x0250), (0x0370, 0x0530), (0x1E00, 0x1F00), (0x2010, 0x2020)]
    return {cp: anyascii(chr(cp)) for lo, hi in ranges for cp in range(lo, hi)}


def _to_ascii(text: str) -> str:
    if text.isascii():
        return text
    out = text.translate(_ascii_table())
    return out if out.isascii() else anyascii(out)


@lru_cache(maxsize=1 << 20)
def fold(token: str) -> str:
    """Fold one name token (no spaces) to its strict key: 'Бақытбек' -> 'bakitbek'."""
    table = folding()
    text = _to_ascii(token.lower().translate(table.pre_map)).lower()
    text = _NOT_LETTER.sub("", text)
    for pattern, repl in table.rules:
        text = text.replace(pattern, repl) if isinstance(pattern, str) else pattern.sub(repl, text)
    return text


@lru_cache(maxsize=1 << 20)
def loose(key: str) -> str:
    """Consonant skeleton of a strict key, for Kazakh <-> Russian spelling drift (Өтеғұл/Утегул)."""
    if not key:
        return key
    text = key
    for pattern, repl in folding().loose_rules:
        text = pattern.sub(repl, text)
    return text


_SEPARATORS = frozenset(" \t-‐‑–—")


def _parts(text: str) -> list[str]:
    if not _SEPARATORS.intersection(text):        # one word: the common case, no regex
        return [text] if text else []
    return [p for p in _PARTS.split(text) if p]


@lru_cache(maxsize=1)
def _uk_ru() -> dict[str, str]:
    from .tables import load

    table = {}
    for uk, ru in load("uk_ru_given.yaml").items():
        a, b = fold(uk), fold(ru)
        if a != b:
            table[a] = b
    return table


# Ukrainian masculine names in -о (Данило, Кирило, Гаврило, Марко) drop it before the patronymic suffix
# (Данилович, Кирилівна): the given-name key drops a final -о after a consonant so both sides agree.
_FINAL_O = re.compile(r"(?<=[bcdfghjklmnpqrstvwxz])u$")


@lru_cache(maxsize=1 << 20)
def orthography(key: str) -> str:
    """Fold Kazakh <-> Russian orthography in the key of one name part or surname root (folding.yaml step 4):
    'ermirza' and 'ermurza' (Ермырза/Ермурза), 'gulnara' and 'gulnar' (Гульнара/Гүлнар) become one key."""
    for pattern, repl in folding().orthography_rules:
        key = pattern.sub(repl, key)
    return key


def _given_part(part: str) -> str:
    key = fold(part)
    key = _uk_ru().get(key, key)
    key = _FINAL_O.sub("", key) if len(key) >= 5 else key
    return orthography(key)


@lru_cache(maxsize=1 << 20)
def given_key(given: str) -> str:
    """Key of a given name; double names are joined ('Қасым-Жомарт' -> 'kasimjomart'); common Ukrainian names
    take the key of their Russian counterpart (Олексій -> Алексей, data/uk_ru_given.yaml)."""
    if not given:
        return ""
    return "".join(_given_part(p) for p in _parts(given))


@lru_cache(maxsize=1 << 20)
def surname_root(part: str) -> tuple[str, str | None]:
    """(root key, gender implied by the ending) of one surname part: 'Иманалиева' -> ('imanali', 'f')."""
    table = surnames()
    low = part.lower()
    for ending, gender, after_consonant in table.adjectival:   # Білий -> Біл (the written -ий, not a folded -i)
        if low.endswith(ending) and len(low) - len(ending) >= table.min_root and not (
                after_consonant and low[-len(ending) - 1] in _VOWEL_LETTERS):
            return orthography(fold(part[: len(part) - len(ending)])), gender
    key = fold(part)
    for ending, repl, gender, _form in table.strip:
        if key.endswith(ending) and len(key) - len(ending) >= table.min_root:
            root = key[: len(key) - len(ending)] + repl
            # Tokaiev -> tokai -> toka: a final й after a vowel is folded in given names too (Назарбай)
            return orthography(_FINAL_I.sub("", root)), gender
    return orthography(key), None


@lru_cache(maxsize=1 << 20)
def surname_key(surname: str) -> str:
    """Gender-neutral surname root key: Иманалиев, Иманалиева, Imanaliyev -> 'imanali'."""
    if not surname:
        return ""
    return "".join(surname_root(p)[0] for p in _parts(surname))


@lru_cache(maxsize=1 << 20)
def surname_form(surname: str) -> str:
    """The class of the ending cut from the (last part of the) surname: 'ov' (-ов/-ев), 'in' (-ин) or ''
    (none, or an adjectival -ий/-ая, whose Ukrainian feminine -а cannot be told from an invariant -а):
    Жуков -> 'ov', Жук -> '' — one root, two surnames in Ukraine, one family in Kazakhstan
    (Жанбулатов/Жанбулат, Decree No. 2923)."""
    parts = _parts(surname or "")
    if not parts:
        return ""
    part = parts[-1]
    table = surnames()
    low = part.lower()
    for ending, _gender, _after in table.adjectival:   # (only the length check: the class is '')
        if low.endswith(ending) and len(low) - len(ending) >= table.min_root:
            return ""
    key = fold(part)
    for ending, _repl, _gender, form in table.strip:
        if key.endswith(ending) and len(key) - len(ending) >= table.min_root:
            return "" if form == "adj" else form
    return ""


@lru_cache(maxsize=1 << 20)
def surname_gender(surname: str) -> str | None:
    """'m'/'f' when the surname ending is gendered (-ов/-ова, -ский/-ская), else None."""
    parts = _parts(surname or "")
    if not parts:
        return None
    return surname_root(parts[-1])[1]


def name_key(given_k: str | None, surname_k: str | None) -> str | None:
    """Whole-name key: surname root + given name, space separated (patronymic is a separate key)."""
    parts = [k for k in (surname_k, given_k) if k]
    return " ".join(parts) if parts else None
