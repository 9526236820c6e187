"""SYNTHETIC post-Soviet civil-servant registries with ground-truth kinship, at national scale.

    python -m tamyr.examples.synth --n 1000000 --seed 1 --out DIR      # registry.csv + truth.csv
    python -m tamyr.examples.synth --demo --out src/tamyr/examples/kz  # the bundled demo registry

``registry.csv`` — ``id,name,birth_date,gender,country,organization``: the input of
``tamyr kin infer``. Names are written the way registries write them: mostly Cyrillic
"Фамилия Имя Отчество" or "Имя Отчество Фамилия", some with initials ("Ахметов Н. С."), some
without patronymic, a share in Latin (ICAO, BGN/PCGN, Kazakh Latin 2021, Ukrainian national
transliteration) in orders such as "SURNAME Given Patronymic" or "Given SURNAME". ``gender`` is blank
for a share of rows; ``birth_date`` is a full date, only a year, or blank.

``truth.csv`` — ``person_id,relative_id,relationship``: every planted tie between two persons of the
registry, listed in BOTH directions ("the relative is the person's <relationship>", FtM Family
convention), e.g. a father–son pair gives (son, father, father) and (father, son, son). Relationships:
father, mother, son, daughter, brother, sister, husband, wife, grandfather, grandmother, grandson,
granddaughter, uncle, aunt, nephew, niece, father-in-law, mother-in-law, son-in-law,
daughter-in-law, brother-in-law, sister-in-law, co-father-in-law, co-mother-in-law.

How the population is built (all set-oriented numpy; names are assembled with pyarrow and ties
derived with DuckDB SQL, so 1M persons take seconds):

* names from national tables (:func:`tamyr.examples.naming.national_tables`): given names drawn from
  the popularity profile of the person's birth decade (data/given_names_by_decade.csv: Людмила and
  Анатолій for grandparents, Софія and Артём for grandchildren) with a tail of rare and Kazakh
  compound names; surnames from the listed common ones plus a long tail built by the formation rules
  of data/surname_formation.yaml, with shares from a Zipf–Mandelbrot law fitted to published
  concentration figures (Ахметов ≈ 0.5 % of Kazakhs, Смирнов ≈ 1.7 per 1,000 Russians), so that a
  1M registry shows ~150k distinct surnames, most held by one or a few families;
* family trees over three generations: a founder couple (born 1935–1965), their children, the
  children's spouses (sometimes with the spouse's own parents, giving co-parents-in-law), and
  grandchildren; the rest of the registry is unrelated singletons, some of them namesakes of
  someone else (identical given name, patronymic and surname);
* parents are 18–45 years older than their children, spouses within ~10 years, siblings within ~16;
* children carry the father's surname and a patronymic from his given name; some Kazakh children
  get a surname built from the father's given name; married women take the husband's surname
  (Kazakh 50 %, Russian/Ukrainian 85 %) or keep the maiden one;
* traps kin inference must survive: a wife whose patronymic equals her husband's given name,
  fathers and sons with the same given name, very common surnames, namesakes, suffix-dropped Kazakh
  surnames, -ұлы/-қызы patronymics, Latin spellings without patronymic.
"""

from __future__ import annotations

import argparse
import sys
import time
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import numpy as np

from .naming import CULTURES, SYSTEMS, bodies, national_tables, patronymic, to_latin_many

COUNTRIES = ("kz", "ru", "ua")
# Culture of a person by country of the registry (rows: country; columns: kz, ru, ua culture).
# Approximate: ethnic Kazakhs ~70 % of Kazakhstan (2021 census) and more among civil servants.
CULTURE_BY_COUNTRY = np.array([[0.78, 0.19, 0.03], [0.02, 0.94, 0.04], [0.0, 0.06, 0.94]])
TAKES_HUSBAND_SURNAME = np.array([0.5, 0.85, 0.85])  # by culture (kz, ru, ua)
SAME_GIVEN_AS_FATHER = np.array([0.01, 0.05, 0.07])  # Олександр Олександрович is common in Ukraine
# A son named like his father's father (Семен Олександрович, son of Олександр Семенович), by culture: an
# assumption of the generator (no published rate), taken to be rarer among Kazakhs.
SAME_GIVEN_AS_GRANDFATHER = np.array([0.01, 0.04, 0.05])
LATIN_SHARE = np.array([0.2, 0.1, 0.15])  # share of rows written in Latin, by culture
# Latin spelling system by culture: columns follow SYSTEMS[1:] = icao, bgn, kz2021, ua.
LATIN_SYSTEM = np.array([[0.5, 0.25, 0.25, 0.0], [0.6, 0.4, 0.0, 0.0], [0.2, 0.0, 0.0, 0.8]])


