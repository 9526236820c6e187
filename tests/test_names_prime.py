"""names.prime: keys folded for many words in one pass are the keys folded word by word."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tamyr.names import keys as K
from tamyr.names import prime

REAL = Path(__file__).resolve().parents[2] / "shared" / "data" / "real"
WIKIDATA = REAL / "everypolitician_postsoviet_legislators" / "wikidata_names.csv"

# the letters the folding rules and surname endings turn on, in the scripts names come in, and the marks
# words carry (apostrophes, hyphens)
LETTERS = ("абвгдеёжзийклмнопрстуфхцчшщъыьэюяәғқңөұүһіїєґў" "АБВГДЕЖЗИЙКЛМНОПРСТУФХЦЧШЩЫЭЮЯӘҒҚҢӨҰҮІЇЄ"
           "abcdefghijklmnopqrstuvwxyz" "ABCDEFGHIJKLMNOPQRSTUVWXYZ" "äöüçğışñéèáóúýžšč" "'’ʼ-")
word = st.text(alphabet=LETTERS, min_size=1, max_size=16)
# real endings and clusters, so that the rules meet their contexts more often than random letters would
piece = st.sampled_from(["shch", "sch", "dzh", "kh", "yo", "ie", "ye", "ii", "ua", "mb", "ий", "ська", "ская",
                         "ов", "ова", "ев", "ина", "ұлы", "қызы", "ский", "ko", "енко", "uly", "ova", "yi"])
built = st.lists(st.one_of(word, piece), min_size=1, max_size=4).map("".join)

settings.register_profile("prime", max_examples=200, deadline=None)


def _reset() -> None:
    for primed in (K._PRIMED_FOLDS, K._PRIMED_ROOTS, K._PRIMED_GIVEN):
        primed.clear()
    for cached in (K.fold, K.orthography, K.surname_root, K.surname_key, K.surname_form, K.surname_gender,
                   K.given_key):
        cached.cache_clear()


def _keys_of(words: list[str]) -> list[tuple]:
    return [(K.fold(w), K.surname_root(w), K.given_key(w), K.surname_key(w), K.surname_form(w)) for w in words]


def _same_primed_or_not(words: list[str]) -> None:
    _reset()
    expected = _keys_of(words)
    _reset()
    try:
        prime(words)
        assert _keys_of(words) == expected
    finally:
        _reset()


@settings(settings.get_profile("prime"))
@given(st.lists(st.one_of(word, built), min_size=1, max_size=40))
def test_primed_keys_are_the_word_by_word_keys(words):
    _same_primed_or_not(words)


def test_primed_keys_of_known_traps():
    _same_primed_or_not(["Білий", "Біла", "Тоқаев", "Tokaiev", "Назарбай", "Кононенко", "Мар'яна", "Мар’яна",
                         "Яриніч-Бучинська", "Shchukin", "Щукин", "Jarasov", "Джарасов", "Fyodor", "Фёдор",
                         "Алексеев", "Alekseyev", "Данило", "Kassym-Jomart", "Қасым-Жомарт", "Ермырза",
                         "Дүйсенбаев", "Дюсенбаев", "Уәлихан", "Gulnara", "Гүлнар", "ЗВОЛЬСКИЙ", "x"])


def test_prime_fills_what_the_keys_read_and_skips_what_it_cannot_fold_by_lines():
    _reset()
    root = K.surname_root("Иманалиева")
    _reset()
    try:
        prime(["Иманалиева", "Қасым-Жомарт", "a\nb"])
        assert K._PRIMED_ROOTS["иманалиева"] == root
        assert root[1] == "f"
        assert {"қасым", "жомарт"} <= K._PRIMED_GIVEN.keys()
        assert not any("\n" in w for w in K._PRIMED_FOLDS)
        prime([])                                   # nothing to do is not an error
    finally:
        _reset()


@pytest.mark.skipif(not WIKIDATA.exists(), reason="real data not present")
def test_primed_keys_on_real_legislators_names():
    with WIKIDATA.open(encoding="utf-8") as f:
        words = sorted({w for row in csv.DictReader(f)
                        for k in ("name__ru", "name__en", "name_native", "name__uk") for w in (row[k] or "").split()})
    assert len(words) > 1000
    _same_primed_or_not(words)
