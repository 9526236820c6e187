"""The bundled SYNTHETIC registry of Kazakhstan officials (``src/tamyr/examples/kz/``).

Every person is invented. Posts follow the structure of Kazakhstan's central and local executive
bodies (ministries with departments and committees, agencies, the Administration of the President,
akimats), with reporting lines and dates; families are planted so that the demo has something to
find: a senior official's son in another ministry, a son-in-law, co-parents-in-law (сват), relatives
in direct subordination in one body (Anti-Corruption Law No. 410-V, art. 14), namesakes, and a few
convicted former officials.

    python -m tamyr.examples.synth --demo --out src/tamyr/examples/kz
"""

from __future__ import annotations

import csv
import datetime as dt
import random
from dataclasses import dataclass, field
from pathlib import Path

from .naming import bodies
from .people import PeopleFactory, Person

DATASET = "synthetic-kz-officials"
TODAY = dt.date(2025, 6, 30)  # the registry's "as of" date; current posts have no end date


@dataclass
class Post:
    organization: str
    name: str
    seniority: str  # senior | middle | junior (see SENIORITY below)
    reports_to: str = ""
    unique: bool = True  # one holder at a time (a minister) or many (chief experts)
    level: int = 0  # 0 top ... 4 expert; used for plausible ages and careers


@dataclass
class Tenure:
    post: Post
    start: dt.date
    end: dt.date | None
    person: Person | None = None


@dataclass
class DemoRegistry:
    people: list[Person] = field(default_factory=list)
    tenures: list[Tenure] = field(default_factory=list)
    ties: list[tuple[Person, Person, str, bool]] = field(default_factory=list)  # person, relative, word, asserted
    convictions: list[dict] = field(default_factory=list)


# Seniority table: senior = political and top administrative posts (minister, vice-minister,
# executive secretary, akim, committee/agency chair, heads of the Administration and its departments);
# middle = department directors, deputy akims, deputy committee chairs; junior = everyone else.
BORN = {0: (1958, 1975), 1: (1962, 1982), 2: (1965, 1988), 3: (1972, 1994), 4: (1980, 2001)}


def _dept_genitive(dept: str) -> str:
    """'бюджетного планирования' -> 'Департамента бюджетного планирования'; 'юридический' -> 'Юридического департамента'."""
    if dept.endswith(("ый", "ий", "ой")):
        return dept[:-2].capitalize() + "ого департамента"
    return "Департамента " + dept


def build_posts() -> list[Post]:
    data = bodies()["kz"]
    posts: list[Post] = []

    def departments(org: str, depts: list[str], heads: list[str], director_seniority: str = "middle",
                    word: str = "Директор", deputy_word: str = "Заместитель директора",
                    genitive=_dept_genitive) -> None:
        for i, dept in enumerate(depts):
            unit = genitive(dept)
            director = f"{word} {unit}"
            posts.append(Post(org, director, director_seniority, heads[i % len(heads)], level=2))
            posts.append(Post(org, f"{deputy_word} {unit}", "junior", director, level=3))
            division = f"Руководитель управления {unit}"
            posts.append(Post(org, division, "junior", director, level=3))
            posts.append(Post(org, f"Главный эксперт {unit}", "junior", division, unique=False, level=4))
            posts.append(Post(org, f"Эксперт {unit}", "junior", division, unique=False, level=4))

    for ministry in data["ministries"]:
        org = ministry["name"]
        posts.append(Post(org, "Министр", "senior", level=0))
        heads = ["Первый вице-министр", "Вице-министр", "Ответственный секретарь"]
        for head in heads:
            posts.append(Post(org, head, "senior", "Министр", level=1))
        departments(org, ministry["departments"], heads)
        for committee in ministry["committees"]:
            corg = f"{committee} {_ministry_genitive(org)}"
            posts.append(Post(corg, "Председатель", "senior", level=1))
            posts.append(Post(corg, "Заместитель председателя", "middle", "Председатель", level=2))
            for unit in ("контроля", "методологии", "организационной работы"):
                head = f"Руководитель управления {unit}"
                posts.append(Post(corg, head, "junior", "Заместитель председателя", level=3))
                posts.append(Post(corg, f"Главный эксперт управления {unit}", "junior", head, unique=False, level=4))
    for agency in data["agencies"]:
        org = agency["name"]
        posts.append(Post(org, "Председатель", "senior", level=0))
        heads = ["Первый заместитель председателя", "Заместитель председателя"]
        for head in heads:
            posts.append(Post(org, head, "senior", "Председатель", level=1))
        departments(org, agency["departments"], heads)
    admin = data["administration"]
    org = admin["name"]
    posts.append(Post(org, "Руководитель Администрации Президента", "senior", level=0))
    heads = ["Первый заместитель Руководителя Администрации Президента",
             "Заместитель Руководителя Администрации Президента"]
    for head in heads:
        posts.append(Post(org, head, "senior", "Руководитель Администрации Президента", level=1))
    departments(org, admin["departments"], heads, director_seniority="senior", word="Заведующий",
                deputy_word="Заместитель заведующего", genitive=lambda d: f"Отделом {d}")
    for region in data["akimats"]:
        org = f"Акимат {region}"
        posts.append(Post(org, "Аким", "senior", level=0))
        heads = ["Первый заместитель акима", "Заместитель акима"]
        for head in heads:
            posts.append(Post(org, head, "middle", "Аким", level=1))
        posts.append(Post(org, "Руководитель аппарата акима", "middle", "Аким", level=1))
        for i, dept in enumerate(data["akimat_departments"]):
            head = f"Руководитель управления {dept}"
            posts.append(Post(org, head, "junior", heads[i % 2], level=2))
            posts.append(Post(org, f"Заместитель руководителя управления {dept}", "junior", head, level=3))
            posts.append(Post(org, f"Главный специалист управления {dept}", "junior", head, unique=False, level=4))
    return posts