@dataclass
class Population:
    """One row per person; relatives are row indices (-1 when not in the registry)."""

    culture: np.ndarray
    country: np.ndarray
    gender: np.ndarray  # 0 male, 1 female
    given: np.ndarray  # index into national_tables().given
    father_given: np.ndarray  # index into national_tables().given
    surname: np.ndarray  # index into national_tables().surnames: the surname borne now
    birth_surname: np.ndarray
    birth_year: np.ndarray
    father: np.ndarray
    mother: np.ndarray
    spouse: np.ndarray
    tree: np.ndarray  # family tree id, -1 for singletons
    namesake_of: np.ndarray  # row this person is a namesake of, -1 otherwise

    def __len__(self) -> int:
        return len(self.gender)


class _Builder:
    """Accumulates blocks of persons; each block is a dict of equal-length arrays."""

    FIELDS = ("culture", "country", "gender", "given", "father_given", "surname", "birth_surname", "birth_year",
              "father", "mother", "spouse", "tree", "namesake_of")

    def __init__(self) -> None:
        self.blocks: list[dict[str, np.ndarray]] = []
        self.size = 0

    def add(self, **cols: np.ndarray) -> np.ndarray:
        n = len(cols["gender"])
        block = {f: np.asarray(cols.get(f, np.full(n, -1))) for f in self.FIELDS}
        self.blocks.append(block)
        ids = np.arange(self.size, self.size + n)
        self.size += n
        return ids

    def build(self) -> dict[str, np.ndarray]:
        return {f: np.concatenate([b[f] for b in self.blocks]) for f in self.FIELDS}


