"""The synthetic registry generator: determinism, naming conventions, plausible families, demo ingest."""

from __future__ import annotations

import csv
from pathlib import Path

import numpy as np
import pytest

from tamyr.examples.naming import CULTURES, feminine_surname, patronymic, tables, to_latin
from tamyr.examples.synth import generate_population, write_registry

KZ = Path(__file__).resolve().parents[1] / "src" / "tamyr" / "examples" / "kz"


@pytest.fixture(scope="module")
def small(tmp_path_factory):
    out = tmp_path_factory.mktemp("synth")
    write_registry(out, 5000, seed=3, log=lambda m: None)
    return out


def read(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh))


def test_same_seed_gives_identical_files(tmp_path, small):
    write_registry(tmp_path, 5000, seed=3, log=lambda m: None)
    for name in ("registry.csv", "truth.csv"):
        assert (tmp_path / name).read_bytes() == (small / name).read_bytes()


def test_other_seed_gives_other_registry(tmp_path, small):
    write_registry(tmp_path, 5000, seed=4, log=lambda m: None)
    assert (tmp_path / "registry.csv").read_bytes() != (small / "registry.csv").read_bytes()


def test_registry_has_the_kin_infer_columns(small):
    rows = read(small / "registry.csv")
    assert list(rows[0]) == ["id", "name", "birth_date", "gender", "country", "organization"]
    assert len(rows) == 5000 and len({r["id"] for r in rows}) == 5000
    assert all(r["name"].strip() for r in rows)
    assert {r["gender"] for r in rows} == {"m", "f", ""}
    lengths = {len(r["birth_date"]) for r in rows}
    assert lengths == {0, 4, 10}  # blank, year only, full date


@pytest.mark.parametrize("father,gender,culture,expected", [
    ("Сергей", "m", "ru", "Сергеевич"), ("Андрей", "f", "ru", "Андреевна"), ("Илья", "m", "ru", "Ильич"),
    ("Илья", "f", "ru", "Ильинична"), ("Никита", "m", "ru", "Никитич"), ("Лев", "m", "ru", "Львович"),
    ("Павел", "m", "ru", "Павлович"), ("Пётр", "f", "ru", "Петровна"), ("Юрий", "m", "ru", "Юрьевич"),
    ("Юрій", "m", "ua", "Юрійович"), ("Юрій", "f", "ua", "Юріївна"), ("Сергій", "f", "ua", "Сергіївна"),
    ("Петро", "f", "ua", "Петрівна"), ("Микола", "m", "ua", "Миколайович"),
    ("Бахытбек", "m", "kz", "Бахытбекович"), ("Амангельды", "m", "kz", "Амангельдиевич"),
])
def test_patronymic_from_fathers_given_name(father, gender, culture, expected):
    assert patronymic(father, gender, culture) == expected


def test_bakhytbekuly_is_the_kazakh_form():
    assert patronymic("Бахытбек", "m", "kz", kazakh_form=True) == "Бахытбекұлы"
    assert patronymic("Бақытбек", "f", "kz", kazakh_form=True) == "Бақытбекқызы"


def test_gendered_surnames():
    assert feminine_surname("Иманалиев") == "Иманалиева"
    assert feminine_surname("Кузнецов") == "Кузнецова"
    assert feminine_surname("Ильин") == "Ильина"
    assert feminine_surname("Покровский") == "Покровская"
    assert feminine_surname("Ковальський") == "Ковальська"
    for invariant in ("Шевченко", "Ковальчук", "Бойко", "Ким"):
        assert feminine_surname(invariant) == invariant


def test_latin_spellings_vary_by_standard():
    assert to_latin("Иманалиев", "icao") == "Imanaliev"
    assert to_latin("Иманалиев", "bgn") == "Imanaliyev"
    assert to_latin("Жанбулатов", "kz2021") == "Janbulatov"
    assert to_latin("Юрій", "ua") == "Yurii"


def test_truth_children_carry_the_fathers_given_name_and_surname():
    pop = generate_population(20000, seed=5)
    child = np.flatnonzero(pop.father >= 0)
    father = pop.father[child]
    assert len(child) > 3000
    assert (pop.father_given[child] == pop.given[father]).all()
    derived = tables().given.derived_surname[pop.given[father]]
    same = (pop.birth_surname[child] == pop.surname[father]) | (pop.birth_surname[child] == derived)
    assert same.all()
    assert (pop.gender[father] == 0).all() and (pop.gender[pop.mother[pop.mother >= 0]] == 1).all()


