"""Name tables and naming conventions for SYNTHETIC registries.

The data lives in ``data/`` (given names, surnames, patronymic irregulars, transliteration tables);
this module turns it into the forms a registry would show: patronymics from the father's given name
(Russian, Ukrainian, Kazakh Russian-style and Kazakh -ұлы/-қызы), gendered surnames, Kazakh
suffix-dropped surnames, surnames built from a father's given name, and Latin spellings.

Used by :mod:`tamyr.examples.synth` (vectorised national-scale generator) and
:mod:`tamyr.examples.demo_registry` (the bundled Kazakhstan demo). Nothing here is a name parser:
the generator must not share code with the inference it is meant to test.
"""

from __future__ import annotations

import csv
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources

import numpy as np
import yaml

CULTURES = ("kz", "ru", "ua")
GENDERS = ("m", "f")
# Latin spelling systems, see data/translit.yaml; "cyr" is the Cyrillic spelling itself.
SYSTEMS = ("cyr", "icao", "bgn", "kz2021", "ua")


def _data_text(name: str) -> str:
    return resources.files("tamyr.examples").joinpath("data", name).read_text(encoding="utf-8")


def _read_commented_csv(name: str) -> list[dict[str, str]]:
    lines = [line for line in _data_text(name).splitlines() if line and not line.startswith("#")]
    return list(csv.DictReader(lines))


@lru_cache(maxsize=None)
def naming_rules() -> dict:
    return yaml.safe_load(_data_text("naming.yaml"))


@lru_cache(maxsize=None)
def bodies() -> dict:
    return yaml.safe_load(_data_text("bodies.yaml"))


# ---------------------------------------------------------------------------------------------------
# Patronymics and surnames


def _ends_vowel(word: str) -> bool:
    return word[-1].lower() in "аеёиоуыэюяіїєәөұүi"


def patronymic(father_given: str, gender: str, culture: str, kazakh_form: bool = False) -> str:
    """The patronymic a child of `gender` gets from the father's given name.

    >>> patronymic("Сергей", "m", "ru"), patronymic("Илья", "f", "ru"), patronymic("Юрій", "f", "ua")
    ('Сергеевич', 'Ильинична', 'Юріївна')
    >>> patronymic("Бахытбек", "m", "kz", kazakh_form=True)
    'Бахытбекұлы'
    """
    name = father_given
    female = gender == "f"
    if culture == "kz" and kazakh_form:
        return name + ("қызы" if female else "ұлы")
    irregular = naming_rules()["patronymic_irregular"].get(culture if culture != "kz" else "ru", {})
    if culture != "kz" and name in irregular:
        return irregular[name][1 if female else 0]
    if culture == "ua":
        if name.endswith("ій"):
            return name + "ович" if not female else name[:-1] + "ївна"
        if name.endswith("о"):
            return name[:-1] + ("ович" if not female else "івна")
        if name.endswith("ь"):
            return name + "ович" if not female else name[:-1] + "івна"
        if name.endswith("а"):
            return name[:-1] + ("ич" if not female else "івна")
        return name + ("ович" if not female else "івна")
    if culture == "kz":
        # Kazakh names in Russian-style patronymics: vowel -> +евич, -й -> drop й +евич, else +ович.
        if name.endswith("й"):
            return name[:-1] + ("евич" if not female else "евна")
        if name.endswith("ы"):  # Амангельды -> Амангельдиевич
            return name[:-1] + ("иевич" if not female else "иевна")
        if _ends_vowel(name):
            return name + ("евич" if not female else "евна")
        if name.endswith("ь"):
            return name[:-1] + ("евич" if not female else "евна")
        return name + ("ович" if not female else "овна")
    # Russian
    if name.endswith("ий"):
        return name[:-2] + ("ьевич" if not female else "ьевна")
    if name.endswith("й"):
        return name[:-1] + ("евич" if not female else "евна")
    if name.endswith("ь"):
        return name[:-1] + ("евич" if not female else "евна")
    if name.endswith(("а", "я")):
        return name[:-1] + ("ич" if not female else "ична")
    return name + ("ович" if not female else "овна")


def feminine_surname(surname: str) -> str:
    """Feminine form of a masculine surname; -енко/-ук/-ко and other endings are invariant."""
    if surname.endswith(("ский", "цкий")):
        return surname[:-2] + "ая"
    if surname.endswith(("ський", "цький")):
        return surname[:-2] + "а"
    if surname.endswith(("ов", "ев", "ёв", "ин", "ын")) and not surname.endswith(("енко",)):
        return surname + "а"
    return surname