def generate_population(n: int, seed: int = 1, family_share: float = 0.6,
                        country_mix: tuple[float, float, float] = (0.5, 0.25, 0.25)) -> Population:
    rng = np.random.default_rng(seed)
    t = national_tables()
    given, surnames = t.given, t.surnames
    derived = given.derived_surname
    b = _Builder()

    def cultures_for(country: np.ndarray) -> np.ndarray:
        cdf = np.cumsum(CULTURE_BY_COUNTRY[country], axis=1)
        return (rng.random(len(country))[:, None] > cdf).sum(axis=1).astype(np.int8).clip(0, 2)

    def pick_given(culture, gender, birth_year):
        """A name given in the person's birth decade (Людмила in the 1950s, Софія in the 2000s)."""
        return given.pick(rng, culture, gender, birth_year)

    def fathers_birth(birth_year):
        """Birth year of a father who is not in the registry: 22–39 years older (his name's cohort)."""
        return birth_year - rng.integers(22, 40, len(birth_year))

    def male(k):
        return np.zeros(k, dtype=np.int8)

    # --- generation 0: founder couples --------------------------------------------------------------
    trees = max(1, int(n * family_share / 8.5))
    country = rng.choice(3, size=trees, p=np.array(country_mix) / sum(country_mix)).astype(np.int8)
    culture = cultures_for(country)
    h_birth = rng.integers(1935, 1966, trees)
    h_given = pick_given(culture, male(trees), h_birth)
    h_surname = surnames.pick(rng, culture)
    tree_ids = np.arange(trees)
    h_father_given = pick_given(culture, male(trees), fathers_birth(h_birth))
    h = b.add(culture=culture, country=country, gender=male(trees), given=h_given,
              father_given=h_father_given, surname=h_surname,
              birth_surname=h_surname, birth_year=h_birth, tree=tree_ids)
    w_culture = np.where(rng.random(trees) < 0.9, culture, cultures_for(country))
    w_birth = h_birth + rng.integers(-2, 9, trees)
    w_father_given = pick_given(w_culture, male(trees), fathers_birth(w_birth))
    trap = rng.random(trees) < 0.03  # the wife's patronymic is her husband's given name
    w_father_given = np.where(trap & (w_culture == culture), h_given, w_father_given)
    w_maiden = surnames.pick(rng, w_culture)
    takes = rng.random(trees) < TAKES_HUSBAND_SURNAME[w_culture]
    w = b.add(culture=w_culture, country=country, gender=np.ones(trees, np.int8),
              given=pick_given(w_culture, np.ones(trees, np.int8), w_birth), father_given=w_father_given,
              surname=np.where(takes, h_surname, w_maiden), birth_surname=w_maiden, birth_year=w_birth,
              spouse=h, tree=tree_ids)
    spouse_pairs = [(h, w)]

    # --- generation 1: children of the founders -----------------------------------------------------
    k1 = rng.choice(6, size=trees, p=[0.08, 0.22, 0.32, 0.22, 0.11, 0.05])
    parent = np.repeat(np.arange(trees), k1)
    m1 = len(parent)
    c_culture = culture[parent]
    c_gender = (rng.random(m1) < 0.5).astype(np.int8)
    c_birth = _child_birth(rng, h_birth[parent], w_birth[parent])
    c_given = pick_given(c_culture, c_gender, c_birth)
    c_given = _named_for_elders(rng, c_gender, c_culture, c_given, h_given[parent], h_father_given[parent])
    c_surname = h_surname[parent].copy()
    own = (c_culture == 0) & (rng.random(m1) < 0.04) & (derived[h_given[parent]] >= 0)
    c_surname[own] = derived[h_given[parent][own]]  # surname from the father's given name
    c = b.add(culture=c_culture, country=country[parent], gender=c_gender, given=c_given,
              father_given=h_given[parent], surname=c_surname, birth_surname=c_surname, birth_year=c_birth,
              father=h[parent], mother=w[parent], tree=parent)

    # --- spouses of generation 1, sometimes with their parents --------------------------------------
    married = np.flatnonzero((c_birth <= 1998) & (rng.random(m1) < 0.65))
    k = len(married)
    s_country = country[parent[married]]
    s_culture = np.where(rng.random(k) < 0.85, c_culture[married], cultures_for(s_country))
    s_gender = (1 - c_gender[married]).astype(np.int8)
    gap = rng.integers(-2, 9, k)  # the husband is up to 8 years older
    s_birth = np.where(s_gender == 1, c_birth[married] + gap, c_birth[married] - gap)
    s_given = pick_given(s_culture, s_gender, s_birth)
    # trap: a daughter's husband bears her father's given name, so her patronymic "names" him
    trap = (s_gender == 0) & (rng.random(k) < 0.03) & (s_culture == c_culture[married])
    s_given = np.where(trap, h_given[parent[married]], s_given)
    s_birth_surname = surnames.pick(rng, s_culture)
    s_father_birth = fathers_birth(s_birth)  # the spouse's father, in the registry or not
    s_father_given = pick_given(s_culture, male(k), s_father_birth)
    s = b.add(culture=s_culture, country=s_country, gender=s_gender, given=s_given, father_given=s_father_given,
              surname=s_birth_surname.copy(), birth_surname=s_birth_surname, birth_year=s_birth,
              tree=parent[married])
    spouse_pairs.append((c[married], s))
    # married surnames: the wife takes the husband's with her culture's probability
    c_is_wife = c_gender[married] == 1
    wife_culture = np.where(c_is_wife, c_culture[married], s_culture)
    takes = rng.random(k) < TAKES_HUSBAND_SURNAME[wife_culture]
    husband_surname = np.where(c_is_wife, s_birth_surname, c_surname[married])
    updates = [(c[married][c_is_wife & takes], husband_surname[c_is_wife & takes]),
               (s[~c_is_wife & takes], husband_surname[~c_is_wife & takes])]

    with_parents = np.flatnonzero(rng.random(k) < 0.3)
    kp = len(with_parents)
    pf_birth = s_father_birth[with_parents]
    pf = b.add(culture=s_culture[with_parents], country=s_country[with_parents], gender=male(kp),
               given=s_father_given[with_parents],
               father_given=pick_given(s_culture[with_parents], male(kp), fathers_birth(pf_birth)),
               surname=s_birth_surname[with_parents], birth_surname=s_birth_surname[with_parents],
               birth_year=pf_birth, tree=parent[married][with_parents])
    has_mother = rng.random(kp) < 0.7
    km = int(has_mother.sum())
    pm_culture = s_culture[with_parents][has_mother]
    pm_maiden = surnames.pick(rng, pm_culture)
    pm_takes = rng.random(km) < TAKES_HUSBAND_SURNAME[pm_culture]
    pm_birth = np.clip(pf_birth[has_mother] + rng.integers(-2, 9, km),
                       s_birth[with_parents][has_mother] - 45, s_birth[with_parents][has_mother] - 20)
    pm = b.add(culture=pm_culture, country=s_country[with_parents][has_mother], gender=np.ones(km, np.int8),
               given=pick_given(pm_culture, np.ones(km, np.int8), pm_birth),
               father_given=pick_given(pm_culture, male(km), fathers_birth(pm_birth)),
               surname=np.where(pm_takes, s_birth_surname[with_parents][has_mother], pm_maiden),
               birth_surname=pm_maiden, birth_year=pm_birth, tree=parent[married][with_parents][has_mother])
    spouse_pairs.append((pf[has_mother], pm))
    parent_links = [(s[with_parents], pf, None), (s[with_parents][has_mother], None, pm)]

    # --- generation 2: grandchildren ----------------------------------------------------------------
    k2 = rng.choice(4, size=k, p=[0.2, 0.35, 0.33, 0.12])
    couple = np.repeat(np.arange(k), k2)
    father_row = np.where(c_is_wife, s, c[married])[couple]
    mother_row = np.where(c_is_wife, c[married], s)[couple]
    f_given = np.where(c_is_wife, s_given, c_given[married])[couple]
    f_surname = husband_surname[couple]
    f_culture = np.where(c_is_wife, s_culture, c_culture[married])[couple]
    f_birth = np.where(c_is_wife, s_birth, c_birth[married])[couple]
    mo_birth = np.where(c_is_wife, c_birth[married], s_birth)[couple]
    g_birth = _child_birth(rng, f_birth, mo_birth)
    keep = g_birth <= 2006
    couple, father_row, mother_row, f_given, f_surname, f_culture, g_birth = (
        a[keep] for a in (couple, father_row, mother_row, f_given, f_surname, f_culture, g_birth))
    m2 = len(couple)
    g_gender = (rng.random(m2) < 0.5).astype(np.int8)
    g_given = pick_given(f_culture, g_gender, g_birth)
    f_father_given = np.where(c_is_wife, s_father_given, h_given[parent[married]])[couple]
    g_given = _named_for_elders(rng, g_gender, f_culture, g_given, f_given, f_father_given)
    g_surname = f_surname.copy()
    own = (f_culture == 0) & (rng.random(m2) < 0.04) & (derived[f_given] >= 0)
    g_surname[own] = derived[f_given[own]]
    b.add(culture=f_culture, country=country[parent[married]][couple], gender=g_gender, given=g_given,
          father_given=f_given, surname=g_surname, birth_surname=g_surname, birth_year=g_birth,
          father=father_row, mother=mother_row, tree=parent[married][couple])

    # --- singletons and namesakes -------------------------------------------------------------------
    rest = max(0, n - b.size)
    if rest:
        country_s = rng.choice(3, size=rest, p=np.array(country_mix) / sum(country_mix)).astype(np.int8)
        culture_s = cultures_for(country_s)
        gender_s = (rng.random(rest) < 0.5).astype(np.int8)
        surname_s = surnames.pick(rng, culture_s)
        birth_s = rng.integers(1950, 2003, rest)
        b.add(culture=culture_s, country=country_s, gender=gender_s, given=pick_given(culture_s, gender_s, birth_s),
              father_given=pick_given(culture_s, male(rest), fathers_birth(birth_s)), surname=surname_s,
              birth_surname=surname_s, birth_year=birth_s)

    cols = b.build()
    for rows, values in updates:
        cols["surname"][rows] = values
    for a, z in spouse_pairs:
        cols["spouse"][a] = z
        cols["spouse"][z] = a
    for child, father, mother in parent_links:
        if father is not None:
            cols["father"][child] = father
        if mother is not None:
            cols["mother"][child] = mother

    # Namesakes: 2 % of singletons copy someone's full name (not their birth year or family).
    single = np.flatnonzero(cols["tree"] == -1)
    twins = single[rng.random(len(single)) < 0.02]
    if len(twins):
        originals = np.setdiff1d(np.arange(len(cols["tree"])), twins)
        source = originals[rng.integers(0, len(originals), len(twins))]
        for f in ("culture", "gender", "given", "father_given", "surname", "birth_surname"):
            cols[f][twins] = cols[f][source]
        cols["namesake_of"][twins] = source

    if len(cols["tree"]) > n:  # drop whole trees from the end to hit n exactly-or-below
        cols = _trim(cols, n)
    return Population(**cols)


