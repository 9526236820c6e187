"""The father's key read from a patronymic equals the given-name key of the father — the forms kin inference
found disagreeing (Ukrainian -о names and stem alternations, English exonyms, Latin two-word names)."""

import pytest

from tamyr.names import father_given_name, given_key, parse_name


@pytest.mark.parametrize("father, patronymic", [
    ("Данило", "Данилович"), ("Кирило", "Кирилівна"), ("Гаврило", "Гаврилович"), ("Михайло", "Михайлович"),
    ("Павло", "Павлівна"), ("Петро", "Петрович"), ("Марко", "Маркович"),
    ("Дмитро", "Дмитрович"), ("Дмитро", "Дмитрівна"), ("Dmytro", "Dmytrovych"),
    ("Яків", "Якович"), ("Яків", "Яківна"), ("Федір", "Федорович"), ("Григорій", "Григорович"),
    ("Лев", "Львівна"), ("Юрій", "Юріївна"), ("Юрій", "Юрійович"),
    ("В’ячеслав", "В’ячеславович"), ("Мар'ян", "Мар'янович"),
    ("Alexander", "Aleksandrovich"), ("Alexander", "Alexandrovich"), ("Peter", "Petrovich"),
    ("Yevgeniy", "Evgenevich"), ("Yury", "Yurievich"), ("Aliaksandr", "Aliaksandravich"),
])
def test_patronymic_names_the_fathers_key(father, patronymic):
    assert given_key(father_given_name(patronymic)) == given_key(father)


def test_ukrainian_o_names_keep_apart_from_other_names():
    assert given_key("Данило") != given_key("Дмитро")
    assert given_key("Петро") != given_key("Павло")


def test_two_word_latin_name_ending_in_vych_is_given_and_surname():
    p = parse_name("Viktor Yanukovych")
    assert (p.given, p.patronymic, p.surname) == ("Viktor", None, "Yanukovych")
    assert p.keys["surname"] == parse_name("Oleksandr Viktorovych YANUKOVYCH").keys["surname"]
    assert p.keys["father_given"] is None


def test_two_word_cyrillic_given_and_patronymic_stays():
    p = parse_name("Іван Петрович")
    assert (p.given, p.patronymic, p.surname) == ("Іван", "Петрович", None)