def surname_from_given(given: str) -> str:
    """Soviet-era Kazakh surname from an ancestor's given name: Нурлан -> Нурланов, Назарбай -> Назарбаев."""
    if given.endswith("й"):
        return given[:-1] + "ев"
    if _ends_vowel(given):
        return given + "ев"
    if given.endswith("ь"):
        return given[:-1] + "ев"
    return given + "ов"


# ---------------------------------------------------------------------------------------------------
# Transliteration


@lru_cache(maxsize=None)
def _translit_tables() -> dict:
    return yaml.safe_load(_data_text("translit.yaml"))


def to_latin(text: str, system: str) -> str:
    """Latin spelling of a Cyrillic name in one of the systems of data/translit.yaml."""
    if system == "cyr":
        return text
    tables = _translit_tables()
    spec = tables["systems"][system]
    table, initial, after_vowel = spec["map"], spec.get("initial", {}), spec.get("after_vowel", {})
    vowels = set(tables["vowels"]) | {"й", "ъ", "ь", "Й", "Ъ", "Ь"}
    out = []
    prev = " "
    for ch in text:
        low = ch.lower()
        if prev in " -":
            piece = initial.get(low, table.get(low, ch))
        elif prev in vowels:
            piece = after_vowel.get(low, table.get(low, ch))
        else:
            piece = table.get(low, ch)
        if ch != low and piece:
            piece = piece[0].upper() + piece[1:]
        out.append(piece)
        prev = ch
    return "".join(out)


# ---------------------------------------------------------------------------------------------------
# Tables


@dataclass
class GivenNames:
    """All given names, one entry per (culture, gender, name); arrays are indexed by entry."""

    culture: np.ndarray  # int8 index into CULTURES
    gender: np.ndarray  # int8: 0 male, 1 female
    weight: np.ndarray  # float64
    name: list[str]  # Russian-style / Ukrainian spelling
    kk: list[str]  # Kazakh orthography (== name where the same)
    derived_surname: np.ndarray = field(default=None)  # male entries: index into Surnames, else -1

    def pick(self, rng: np.random.Generator, culture: np.ndarray, gender: np.ndarray) -> np.ndarray:
        """Sample one entry per row for the given culture and gender codes, by frequency."""
        out = np.empty(len(culture), dtype=np.int32)
        for c in range(len(CULTURES)):
            for g in range(2):
                rows = np.flatnonzero((culture == c) & (gender == g))
                if len(rows):
                    out[rows] = _weighted(rng, self._pool(c, g), len(rows))
        return out

    @lru_cache(maxsize=None)
    def _pool(self, c: int, g: int) -> tuple[np.ndarray, np.ndarray]:
        idx = np.flatnonzero((self.culture == c) & (self.gender == g))
        w = self.weight[idx]
        return idx, np.cumsum(w) / w.sum()

    def __hash__(self) -> int:  # for the lru_cache on _pool
        return id(self)


@dataclass
class Surnames:
    culture: np.ndarray
    weight: np.ndarray
    masculine: list[str]
    feminine: list[str]
    root: list[str]  # suffix-dropped Kazakh form ("" when the surname has none)
    kk_masculine: list[str]
    kk_feminine: list[str]

    def pick(self, rng: np.random.Generator, culture: np.ndarray) -> np.ndarray:
        out = np.empty(len(culture), dtype=np.int32)
        for c in range(len(CULTURES)):
            rows = np.flatnonzero(culture == c)
            if len(rows):
                out[rows] = _weighted(rng, self._pool(c), len(rows))
        return out

    @lru_cache(maxsize=None)
    def _pool(self, c: int) -> tuple[np.ndarray, np.ndarray]:
        idx = np.flatnonzero((self.culture == c) & (self.weight > 0))
        w = self.weight[idx]
        return idx, np.cumsum(w) / w.sum()

    def __hash__(self) -> int:
        return id(self)


def _weighted(rng: np.random.Generator, pool: tuple[np.ndarray, np.ndarray], n: int) -> np.ndarray:
    idx, cdf = pool
    return idx[np.minimum(np.searchsorted(cdf, rng.random(n)), len(idx) - 1)]


@dataclass
class NameTables:
    given: GivenNames
    surnames: Surnames