def _named_for_elders(rng: np.random.Generator, gender: np.ndarray, culture: np.ndarray, given: np.ndarray,
                      father_given: np.ndarray, grandfather_given: np.ndarray) -> np.ndarray:
    """Some sons get their father's given name (Олександр Олександрович), some their paternal grandfather's."""
    draw = rng.random(len(gender))
    like_father = draw < SAME_GIVEN_AS_FATHER[culture]
    like_grandfather = ~like_father & (draw < SAME_GIVEN_AS_FATHER[culture] + SAME_GIVEN_AS_GRANDFATHER[culture])
    sons = gender == 0
    return np.where(sons & like_father, father_given, np.where(sons & like_grandfather, grandfather_given, given))


def _child_birth(rng: np.random.Generator, father_birth: np.ndarray, mother_birth: np.ndarray) -> np.ndarray:
    """Mother 20–36 at the birth; clipped so that both parents are 18–45 years older."""
    birth = mother_birth + rng.integers(20, 37, len(mother_birth))
    birth = np.minimum(birth, np.minimum(father_birth, mother_birth) + 45)
    return np.maximum(birth, np.maximum(father_birth, mother_birth) + 18)


def _trim(cols: dict[str, np.ndarray], n: int) -> dict[str, np.ndarray]:
    keep = np.ones(len(cols["tree"]), bool)
    trees = cols["tree"]
    order = np.sort(np.unique(trees[trees >= 0]))[::-1]
    counts = np.bincount(trees[trees >= 0], minlength=order.max() + 1 if len(order) else 0)
    excess = len(trees) - n
    removed = 0
    drop = []
    for tr in order:
        if removed >= excess:
            break
        drop.append(tr)
        removed += counts[tr]
    keep &= ~np.isin(trees, drop)
    new_index = np.cumsum(keep) - 1
    out = {f: v[keep] for f, v in cols.items()}
    for f in ("father", "mother", "spouse", "namesake_of"):
        v = out[f]
        ok = v >= 0
        ok[ok] = keep[v[ok]]
        out[f] = np.where(ok, new_index[np.maximum(v, 0)], -1)
    return out


