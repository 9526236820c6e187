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
from typing import Iterable

from anyascii import anyascii

from .tables import folding, surnames

_NOT_LETTER = re.compile(r"[^a-z]+")
_PARTS = re.compile(r"[\s\-‐‑–—]+")
_VOWEL_LETTERS = set("aeiouyаеёиоуыэюяәөұүіїєäöüı")


@lru_cache(maxsize=1)
def _ascii_table() -> dict[int, str]:
    """anyascii's transliteration of every letter of the scripts names come in (Latin with diacritics,
    Cyrillic with Kazakh, Ukrainian and Belarusian letters), as one str.translate table: anyascii maps a
    character at a time, so this is the same result at C speed."""
    ranges = [(0x00C0, 0x0250), (0x0370, 0x0530), (0x1E00, 0x1F00), (0x2010, 0x2020)]
    return {cp: anyascii(chr(cp)) for lo, hi in ranges for cp in range(lo, hi)}


@lru_cache(maxsize=1)
def _fold_table() -> dict[int, str]:
    """folding.yaml's pre-map, then anyascii's table (the pre-map's results are ASCII): one translate."""
    table = dict(_ascii_table())
    table.update((cp, anyascii(v)) for cp, v in folding().pre_map.items())
    return table


@lru_cache(maxsize=1 << 20)
def fold(token: str) -> str:
    """Fold one name token (no spaces) to its strict key: 'Бақытбек' -> 'bakitbek'."""
    low = token.lower()
    hit = _PRIMED_FOLDS.get(low)
    return hit if hit is not None else _fold_lines(low, _NOT_LETTER)


def _fold_lines(text: str, not_letter: re.Pattern) -> str:
    """The folding of a lowercase text: one word, or many words one per line (prime)."""
    text = text.translate(_fold_table())
    if not text.isascii():
        text = anyascii(text)
    text = not_letter.sub("", text.lower())
    for pattern, repl in folding().rules:
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
_CONSONANTS = frozenset("bcdfghjklmnpqrstvwxz")


@lru_cache(maxsize=1 << 20)
def orthography(key: str) -> str:
    """Fold Kazakh <-> Russian orthography in the key of one name part or surname root (folding.yaml step 4):
    'ermirza' and 'ermurza' (Ермырза/Ермурза), 'gulnara' and 'gulnar' (Гульнара/Гүлнар) become one key."""
    return _orthography_lines(key)


def _orthography_lines(text: str) -> str:
    """The orthography rules over one key, or many keys one per line (prime)."""
    for pattern, repl in folding().orthography_rules:
        text = pattern.sub(repl, text)
    return text


def _given_part(part: str) -> str:
    hit = _PRIMED_GIVEN.get(part.lower())
    return hit if hit is not None else orthography(_given_folded(part))


def _given_folded(part: str) -> str:
    """A given-name part's key before orthography."""
    key = fold(part)
    key = _uk_ru().get(key, key)
    return key[:-1] if len(key) >= 5 and key[-1] == "u" and key[-2] in _CONSONANTS else key


@lru_cache(maxsize=1 << 20)
def given_key(given: str) -> str:
    """Key of a given name; double names are joined ('Қасым-Жомарт' -> 'kasimjomart'); common Ukrainian names
    take the key of their Russian counterpart (Олексій -> Алексей, data/uk_ru_given.yaml)."""
    if not given:
        return ""
    return "".join(_given_part(p) for p in _parts(given))


@lru_cache(maxsize=1 << 20)
def surname_root(part: str) -> tuple[str, str | None]:
    """(root key, gender implied by the ending) of one surname part: 'Иманалиева' -> ('imanal', 'f')."""
    low = part.lower()
    hit = _PRIMED_ROOTS.get(low)
    if hit is not None:
        return hit
    key, gender = _root_folded(low)
    return orthography(key), gender


@lru_cache(maxsize=None)
def _ending_index(kind: str) -> tuple[tuple[int, ...], dict[str, tuple]]:
    """The surname endings of one kind (surnames.yaml "strip" or "adjectival") by their text, and their
    lengths, longest first."""
    entries = getattr(surnames(), kind)
    index: dict[str, list] = {}
    for entry in entries:
        index.setdefault(entry[0], []).append(entry)
    return tuple(sorted({len(e[0]) for e in entries}, reverse=True)), {k: tuple(v) for k, v in index.items()}


def _endings(word: str, kind: str) -> tuple[tuple, ...]:
    """The endings of a kind that a word ends with, in the rules' order (longest first, file order among
    equal lengths): a lookup of the word's last letters instead of trying every rule."""
    lengths, _index = _ending_index(kind)
    return _endings_of_tail(word[-lengths[0]:] if lengths else "", kind)


