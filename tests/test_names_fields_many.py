"""names.parse_fields_many: names of three plain words assembled from their words give what parse_fields
gives name by name — the same fields, keys and problems."""

from __future__ import annotations

import csv
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from tamyr.names import parse_fields
from tamyr.names.parse import _three_words, parse_fields_many

REAL = Path(__file__).resolve().parents[2] / "shared" / "data" / "real"

# words of registries: surnames, given names, patronymics (of both genders, Kazakh and Latin forms too), and
# words that only look like them (a surname ending like a patronymic, an initial, a lowercase particle)
SURNAMES = ["Иманалиев", "Иманалиева", "ШЕВЧЕНКО", "Коваль", "Жук", "Кожем'якін", "Тлеухан", "Yanukovych",
            "ABRAMOVICH", "Петрович", "Нурлан", "Ким", "Ли", "Абдрахманов-Ахметов", "IVANOVA", "Білий", "Бiлий"]
GIVEN = ["Жандос", "Бахытбек", "Олександр", "Марія", "Ілля", "Данило", "Viktor", "Қасым-Жомарт", "Айгерім",
         "Нестор", "ЮРІЙ", "Ж.", "Ж.Б.", "кызы", "Оглы"]
PATRONYMICS = ["Бахытбекович", "Олександрович", "Олександрівна", "Канайұлы", "Нұрланқызы", "Petrovich",
               "Ivanovna", "Ильич", "Кузьмич", "Петровича", "Асанович", "Fedorovych", "Ахмед оглы", "Бахытбек"]
word = st.sampled_from(SURNAMES + GIVEN + PATRONYMICS)
settings.register_profile("fields_many", max_examples=300, deadline=None)


def _same(names: list[str]) -> None:
    assert parse_fields_many(names) == [parse_fields(n) for n in names]


def test_registry_orders_and_traps():
    names = ["Иманалиев Жандос Бахытбекович", "Жандос Бахытбекович Иманалиев", "ИМАНАЛИЕВА Айгерім Бахытбекқызы",
             "Иманалиева Жандос Бахытбекович",          # a surname's gender against the patronymic's: a problem
             "Тлеухан Бекболат Канайұлы", "Viktor Fedorovych Yanukovych", "Viktor F. Yanukovych",
             "Petrovich Ivan Petrovich", "Олександр Олександрович Коваль", "Иманалиев Ж. Б.", "Иманалиев Ж.Б.",
             "Roman Abramovich", "Кожем'якін Андрій Анатолійович", "Ким Ли Сунович", "  Жук  Іван Петрович",
             "Жук Іван Петровича", "жук іван петрович", "Жук Іван Петрович (урожд. Ковальчук)", "", "Жук"]
    _same(names)
    assert _three_words("Иманалиев Жандос Бахытбекович") is not None      # the fast path is taken
    assert _three_words("Viktor F. Yanukovych") is None and _three_words("Жук Іван Петровича") is None


@settings(settings.get_profile("fields_many"))
@given(st.lists(word, min_size=3, max_size=3).map(" ".join))
def test_any_three_registry_words(name):
    _same([name])


def test_the_synthetic_registry_and_the_real_names_if_present(tmp_path):
    from tamyr.examples.synth import write_registry

    write_registry(tmp_path, 3000, seed=5, log=lambda *_: None)
    with (tmp_path / "registry.csv").open(encoding="utf-8") as f:
        names = [r["name"] for r in csv.DictReader(f)]
    for path, column in ((REAL / "ua_declarations_2013_2014_officials" / "officials.csv", "name"),
                         (REAL / "eu_sanctions_kin" / "persons.csv", "name")):
        if path.exists():
            with path.open(encoding="utf-8") as f:
                names += [r[column] for r in csv.DictReader(f)]
    _same(names)