# ---------------------------------------------------------------------------------------------------
# Rendering names as a registry writes them


class _Strings:
    def __init__(self) -> None:
        self.index: dict[str, int] = {"": 0}
        self.values: list[str] = [""]

    def id(self, text: str) -> int:
        got = self.index.get(text)
        if got is None:
            got = self.index[text] = len(self.values)
            self.values.append(text)
        return got


@dataclass
class NameForms:
    """Cyrillic forms of the given names and patronymics (small tables) as string ids, and the
    surname vocabulary's forms as one pyarrow array (Latin spellings are made per row, vectorised)."""

    strings: list[str]
    given: np.ndarray  # [entry, orthography]
    patronymic: np.ndarray  # [father entry, gender, kazakh_form, orthography]
    surname: object  # pyarrow string array: entry * 5 + (masculine, feminine, kk m, kk f, root)


SURNAME_FORMS = ("masculine", "feminine", "kk_masculine", "kk_feminine", "root")


@lru_cache(maxsize=None)
def name_forms() -> NameForms:
    import pyarrow as pa

    t = national_tables()
    st = _Strings()
    g = t.given
    count = len(g.name)
    given = np.zeros((count, 2), np.int32)
    patr = np.zeros((count, 2, 2, 2), np.int32)
    for i in range(count):  # a loop over the name table (a few thousand entries), not over persons
        culture = CULTURES[g.culture[i]]
        for o, text in enumerate((g.name[i], g.kk[i])):
            given[i, o] = st.id(text)
            if g.gender[i] != 0:
                continue
            for gender in (0, 1):
                for form in (0, 1):
                    if form and culture != "kz":
                        patr[i, gender, form, o] = patr[i, gender, 0, o]
                        continue
                    patr[i, gender, form, o] = st.id(patronymic(text, "mf"[gender], culture, kazakh_form=bool(form)))
    s = t.surnames
    flat = np.stack([getattr(s, f) for f in SURNAME_FORMS], axis=1).ravel()
    return NameForms(st.values, given, patr, pa.array(flat.tolist(), pa.string()))


# Orders: (part1, part2, part3) from G given, P patronymic, S surname, g/p initials, "" nothing.
CYRILLIC_ORDERS = [("S", "G", "P", 0.55), ("G", "P", "S", 0.30), ("S", "g", "p", 0.07), ("G", "", "S", 0.08)]
LATIN_ORDERS = [("G", "", "SU", 0.30), ("SU", "G", "", 0.20), ("SU", "G", "P", 0.25), ("G", "P", "S", 0.25)]
PARTS = ("G", "P", "S", "SU", "g", "p", "")