@lru_cache(maxsize=None)
def tables() -> NameTables:
    """Given names (listed + Kazakh compounds) and surnames (listed + long tail built from given names)."""
    culture, gender, weight, names, kk = [], [], [], [], []
    seen = set()
    for row in _read_commented_csv("given_names.csv"):
        key = (row["culture"], row["gender"], row["name"])
        seen.add(key)
        culture.append(CULTURES.index(row["culture"]))
        gender.append(GENDERS.index(row["gender"]))
        weight.append(float(row["weight"]))
        names.append(row["name"])
        kk.append(row["kk"] or row["name"])
    compound = naming_rules()["kazakh_compound"]
    for root_ru, root_kk in compound["roots"]:
        for el_ru, el_kk in compound["elements"]:
            name = root_ru + el_ru
            if ("kz", "m", name) in seen:
                continue
            seen.add(("kz", "m", name))
            culture.append(0)
            gender.append(0)
            weight.append(3.0)  # rare: the long tail of Kazakh compound names
            names.append(name)
            kk.append(root_kk + el_kk)
    given = GivenNames(np.array(culture, dtype=np.int8), np.array(gender, dtype=np.int8),
                       np.array(weight), names, kk)

    s_culture, s_weight, masc, fem, root, kk_m, kk_f = [], [], [], [], [], [], []
    index: dict[tuple[int, str], int] = {}

    def add_surname(c: int, m: str, f: str, r: str, k: str, w: float) -> int:
        key = (c, m)
        if key in index:
            return index[key]
        index[key] = len(masc)
        s_culture.append(c)
        s_weight.append(w)
        masc.append(m)
        fem.append(f or feminine_surname(m))
        root.append(r)
        kk_m.append(k or m)
        kk_f.append(feminine_surname(k) if k else (f or feminine_surname(m)))
        return index[key]

    for row in _read_commented_csv("surnames.csv"):
        add_surname(CULTURES.index(row["culture"]), row["surname"], row["female"], row["root"], row["kk"],
                    float(row["weight"]))
    # Long tail. Kazakh: every male given name yields a surname (Нурлан -> Нурланов), with its root
    # for the suffix-dropped form; these also serve children whose surname is the father's name.
    derived = np.full(len(names), -1, dtype=np.int32)
    for i in range(len(names)):
        if gender[i] != 0:
            continue
        c = culture[i]
        if c == 0:
            derived[i] = add_surname(0, surname_from_given(names[i]), "", names[i], surname_from_given(kk[i]),
                                     40.0 if weight[i] > 3 else 2.0)
        elif c == 1:
            derived[i] = add_surname(1, _ru_surname_from_given(names[i]), "", "", "", 3.0)
        else:
            for j, surname in enumerate(_ua_surnames_from_given(names[i])):
                k = add_surname(2, surname, "", "", "", 4.0 / (j + 1))
                if j == 0:
                    derived[i] = k
    for surname in naming_rules()["russian_long_tail"]:
        add_surname(1, surname, "Трубецкая" if surname == "Трубецкой" else "", "", "", 3.0)
    given.derived_surname = derived
    surnames = Surnames(np.array(s_culture, dtype=np.int8), np.array(s_weight), masc, fem, root, kk_m, kk_f)
    return NameTables(given, surnames)


def _ru_surname_from_given(name: str) -> str:
    """Иван -> Иванов, Сергей -> Сергеев, Павел -> Павлов, Илья -> Ильин (via the patronymic stem)."""
    father = patronymic(name, "m", "ru")
    if father.endswith(("ович", "евич")):
        return father[:-2]
    return father[:-2] + "ин"  # Ильич -> Ильин, Никитич -> Никитин


def _ua_surnames_from_given(name: str) -> list[str]:
    """Петро -> Петренко, Петрук, Петрочук...; Сергій -> Сергієнко."""
    if name.endswith("ій"):
        return [name[:-1] + "єнко"]
    father = patronymic(name, "m", "ua")
    if not father.endswith("ович") or len(father) < 7:  # Ілліч, Лукич, Якович: no productive stem
        return []
    stem = father[:-4]  # Федорович -> Федор, Миколайович -> Миколай
    if stem.endswith("й"):
        stem = stem[:-1] + "є"
        return [stem + "нко"]
    out = [stem + "енко"]
    if stem.endswith("н"):
        out.append(stem + "чук")  # Романчук, Богданчук
    return out
