"""The synthetic registry generator: determinism, naming conventions, long-tail surnames, given names by
birth cohort, plausible families, the truth file, demo ingest."""

from __future__ import annotations

import csv
from pathlib import Path

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

from tamyr.examples.naming import (CULTURES, SYSTEMS, feminine_surname, national_tables, patronymic, to_latin,
                                   to_latin_many)
from tamyr.examples.synth import generate_population, name_statistics, write_registry

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
    derived = national_tables().given.derived_surname[pop.given[father]]
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
    t = national_tables()
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
    t = national_tables()
    akhmetov = t.surnames.index("kz", "Ахметов")
    shevchenko = t.surnames.index("ua", "Шевченко")
    assert (pop.surname == akhmetov).sum() > 60 and (pop.surname == shevchenko).sum() > 20
    twins = np.flatnonzero(pop.namesake_of >= 0)
    assert len(twins) > 100
    src = pop.namesake_of[twins]
    assert (pop.given[twins] == pop.given[src]).all() and (pop.surname[twins] == pop.surname[src]).all()


# -- long-tail surnames and given names by birth cohort ------------------------------------------------


@pytest.fixture(scope="module")
def fifty_thousand():
    return generate_population(50000, seed=11)


def test_distinct_surnames_keep_growing_with_the_registry(fifty_thousand):
    """A long tail: two and a half times the persons give about twice the surnames (a short table saturates)."""
    small = name_statistics(generate_population(20000, seed=11))["distinct surnames"]
    large = name_statistics(fifty_thousand)["distinct surnames"]
    assert small > 8000 and large > 1.8 * small


@pytest.mark.parametrize("culture,top,low,high", [("kz", "Ахметов", 0.003, 0.01), ("ru", "Смирнов", 0.001, 0.003),
                                                  ("ua", "Мельник", 0.002, 0.005)])
def test_the_top_surname_holds_a_realistic_share(fifty_thousand, culture, top, low, high):
    """Ахметов ≈ 0.4–0.55 % of Kazakhs, Смирнов 1–2 per 1,000 Russians, Мельник ≈ 0.2–0.5 % of Ukrainians."""
    s = national_tables().surnames
    c = CULTURES.index(culture)
    in_culture = s.culture == c
    assert s.masculine[in_culture][np.argmax(s.share[in_culture])] == top
    assert low <= s.share[in_culture].max() <= high
    assert s.share[in_culture].sum() == pytest.approx(1.0)
    pop = fifty_thousand
    counts = np.bincount(pop.surname[pop.culture == c])
    assert low * 0.6 <= counts.max() / (pop.culture == c).sum() <= high * 1.4


def test_the_hundred_commonest_surnames_cover_a_tenth_or_so():
    s = national_tables().surnames
    for culture, (low, high) in {"kz": (0.10, 0.20), "ua": (0.10, 0.20), "ru": (0.05, 0.20)}.items():
        share = np.sort(s.share[s.culture == CULTURES.index(culture)])[::-1]
        assert low <= share[:100].sum() <= high, culture


def test_unrelated_ukrainians_mostly_have_distinct_surnames():
    """7,644 distinct Ukrainian officials of the 2013–14 declarations bear 5,577 surnames (73 %)."""
    s = national_tables().surnames
    share = s.share[s.culture == CULTURES.index("ua")]
    expected_distinct = (1 - np.exp(-7644 * share)).sum() / 7644
    assert 0.65 <= expected_distinct <= 0.82


def test_most_surnames_are_held_by_one_or_a_few_families(fifty_thousand):
    pop = fifty_thousand
    counts = np.bincount(pop.surname)
    counts = counts[counts > 0]
    assert np.median(counts) <= 2
    assert name_statistics(pop)["median men per (surname, given)"] <= 2


@pytest.mark.parametrize("culture,gender,young", [
    ("ua", 1, ["Софія", "Дарина", "Анастасія", "Соломія"]), ("ua", 0, ["Данило", "Максим", "Назар", "Артем"]),
    ("ru", 0, ["Артём", "Даниил", "Матвей", "Кирилл", "Никита"]), ("kz", 1, ["Аружан", "Айару", "Жансая", "Аяулым"]),
])
def test_childrens_names_are_young(fifty_thousand, culture, gender, young):
    share_late, share_early = _cohort_shares(fifty_thousand, culture, gender, young)
    assert share_late > 0.1 and share_late > 8 * share_early


@pytest.mark.parametrize("culture,gender,old", [
    ("ua", 1, ["Людмила", "Галина", "Тамара", "Валентина"]), ("ua", 0, ["Анатолій", "Василь", "Микола"]),
    ("ru", 1, ["Галина", "Людмила", "Валентина", "Нина", "Тамара"]),
])
def test_grandparents_names_are_old(fifty_thousand, culture, gender, old):
    share_late, share_early = _cohort_shares(fifty_thousand, culture, gender, old)
    assert share_early > 0.1 and share_early > 5 * share_late


def _cohort_shares(pop, culture, gender, names):
    g = national_tables().given
    ids = [i for i, name in enumerate(g.name) if name in names and g.culture[i] == CULTURES.index(culture)
           and g.gender[i] == gender]
    assert len(ids) == len(names)
    rows = (pop.culture == CULTURES.index(culture)) & (pop.gender == gender)
    has = np.isin(pop.given, ids)
    late, early = rows & (pop.birth_year >= 1995), rows & (pop.birth_year < 1970)
    assert late.sum() > 300 and early.sum() > 300
    return has[late].mean(), has[early].mean()