def render_names(pop: Population, rng: np.random.Generator):
    """Names as written in the registry (pyarrow string array)."""
    import pyarrow as pa
    import pyarrow.compute as pc

    forms = name_forms()
    n = len(pop)
    kz = pop.culture == 0
    kazakh_form = (kz & (rng.random(n) < 0.18)).astype(np.int8)
    orth = (kz & (rng.random(n) < 0.25)).astype(np.int8)
    has_root = np.strings.str_len(national_tables().surnames.root) > 0
    dropped = (kz & (rng.random(n) < 0.06) & has_root[pop.surname]).astype(np.int8)
    # Namesakes copy the written style of their twin, so the two rows can be identical.
    twin = pop.namesake_of >= 0
    for a in (kazakh_form, orth, dropped):
        a[twin] = a[pop.namesake_of[twin]]
    latin = rng.random(n) < LATIN_SHARE[pop.culture]
    cdf = np.cumsum(LATIN_SYSTEM[pop.culture], axis=1)
    system = np.where(latin, 1 + (rng.random(n)[:, None] > cdf).sum(axis=1).clip(0, 3), 0)

    dictionary = pa.array(forms.strings, pa.string())
    given = dictionary.take(pa.array(forms.given[pop.given, orth]))
    patr = dictionary.take(pa.array(forms.patronymic[pop.father_given, pop.gender, kazakh_form, orth]))
    variant = np.where(dropped == 1, 4, pop.gender + 2 * orth)  # index into SURNAME_FORMS
    surname = forms.surname.take(pa.array(pop.surname.astype(np.int64) * len(SURNAME_FORMS) + variant))
    initial = {"g": pc.binary_join_element_wise(pc.utf8_slice_codeunits(given, 0, 1), ".", ""),
               "p": pc.binary_join_element_wise(pc.utf8_slice_codeunits(patr, 0, 1), ".", "")}
    for k in range(1, len(SYSTEMS)):  # Latin spellings, one system at a time
        rows = system == k
        if rows.any():
            mask = pa.array(rows)
            given, patr, surname = (pc.replace_with_mask(part, mask, to_latin_many(part.filter(mask), SYSTEMS[k]))
                                    for part in (given, patr, surname))
    parts = {"G": given, "P": patr, "S": surname, "SU": pc.if_else(pa.array(latin), pc.utf8_upper(surname), surname),
             "g": initial["g"], "p": initial["p"], "": pa.array(np.full(n, ""), pa.string())}
    order = np.where(latin, _choose(rng, n, LATIN_ORDERS), _choose(rng, n, CYRILLIC_ORDERS) + len(LATIN_ORDERS))
    all_orders = LATIN_ORDERS + CYRILLIC_ORDERS
    slots = []
    for slot in range(3):  # which part fills each slot, per row
        choice = np.zeros(n, np.int8)
        for k, spec in enumerate(all_orders):
            choice[order == k] = PARTS.index(spec[slot])
        slots.append(pc.choose(pa.array(choice), *(parts[p] for p in PARTS)))
    joined = pc.binary_join_element_wise(*slots, " ")
    return pc.utf8_trim_whitespace(pc.replace_substring(joined, "  ", " "))


def _choose(rng, n, options) -> np.ndarray:
    p = np.array([o[-1] for o in options], float)
    return rng.choice(len(options), size=n, p=p / p.sum())


def _organizations() -> list[list[str]]:
    kz = bodies()["kz"]
    names = [m["name"] for m in kz["ministries"]] + [a["name"] for a in kz["agencies"]]
    names += [kz["administration"]["name"]] + [f"Акимат {r}" for r in kz["akimats"]]
    return [names, list(bodies()["ru"]), list(bodies()["ua"])]


# ---------------------------------------------------------------------------------------------------
# Output


def registry_table(pop: Population, seed: int = 1):
    """(registry pyarrow table, ids array): rows in id order; ids are a shuffle so families are not adjacent."""
    import pyarrow as pa
    import pyarrow.compute as pc

    rng = np.random.default_rng(seed + 7919)
    n = len(pop)
    ids = rng.permutation(n) + 1  # id of row i
    names = render_names(pop, rng)
    # birth date: full (80 %), year only (12 %), blank (8 %)
    day = rng.integers(0, 365, n)
    dates = (pop.birth_year.astype(np.int64) - 1970).astype("datetime64[Y]").astype("datetime64[D]")
    full = pa.array(dates + day.astype("timedelta64[D]")).cast(pa.string())
    year = pa.array(pop.birth_year.astype(np.int32)).cast(pa.string())
    kind = rng.random(n)
    birth = pc.if_else(pa.array(kind < 0.80), full, pc.if_else(pa.array(kind < 0.92), year, pa.scalar(None, pa.string())))
    gender = pc.if_else(pa.array(rng.random(n) < 0.2), pa.scalar(None, pa.string()),
                        pa.array(np.array(["m", "f"])[pop.gender]))
    orgs = _organizations()
    offsets = np.cumsum([0] + [len(o) for o in orgs])
    org_index = offsets[pop.country] + (rng.random(n) * np.array([len(o) for o in orgs])[pop.country]).astype(np.int64)
    # relatives in the civil service often serve in the same body: a child follows the father in 15 %
    follow = (pop.father >= 0) & (rng.random(n) < 0.15)
    for _ in range(3):  # three generations: propagate down
        org_index[follow] = org_index[pop.father[follow]]
    org_names = pa.array([name for group in orgs for name in group], pa.string()).take(pa.array(org_index))
    country = pa.array(np.array(COUNTRIES)[pop.country])
    table = pa.table({"id": pa.array(ids.astype(str)), "name": names, "birth_date": birth, "gender": gender,
                      "country": country, "organization": org_names, "_order": pa.array(ids)})
    table = table.sort_by("_order").drop_columns(["_order"])
    return table, ids


