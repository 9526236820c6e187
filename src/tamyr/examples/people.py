"""Person-at-a-time name generation for small SYNTHETIC registries (the bundled demo).

The national-scale generator in :mod:`tamyr.examples.synth` does the same with numpy arrays; this
module is the readable version, used where a scenario needs a particular relative ("the son of this
vice-minister", "the wife of that deputy akim").
"""

from __future__ import annotations

import datetime as dt
import random
from dataclasses import dataclass

from .naming import CULTURES, patronymic, tables

# Share of married women who take the husband's surname, by culture. Kazakh women commonly keep the
# maiden name (encyclopedia.kz, "Казахская фамилия"); Russian and Ukrainian women mostly take it.
TAKES_HUSBAND_SURNAME = {"kz": 0.5, "ru": 0.85, "ua": 0.85}
# Share of Kazakhs with an -ұлы/-қызы patronymic, with names in Kazakh orthography, with a
# suffix-dropped surname (Decree No. 2923 of 1996). Approximate shares for civil servants.
KAZAKH_FORM_PATRONYMIC = 0.18
KAZAKH_ORTHOGRAPHY = 0.25
SUFFIX_DROPPED = 0.06


@dataclass
class Person:
    pid: str
    culture: str
    gender: str  # "m" | "f"
    given: int  # index into tables().given
    father_given: int  # index into tables().given (a male name)
    surname: int  # index into tables().surnames: the surname the person bears now (masculine entry)
    birth: dt.date
    kazakh_form: bool = False  # -ұлы/-қызы patronymic
    kazakh_orthography: bool = False  # Қ Ұ Ү Ә Ө Ң Ғ І Һ spellings
    suffix_dropped: bool = False  # Жанбулат instead of Жанбулатов
    maiden_surname: int | None = None

    def parts(self) -> tuple[str, str, str]:
        """(surname, given, patronymic) as the person would write them."""
        t = tables()
        kk = self.kazakh_orthography and self.culture == "kz"
        given = t.given.kk[self.given] if kk else t.given.name[self.given]
        father = t.given.kk[self.father_given] if kk else t.given.name[self.father_given]
        father_culture = CULTURES[t.given.culture[self.father_given]]
        patr = patronymic(father, self.gender, father_culture, kazakh_form=self.kazakh_form)
        s = t.surnames
        if self.suffix_dropped and s.root[self.surname]:
            surname = s.root[self.surname]
        elif kk:
            surname = s.kk_feminine[self.surname] if self.gender == "f" else s.kk_masculine[self.surname]
        else:
            surname = s.feminine[self.surname] if self.gender == "f" else s.masculine[self.surname]
        return surname, given, patr

    @property
    def name(self) -> str:
        """Registry style: Фамилия Имя Отчество."""
        return " ".join(p for p in self.parts() if p)

    @property
    def given_name(self) -> str:
        return tables().given.name[self.given]


