"""A snapshot of what the store says that rules need: persons, posts, sentences, programs, kin graph."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from pathlib import Path

import yaml

from ..graph import KinGraph
from ..store import Store


@dataclass
class Person:
    id: str
    name: str
    gender: str | None = None
    birth_date: str | None = None
    description: str | None = None


@dataclass
class Post:
    """An occupancy: ``holder`` held ``post_name`` in ``org_name`` from ``start`` to ``end``."""

    occupancy_id: str
    holder: str
    post_id: str | None
    post_name: str
    org_id: str | None
    org_name: str | None
    start: str | None
    end: str | None
    status: str | None
    seniority: str
    parent_post: str | None
    country: str | None
    description: str | None = None

    def title(self) -> str:
        if self.org_name and self.org_name.lower() not in self.post_name.lower():
            return f"{self.post_name}, {self.org_name}"
        return self.post_name


@dataclass
class Sentence:
    """A criminal sentence (FtM Sanction with program 'criminal sentence' or tamyr sentence props)."""

    id: str
    person: str
    charge: str | None
    reason: str | None
    months: float | None
    verdict: str | None
    release: str | None
    release_reason: str | None
    corruption: str | None
    amount: str | None
    currency: str | None
    case_id: str | None = None
    case_name: str | None = None

    def describe(self) -> str:
        parts = []
        if self.verdict:
            parts.append(f"convicted in {self.verdict}")
        else:
            parts.append("convicted")
        what = self.charge or self.reason
        if what:
            parts.append(f"of {what}")
        if self.months:
            years = self.months / 12
            term = f"{years:g} years" if years == int(years) else f"{self.months:g} months"
            parts.append(f"and sentenced to {term}")
        if self.case_name:
            parts.append(f"({self.case_name})")
        return " ".join(parts)


@dataclass
class Membership:
    id: str
    member: str
    org_id: str
    org_name: str
    start: str | None
    end: str | None
    description: str | None = None


@dataclass
class Program:
    id: str
    name: str
    excludes: str | None
    rule_text: str | None
    stated_by: str | None


class PersonIndex(dict):
    """id -> Person, built on access from plain row tuples (a national registry holds millions of
    persons; rules touch a few of them)."""

    def add_row(self, pid: str, name: str | None, gender: str | None, birth: str | None,
                description: str | None) -> None:
        existing = dict.get(self, pid)
        if existing is not None:  # a merged person: keep the first name, fill what is missing
            row = existing if isinstance(existing, tuple) else (existing.name, existing.gender,
                                                                 existing.birth_date, existing.description)
            dict.__setitem__(self, pid, (row[0] or name, row[1] or gender, row[2] or birth, row[3] or description))
        else:
            dict.__setitem__(self, pid, (name or pid, gender, birth, description))

    def __getitem__(self, pid: str) -> Person:
        value = dict.__getitem__(self, pid)
        if isinstance(value, tuple):
            value = Person(pid, *value)
            dict.__setitem__(self, pid, value)
        return value

    def get(self, pid: str, default=None):
        return self[pid] if pid in self else default


@dataclass
class World:
    persons: PersonIndex = field(default_factory=PersonIndex)
    posts: dict[str, list[Post]] = field(default_factory=dict)
    sentences: dict[str, list[Sentence]] = field(default_factory=dict)
    memberships: dict[str, list[Membership]] = field(default_factory=dict)
    programs: dict[str, Program] = field(default_factory=dict)
    post_parent: dict[str, str] = field(default_factory=dict)
    graph: KinGraph = field(default_factory=KinGraph)
    canonical: dict[str, str] = field(default_factory=dict)

    def name(self, person_id: str) -> str:
        person = self.persons.get(person_id)
        return person.name if person else person_id

    def post_ancestors(self, post_id: str | None, limit: int = 12) -> list[str]:
        """The posts above ``post_id`` in its reporting line, nearest first."""
        chain: list[str] = []
        while post_id and post_id in self.post_parent and len(chain) < limit:
            post_id = self.post_parent[post_id]
            if post_id in chain:
                break
            chain.append(post_id)
        return chain

    @classmethod
    def load(cls, store: Store, seniority: "SeniorityTable | None" = None,
             canonical: dict[str, str] | None = None) -> "World":
        table = seniority or SeniorityTable.default()
        canon = canonical or {}
        c = lambda x: canon.get(x, x) if x else x  # noqa: E731
        world = cls(canonical=canon)
        con = store.conn
        add_row = world.persons.add_row
        for pid, name, gender, birth, description in con.execute(
                "SELECT id, name, gender, birthDate, description FROM persons").fetchall():
            add_row(canon.get(pid, pid), name, gender, birth, description)
        for row in con.execute(
            """SELECT o.id, o.holder, o.post, p.name, p.organization, org.name, o.startDate, o.endDate, o.status,
                      p.seniority, p.parentPosition, coalesce(p.country, org.country), o.description
               FROM occupancies o LEFT JOIN positions p ON p.id = o.post
               LEFT JOIN organizations org ON org.id = p.organization
               WHERE o.holder IS NOT NULL"""
        ).fetchall():
            occ, holder, post_id, post_name, org_id, org_name, start, end, status, sen, parent, country, desc = row
            post_name = post_name or "unnamed post"
            level = sen or table.level(post_name, org_name)
            world.posts.setdefault(c(holder), []).append(Post(occ, c(holder), post_id, post_name, org_id, org_name,
                                                              start, end, status, level, parent, country, desc))
            if post_id and parent:
                world.post_parent[post_id] = parent
        cases = dict(con.execute(
            """SELECT cp.party, any_value(cc.name) FROM court_case_parties cp JOIN court_cases cc ON cc.id = cp.case
               WHERE cp.party IS NOT NULL GROUP BY cp.party""").fetchall())
        for row in con.execute(
            """SELECT id, entity, charge, reason, sentenceMonths, coalesce(verdictDate, startDate),
                      coalesce(releaseDate, endDate), releaseReason, corruption, amount, currency, program
               FROM sanctions WHERE entity IS NOT NULL"""
        ).fetchall():
            sid, person, charge, reason, months, verdict, release, rreason, corruption, amount, currency, program = row
            if not (months or charge or (program and "crimin" in program.lower())):
                continue  # a sanctions listing, not a criminal sentence
            world.sentences.setdefault(c(person), []).append(Sentence(
                sid, c(person), charge, reason, float(months) if months else None, verdict, release, rreason,
                corruption, amount, currency, None, cases.get(person)))
        for pid, name, excludes, rule, stated in con.execute(
                """SELECT id, name, ruleExcludes, eligibilityRule, ruleStatedBy FROM organizations
                   WHERE ruleExcludes IS NOT NULL OR eligibilityRule IS NOT NULL""").fetchall():
            world.programs[pid] = Program(pid, name or pid, excludes, rule, c(stated))
        for mid, member, org, org_name, start, end, desc in con.execute(
            """SELECT m.id, m.member, m.organization, o.name, m.startDate, m.endDate, m.description
               FROM memberships m LEFT JOIN organizations o ON o.id = m.organization WHERE m.member IS NOT NULL"""
        ).fetchall():
            world.memberships.setdefault(c(member), []).append(
                Membership(mid, c(member), org, org_name or org, start, end, desc))
        world.graph = KinGraph.from_store(store, canon)
        return world


class SeniorityTable:
    """Post name -> senior | middle | junior, from ordered regular expressions (data: seniority.yaml)."""

    def __init__(self, data: dict):
        self.levels: list[tuple[str, re.Pattern]] = []
        for level, patterns in (data.get("levels") or {}).items():
            for pattern in patterns:
                self.levels.append((level, re.compile(pattern, re.IGNORECASE)))
        self._cache: dict[tuple[str, str | None], str] = {}

    @classmethod
    @lru_cache(maxsize=1)
    def default(cls) -> "SeniorityTable":
        text = resources.files("tamyr.rules").joinpath("data/seniority.yaml").read_text(encoding="utf-8")
        return cls(yaml.safe_load(text))

    @classmethod
    def load(cls, path: str | Path) -> "SeniorityTable":
        return cls(yaml.safe_load(Path(path).read_text(encoding="utf-8")))

    def level(self, post_name: str, org_name: str | None = None) -> str:
        key = (post_name, org_name)
        if key not in self._cache:
            found = "junior"
            for text in (post_name.strip(), f"{post_name}, {org_name}" if org_name else None):
                if text is None:
                    continue
                match = next((lvl for lvl, rx in self.levels if lvl != "junior" and rx.search(text)), None)
                if match:
                    found = match
                    break
            self._cache[key] = found
        return self._cache[key]