TRUTH_SQL = """
WITH p AS (SELECT * FROM people),
parent AS (
    SELECT pid AS person, father AS relative FROM p WHERE father >= 0
    UNION ALL SELECT pid, mother FROM p WHERE mother >= 0),
sibling AS (
    SELECT DISTINCT a.person, b.person AS relative FROM parent a JOIN parent b
      ON a.relative = b.relative AND a.person <> b.person),
spouse AS (SELECT pid AS person, spouse AS relative FROM p WHERE spouse >= 0),
ties AS (
    SELECT person, relative, 'parent' AS rel FROM parent
    UNION ALL SELECT relative, person, 'child' FROM parent
    UNION ALL SELECT person, relative, 'sibling' FROM sibling
    UNION ALL SELECT person, relative, 'spouse' FROM spouse
    UNION ALL SELECT a.person, b.relative, 'grandparent' FROM parent a JOIN parent b ON a.relative = b.person
    UNION ALL SELECT b.relative, a.person, 'grandchild' FROM parent a JOIN parent b ON a.relative = b.person
    UNION ALL SELECT s.person, x.relative, 'parent_in_law' FROM spouse s JOIN parent x ON s.relative = x.person
    UNION ALL SELECT x.relative, s.person, 'child_in_law' FROM spouse s JOIN parent x ON s.relative = x.person
    UNION ALL SELECT a.person, b.relative, 'uncle_aunt' FROM parent a JOIN sibling b ON a.relative = b.person
    UNION ALL SELECT b.relative, a.person, 'nephew_niece' FROM parent a JOIN sibling b ON a.relative = b.person
    UNION ALL SELECT s.person, b.relative, 'sibling_in_law' FROM spouse s JOIN sibling b ON s.relative = b.person
    UNION ALL SELECT b.relative, s.person, 'sibling_in_law' FROM spouse s JOIN sibling b ON s.relative = b.person
    UNION ALL SELECT c.relative, y.relative, 'co_parent_in_law'
      FROM parent c JOIN spouse s ON c.person = s.person JOIN parent y ON s.relative = y.person
),
labelled AS (
    SELECT DISTINCT t.person, t.relative, t.rel, r.gender AS g FROM ties t JOIN p r ON r.pid = t.relative
    WHERE t.person <> t.relative)
SELECT pp.id AS person_id, rr.id AS relative_id,
       CASE rel
         WHEN 'parent' THEN IF(g = 0, 'father', 'mother')
         WHEN 'child' THEN IF(g = 0, 'son', 'daughter')
         WHEN 'sibling' THEN IF(g = 0, 'brother', 'sister')
         WHEN 'spouse' THEN IF(g = 0, 'husband', 'wife')
         WHEN 'grandparent' THEN IF(g = 0, 'grandfather', 'grandmother')
         WHEN 'grandchild' THEN IF(g = 0, 'grandson', 'granddaughter')
         WHEN 'parent_in_law' THEN IF(g = 0, 'father-in-law', 'mother-in-law')
         WHEN 'child_in_law' THEN IF(g = 0, 'son-in-law', 'daughter-in-law')
         WHEN 'uncle_aunt' THEN IF(g = 0, 'uncle', 'aunt')
         WHEN 'nephew_niece' THEN IF(g = 0, 'nephew', 'niece')
         WHEN 'sibling_in_law' THEN IF(g = 0, 'brother-in-law', 'sister-in-law')
         WHEN 'co_parent_in_law' THEN IF(g = 0, 'co-father-in-law', 'co-mother-in-law')
       END AS relationship
FROM labelled JOIN p pp ON pp.pid = labelled.person JOIN p rr ON rr.pid = labelled.relative
ORDER BY person_id, relative_id, relationship
"""