def test_age_gaps_are_plausible():
    pop = generate_population(20000, seed=6)
    for parent in (pop.father, pop.mother):
        child = np.flatnonzero(parent >= 0)
        gap = pop.birth_year[child] - pop.birth_year[parent[child]]
        assert gap.min() >= 18 and gap.max() <= 45
    married = np.flatnonzero(pop.spouse >= 0)
    assert (pop.spouse[pop.spouse[married]] == married).all()
    assert (np.abs(pop.birth_year[married] - pop.birth_year[pop.spouse[married]]) <= 10).all()
    assert (pop.gender[married] != pop.gender[pop.spouse[married]]).all()


def test_written_names_agree_with_truth(small):
    """In Cyrillic rows, a child's patronymic is built from the father's written given name, and a
    daughter bears the feminine form of a father's -ов/-ев/-ин surname unless she married."""
    rows = {r["id"]: r for r in read(small / "registry.csv")}
    t = tables()
    spellings = {}
    for i, name in enumerate(t.given.name):
        if t.given.gender[i] == 0:
            for text in (name, t.given.kk[i]):
                spellings.setdefault(text, set()).update({(name, CULTURES[t.given.culture[i]]), (t.given.kk[i], CULTURES[t.given.culture[i]])})
    checked = 0
    for tie in read(small / "truth.csv"):
        if tie["relationship"] != "father":
            continue
        child, father = rows[tie["person_id"]], rows[tie["relative_id"]]
        c_tokens, f_tokens = child["name"].split(), father["name"].split()
        if len(c_tokens) != 3 or len(f_tokens) != 3 or not all(_cyrillic(x) for x in c_tokens + f_tokens):
            continue
        if any(tok.endswith(".") for tok in c_tokens + f_tokens):
            continue
        expected = {patronymic(name, g, culture, form)
                    for tok in f_tokens for name, culture in spellings.get(tok, ())
                    for g in "mf" for form in (False, True)}
        assert set(c_tokens) & expected, (child["name"], father["name"])
        checked += 1
    assert checked > 200


def test_common_surnames_and_namesakes_are_present():
    pop = generate_population(50000, seed=7)
    t = tables()
    akhmetov = t.surnames.masculine.index("Ахметов")
    shevchenko = t.surnames.masculine.index("Шевченко")
    assert (pop.surname == akhmetov).sum() > 100 and (pop.surname == shevchenko).sum() > 50
    twins = np.flatnonzero(pop.namesake_of >= 0)
    assert len(twins) > 100
    src = pop.namesake_of[twins]
    assert (pop.given[twins] == pop.given[src]).all() and (pop.surname[twins] == pop.surname[src]).all()


def _cyrillic(token: str) -> bool:
    return any("а" <= ch.lower() <= "я" or ch in "іїєґәғқңөұүһі" for ch in token.lower())


# -- the bundled demo registry ---------------------------------------------------------------------


def test_demo_files_ingest_into_a_fresh_store(tmp_path):
    from tamyr.ingest import Mapping, ingest_paths
    from tamyr.store import Store

    db = tmp_path / "demo.duckdb"
    for name in ("officials", "family", "convictions"):
        with Store(db) as store:
            reports = ingest_paths(store, [KZ / f"{name}.csv"], mapping=Mapping.load(KZ / f"{name}.yaml"))
            assert reports
    with Store(db, read_only=True) as store:
        counts = store.counts()
    assert 1900 <= counts["persons"] <= 2300
    assert counts["family"] >= 80
    assert counts["sanctions"] == 5
    assert counts["occupancies"] > 3000


def test_demo_kin_words_are_in_the_vocabulary():
    from tamyr.model.kinship import vocabulary

    words = {r["relationship"] for r in read(KZ / "family.csv")}
    assert words and all(vocabulary().term(w) is not None for w in words)


def test_demo_is_regenerated_identically(tmp_path):
    from tamyr.examples.demo_registry import write_demo

    write_demo(tmp_path)
    for name in ("officials.csv", "family.csv", "convictions.csv", "kin_truth.csv"):
        assert (tmp_path / name).read_bytes() == (KZ / name).read_bytes(), name


def test_demo_relatives_in_direct_subordination_are_planted():
    """A director and his son heading a division of his department, in one ministry."""
    posts = read(KZ / "officials.csv")
    current = {(r["person_id"]): r for r in posts if not r["end_date"]}
    pairs = 0
    for tie in read(KZ / "family.csv"):
        a, b = current.get(tie["person_id"]), current.get(tie["relative_id"])
        if a and b and a["organization"] == b["organization"] and (
                a["reports_to"] == b["position"] or b["reports_to"] == a["position"]):
            pairs += 1
    assert pairs >= 3