@lru_cache(maxsize=1 << 16)
def _endings_of_tail(tail: str, kind: str) -> tuple[tuple, ...]:
    lengths, index = _ending_index(kind)
    return tuple(e for n in lengths if n <= len(tail) for e in index.get(tail[len(tail) - n:], ()))


def _adjectival_stem(low: str) -> tuple[str, str] | None:
    """(stem, gender) of a lowercase surname part with a written adjectival ending: Білий -> (біл, m)."""
    min_root = surnames().min_root
    for ending, gender, after_consonant in _endings(low, "adjectival"):   # the written -ий, not a folded -i
        if len(low) - len(ending) >= min_root and not (after_consonant and low[-len(ending) - 1] in _VOWEL_LETTERS):
            return low[: len(low) - len(ending)], gender
    return None


def _root_folded(low: str) -> tuple[str, str | None]:
    """A lowercase surname part's root key before orthography, and the gender of its ending."""
    adjectival = _adjectival_stem(low)
    if adjectival:
        return fold(adjectival[0]), adjectival[1]
    min_root = surnames().min_root
    key = fold(low)
    for ending, repl, gender, _form in _endings(key, "strip"):
        if len(key) - len(ending) >= min_root:
            root = key[: len(key) - len(ending)] + repl
            # Tokaiev -> tokai -> toka: a final й after a vowel is folded in given names too (Назарбай)
            return (root[:-1] if len(root) > 1 and root[-1] == "i" and root[-2] in "aeiou" else root), gender
    return key, None


# -- many words at once ------------------------------------------------------------------------------------

# Filled by prime(): lowercase word -> fold, surname_root, given-name part key. Bounded like the caches.
_PRIMED_FOLDS: dict[str, str] = {}
_PRIMED_ROOTS: dict[str, tuple[str, str | None]] = {}
_PRIMED_GIVEN: dict[str, str] = {}
_PRIMED_MAX = 1 << 21
_NOT_LETTER_OR_LINE = re.compile(r"[^a-z\n]+")


def _by_lines(texts: list[str], transform) -> list[str] | None:
    """transform applied to all texts joined one per line, split back; None if the line count changed (a
    rule that matched a line break, which no rule should)."""
    out = transform("\n".join(texts)).split("\n") if texts else []
    return out if len(out) == len(texts) else None


def prime(words: Iterable[str]) -> None:
    """Fold many words at once before they are parsed: one regular-expression pass per folding rule over all
    the words (one per line; the rules are multiline, see tables.folding) instead of one per word, which for a
    registry of mostly distinct surnames was most of the cost of its keys. Fills what fold, surname_root and
    given_key read first; the results are the same as word by word (tests/test_names_prime.py)."""
    if len(_PRIMED_FOLDS) > _PRIMED_MAX:
        _PRIMED_FOLDS.clear(), _PRIMED_ROOTS.clear(), _PRIMED_GIVEN.clear()
    # (the words of a registry repeat: given names, patronymics; each distinct one is split once)
    lows = [w for w in {p.lower() for w in set(words) for p in _parts(w)} - _PRIMED_ROOTS.keys() if "\n" not in w]
    stems = [a[0] for a in map(_adjectival_stem, lows) if a]
    todo = list(set(lows).union(stems) - _PRIMED_FOLDS.keys())
    folded = _by_lines(todo, lambda text: _fold_lines(text, _NOT_LETTER_OR_LINE))
    if folded is None:
        return
    _PRIMED_FOLDS.update(zip(todo, folded))
    roots = [_root_folded(w) for w in lows]
    given = [_given_folded(w) for w in lows]
    keys = list({k for k, _g in roots}.union(given))
    done = _by_lines(keys, _orthography_lines)
    if done is None:
        return
    orth = dict(zip(keys, done))
    _PRIMED_ROOTS.update((w, (orth[k], g)) for w, (k, g) in zip(lows, roots))
    _PRIMED_GIVEN.update((w, orth[k]) for w, k in zip(lows, given))


@lru_cache(maxsize=1 << 20)
def surname_key(surname: str) -> str:
    """Gender-neutral surname root key: Иманалиев, Иманалиева, Imanaliyev -> 'imanal'."""
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
    min_root = surnames().min_root
    low = part.lower()
    for ending, _gender, _after in _endings(low, "adjectival"):   # (only the length check: the class is '')
        if len(low) - len(ending) >= min_root:
            return ""
    key = fold(part)
    for ending, _repl, _gender, form in _endings(key, "strip"):
        if len(key) - len(ending) >= min_root:
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
