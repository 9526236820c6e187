"""Property-based tests of the name parser and key folding (hypothesis)."""

from __future__ import annotations

import json

from anyascii import anyascii
from hypothesis import given, settings
from hypothesis import strategies as st

from tamyr.names import fold, given_key, latin_variants, parse_name, surname_key

GIVEN = ["Жандос", "Айгерим", "Нурлан", "Бахытбек", "Қасым-Жомарт", "Асель", "Сергей", "Ерлан", "Гүлнар",
         "Мұхтар", "Әлихан", "Бақытжан", "Иван", "Дмитрий", "Аружан"]
FATHERS_M = ["Бахытбекович", "Мажитович", "Сергеевич", "Ерланович", "Нуртаевич", "Кемелұлы", "Мәжитұлы",
             "Бақытбекұлы", "Андреевич", "Юрьевич"]
FATHERS_F = ["Бахытбековна", "Сергеевна", "Ерланқызы", "Нуртаевна", "Кемелқызы"]
SURNAMES = ["Иманалиев", "Тоқаев", "Назарбаев", "Әбдіров", "Жанбулатов", "Ахметов", "Звольский", "Смағұл",
            "Құсайынов", "Шевченко"]

male = st.tuples(st.sampled_from(GIVEN), st.sampled_from(FATHERS_M), st.sampled_from(SURNAMES))

settings.register_profile("names", max_examples=150, deadline=None)
settings.load_profile("names")


@given(st.text(max_size=400))
def test_parser_never_raises_on_any_text(text):
    p = parse_name(text)
    json.dumps(p.to_dict())
    assert set(p.keys) == {"name", "given", "surname", "father_given"}
    assert all(v is None or (v.isascii() and v) for v in p.keys.values())


@given(st.lists(st.sampled_from(GIVEN + FATHERS_M + SURNAMES + ["ұлы", ",", "Ж.", "-", "1", "\x00"]),
                max_size=8))
def test_parser_never_raises_on_name_like_word_salad(words):
    parse_name(" ".join(words))


@given(male)
def test_keys_stable_under_registry_reordering(parts):
    g, p, s = parts
    a = parse_name(f"{g} {p} {s}")
    b = parse_name(f"{s} {g} {p}")
    c = parse_name(f"{s.upper()} {g} {p}")
    d = parse_name(f"{s}, {g} {p}")
    assert a.keys == b.keys == c.keys == d.keys
    assert a.father_given == b.father_given and a.gender == b.gender == "m"


@given(male)
def test_cyrillic_and_its_anyascii_latin_form_give_the_same_keys(parts):
    g, p, s = parts
    cyr = parse_name(f"{g} {p} {s}")
    lat = parse_name(anyascii(f"{g} {p} {s}"))
    assert cyr.keys == lat.keys


@given(st.sampled_from(GIVEN + SURNAMES))
def test_fold_is_idempotent_on_its_output_and_case_insensitive(word):
    key = fold(word)
    assert fold(word.upper()) == key and fold(word.lower()) == key
    assert fold(key) == key or len(fold(key)) <= len(key)


@given(st.sampled_from(SURNAMES))
def test_feminine_surname_has_the_same_root(surname):
    from tamyr.names.keys import surname_gender

    if surname_gender(surname) == "m":
        fem = surname[:-2] + "ая" if surname.endswith("ий") else surname + "а"
        assert surname_key(fem) == surname_key(surname)


@given(st.sampled_from(GIVEN))
def test_latin_variants_keep_the_given_key(name):
    for variant in latin_variants(name, limit=15):
        assert given_key(variant) == given_key(name), variant


@given(st.sampled_from(GIVEN), st.sampled_from(FATHERS_F), st.sampled_from(SURNAMES))
def test_daughter_and_son_share_father_and_surname_keys(g, pf, s):
    son_patr = {"Бахытбековна": "Бахытбекович", "Сергеевна": "Сергеевич", "Ерланқызы": "Ерланұлы",
                "Нуртаевна": "Нуртаевич", "Кемелқызы": "Кемелұлы"}[pf]
    fem = s[:-2] + "ая" if s.endswith("ий") else s + "а" if s.endswith(("ов", "ев", "ин")) else s
    daughter = parse_name(f"{fem} {g} {pf}")
    son = parse_name(f"{s} Жандос {son_patr}")
    assert daughter.keys["father_given"] == son.keys["father_given"]
    assert daughter.keys["surname"] == son.keys["surname"]
    assert son.gender == "m" and daughter.gender == "f"


def _fields_of(p) -> tuple:
    return (p.given, p.patronymic, p.surname, p.father_given, p.gender, p.keys, tuple(p.problems))


@given(st.lists(st.sampled_from(GIVEN + FATHERS_M + FATHERS_F + SURNAMES + ["ИМАНАЛИЕВ", "Ж.", "ұлы", "сына",
                                                                         "Bakhytbekovich", "O'Neil", "Жан-Поль"]),
                min_size=1, max_size=4))
def test_the_fast_path_gives_what_the_full_parser_gives(words):
    from tamyr.names import parse_fields

    text = " ".join(words)
    f = parse_fields(text)
    assert (f.given, f.patronymic, f.surname, f.father_given, f.gender, f.keys, f.problems) == _fields_of(
        parse_name(text))


@given(st.text(max_size=60))
def test_the_fast_path_agrees_on_any_text(text):
    from tamyr.names import parse_fields

    f = parse_fields(text)
    assert (f.given, f.patronymic, f.surname, f.father_given, f.gender, f.keys, f.problems) == _fields_of(
        parse_name(text))


@given(male, st.sampled_from(["{s} {g}. {p}.", "{g}. {p}. {s}", "{s} {g}.{p}.", "{s.upper()} {g}. {p}."]))
def test_a_name_written_with_initials_keeps_its_surname_and_the_initials_of_its_names(parts, pattern):
    from tamyr.names import initial_key, is_initial

    g, p, s = parts
    text = pattern.replace("{s.upper()}", s.upper()).format(s=s, g=g[0], p=p[0])
    parsed = parse_name(text)
    assert is_initial(parsed.given) and is_initial(parsed.patronymic)
    assert parsed.keys["surname"] == surname_key(s) and parsed.keys["given"] is None
    # the initial's key is the written-out name's: what the kin identities join on
    assert initial_key(parsed.given) == initial_key(g) and initial_key(parsed.patronymic) == initial_key(p)


@given(male)
def test_the_initial_of_a_name_is_the_same_in_cyrillic_and_its_latin_form(parts):
    from tamyr.names import initial_key

    g, p, _s = parts
    for word in (g, p):
        latin = anyascii(word)                                       # Жандос -> Zhandos, Юрьевич -> Yur'evich
        assert initial_key(word) == initial_key(latin) == initial_key(anyascii(word[0]) + ".")