def name_statistics(pop: Population) -> dict[str, float]:
    """How well names separate families: distinct surnames and full names, concentration, namesakes.

    Counted on the table entries (a surname is one entry of the vocabulary in all its written forms;
    a full name is surname + given name + patronymic in one gender)."""
    n = len(pop)
    counts = np.bincount(pop.surname)
    top = np.sort(counts)[::-1]
    men = pop.gender == 0
    pair = pop.surname[men].astype(np.int64) * len(national_tables().given.name) + pop.given[men]
    _, pair_inverse, pair_counts = np.unique(pair, return_inverse=True, return_counts=True)
    full = np.stack([pop.surname, pop.gender, pop.given, pop.father_given], axis=1)
    _, full_inverse, full_counts = np.unique(full, axis=0, return_inverse=True, return_counts=True)
    return {"distinct surnames": int((counts > 0).sum()), "distinct full names": len(full_counts),
            "top surname share %": 100 * top[0] / n, "top 100 surnames share %": 100 * top[:100].sum() / n,
            "median men per (surname, given)": float(np.median(pair_counts[pair_inverse.ravel()])),
            "unique full name %": 100 * (full_counts[full_inverse.ravel()] == 1).mean()}


def write_registry(out: Path, n: int, seed: int = 1, family_share: float = 0.6,
                   country_mix: tuple[float, float, float] = (0.5, 0.25, 0.25), log=print) -> dict[str, int]:
    import duckdb
    import pyarrow as pa

    started = time.perf_counter()
    out.mkdir(parents=True, exist_ok=True)
    pop = generate_population(n, seed, family_share, country_mix)
    log(f"population: {len(pop):,} persons ({time.perf_counter() - started:.1f}s)")
    registry, ids = registry_table(pop, seed)
    log(f"names rendered ({time.perf_counter() - started:.1f}s)")
    people = pa.table({"pid": np.arange(len(pop)), "id": ids, "gender": pop.gender.astype(np.int8),
                       "father": pop.father, "mother": pop.mother, "spouse": pop.spouse})
    con = duckdb.connect()
    con.register("registry_t", registry)
    con.register("people", people)
    con.execute(f"COPY registry_t TO '{out / 'registry.csv'}' (HEADER, DELIMITER ',')")
    con.execute(f"COPY ({TRUTH_SQL}) TO '{out / 'truth.csv'}' (HEADER, DELIMITER ',')")
    counts = dict(con.execute(f"SELECT relationship, count(*) FROM read_csv('{out / 'truth.csv'}') GROUP BY 1 ORDER BY 2 DESC").fetchall())
    con.close()
    log(f"wrote {out / 'registry.csv'} and {out / 'truth.csv'} ({time.perf_counter() - started:.1f}s)")
    names = {k: round(v, 2) for k, v in name_statistics(pop).items()}
    return {"persons": len(pop), "namesakes": int((pop.namesake_of >= 0).sum()), **names, **counts}


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(prog="python -m tamyr.examples.synth",
                                     description="Write a SYNTHETIC registry with ground-truth kinship.")
    parser.add_argument("--n", type=int, default=100_000, help="number of persons (default 100000)")
    parser.add_argument("--seed", type=int, default=None, help="random seed (default 1; demo: 2025)")
    parser.add_argument("--out", type=Path, required=True, help="output directory")
    parser.add_argument("--family-share", type=float, default=0.6,
                        help="share of persons who belong to a planted family (default 0.6)")
    parser.add_argument("--countries", default="kz=0.5,ru=0.25,ua=0.25",
                        help="country mix, e.g. kz=1 for a Kazakhstan-only registry")
    parser.add_argument("--demo", action="store_true",
                        help="write the bundled demo registry of ~2,000 Kazakhstan officials instead")
    args = parser.parse_args(argv)
    if args.demo:
        from .demo_registry import write_demo

        print(write_demo(args.out, seed=2025 if args.seed is None else args.seed))
        return
    mix = dict.fromkeys(COUNTRIES, 0.0)
    try:
        for part in args.countries.split(","):
            key, value = part.split("=")
            if key not in mix:
                raise ValueError(f"unknown country {key!r} (use {', '.join(COUNTRIES)})")
            mix[key] = float(value)
        if sum(mix.values()) <= 0:
            raise ValueError("the country shares sum to zero")
    except ValueError as exc:
        parser.error(f"--countries: {exc}")
    if args.n < 1:
        parser.error("--n must be at least 1")
    summary = write_registry(args.out, args.n, 1 if args.seed is None else args.seed, args.family_share,
                             tuple(mix[c] for c in COUNTRIES), log=lambda m: print(m, file=sys.stderr))
    for key, value in summary.items():
        print(f"{key:32} {value:>12,}")


if __name__ == "__main__":
    main()