def _ministry_genitive(org: str) -> str:
    return "Министерства" + org[len("Министерство"):]


class Builder:
    def __init__(self, seed: int = 2025):
        self.rng = random.Random(seed)
        self.factory = PeopleFactory(self.rng)
        self.posts = build_posts()
        self.reg = DemoRegistry()
        self.fresh: list[Tenure] = []  # tenures of filler persons, which relatives may take over

    def person(self, person: Person) -> Person:
        self.reg.people.append(person)
        return person

    def hold(self, person: Person, post: Post, start: dt.date, end: dt.date | None) -> Tenure:
        tenure = Tenure(post, start, end, person)
        self.reg.tenures.append(tenure)
        return tenure

    def tie(self, person: Person, relative: Person, word: str, asserted: bool = True) -> None:
        self.reg.ties.append((person, relative, word, asserted))

    def post(self, org_prefix: str, name: str) -> Post:
        for p in self.posts:
            if p.organization.startswith(org_prefix) and p.name == name:
                return p
        raise KeyError((org_prefix, name))

    def earlier_career(self, person: Person, before: dt.date, level: int) -> None:
        """0–2 earlier posts, lower in rank, ending when the next one starts."""
        end = before
        for step in range(self.rng.choice([0, 1, 1, 2])):
            lower = [p for p in self.posts if p.level == min(level + 1 + step, 4)]
            start = end - dt.timedelta(days=self.rng.randint(2 * 365, 6 * 365))
            if start.year - person.birth.year < 22:
                break
            for _ in range(50):
                post = self.rng.choice(lower)
                if self.is_free(post, start, end):
                    break
            else:
                break
            self.hold(person, post, start, end - dt.timedelta(days=1))
            end = start

    def fill(self) -> None:
        """Holders over time for every unique post still vacant, and several holders for expert posts."""
        rng = self.rng
        for post in self.posts:
            existing = [t for t in self.reg.tenures if t.post is post]
            if post.unique:
                if any(t.end is None for t in existing):
                    continue
                start = self.factory.date_in(2018, 2024)
                if existing:
                    start = max(start, max(t.end for t in existing) + dt.timedelta(days=1))
                holders = [(start, None)]
                while not existing and rng.random() < 0.45 and start.year > 2008:
                    prev = start - dt.timedelta(days=rng.randint(2 * 365, 6 * 365))
                    holders.append((prev, start - dt.timedelta(days=1)))
                    start = prev
            else:
                holders = [(self.factory.date_in(2014, 2024), None) for _ in range(rng.choice([1, 1, 2]))]
            for start, end in holders:
                low, high = BORN[post.level]
                high = min(high, start.year - 23)  # nobody enters the civil service before 22
                person = self.person(self.factory.new(born=(min(low, high), high)))
                self.fresh.append(self.hold(person, post, start, end))
                self.earlier_career(person, start, post.level)

    def is_free(self, post: Post, start: dt.date, end: dt.date | None) -> bool:
        if not post.unique:
            return True
        end = end or dt.date.max
        return all(t.end is not None and t.end < start or t.start > end
                   for t in self.reg.tenures if t.post is post)

    def free_post(self, levels: tuple[int, ...], start: dt.date) -> Post:
        candidates = [p for p in self.posts if p.level in levels]
        for _ in range(200):
            post = self.rng.choice(candidates)
            if self.is_free(post, start, None):
                return post
        return self.rng.choice([p for p in candidates if not p.unique] or candidates)

    # -- planted scenarios ---------------------------------------------------------------------------
    def plant(self) -> None:
        f, rng = self.factory, self.rng
        today = TODAY

        # 1. Senior fathers with sons (and a daughter) in junior posts of other bodies.
        pairs = [("Министерство энергетики", "Министр", "Министерство финансов", "Главный эксперт Департамента бюджетного планирования", "сын"),
                 ("Министерство сельского хозяйства", "Первый вице-министр", "Министерство транспорта", "Эксперт Департамента автомобильных дорог", "сын"),
                 ("Акимат Карагандинской области", "Аким", "Министерство цифрового развития", "Главный эксперт Департамента цифровой трансформации", "сын"),
                 ("Администрация Президента", "Заведующий Отделом государственного контроля", "Министерство юстиции", "Эксперт Департамента законодательства", "дочь"),
                 ("Комитет государственных доходов", "Председатель", "Агентство Республики Казахстан по регулированию и развитию финансового рынка", "Главный эксперт Департамента банковского надзора", "сын")]
        for org, post_name, child_org, child_post, word in pairs:
            father = self.person(f.new("m", born=(1958, 1968), culture="kz"))
            start = f.date_in(2019, 2023)
            self.hold(father, self.post(org, post_name), start, None)
            self.earlier_career(father, start, 1)
            child = self.person(f.child(father, "m" if word == "сын" else "f", born=(1988, 1999)))
            self.hold(child, self.post(child_org, child_post), f.date_in(2020, 2024), None)
            if rng.random() < 0.5:
                self.tie(father, child, word)
            else:
                self.tie(child, father, "отец")
            self.generic_relatives(father, asserted=False)

        # 2. Sons-in-law (зять) of senior officials.
        for org, post_name, dorg, dpost, zorg, zpost in [
            ("Министерство национальной экономики", "Вице-министр", "Акимат города Астаны", "Главный специалист управления финансов",
             "Министерство здравоохранения", "Директор Департамента лекарственной политики"),
            ("Акимат Мангистауской области", "Аким", "Акимат Мангистауской области", "Главный специалист управления образования",
             "Министерство энергетики", "Заместитель директора Департамента развития нефтяной промышленности"),
        ]:
            father = self.person(f.new("m", born=(1955, 1966), culture="kz"))
            self.hold(father, self.post(org, post_name), f.date_in(2018, 2023), None)
            daughter = self.person(f.child(father, "f", born=(1984, 1994)))
            husband = self.person(f.spouse(daughter))
            self.hold(daughter, self.post(dorg, dpost), f.date_in(2016, 2023), None)
            self.hold(husband, self.post(zorg, zpost), f.date_in(2019, 2024), None)
            self.earlier_career(husband, self.reg.tenures[-1].start, 2)
            self.tie(father, husband, "зять")
            self.tie(father, daughter, "дочь")
            self.tie(husband, daughter, "супруга")

        # 3. Co-parents-in-law (сват): a vice-minister's daughter married the son of a convicted
        #    former official; the son then joined a ministry.
        senior = self.person(f.new("m", born=(1958, 1965), culture="kz"))
        self.hold(senior, self.post("Министерство транспорта", "Вице-министр"), dt.date(2021, 3, 15), None)
        self.earlier_career(senior, dt.date(2021, 3, 15), 1)
        convict = self.person(f.new("m", born=(1954, 1960), culture="kz"))
        self.hold(convict, self.post("Акимат Кызылординской области", "Первый заместитель акима"),
                  dt.date(2009, 5, 4), dt.date(2013, 8, 20))
        self.hold(convict, self.post("Министерство сельского хозяйства", "Директор Департамента государственной поддержки"),
                  dt.date(2005, 2, 1), dt.date(2009, 5, 3))
        son = self.person(f.child(convict, "m", born=(1990, 1994)))
        bride = self.person(f.child(senior, "f", born=(1991, 1996)))
        self.hold(son, self.post("Министерство индустрии", "Главный эксперт Департамента строительства"),
                  dt.date(2023, 9, 1), None)
        self.hold(bride, self.post("Министерство просвещения", "Эксперт Департамента среднего образования"),
                  dt.date(2019, 9, 2), None)
        self.tie(senior, convict, "сват")
        self.tie(convict, son, "сын")
        self.tie(senior, bride, "дочь")
        self.tie(son, bride, "супруга")
        self.conviction(convict, "хищение бюджетных средств в особо крупном размере (ст. 189 УК РК)",
                        dt.date(2014, 6, 11), 96, dt.date(2017, 2, 3), "по состоянию здоровья", 1_250_000_000)
        second = self.person(f.new("m", born=(1957, 1963), culture="kz"))
        self.hold(second, self.post("Агентство Республики Казахстан по делам государственной службы", "Председатель"),
                  f.date_in(2020, 2023), None)
        daughter2 = self.person(f.child(second, "f", born=(1990, 1996)))
        son2 = self.person(f.new("m", born=(1988, 1994), culture="kz"))
        son2_father = self.person(f.new("m", born=(1956, 1964), culture="kz"))
        son2.father_given, son2.surname = son2_father.given, son2_father.surname
        self.hold(son2_father, self.post("Акимат Павлодарской области", "Руководитель аппарата акима"),
                  f.date_in(2017, 2022), None)
        self.hold(son2, self.post("Министерство энергетики", "Эксперт Департамента электроэнергетики"), f.date_in(2021, 2024), None)
        self.hold(daughter2, self.post("Агентство по стратегическому планированию", "Эксперт Департамента реформ"), f.date_in(2021, 2024), None)
        self.tie(second, son2_father, "сват")
        self.tie(son2, daughter2, "супруга")
        self.tie(son2_father, son2, "сын", asserted=False)
        self.tie(second, daughter2, "дочь", asserted=False)

        # 4. Relatives in direct subordination in one body (art. 14 of the Anti-Corruption Law).
        father = self.person(f.new("m", born=(1962, 1968), culture="kz"))
        director = self.post("Министерство финансов", "Директор Департамента государственного долга")
        self.hold(father, director, dt.date(2019, 7, 1), None)
        son = self.person(f.child(father, "m", born=(1988, 1994)))
        self.hold(son, self.post("Министерство финансов", "Руководитель управления Департамента государственного долга"),
                  dt.date(2022, 2, 14), None)
        self.tie(father, son, "сын")

        deputy = self.person(f.new("m", born=(1965, 1972), culture="kz"))
        self.hold(deputy, self.post("Акимат Туркестанской области", "Заместитель акима"), dt.date(2020, 1, 20), None)
        wife = self.person(f.spouse(deputy))
        # heads of odd-numbered управления report to the deputy (see build_posts)
        head = next(p for p in self.posts if p.organization == "Акимат Туркестанской области"
                    and p.reports_to == "Заместитель акима" and p.name.startswith("Руководитель управления"))
        self.hold(wife, head, dt.date(2021, 4, 5), None)
        self.tie(deputy, wife, "супруга")

        vice = self.person(f.new("m", born=(1963, 1970), culture="kz"))
        self.hold(vice, self.post("Министерство здравоохранения", "Первый вице-министр"), dt.date(2022, 1, 10), None)
        wife = f.spouse(vice)  # not an official: not in the registry
        brother_in_law = self.person(f.sibling(wife, "m"))
        self.hold(brother_in_law, self.post("Министерство здравоохранения", "Директор Департамента цифровизации"),
                  dt.date(2022, 6, 1), None)
        self.tie(vice, brother_in_law, "шурин")

        chair = self.person(f.new("m", born=(1964, 1970), culture="ru"))
        corg = "Комитет по делам строительства"
        self.hold(chair, self.post(corg, "Председатель"), dt.date(2021, 11, 1), None)
        brother = self.person(f.sibling(chair, "m"))
        self.hold(brother, self.post(corg, "Заместитель председателя"), dt.date(2023, 3, 1), None)
        self.tie(chair, brother, "брат")

        # A former case: father and daughter in one department, years ago (both posts ended).
        father = self.person(f.new("m", born=(1955, 1960), culture="kz"))
        self.hold(father, self.post("Министерство сельского хозяйства", "Директор Департамента ветеринарной безопасности"),
                  dt.date(2011, 3, 1), dt.date(2016, 12, 30))
        daughter = self.person(f.child(father, "f", born=(1984, 1988)))
        self.hold(daughter, self.post("Министерство сельского хозяйства", "Руководитель управления Департамента ветеринарной безопасности"),
                  dt.date(2014, 9, 1), dt.date(2017, 5, 31))
        self.tie(daughter, father, "отец", asserted=False)

        # 5. Namesakes: unrelated people with identical full names.
        for culture in ("kz", "kz", "ru"):
            a = self.person(f.new("m", born=(1968, 1980), culture=culture))
            b = self.person(f.namesake(a, born=(1981, 1992)))
            start = f.date_in(2019, 2023)
            self.hold(a, self.free_post((2,), start), start, None)
            start = f.date_in(2020, 2024)
            self.hold(b, self.free_post((4,), start), start, None)

        # 6. More convicted former officials (bribery, abuse of office, embezzlement).
        for post_name, org, charge, months, reason, amount in [
            ("Аким", "Акимат Атырауской области", "получение взятки в особо крупном размере (ст. 366 УК РК)", 120,
             "условно-досрочное освобождение", 450_000_000),
            ("Директор Департамента автомобильных дорог", "Министерство транспорта",
             "злоупотребление должностными полномочиями (ст. 361 УК РК)", 60, "", 870_000_000),
            ("Заместитель председателя", "Комитет государственных доходов", "получение взятки (ст. 366 УК РК)", 84,
             "амнистия", 96_000_000),
            ("Первый заместитель акима", "Акимат Костанайской области",
             "хищение бюджетных средств (ст. 189 УК РК)", 72, "условно-досрочное освобождение", 310_000_000),
        ]:
            person = self.person(f.new("m", born=(1955, 1970), culture="kz"))
            start = f.date_in(2008, 2014)
            end = start + dt.timedelta(days=rng.randint(700, 2000))
            self.hold(person, self.post(org, post_name), start, end)
            self.earlier_career(person, start, 1)
            verdict = end + dt.timedelta(days=rng.randint(120, 500))
            release = verdict + dt.timedelta(days=int(months * 30.4 * (0.55 if reason else 1.0)))
            self.conviction(person, charge, verdict, months, release if release < today else None, reason, amount)
            if rng.random() < 0.6:  # a child now in the civil service
                child = self.person(f.child(person, born=(1985, 1998)))
                start = f.date_in(2019, 2024)
                self.hold(child, self.free_post((3, 4), start), start, None)
                self.tie(child, person, "отец", asserted=rng.random() < 0.5)

    def conviction(self, person: Person, charge: str, verdict: dt.date, months: int, release: dt.date | None,
                   reason: str, amount: int) -> None:
        self.reg.convictions.append({
            "person": person, "charge": charge, "verdict_date": verdict, "sentence_months": months,
            "release_date": release, "release_reason": reason, "amount": amount, "currency": "KZT",
            "case_name": f"Уголовное дело в отношении {person.name}",
            "corruption": "yes",
        })

    def generic_relatives(self, person: Person, asserted: bool = True) -> None:
        """A relative of `person` (spouse, sibling or child) who took over a filler's post."""
        kind = self.rng.choice(["spouse", "sibling", "child", "child"])
        if kind == "child" and (person.birth.year > 1975 or person.gender == "f"):
            kind = self.rng.choice(["spouse", "sibling"])
        if kind == "spouse":
            other = self.factory.spouse(person)
            word = "супруга" if other.gender == "f" else "муж"
        elif kind == "sibling":
            other = self.factory.sibling(person)
            word = "брат" if other.gender == "m" else "сестра"
        else:
            other = self.factory.child(person)
            word = "сын" if other.gender == "m" else "дочь"
        year = other.birth.year
        levels = [lvl for lvl, (lo, hi) in BORN.items() if lo <= year <= hi]
        tied = {p.pid for tie in self.reg.ties for p in tie[:2]} | {person.pid}
        first_start: dict[str, int] = {}
        for t in self.reg.tenures:
            first_start[t.person.pid] = min(first_start.get(t.person.pid, 9999), t.start.year)
        candidates = [t for t in self.fresh if t.post.level in levels and t.person.pid not in tied
                      and first_start[t.person.pid] >= year + 22]
        if not candidates:
            return
        tenure = self.rng.choice(candidates)
        self.fresh.remove(tenure)
        old = tenure.person
        for t in self.reg.tenures:
            if t.person is old:
                t.person = other
        self.reg.people[self.reg.people.index(old)] = other
        self.tie(person, other, word, asserted)

    def build(self, families: int = 140) -> DemoRegistry:
        self.plant()
        self.fill()
        holders = [t.person for t in self.fresh]
        for person in self.rng.sample(holders, families):
            if person not in self.reg.people:  # replaced by an earlier relative
                continue
            self.generic_relatives(person, asserted=self.rng.random() < 0.5)
        return self.reg