class PeopleFactory:
    """Makes persons and their relatives with consistent names and plausible birth dates."""

    def __init__(self, rng: random.Random, prefix: str = "P"):
        self.rng = rng
        self.prefix = prefix
        self.count = 0
        t = tables()
        self._pools: dict[tuple[int, int], tuple[list[int], list[float]]] = {}
        for i in range(len(t.given.name)):
            key = (int(t.given.culture[i]), int(t.given.gender[i]))
            pool = self._pools.setdefault(key, ([], []))
            pool[0].append(i)
            pool[1].append(float(t.given.weight[i]))
        self._surnames: dict[int, tuple[list[int], list[float]]] = {}
        for i in range(len(t.surnames.masculine)):
            pool = self._surnames.setdefault(int(t.surnames.culture[i]), ([], []))
            pool[0].append(i)
            pool[1].append(float(t.surnames.weight[i]))

    # -- sampling ----------------------------------------------------------------------------------
    def given_name(self, culture: str, gender: str) -> int:
        idx, w = self._pools[(CULTURES.index(culture), 0 if gender == "m" else 1)]
        return self.rng.choices(idx, w)[0]

    def surname(self, culture: str) -> int:
        idx, w = self._surnames[CULTURES.index(culture)]
        return self.rng.choices(idx, w)[0]

    def date_in(self, year_from: int, year_to: int) -> dt.date:
        start = dt.date(year_from, 1, 1).toordinal()
        end = dt.date(year_to, 12, 31).toordinal()
        return dt.date.fromordinal(self.rng.randint(start, end))

    def _next_id(self) -> str:
        self.count += 1
        return f"{self.prefix}{self.count:05d}"

    def _styles(self, person: Person) -> Person:
        if person.culture == "kz":
            person.kazakh_form = self.rng.random() < KAZAKH_FORM_PATRONYMIC
            person.kazakh_orthography = self.rng.random() < KAZAKH_ORTHOGRAPHY
            person.suffix_dropped = (self.rng.random() < SUFFIX_DROPPED
                                     and bool(tables().surnames.root[person.surname]))
        return person

    # -- persons and relatives ---------------------------------------------------------------------
    def new(self, gender: str | None = None, born: tuple[int, int] = (1960, 1995), culture: str | None = None) -> Person:
        culture = culture or self.rng.choices(["kz", "ru", "ua"], [0.8, 0.17, 0.03])[0]
        gender = gender or self.rng.choice("mf")
        person = Person(self._next_id(), culture, gender, self.given_name(culture, gender),
                        self.given_name(culture, "m"), self.surname(culture), self.date_in(*born))
        return self._styles(person)

    def child(self, father: Person, gender: str | None = None, born: tuple[int, int] | None = None) -> Person:
        """A child of `father`: patronymic from his given name, his surname (or, for some Kazakhs,
        a surname built from his given name), born 22–40 years after him."""
        gender = gender or self.rng.choice("mf")
        low = father.birth.year + 22
        high = min(father.birth.year + 40, 2003)
        if born:
            low, high = max(low, born[0]), min(high, born[1])
        surname = father.maiden_surname if father.maiden_surname is not None else father.surname
        derived = tables().given.derived_surname[father.given]
        if father.culture == "kz" and derived >= 0 and self.rng.random() < 0.04:
            surname = int(derived)
        given = self.given_name(father.culture, gender)
        if gender == "m" and father.culture != "kz" and self.rng.random() < 0.05:
            given = father.given  # Олександр Олександрович
        person = Person(self._next_id(), father.culture, gender, given, father.given, surname,
                        self.date_in(low, max(low, high)))
        return self._styles(person)

    def sibling(self, person: Person, gender: str | None = None) -> Person:
        gender = gender or self.rng.choice("mf")
        surname = person.maiden_surname if person.maiden_surname is not None else person.surname
        year = person.birth.year + self.rng.randint(-8, 8)
        sib = Person(self._next_id(), person.culture, gender, self.given_name(person.culture, gender),
                     person.father_given, surname, self.date_in(year, year))
        return self._styles(sib)

    def spouse(self, person: Person, born_year: int | None = None) -> Person:
        """Spouse of `person`; a wife takes the husband's surname with the culture's share and
        otherwise keeps her maiden name; the husband is 0–8 years older."""
        gender = "f" if person.gender == "m" else "m"
        culture = person.culture if self.rng.random() < 0.9 else self.rng.choice(["kz", "ru"])
        if born_year is None:
            gap = self.rng.randint(0, 8)
            born_year = person.birth.year + (gap if gender == "f" else -gap)
        other = Person(self._next_id(), culture, gender, self.given_name(culture, gender),
                       self.given_name(culture, "m"), self.surname(culture), self.date_in(born_year, born_year))
        self._styles(other)
        wife, husband = (other, person) if gender == "f" else (person, other)
        if self.rng.random() < 0.03:
            wife.father_given = husband.given  # trap: wife's patronymic equals the husband's given name
        if self.rng.random() < TAKES_HUSBAND_SURNAME[wife.culture]:
            wife.maiden_surname = wife.surname
            wife.surname = husband.surname
            wife.suffix_dropped = False
        return other

    def namesake(self, person: Person, born: tuple[int, int]) -> Person:
        """An unrelated person with the same full name."""
        twin = Person(self._next_id(), person.culture, person.gender, person.given, person.father_given,
                      person.surname, self.date_in(*born), person.kazakh_form, person.kazakh_orthography,
                      person.suffix_dropped)
        return twin
