"""Kin keys: plain names assembled in SQL from their words (kin.keys._plain_names) give the same persons as
parsing every name with tamyr.names (which build_keys does when handed the module itself)."""

from __future__ import annotations

import csv
from pathlib import Path

import pyarrow as pa
from hypothesis import given, settings
from hypothesis import strategies as st

import tamyr.names
from tamyr.kin import DuckEngine, SkipReport, _connect
from tamyr.kin.keys import build_keys
from tamyr.kin.load import select_registry

REAL = Path(__file__).resolve().parents[2] / "shared" / "data" / "real"
COLUMNS = ("pid, id, line, name, given, patronymic, surname, father_given, given_key, father_key, surname_key, "
           "surname_form, gender, given_initial, father_initial, initials")

# registry words and words that only look like them: surnames (gendered, adjectival, ending like a
# patronymic, in capitals, with an apostrophe, a Latin letter among Cyrillic ones), given names, patronymics
# (Kazakh, Latin, inflected, suffixless), initials (Cyrillic, Latin, lowercase, digraph, glued), particles
SURNAMES = ["Иманалиев", "Иманалиева", "ШЕВЧЕНКО", "Коваль", "Жук", "Кожем'якін", "Кожем’якін", "Тлеухан",
            "Yanukovych", "ABRAMOVICH", "Петрович", "Білий", "Бiлий", "Абдрахманов-Ахметов", "IVANOVA", "Ли"]
GIVEN = ["Жандос", "Олександр", "Марія", "Viktor", "Қасым-Жомарт", "Айгерім", "ЮРІЙ", "Нурлан"]
PATRONYMICS = ["Бахытбекович", "Олександрівна", "Канайұлы", "Нұрланқызы", "Petrovich", "Ivanovna", "Ильич",
               "Петровича", "Fedorovych", "Бахытбек"]
INITIALS = ["Ж.", "Б.", "Zh.", "V.", "ю.", "Ж.Б.", "Ю.В.", "Ї.", "A."]
OTHER = ["кызы", "оглы", "Оглы", "de", "Іван2", ""]
word = st.sampled_from(SURNAMES + GIVEN + PATRONYMICS + INITIALS + OTHER)


def _persons(names: list[str], module=None) -> tuple[set[tuple], list[str]]:
    con = _connect()
    ids = [f"p{i}" for i in range(len(names))]
    con.register("_rows", pa.table({"id": ids, "name": names}))
    con.execute("CREATE TEMP TABLE input_rows AS SELECT *, row_number() OVER () AS _n FROM _rows")
    report = SkipReport()
    select_registry(con, "input_rows", ["id", "name"], "rows", report, line_expr="_n")
    build_keys(DuckEngine(con), report, module)
    got = set(con.execute(f"SELECT {COLUMNS} FROM persons").fetchall())
    skipped = report.summary("rows")
    con.close()
    return got, skipped


def _same(names: list[str]) -> None:
    sql, sql_skipped = _persons(names)
    python, python_skipped = _persons(names, tamyr.names)
    assert sql == python
    assert sql_skipped == python_skipped


def test_the_shapes_and_traps():
    _same(["Иманалиев Жандос Бахытбекович", "Жандос Бахытбекович Иманалиев", "ИМАНАЛИЕВА Айгерім Бахытбекқызы",
           "Иманалиева Жандос Бахытбекович", "Тлеухан Бекболат Канайұлы", "Viktor Fedorovych Yanukovych",
           "Viktor F. Yanukovych", "Petrovich Ivan Petrovich", "Олександр Олександрович Коваль", "Roman Abramovich",
           "Viktor Yanukovych", "Иманалиев Ж. Б.", "Ж. Б. Иманалиев", "Иманалиев Ж.", "Ж. Иманалиев",
           "Ж. Иманалиев Б.", "Иманалиев Ж.Б.", "Иманалиев ж. б.", "IMANALIEV Zh. B.", "Иманалиев Ж. Б. Ш.",
           "Кожем'якін Андрій Анатолійович", "Кожем’якін А. А.", "Жук Іван Петровича", "жук іван петрович",
           "  Жук  Іван Петрович", "Жук Іван Петрович ", "Жук Іван Петрович (урожд. Ковальчук)", "Жук Іван",
           "Іван Жук", "Жук Іван Петро", "Ж. Б.", "Жук", "", "Жук Ivan Petrovich", "Жук Іван Ж."])


def test_the_plain_path_takes_the_plain_names():
    from tamyr.kin.keys import _plain_names

    con = _connect()
    names = ["Иманалиев Жандос Бахытбекович", "Ігнатенко Ю. В.", "Viktor Yanukovych", "Жук Іван Петровича",
             "Жук Іван Петрович (урожд. Ковальчук)"]
    con.register("_rows", pa.table({"name": names}))
    con.execute("CREATE TEMP TABLE registry AS SELECT * FROM _rows")
    _plain_names(DuckEngine(con), None)
    got = dict(con.execute("SELECT name, surname_key FROM parsed_plain").fetchall())
    assert set(got) == {"Иманалиев Жандос Бахытбекович", "Ігнатенко Ю. В."}
    assert got["Иманалиев Жандос Бахытбекович"] == tamyr.names.surname_key("Иманалиев")


@settings(max_examples=60, deadline=None)
@given(st.lists(st.lists(word, min_size=1, max_size=3).map(" ".join), min_size=1, max_size=12))
def test_any_names_of_registry_words(names):
    _same(names)


def test_a_synthetic_registry_and_the_real_names_if_present(tmp_path):
    from tamyr.examples.synth import write_registry

    write_registry(tmp_path, 4000, seed=7, log=lambda *_: None)
    with (tmp_path / "registry.csv").open(encoding="utf-8") as f:
        names = [r["name"] for r in csv.DictReader(f)]
    for path, column in ((REAL / "ua_declarations_2013_2014_officials" / "officials.csv", "name"),
                         (REAL / "ua_mp_declarations_family" / "family_pairs.csv", "fullname_relative"),
                         (REAL / "eu_sanctions_kin" / "persons.csv", "name")):
        if path.exists():
            with path.open(encoding="utf-8") as f:
                names += [r[column] for r in csv.DictReader(f)]
    _same(names)
