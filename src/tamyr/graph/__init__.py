"""The time-aware kin graph: asserted and inferred ties, composed into named relations.

Every FtM Family entity (person, relative, relationship) becomes two directed ties: the relative
is the person's <relationship>, and the person is the relative's inverse (father -> son or
daughter, by the person's gender). Paths of up to N ties from a person are enumerated at a date
(ties carry start/end dates), each with the product of its ties' confidences and, where the kin
vocabulary has one, the single relation the chain amounts to (son's wife's father = сват,
co-parent-in-law); otherwise the chain itself ("father's in-law").
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Iterable

from ..model.dates import NO, held_on
from ..model.kinship import vocabulary
from ..store import Store


@dataclass(frozen=True)
class Tie:
    """A directed kin tie: ``target`` is ``source``'s ``relation`` (gendered word: ``label``)."""

    source: str
    target: str
    relation: str  # base relation from the vocabulary: parent, co_parent_in_law, in_law, ...
    label: str  # English word for the target: father, daughter, in-law
    status: str  # asserted | inferred
    confidence: float
    family_id: str  # the FtM Family entity the tie comes from (its statements are the evidence)
    start: str | None = None
    end: str | None = None
    reversed: bool = False  # True when read against the direction the source stated it


@dataclass
class KinPath:
    subject: str
    ties: list[Tie] = field(default_factory=list)

    @property
    def target(self) -> str:
        return self.ties[-1].target

    @property
    def confidence(self) -> float:
        product = 1.0
        for tie in self.ties:
            product *= tie.confidence
        return product

    @property
    def inferred(self) -> bool:
        return any(t.status == "inferred" for t in self.ties)

    @property
    def relation(self) -> str | None:
        """The one named relation the chain amounts to, if the vocabulary has one."""
        return vocabulary().compose_path(t.relation for t in self.ties)

    @property
    def legal_class(self) -> str:
        rel = self.relation
        return vocabulary().relations[rel].legal_class if rel else "other"

    def laws(self) -> tuple[str, ...]:
        rel = self.relation
        return vocabulary().relations[rel].laws if rel else ()

    def describe(self) -> str:
        """"father", "father's in-law", with the composed name when there is one."""
        chain = "'s ".join(t.label for t in self.ties)
        rel = self.relation
        if rel and len(self.ties) > 1:
            gender_word = vocabulary().relations[rel].labels.get(None)
            return f"{chain} ({gender_word})"
        return chain


class KinGraph:
    """Adjacency of kin ties, loaded once from the store (or built from ties directly)."""

    def __init__(self, ties: Iterable[Tie] = ()):
        self.out: dict[str, list[Tie]] = {}
        for tie in ties:
            self.add(tie)

    def add(self, tie: Tie) -> None:
        if tie.source == tie.target:
            return
        edges = self.out.setdefault(tie.source, [])
        for i, existing in enumerate(edges):
            if existing.target == tie.target and existing.relation == tie.relation:
                # keep the best-supported tie between a pair: asserted over inferred, then confidence
                if (tie.status == "asserted", tie.confidence) > (existing.status == "asserted", existing.confidence):
                    edges[i] = tie
                return
        edges.append(tie)

    @classmethod
    def from_store(cls, store: Store, canonical: dict[str, str] | None = None) -> "KinGraph":
        canon = canonical or {}
        vocab = vocabulary()
        rows = store.conn.execute(
            """SELECT f.id, f.person, f.relative, f.relationship, f.startDate, f.endDate, f.inferred,
                      f.confidence, p.gender, r.gender
               FROM family f LEFT JOIN persons p ON p.id = f.person LEFT JOIN persons r ON r.id = f.relative
               WHERE f.person IS NOT NULL AND f.relative IS NOT NULL AND f.relationship IS NOT NULL"""
        ).fetchall()
        graph = cls()
        for fid, person, relative, word, start, end, inferred, confidence, pgender, rgender in rows:
            term = vocab.term(word)
            if term is None:
                continue
            relation = vocab.relations[term.relation]
            status = "inferred" if inferred else "asserted"
            conf = float(confidence) if confidence is not None else 1.0
            a, b = canon.get(person, person), canon.get(relative, relative)
            gender_of_relative = term.gender or _gender(rgender)
            graph.add(Tie(a, b, relation.name, relation.label(gender_of_relative), status, conf, fid, start, end))
            inverse = vocab.relations[relation.inverse]
            graph.add(Tie(b, a, inverse.name, inverse.label(_gender(pgender)), status, conf, fid, start, end,
                          reversed=True))
        return graph

    def paths(self, subject: str, max_hops: int = 3, date: str | None = None,
              min_confidence: float = 0.0) -> list[KinPath]:
        """Every simple path of 1..max_hops ties from ``subject`` whose ties may hold at ``date``."""
        found: list[KinPath] = []

        def walk(path: list[Tie], seen: set[str], confidence: float) -> None:
            here = path[-1].target if path else subject
            for tie in self.out.get(here, ()):
                if tie.target in seen:
                    continue
                if date and held_on(tie.start, tie.end, date, "current") == NO:
                    continue  # the tie ended before, or began after, the date that matters
                conf = confidence * tie.confidence
                if conf < min_confidence:
                    continue
                step = path + [tie]
                found.append(KinPath(subject, step))
                if len(step) < max_hops:
                    walk(step, seen | {tie.target}, conf)

        walk([], {subject}, 1.0)
        return found


def _gender(value: str | None) -> str | None:
    if not value:
        return None
    value = value.lower()
    return "m" if value in ("male", "m") else "f" if value in ("female", "f") else None


__all__ = ["KinGraph", "KinPath", "Tie"]
