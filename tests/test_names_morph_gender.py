"""Case forms put into the nominative in the gender the whole name says (Kazakh -қызы/-ұлы included)."""

import pytest

from tamyr.names import nominative


@pytest.mark.parametrize("inflected, expected", [
    ("Асель Ерланқызы Сәрсенову", "Асель Ерланқызы Сәрсенова"),   # -қызы: a woman's accusative
    ("Ахметову Асель Ерланқызы", "Ахметова Асель Ерланқызы"),
    ("Асель Ерлановну Сарсенову", "Асель Ерлановна Сарсенова"),
    ("Болату Жұмабаеву", "Болат Жұмабаев"),                        # dative of a man, not a woman's accusative
    ("Бахытбека Иманалиева", "Бахытбек Иманалиев"),
    ("Айгерим Бахытбековной Иманалиевой", "Айгерим Бахытбековна Иманалиева"),
])
def test_nominative_keeps_the_names_gender(inflected, expected):
    assert nominative(inflected) == expected


def test_nominative_leaves_a_nominative_name_alone():
    assert nominative("Жандос Бахытбекович Иманалиев") == "Жандос Бахытбекович Иманалиев"
