"""The controlled kin vocabulary (data in ``data/kinship.yaml``).

A relation is gender-neutral (``parent``); a term is a word someone wrote (``тесть``, ``құда``,
``son-in-law``) mapped to a relation and, where the word says it, the relative's gender.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from typing import Iterable

import yaml

GENDERS = ("m", "f")


@dataclass(frozen=True)
class Relation:
    name: str
    inverse: str
    legal_class: str  # close | spouse | in_law | other
    laws: tuple[str, ...]
    degree: int
    labels: dict

    def label(self, gender: str | None = None) -> str:
        """English word for the relative of this relation, e.g. parent + m -> father."""
        return self.labels.get(gender if gender in GENDERS else None) or self.labels[None]


@dataclass(frozen=True)
class Term:
    word: str
    relation: str
    gender: str | None


class KinVocabulary:
    def __init__(self, data: dict):
        labels = {k: {(None if g == "null" else g): v for g, v in d.items()} for k, d in data["labels"].items()}
        self.relations: dict[str, Relation] = {}
        for name, spec in data["relations"].items():
            if name not in labels:
                raise ValueError(f"kinship.yaml: relation {name!r} has no labels")
            self.relations[name] = Relation(
                name=name,
                inverse=spec["inverse"],
                legal_class=spec["class"],
                laws=tuple(spec.get("laws") or ()),
                degree=int(spec.get("degree", 9)),
                labels=labels[name],
            )
        for rel in self.relations.values():
            if rel.inverse not in self.relations:
                raise ValueError(f"kinship.yaml: inverse {rel.inverse!r} of {rel.name!r} is not a relation")
        self.terms: dict[str, Term] = {}
        for word, (relation, gender) in data["terms"].items():
            if relation not in self.relations:
                raise ValueError(f"kinship.yaml: term {word!r} maps to unknown relation {relation!r}")
            key = normalize_term(word)
            self.terms[key] = Term(word=word, relation=relation, gender=gender if gender in GENDERS else None)
        # English labels are terms too ("former husband", "co-father-in-law").
        for rel in self.relations.values():
            for gender, label in rel.labels.items():
                self.terms.setdefault(normalize_term(label), Term(label, rel.name, gender))
        self.compositions: dict[tuple[str, str], str] = {}
        for first, second, result in data["compose"]:
            for r in (first, second, result):
                if r not in self.relations:
                    raise ValueError(f"kinship.yaml: composition uses unknown relation {r!r}")
            self.compositions[(first, second)] = result

    def term(self, word: str) -> Term | None:
        """Look up a kin word in any supported language; None when it is not a kin word."""
        key = normalize_term(word)
        if key in self.terms:
            return self.terms[key]
        if key in self.relations:
            return Term(key, key, None)
        return None

    def relation(self, name_or_word: str) -> Relation:
        """A relation by its name or by any term for it (``father`` -> parent)."""
        if name_or_word in self.relations:
            return self.relations[name_or_word]
        term = self.term(name_or_word)
        if term is None:
            raise KeyError(f"not a kin term: {name_or_word!r}")
        return self.relations[term.relation]

    def inverse_label(self, word: str, person_gender: str | None) -> str:
        """The word for the inverse tie, e.g. inverse_label('father', 'f') == 'daughter'.

        In a Family entity person=A, relative=B, relationship=father, the inverse says what A is to
        B, and A's gender chooses the word.
        """
        rel = self.relation(word)
        return self.relations[rel.inverse].label(person_gender)

    def compose(self, first: str, second: str) -> str | None:
        """The single relation named by "the person's FIRST's SECOND", or None when no one term fits."""
        return self.compositions.get((self.relation(first).name, self.relation(second).name))

    def compose_path(self, relations: Iterable[str]) -> str | None:
        """Fold a chain of relations left to right into one named relation, if there is one."""
        result: str | None = None
        for r in relations:
            name = self.relation(r).name
            if result is None:
                result = name
                continue
            result = self.compositions.get((result, name))
            if result is None:
                return None
        return result


def normalize_term(word: str) -> str:
    return " ".join(word.strip().lower().replace("ё", "е").replace("_", " ").split())


@lru_cache(maxsize=1)
def vocabulary() -> KinVocabulary:
    text = resources.files("tamyr.model").joinpath("data/kinship.yaml").read_text(encoding="utf-8")
    return KinVocabulary(yaml.safe_load(text))