# ---------------------------------------------------------------------------------------------------
# Output


def write_demo(out: Path, seed: int = 2025) -> dict[str, int]:
    reg = Builder(seed).build()
    out.mkdir(parents=True, exist_ok=True)
    by_person: dict[str, list[Tenure]] = {}
    for t in reg.tenures:
        by_person.setdefault(t.person.pid, []).append(t)
    with (out / "officials.csv").open("w", encoding="utf-8", newline="") as fh:
        w = csv.writer(fh)
        w.writerow(["person_id", "name", "birth_date", "gender", "position", "organization", "start_date",
                    "end_date", "seniority", "reports_to"])
        rows = 0
        for person in reg.people:
            for t in sorted(by_person.get(person.pid, []), key=lambda t: t.start):
                w.writerow([person.pid, person.name, person.birth.isoformat(), person.gender, t.post.name,
                            t.post.organization, t.start.isoformat(), t.end.isoformat() if t.end else "",
                            t.post.seniority, t.post.reports_to])
                rows += 1
    with (out / "family.csv").open("w", encoding="utf-8", newline="") as fh:
        w = csv.writer(fh)
        w.writerow(["person_id", "name", "relative_id", "relationship"])
        for person, relative, word, asserted in reg.ties:
            if asserted:
                w.writerow([person.pid, person.name, relative.pid, word])
    with (out / "convictions.csv").open("w", encoding="utf-8", newline="") as fh:
        w = csv.writer(fh)
        w.writerow(["person_id", "name", "charge", "verdict_date", "sentence_months", "release_date",
                    "release_reason", "amount", "currency", "case_name", "corruption"])
        for c in reg.convictions:
            p = c["person"]
            w.writerow([p.pid, p.name, c["charge"], c["verdict_date"].isoformat(), c["sentence_months"],
                        c["release_date"].isoformat() if c["release_date"] else "", c["release_reason"],
                        c["amount"], c["currency"], c["case_name"], c["corruption"]])
    # Full ground truth of planted ties, asserted or not (for evaluating kin inference on the demo).
    with (out / "kin_truth.csv").open("w", encoding="utf-8", newline="") as fh:
        w = csv.writer(fh)
        w.writerow(["person_id", "relative_id", "relationship", "in_family_csv"])
        for person, relative, word, asserted in reg.ties:
            w.writerow([person.pid, relative.pid, word, "yes" if asserted else "no"])
    _write_mappings(out)
    return {"persons": len({p.pid for p in reg.people}), "posts_held": rows,
            "ties": len(reg.ties), "asserted_ties": sum(1 for t in reg.ties if t[3]),
            "convictions": len(reg.convictions)}


def _write_mappings(out: Path) -> None:
    header = (f"# Column mapping for tamyr ingest (see tamyr.ingest.registry). SYNTHETIC data.\n"
              f"dataset: {DATASET}\ncountry: kz\n")
    (out / "officials.yaml").write_text(
        header + "person: {id: person_id, name: name, birthDate: birth_date, gender: gender}\n"
        "occupancy: {post: position, organization: organization, startDate: start_date, endDate: end_date,\n"
        "            seniority: seniority, parentPost: reports_to}\n", encoding="utf-8")
    (out / "family.yaml").write_text(
        header + "person: {id: person_id, name: name}\n"
        "family: {relative: relative_id, relationship: relationship}\n", encoding="utf-8")
    (out / "convictions.yaml").write_text(
        header + "person: {id: person_id, name: name}\n"
        "conviction: {charge: charge, verdictDate: verdict_date, sentenceMonths: sentence_months,\n"
        "             releaseDate: release_date, releaseReason: release_reason, amount: amount, currency: currency,\n"
        "             caseName: case_name, corruption: corruption}\n", encoding="utf-8")
