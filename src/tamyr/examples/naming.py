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


def to_latin_many(texts, system: str):
    """to_latin over a whole array at once (same output, character by character): a pyarrow string array.

    Each character's Latin piece depends only on the character and whether the one before it is a
    space or hyphen (word start) or a vowel, so the pieces are looked up for the distinct
    (character, context) pairs and joined per row with pyarrow."""
    import pyarrow as pa
    import pyarrow.compute as pc

    strings = pa.array(texts, pa.string()) if not isinstance(texts, pa.Array) else texts
    if system == "cyr" or len(strings) == 0:
        return strings
    encoded = pc.dictionary_encode(strings)  # each distinct spelling once
    return _to_latin_distinct(encoded.dictionary, system).take(encoded.indices)


def _to_latin_distinct(strings, system: str):
    import pyarrow as pa
    import pyarrow.compute as pc

    if len(strings) == 0:
        return strings
    wide = np.array(strings.to_pylist(), dtype=str)
    codes = wide.view(np.uint32).reshape(len(wide), -1) if wide.dtype.itemsize else np.zeros((len(wide), 0), np.uint32)
    tables = _translit_tables()
    vowels = set(tables["vowels"]) | {"й", "ъ", "ь", "Й", "Ъ", "Ь"}
    prev = np.concatenate([np.full((len(codes), 1), ord(" "), np.uint32), codes[:, :-1]], axis=1)
    word_start = (prev == ord(" ")) | (prev == ord("-"))
    vowel_codes = np.array(sorted(ord(v) for v in vowels), np.uint32)
    context = np.where(word_start, 1, np.where(np.isin(prev, vowel_codes), 2, 0)).astype(np.uint64)
    present = codes > 0
    keys = codes.astype(np.uint64)[present] * 3 + context[present]
    distinct, inverse = np.unique(keys, return_inverse=True)
    prefix = {0: "x", 1: " ", 2: "а"}  # any letter, a space, a vowel: the contexts to_latin tells apart
    pieces = [to_latin(prefix[int(k % 3)] + chr(int(k // 3)), system)[len(to_latin(prefix[int(k % 3)], system)):]
              for k in distinct]
    values = pa.array(pieces, pa.string()).take(pa.array(inverse.ravel()))
    offsets = np.concatenate([[0], np.cumsum(present.sum(axis=1))]).astype(np.int32)
    joined = pc.binary_join(pa.ListArray.from_arrays(pa.array(offsets), values), "")
    return pc.if_else(pc.is_null(strings), pa.scalar(None, pa.string()), joined)


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
        return _pick_by_culture(rng, culture, self._pool)

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


def _pick_by_culture(rng: np.random.Generator, culture: np.ndarray, pool) -> np.ndarray:
    """One draw per person from ``pool(culture)`` (entries and cumulative weights), culture by culture."""
    out = np.empty(len(culture), dtype=np.int32)
    for c in range(len(CULTURES)):
        rows = np.flatnonzero(culture == c)
        if len(rows):
            out[rows] = _weighted(rng, pool(c), len(rows))
    return out


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


# ---------------------------------------------------------------------------------------------------
# National tables: given names by birth cohort and surnames with a long tail (tamyr.examples.synth).
# The demo (people.py, demo_registry.py) keeps the small tables above, so its files do not change.

DECADES = tuple(range(1930, 2010, 10))  # columns w1930 ... w2000 of given_names_by_decade.csv


def birth_decade(birth_year: np.ndarray) -> np.ndarray:
    """Column of DECADES for each birth year; years before 1930 use the 1930s, after 2009 the 2000s."""
    return np.clip((np.asarray(birth_year) - DECADES[0]) // 10, 0, len(DECADES) - 1).astype(np.int8)


@dataclass
class CohortGivenNames:
    """Given names with a popularity profile over birth decades; arrays are indexed by entry."""

    culture: np.ndarray  # int8 index into CULTURES
    gender: np.ndarray  # int8: 0 male, 1 female
    weight: np.ndarray  # float64 [entry, decade]: relative popularity among births of that decade
    name: list[str]
    kk: list[str]
    derived_surname: np.ndarray = field(default=None)  # male entries: index into the surnames, else -1

    def pick(self, rng: np.random.Generator, culture: np.ndarray, gender: np.ndarray,
             birth_year: np.ndarray) -> np.ndarray:
        """One entry per row, drawn from the names given to that culture and gender in the birth decade."""
        group = (np.asarray(culture, np.int64) * 2 + gender) * len(DECADES) + birth_decade(birth_year)
        order = np.argsort(group, kind="stable")
        bounds = np.searchsorted(group[order], np.arange(len(CULTURES) * 2 * len(DECADES) + 1))
        draws = rng.random(len(order))
        out = np.empty(len(order), dtype=np.int32)
        for g in np.flatnonzero(np.diff(bounds)):
            rows = order[bounds[g]:bounds[g + 1]]
            idx, cdf = self._pool(int(g))
            out[rows] = idx[np.minimum(np.searchsorted(cdf, draws[bounds[g]:bounds[g + 1]]), len(idx) - 1)]
        return out

    @lru_cache(maxsize=None)
    def _pool(self, group: int) -> tuple[np.ndarray, np.ndarray]:
        culture_gender, decade = divmod(group, len(DECADES))
        c, g = divmod(culture_gender, 2)
        idx = np.flatnonzero((self.culture == c) & (self.gender == g))
        w = self.weight[idx, decade]
        return idx, np.cumsum(w) / w.sum()

    def __hash__(self) -> int:
        return id(self)


@dataclass
class SurnameVocabulary:
    """Every surname a national registry can draw, with its share of its culture's population."""

    culture: np.ndarray  # int8
    share: np.ndarray  # float64, sums to 1 within each culture
    listed: np.ndarray  # bool: from surnames.csv (the rest is the generated tail)
    deep: np.ndarray  # bool: built on a synthesised root (the far tail), not on a listed word
    masculine: np.ndarray  # numpy StringDType arrays, one entry per surname
    feminine: np.ndarray
    root: np.ndarray  # suffix-dropped Kazakh form ("" when there is none)
    kk_masculine: np.ndarray
    kk_feminine: np.ndarray

    def pick(self, rng: np.random.Generator, culture: np.ndarray) -> np.ndarray:
        return _pick_by_culture(rng, culture, self._pool)

    @lru_cache(maxsize=None)
    def _pool(self, c: int) -> tuple[np.ndarray, np.ndarray]:
        idx = np.flatnonzero(self.culture == c)
        return idx, np.cumsum(self.share[idx])

    def index(self, culture: str, masculine: str) -> int:
        """Entry of a surname (masculine form) in a culture; KeyError when it is not in the vocabulary."""
        hits = np.flatnonzero((self.culture == CULTURES.index(culture)) & (self.masculine == masculine))
        if not len(hits):
            raise KeyError((culture, masculine))
        return int(hits[0])

    def __len__(self) -> int:
        return len(self.culture)

    def __hash__(self) -> int:
        return id(self)


@lru_cache(maxsize=None)
def surname_rules() -> dict:
    return yaml.safe_load(_data_text("surname_formation.yaml"))


@lru_cache(maxsize=None)
def national_tables() -> NameTables:
    """Given names by birth cohort (+ Kazakh compounds) and surnames (listed + rule-built long tail)."""
    given = _cohort_given_names()
    surnames = _surname_vocabulary(given)
    derived = np.full(len(given.name), -1, dtype=np.int32)
    lookup = {(int(c), str(m)): i for i, (c, m) in enumerate(zip(surnames.culture, surnames.masculine))}
    for i, name in enumerate(given.name):
        if given.gender[i] != 0:
            continue
        c = int(given.culture[i])
        if c == 0:
            candidate = str(_kazakh_from_names(np.array([name], _S), np.array([name], _S))[0][0])
        elif c == 1:
            candidate = _ru_surname_from_given(name)
        else:
            forms = _ua_surnames_from_given(name)
            candidate = forms[0] if forms else ""
        derived[i] = lookup.get((c, candidate), -1)
    given.derived_surname = derived
    return NameTables(given, surnames)


def _cohort_given_names() -> CohortGivenNames:
    culture, gender, weights, names, kk = [], [], [], [], []
    seen = set()

    def add(c: int, g: int, name: str, kk_name: str, w: list[float]) -> None:
        if (c, g, name) in seen:
            return
        seen.add((c, g, name))
        culture.append(c)
        gender.append(g)
        weights.append(w)
        names.append(name)
        kk.append(kk_name or name)

    columns = [f"w{d}" for d in DECADES]
    for row in _read_commented_csv("given_names_by_decade.csv"):
        add(CULTURES.index(row["culture"]), GENDERS.index(row["gender"]), row["name"], row["kk"],
            [float(row[c]) for c in columns])
    # Long tail of Kazakh compound names (root + element), rare in every decade: the names of
    # naming.yaml's demo set a little more common than the extended set of surname_formation.yaml.
    rules = naming_rules()
    for (root_ru, root_kk), (el_ru, el_kk) in _pairs(rules["kazakh_compound"]):
        add(0, 0, root_ru + el_ru, root_kk + el_kk, [1.5] * len(DECADES))
    for (root_ru, root_kk), (el_ru, el_kk) in _pairs(surname_rules()["kz"]):
        add(0, 0, root_ru + el_ru, root_kk + el_kk, [0.15] * len(DECADES))
    for (root_ru, root_kk), (el_ru, el_kk) in _pairs(rules["kazakh_compound_female"]):
        add(0, 1, root_ru + el_ru, root_kk + el_kk, [1.0] * len(DECADES))
    return CohortGivenNames(np.array(culture, np.int8), np.array(gender, np.int8), np.array(weights),
                            names, kk)


def _pairs(spec: dict) -> list[tuple[list[str], list[str]]]:
    return [(r, e) for r in spec["roots"] for e in spec["elements"]]


# -- surname formation (data/surname_formation.yaml); all rules work on numpy string arrays ---------

_S = np.dtypes.StringDType()
HARD, SOFT, A_STEM, YOT, ADJ = range(5)  # stem classes: Волк, Медведь, Сорока, Андрій/Воробей, Белый
DEEP_WEIGHT = 0.001  # root weight of synthesised roots: below every listed root times any pattern weight
VOWELS_CYR = "аеёиоуыэюяіїєәөұүАЕЁИОУЫЭЮЯІЇЄӘӨҰҮ"


@dataclass
class _Roots:
    """Words surnames are built from: the word itself, the stem suffixes attach to, its class."""

    word: np.ndarray  # the word as written ("" for a bare stem such as Савч)
    stem: np.ndarray
    kind: np.ndarray  # HARD ... ADJ
    suffix: np.ndarray  # possessive suffix forced by the data ("Заяц/Зайц+ев"), else ""
    weight: np.ndarray

    def __len__(self) -> int:
        return len(self.stem)

    def take(self, rows) -> "_Roots":
        return _Roots(self.word[rows], self.stem[rows], self.kind[rows], self.suffix[rows], self.weight[rows])


def _concat_roots(parts: list[_Roots]) -> _Roots:
    return _Roots(*(np.concatenate([getattr(p, f) for p in parts]) for f in ("word", "stem", "kind", "suffix", "weight")))


def _parse_roots(text: str, weight: float, adjectives: bool = False, bare_stems: bool = False) -> _Roots:
    """Root words in the notation of surname_formation.yaml (a small table: a loop over words is fine)."""
    word, stem, kind, suffix = [], [], [], []
    for item in text.split():
        forced = ""
        if "+" in item:
            item, forced = item.split("+")
        written, _, explicit = item.partition("/")
        s = explicit or written
        if adjectives:
            k = ADJ
            if not explicit:
                s = written[:-2]
        elif explicit:
            k = YOT if s[-1] in "ь'" or s[-1] in VOWELS_CYR else HARD
        elif written[-1] in "аяоыиі":  # -а/-я nouns, -о nouns, plurals (Сорока, Пузо, Сани, Граблі)
            k, s = A_STEM, written[:-1]
        elif written[-1] == "е":
            k, s = SOFT, written[:-1]
        elif written[-1] == "ь":
            k, s = SOFT, written[:-1]
        elif written[-1] == "й":
            k = YOT
        else:
            k = HARD
        # a name stem (Савч, Петр) is no surname by itself; a name in -й keeps its word (Андрій -> Андрійчук)
        word.append("" if bare_stems and not written.endswith("й") else written)
        stem.append(s)
        kind.append(k)
        suffix.append(forced)
    n = len(stem)
    return _Roots(np.array(word, _S), np.array(stem, _S), np.array(kind, np.int8), np.array(suffix, _S),
                  np.full(n, weight))


def _ends(a: np.ndarray, letters: str) -> np.ndarray:
    last = np.strings.slice(a, -1, None)
    return np.isin(last, np.array(list(letters), _S)) if letters else np.zeros(len(a), bool)


def _mutate(stem: np.ndarray) -> np.ndarray:
    """к->ч, г->ж, х->ш, ц->ч before a front suffix (Волк -> Волчок, Мельник -> Мельниченко)."""
    last = np.strings.slice(stem, -1, None)
    head = np.strings.slice(stem, 0, -1)
    out = stem.copy()
    for a, b in (("к", "ч"), ("г", "ж"), ("х", "ш"), ("ц", "ч")):
        hit = last == a
        out[hit] = np.strings.add(head[hit], b)
    return out


def _pseudo_roots(roots: _Roots, limit: int, rng: np.random.Generator) -> _Roots:
    """Deep tail: the first one or two syllables of one root joined to the end of another
    (Со|рока + Во|рон -> Сорон, Соро|ка + Ка|бан -> Соробан)."""
    stems = roots.stem
    length = np.strings.str_len(stems)
    vowels = np.array(list(VOWELS_CYR), _S)
    is_vowel = np.stack([np.isin(np.strings.slice(stems, i, i + 1), vowels) for i in range(int(length.max()))], axis=1)
    rank = np.cumsum(is_vowel, axis=1) * is_vowel  # 1 at the first vowel, 2 at the second ...
    first = np.where((rank == 1).any(axis=1), (rank == 1).argmax(axis=1), -1)
    second = np.where((rank == 2).any(axis=1), (rank == 2).argmax(axis=1), -1)
    nominal = np.isin(roots.kind, [HARD, SOFT, A_STEM]) & (roots.suffix == "") & (roots.word != "")

    def pieces(at: np.ndarray, max_head: int):
        ok = (at >= 1) & (at <= max_head) & (length - at >= 3)
        heads = np.unique(np.strings.slice(stems[ok], 0, at[ok] + 1))
        rows = np.flatnonzero(ok & nominal)
        tails = np.strings.slice(stems[rows], at[rows] + 1, None)
        # a tail is one or two consonants, a vowel and at most three letters more (-рон, -ста, -двед)
        second_vowel = np.isin(np.strings.slice(tails, 1, 2), vowels)
        third_vowel = np.isin(np.strings.slice(tails, 2, 3), vowels) & ~_ends(np.strings.slice(tails, 0, 2), "ьъй'")
        fits = (~np.isin(np.strings.slice(tails, 0, 1), np.array(list(VOWELS_CYR + "ьъй'"), _S))
                & (second_vowel | third_vowel) & (np.strings.str_len(tails) <= 6))
        return heads, rows[fits], tails[fits]

    heads1, rows1, tails1 = pieces(first, 3)
    heads2, rows2, tails2 = pieces(second, 5)
    rows = np.concatenate([rows1, rows2])
    tails = np.concatenate([tails1, tails2])
    tails, unique = np.unique(tails, return_index=True)
    rows = rows[unique]
    short = np.flatnonzero(np.strings.str_len(tails) <= 4)  # after two syllables only a short end
    pairs1, pairs2 = len(heads1) * len(tails), len(heads2) * len(short)
    chosen = rng.choice(pairs1 + pairs2, size=min(limit, pairs1 + pairs2), replace=False)
    one = chosen < pairs1
    h1, t1 = np.divmod(chosen[one], len(tails))
    h2, t2 = np.divmod(chosen[~one] - pairs1, len(short))
    pseudo = np.concatenate([np.strings.add(heads1[h1], tails[t1]), np.strings.add(heads2[h2], tails[short[t2]])])
    source_rows = rows[np.concatenate([t1, short[t2]])]
    keep = ~np.isin(pseudo, stems) & (np.strings.str_len(pseudo) <= 9)
    pseudo, source_rows = pseudo[keep], source_rows[keep]
    pseudo, unique = np.unique(pseudo, return_index=True)
    source = roots.take(source_rows[unique])
    n = len(pseudo)
    return _Roots(np.full(n, "", _S), pseudo, source.kind, source.suffix, np.full(n, DEEP_WEIGHT))


def _russian_possessive(r: _Roots) -> np.ndarray:
    """-ов/-ев/-ин (Unbegaun): Волков, Медведев, Сорокин, Синицын, Малышев; forced suffixes win."""
    suffix = np.where(_ends(r.stem, "жшчщ"), "ев", "ов").astype(_S)
    suffix[r.kind == SOFT] = "ев"
    suffix[r.kind == YOT] = "ев"
    a = r.kind == A_STEM
    suffix[a] = np.where(_ends(r.stem[a], "ц"), "ын", "ин")
    suffix[r.kind == ADJ] = "ов"
    forced = r.suffix != ""
    suffix[forced] = r.suffix[forced]
    return np.strings.add(r.stem, suffix)


def _russian_forms(r: _Roots, patterns: list[dict]) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """(masculine, weight, pattern index) of every surname the Russian patterns build from the roots."""
    masc, weight, which = [], [], []
    base = _russian_possessive(r)
    nominal = np.isin(r.kind, [HARD, SOFT, A_STEM]) & (r.suffix == "")
    for p_index, p in enumerate(patterns):
        form = p["form"]
        if form == "base":
            rows, out = np.arange(len(r)), base
        elif form == "infix":
            rows = np.flatnonzero(nominal & ((r.kind != A_STEM) | (p["infix"] != "к")))
            if p.get("after"):
                rows = rows[_ends(r.stem[rows], p["after"])]
            stem = _mutate(r.stem[rows]) if p.get("mutate") else r.stem[rows]
            infix = np.full(len(rows), p["infix"], _S)
            if "ё" in p["infix"]:  # ё after ж ч ш is written о in a suffix (Волчонок); else е (Гусенок)
                infix = np.where(_ends(stem, "жчш"), p["infix"].replace("ё", "о"), p["infix"].replace("ё", "е")).astype(_S)
            out = np.strings.add(np.strings.add(stem, infix), p["then"])
        elif form == "skiy":
            rows = np.flatnonzero(np.strings.endswith(base, "ов") | np.strings.endswith(base, "ев"))
            rows = rows[r.kind[rows] != ADJ]
            out = np.strings.add(base[rows], "ский")
        elif form == "adjective_plural":  # Белых, Долгих, Синих
            rows = np.flatnonzero(r.kind == ADJ)
            soft = np.strings.endswith(r.word[rows], "ий") | _ends(r.stem[rows], "гкхжшчщ")
            out = np.strings.add(r.stem[rows], np.where(soft, "их", "ых").astype(_S))
        else:
            continue
        masc.append(out)
        weight.append(r.weight[rows] * p["weight"])
        which.append(np.full(len(rows), p_index))
    return np.concatenate(masc), np.concatenate(weight), np.concatenate(which)


def _russian_compounds(spec: dict, weight: float) -> np.ndarray:
    """Compound nicknames: adjective + о/е + body part + -ов/-ев (Белоусов, Рыжеусов, Кривошеев)."""
    prefixes = np.array([p.split("/")[-1] for p in spec["compound_prefixes"].split()], _S)
    nouns = [n.split("/") for n in spec["compound_nouns"].split()]
    stems = np.array([n[0] for n in nouns], _S)
    suffixes = np.array([n[1] for n in nouns], _S)
    link = np.where(_ends(prefixes, "жшчщц"), "е", "о").astype(_S)
    left = np.strings.add(prefixes, link)
    a, b = np.divmod(np.arange(len(prefixes) * len(stems)), len(stems))
    out = np.strings.add(np.strings.add(left[a], stems[b]), suffixes[b])
    return out


def _russian_feminine(masc: np.ndarray) -> np.ndarray:
    """-ова/-ева/-ина/-ская/-цкая; -ых/-их and other endings invariant (as feminine_surname)."""
    fem = masc.copy()
    sky = np.strings.endswith(masc, "ский") | np.strings.endswith(masc, "цкий")
    fem[sky] = np.strings.add(np.strings.slice(masc[sky], 0, -2), "ая")
    poss = np.zeros(len(masc), bool)
    for ending in ("ов", "ев", "ёв", "ин", "ын"):
        poss |= np.strings.endswith(masc, ending)
    poss &= ~np.strings.endswith(masc, "енко")
    fem[poss] = np.strings.add(masc[poss], "а")
    return fem


def _ukrainian_forms(r: _Roots, patterns: list[dict]) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """(masculine, feminine, weight) of the Ukrainian patterns (Редько 1966; Правопис 2019)."""
    masc, fem, weight = [], [], []
    stem = r.stem
    yot_word = (r.kind == YOT) & np.strings.endswith(r.word, "й")
    plain = np.isin(r.kind, [HARD, SOFT, A_STEM, ADJ])
    front_ok = plain & ~_ends(stem, "кгхчшщжцй'")  # stems that take -ишин/-ів/-ович/-овський
    for p in patterns:
        form = p["form"]
        if form == "enko":  # Петренко, Мельниченко, Довженко; Андрієнко, Солов'єнко
            rows = np.flatnonzero(plain | (r.kind == YOT))
            s = _mutate(stem[rows])
            yot = r.kind[rows] == YOT
            s[yot] = np.where(np.strings.endswith(r.word[rows][yot], "й"),
                              np.strings.slice(r.word[rows][yot], 0, -1), stem[rows][yot])
            out = np.strings.add(s, np.where(yot, "єнко", "енко").astype(_S))
        elif form == "uk":  # Дмитрук, Мельничук; Павлюк, Романюк, Тарасюк
            rows = np.flatnonzero(plain)
            s = _mutate(stem[rows])
            out = np.strings.add(s, np.where(_ends(s, "рчшщж"), "ук", "юк").astype(_S))
        elif form == "chuk":  # Ковальчук, Бондарчук, Остапчук, Андрійчук
            soft = r.kind == SOFT
            rows = np.flatnonzero(yot_word | soft | (np.isin(r.kind, [HARD, A_STEM]) & _ends(stem, "рнпм")))
            s = stem[rows].copy()
            s[yot_word[rows]] = r.word[rows][yot_word[rows]]
            s[soft[rows]] = np.strings.add(s[soft[rows]], "ь")
            out = np.strings.add(s, "чук")
        elif form in ("ishyn", "iv"):  # Петришин, Романишин; Петрів, Ковалів
            rows = np.flatnonzero(front_ok & (r.kind != ADJ))
            out = np.strings.add(stem[rows], "ишин" if form == "ishyn" else "ів")
        elif form == "ovych":  # Петрович, Ковалевич
            rows = np.flatnonzero(front_ok & (r.kind != ADJ))
            out = np.strings.add(stem[rows], np.where(r.kind[rows] == SOFT, "евич", "ович").astype(_S))
        elif form == "skyi":  # Петровський, Ковалевський, Вишневський, Березовський
            rows = np.flatnonzero(front_ok & (r.kind != ADJ))
            soft = (r.kind[rows] == SOFT) | ((r.kind[rows] == A_STEM) & np.strings.endswith(r.word[rows], "я"))
            out = np.strings.add(stem[rows], np.where(soft, "евський", "овський").astype(_S))
            masc.append(out)
            fem.append(np.strings.add(np.strings.slice(out, 0, -2), "а"))  # -ський -> -ська
            weight.append(r.weight[rows] * p["weight"])
            continue
        elif form == "bare":  # Мельник, Вовк, Сорока; Білий -> Біла, Синій -> Синя
            rows = np.flatnonzero((r.word != "") & (r.kind != YOT))
            out = r.word[rows]
            f = out.copy()
            adj = r.kind[rows] == ADJ
            f[adj] = np.strings.add(np.strings.slice(out[adj], 0, -2),
                                    np.where(np.strings.endswith(out[adj], "ій"), "я", "а").astype(_S))
            masc.append(out)
            fem.append(f)
            weight.append(r.weight[rows] * p["weight"])
            continue
        else:
            continue
        masc.append(out)
        fem.append(out)  # -енко, -ук, -юк, -чук, -ишин, -ів, -ович are invariant
        weight.append(r.weight[rows] * p["weight"])
    return np.concatenate(masc), np.concatenate(fem), np.concatenate(weight)


def _kazakh_from_names(ru: np.ndarray, kk: np.ndarray) -> tuple[np.ndarray, ...]:
    """(masculine, kk masculine, root) of -ов/-ев surnames from ancestors' names (surname_from_given)."""
    def ov(a):
        suffix = np.where(_ends(a, VOWELS_CYR + "й" + "ь"), "ев", "ов").astype(_S)
        suffix[_ends(a, "ыі")] = "иев"  # Амангельды -> Амангельдиев, as the patronymic Амангельдиевич
        stem = np.where(_ends(a, "йьыі"), np.strings.slice(a, 0, -1), a).astype(_S)
        return np.strings.add(stem, suffix)

    return ov(ru), ov(kk), ru


def _surname_vocabulary(given: CohortGivenNames) -> SurnameVocabulary:
    rules = surname_rules()
    rng = np.random.default_rng(20_240_601)  # fixed: the vocabulary is the same for every registry seed
    parts: list[dict[str, np.ndarray]] = []

    def add(culture: int, masc, fem, root, kk_m, kk_f, weight, listed=False):
        n = len(masc)
        weight = np.asarray(weight, float)
        parts.append({"culture": np.full(n, culture, np.int8), "deep": weight <= DEEP_WEIGHT, "weight": weight,
                      "listed": np.full(n, listed), "masculine": np.asarray(masc, _S), "feminine": np.asarray(fem, _S),
                      "root": np.asarray(root, _S), "kk_masculine": np.asarray(kk_m, _S),
                      "kk_feminine": np.asarray(kk_f, _S)})

    # Listed surnames first: they keep their weights (scaled to the culture's top share below).
    listed = _read_commented_csv("surnames.csv")
    for c in range(len(CULTURES)):
        rows = [r for r in listed if r["culture"] == CULTURES[c]]
        masc = [r["surname"] for r in rows]
        fem = [r["female"] or feminine_surname(r["surname"]) for r in rows]
        kk_m = [r["kk"] or r["surname"] for r in rows]
        kk_f = [feminine_surname(r["kk"]) if r["kk"] else f for r, f in zip(rows, fem)]
        add(c, masc, fem, [r["root"] for r in rows], kk_m, kk_f, [float(r["weight"]) for r in rows], listed=True)

    male = given.gender == 0
    ancestors = np.flatnonzero(male)
    old_weight = given.weight[:, :2].mean(axis=1)  # surnames were fixed from names of the old cohorts

    # Kazakh: every male name of the table, then compounds of compounds (Нұр+сейіт+бек) for the deep tail.
    kz_rows = ancestors[given.culture[ancestors] == 0]
    ru_names = np.array([given.name[i] for i in kz_rows], _S)
    kk_names = np.array([given.kk[i] for i in kz_rows], _S)
    w = 0.3 + old_weight[kz_rows] / old_weight[kz_rows].max()
    spec = rules["kz"]
    # deep tail: compounds of roots and elements in either order (Бек+жан, Жан+бек, Нұр+сейіт) and
    # three-part ones when short (Нұр+мұрат+бек): the names of great-grandfathers
    parts_a = [tuple(r) for r in spec["roots"]] + [(e[0].capitalize(), e[1].capitalize()) for e in spec["elements"]]
    parts_b = [tuple(e) for e in spec["elements"]] + [(r[0].lower(), r[1].lower()) for r in spec["roots"]]
    listed_names = {(r["name"], r["kk"] or r["name"]) for r in _read_commented_csv("given_names_by_decade.csv")
                    if r["culture"] == "kz" and r["gender"] == "m" and len(r["name"]) <= 7}
    parts_a += sorted(listed_names)  # Серік+бай, Марат+бек
    compounds = {(a[0] + b[0], a[1] + b[1]) for a in parts_a for b in parts_b
                 if a[0].lower() != b[0] and len(a[0] + b[0]) <= 12 and not a[0].endswith(("й", "ь"))}
    short = [e for e in spec["elements"] if e[0] in ("бек", "бай", "жан", "хан")]
    roots_b = [(r[0].lower(), r[1].lower()) for r in spec["roots"]]
    compounds |= {(a[0] + b[0] + e[0], a[1] + b[1] + e[1]) for a in spec["roots"] for b in roots_b for e in short
                  if a[0].lower() != b[0] and len(a[0] + b[0] + e[0]) <= 12}
    compounds = sorted(compounds - set(zip(map(str, ru_names), map(str, kk_names))))
    pick = rng.choice(len(compounds), size=min(rules["frequency_law"]["deep_tail"]["kz"], len(compounds)), replace=False)
    deep_ru = np.array([compounds[i][0] for i in pick], _S)
    deep_kk = np.array([compounds[i][1] for i in pick], _S)
    ru_all = np.concatenate([ru_names, deep_ru])
    kk_all = np.concatenate([kk_names, deep_kk])
    w_all = np.concatenate([w, np.full(len(deep_ru), DEEP_WEIGHT)])
    for p in spec["patterns"]:
        if p["form"] == "ov":
            masc, kk_m, root = _kazakh_from_names(ru_all, kk_all)
            weight = w_all
        else:  # -ин after -а: Мусин, Жумин
            a = np.strings.endswith(ru_all, "а") & np.strings.endswith(kk_all, "а")
            masc = np.strings.add(np.strings.slice(ru_all[a], 0, -1), "ин")
            kk_m = np.strings.add(np.strings.slice(kk_all[a], 0, -1), "ин")
            root, weight = ru_all[a], w_all[a]
        add(0, masc, _russian_feminine(masc), root, kk_m, _russian_feminine(kk_m), weight * p["weight"])

    # Russian: given names (as -ов/-ев/-ин bases), folk forms, trades, nicknames, adjectives; deep tail.
    spec = rules["ru"]
    ru_rows = ancestors[given.culture[ancestors] == 1]
    names = [given.name[i] for i in ru_rows]
    name_weight = 0.3 + old_weight[ru_rows] / old_weight[ru_rows].max()
    given_base = np.array([_ru_surname_from_given(n) for n in names], _S)  # Иванов, Ильин, Юрьев
    hard = np.flatnonzero([not _ends_vowel(n) and n[-1] not in "йь" for n in names])
    hard_names = np.array(names, _S)[hard]  # Иван -> Иванцов, Иванищев; the others take the base only
    given_roots = _Roots(hard_names, hard_names, np.full(len(hard), HARD, np.int8),
                         np.full(len(hard), "", _S), name_weight[hard])
    real = _concat_roots([_parse_roots(spec["folk_given"], 1.0), _parse_roots(spec["trades"], 1.0),
                          _parse_roots(spec["nicknames"], 0.6)])
    adjectives = _parse_roots(spec["adjectives"], 0.8, adjectives=True)
    deep = _pseudo_roots(real, rules["frequency_law"]["deep_tail"]["ru"] // 3, rng)
    infix_only = [p for p in spec["patterns"] if p["form"] in ("infix", "skiy")]
    given_derived, given_derived_weight, _ = _russian_forms(given_roots, infix_only)
    masc_parts = [given_base, given_derived]
    weight_parts = [name_weight, given_derived_weight]
    deep_patterns = [p for p in spec["patterns"] if p["form"] in ("base", "skiy") or p.get("infix") in ("к", "ц")]
    for roots_set, patterns in ((real, spec["patterns"]), (adjectives, spec["patterns"]), (deep, deep_patterns)):
        m, wt, _ = _russian_forms(roots_set, patterns)
        masc_parts.append(m)
        weight_parts.append(wt)
    compound_weight = next(p["weight"] for p in spec["patterns"] if p["form"] == "compound")
    compounds = _russian_compounds(spec, compound_weight)
    masc_parts.append(compounds)
    weight_parts.append(np.full(len(compounds), compound_weight * 0.5))
    masc = np.concatenate(masc_parts)
    fem = _russian_feminine(masc)
    add(1, masc, fem, np.full(len(masc), "", _S), masc, fem, np.concatenate(weight_parts))

    # Ukrainian: stems of given names, trades, nicknames, adjectives; deep tail.
    spec = rules["ua"]
    real = _concat_roots([_parse_roots(spec["given_stems"], 1.0, bare_stems=True), _parse_roots(spec["trades"], 1.0),
                          _parse_roots(spec["nicknames"], 0.6)])
    adjectives = _parse_roots(spec["adjectives"], 0.8, adjectives=True)
    deep = _pseudo_roots(real, rules["frequency_law"]["deep_tail"]["ua"] // 3, rng)
    deep_patterns = [p for p in spec["patterns"] if p["form"] != "bare"]
    for roots_set, patterns in ((real, spec["patterns"]), (adjectives, spec["patterns"]), (deep, deep_patterns)):
        masc, fem, wt = _ukrainian_forms(roots_set, patterns)
        add(2, masc, fem, np.full(len(masc), "", _S), masc, fem, wt)

    cols = {k: np.concatenate([p[k] for p in parts]) for k in parts[0]}
    # One entry per (culture, masculine form): the listed one, else the heaviest; ties in a fixed shuffle.
    jitter = rng.random(len(cols["weight"]))
    order = np.lexsort((jitter, -cols["weight"], ~cols["listed"], cols["culture"]))
    key = np.strings.add(np.strings.add(cols["culture"][order].astype(str).astype(_S), "|"), cols["masculine"][order])
    _, first = np.unique(key, return_index=True)
    keep = order[np.sort(first)]
    keep = keep[np.strings.str_len(cols["masculine"][keep]) >= 3]
    cols = {k: v[keep] for k, v in cols.items()}
    share = _frequency_law(cols["culture"], cols["weight"], cols["listed"], rules["frequency_law"])
    return SurnameVocabulary(cols["culture"], share, cols["listed"], cols["deep"], cols["masculine"], cols["feminine"],
                             cols["root"], cols["kk_masculine"], cols["kk_feminine"])


def _frequency_law(culture: np.ndarray, weight: np.ndarray, listed: np.ndarray, law: dict) -> np.ndarray:
    """Shares within each culture: listed surnames by weight (the top one holds top_share), the tail by
    Zipf–Mandelbrot p(k) = C (k + q)^-s over its ranks k (rows arrive in rank order within a culture),
    C and q set so that the tail holds the rest and its first surname holds tail_top."""
    share = np.zeros(len(weight))
    for c, name in enumerate(CULTURES):
        spec = law[name]
        head = np.flatnonzero((culture == c) & listed)
        tail = np.flatnonzero((culture == c) & ~listed)
        head_share = weight[head] / weight[head].max() * spec["top_share"]
        share[head] = head_share
        k = np.arange(1, len(tail) + 1, dtype=float)
        share[tail] = _zipf_mandelbrot(k, float(spec["s"]), 1 - head_share.sum(), float(spec["tail_top"]))
    return share


def _zipf_mandelbrot(k: np.ndarray, s: float, mass: float, first: float) -> np.ndarray:
    """p(k) ∝ (k + q)^-s summing to `mass`, with q found by bisection so that p(1) = `first`."""
    def law(q: float) -> np.ndarray:
        p = (k + q) ** -s
        return p / p.sum() * mass

    lo, hi = 0.0, 1e7
    for _ in range(100):  # p(1) falls as q grows (a flatter head)
        mid = (lo + hi) / 2
        lo, hi = (mid, hi) if law(mid)[0] > first else (lo, mid)
    return law(hi)