def test_a_few_percent_bear_rare_given_names(fifty_thousand):
    pop, g = fifty_thousand, national_tables().given
    for c in range(len(CULTURES)):
        for gender in (0, 1):
            rows = (pop.culture == c) & (pop.gender == gender)
            share = np.bincount(pop.given[rows], minlength=len(g.name)) / rows.sum()
            assert (g.culture == c).sum() > 200
            assert 0.005 <= (share[pop.given[rows]] < 0.001).mean() <= 0.15, (CULTURES[c], gender)


def test_feminine_surnames_follow_each_culture():
    s = national_tables().surnames
    masc, fem = s.masculine, s.feminine
    ends = np.strings.endswith
    slavic_possessive = (s.culture != 2) & (ends(masc, "ов") | ends(masc, "ев") | ends(masc, "ин"))
    assert (np.strings.add(masc[slavic_possessive], "а") == fem[slavic_possessive]).all()
    sky = ends(masc, "ский")
    assert (np.strings.add(np.strings.slice(masc[sky], 0, -2), "ая") == fem[sky]).all()
    ua_sky = (s.culture == 2) & ends(masc, "ський")
    assert ua_sky.sum() > 1000 and (np.strings.add(np.strings.slice(masc[ua_sky], 0, -2), "а") == fem[ua_sky]).all()
    for culture, ending in [("ua", e) for e in ("енко", "ук", "юк", "чук", "ишин", "ів", "ович")] + [
            ("ru", "ых"), ("ru", "их")]:
        invariant = (s.culture == CULTURES.index(culture)) & ends(masc, ending)
        assert invariant.sum() > 10 and (masc[invariant] == fem[invariant]).all(), ending
    assert {s.feminine[s.index("ru", m)] for m in ("Волков", "Сорокин", "Покровский", "Белых")} == {
        "Волкова", "Сорокина", "Покровская", "Белых"}
    assert [s.feminine[s.index("ua", m)] for m in ("Ковальчук", "Петренко", "Ковальський", "Білий")] == [
        "Ковальчук", "Петренко", "Ковальська", "Біла"]


def test_tail_surnames_are_built_the_way_they_formed():
    s = national_tables().surnames
    for culture, surname in [("ru", "Волчков"), ("ru", "Воронихин"), ("ru", "Иванцов"), ("ru", "Кузнецов"),
                             ("ru", "Белоусов"), ("ua", "Мельниченко"), ("ua", "Довженко"), ("ua", "Романюк"),
                             ("ua", "Бондарчук"), ("ua", "Андрійчук"), ("ua", "Петришин"), ("kz", "Нурланов"),
                             ("kz", "Бекжанов")]:
        s.index(culture, surname)  # KeyError if the rules did not build it
    kz = s.culture == 0
    assert (np.strings.str_len(s.root[kz]) > 0).mean() > 0.9  # Kazakh -ов/-ев surnames keep their root for the suffix-dropped form
    assert s.root[s.index("kz", "Нурланов")] == "Нурлан"


def test_women_are_written_with_feminine_surnames(small):
    """No woman's Cyrillic row shows a masculine -ов/-ев/-ин/-ский surname (Ахметов, Волков, Покровский)."""
    s = national_tables().surnames
    gendered = s.masculine[s.masculine != s.feminine]
    masculine_forms = set(gendered.tolist()) | set(s.kk_masculine[s.kk_masculine != s.kk_feminine].tolist())
    checked = 0
    for row in read(small / "registry.csv"):
        tokens = row["name"].split()
        if row["gender"] == "f" and all(_cyrillic(t) for t in tokens):
            assert not masculine_forms & set(tokens), row["name"]
            checked += 1
    assert checked > 1000


@given(st.text(alphabet="абвгдеёжзийклмнопрстуфхцчшщъыьэюяіїєґәғқңөұүһАЕЁИЙЮЯЄЇІ -'x", max_size=24))
def test_latin_spelling_of_a_whole_column_equals_one_by_one(text):
    for system in SYSTEMS[1:]:
        assert to_latin_many([text, "Иманалиев " + text], system).to_pylist() == [
            to_latin(text, system), to_latin("Иманалиев " + text, system)]


def test_truth_lists_every_tie_in_both_directions(small):
    registry = {r["id"]: r for r in read(small / "registry.csv")}
    ties = read(small / "truth.csv")
    pairs = {(t["person_id"], t["relative_id"]) for t in ties}
    assert all((b, a) in pairs for a, b in pairs)
    assert all(t["person_id"] in registry and t["relative_id"] in registry for t in ties)
    male = {"father", "son", "brother", "husband", "grandfather", "grandson", "uncle", "nephew", "father-in-law",
            "son-in-law", "brother-in-law", "co-father-in-law"}
    for t in ties:
        gender = registry[t["relative_id"]]["gender"]
        assert gender == "" or (gender == "m") == (t["relationship"] in male), t
    inverse = {"father": {"son", "daughter"}, "mother": {"son", "daughter"}, "husband": {"wife"}, "wife": {"husband"}}
    label = {(t["person_id"], t["relative_id"]): t["relationship"] for t in ties}
    for (a, b), rel in label.items():
        if rel in inverse:
            assert label[(b, a)] in inverse[rel]


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
