"""Persons of one article: name mentions joined into persons (coreference), each with its spans.

Name parsing is tamyr.names' job (given / patronymic / surname / gender / match keys); this module
only decides which mentions are the same person within one article: a full name is matched on
surname and given-name keys (and the patronymic when both have one), a surname alone goes to the
person of that surname mentioned most recently unless "elder"/"younger" (старший/младший) pick
the parent or the child among namesakes.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache

from anyascii import anyascii

from .result import Span


@lru_cache(maxsize=50000)
def parse(text: str):
    """tamyr.names.parse_name, or a whitespace split while that module is not available."""
    try:
        from ..names import parse_name  # type: ignore[attr-defined]
    except ImportError:  # pragma: no cover - until tamyr.names lands
        return _Split(text)
    return parse_name(text)


@lru_cache(maxsize=50000)
def nominative(text: str) -> str:
    try:
        from ..names import nominative as _nominative  # type: ignore[attr-defined]
    except ImportError:  # pragma: no cover
        return text
    try:
        return _nominative(text) or text
    except Exception:  # noqa: BLE001 - a name we cannot inflect is kept as written
        return text


class _Split:
    """Stand-in for tamyr.names.ParsedName: order given [patronymic] surname, no gender."""

    def __init__(self, text: str):
        parts = text.split()
        self.raw = text
        self.given = parts[0] if len(parts) > 1 else None
        self.surname = parts[-1] if parts else None
        self.patronymic = parts[1] if len(parts) == 3 else None
        self.gender = None
        self.father_given = None
        k = lambda s: anyascii(s).lower() if s else None  # noqa: E731
        self.keys = {"name": k(text), "given": k(self.given), "surname": k(self.surname), "father_given": None}
        self.problems = ["tamyr.names not available"]


def key(text: str | None) -> str | None:
    return anyascii(text).lower().replace("'", "") if text else None


@dataclass
class Person:
    id: str
    name: str
    given: str | None = None
    patronymic: str | None = None
    surname: str | None = None
    gender: str | None = None  # m | f
    keys: dict = field(default_factory=dict)
    span: Span | None = None  # first mention
    mentions: list[Span] = field(default_factory=list)
    unnamed: bool = False
    description: str | None = None
    order: int = 0  # first-mention order
    last_seen: int = 0


class People:
    def __init__(self, extraction, article_key: str):
        self.x = extraction
        self.article_key = article_key
        self.persons: list[Person] = []
        self.clock = 0
        # indexes (a long file names thousands of persons): id, surname key, given-name key -> persons
        self._ids: dict[str, Person] = {}
        self._surnames: dict[str, list[Person]] = {}
        self._givens: dict[str, list[Person]] = {}
        self._unnamed: dict[str, Person] = {}

    def _add(self, person: Person) -> None:
        self.persons.append(person)
        self._ids[person.id] = person
        if not person.unnamed:
            if person.keys.get("surname"):
                self._surnames.setdefault(person.keys["surname"], []).append(person)
            if person.keys.get("given"):
                self._givens.setdefault(person.keys["given"], []).append(person)

    def _touch(self, person: Person, span: Span) -> Person:
        self.clock += 1
        person.last_seen = self.clock
        person.mentions.append(span)
        return person

    def by_name(self, name: str, span: Span, gender_hint: str | None = None) -> Person | None:
        """The person a written name refers to (a new person for a new full name)."""
        name = " ".join(name.split())
        if not name:
            return None
        parsed = parse(name)
        keys = dict(getattr(parsed, "keys", {}) or {})
        given_k = keys.get("given") or key(parsed.given)
        surname_k = keys.get("surname") or key(parsed.surname)
        father_k = keys.get("father_given")
        if not parsed.given and not parsed.patronymic:
            # One word: a surname (or a given name) of someone already mentioned.
            return self.by_single(name, span)
        for person in sorted(self._surnames.get(surname_k, ()) if surname_k else (), key=lambda p: -p.last_seen):
            pk = person.keys
            same_surname = surname_k and pk.get("surname") == surname_k
            same_given = given_k and pk.get("given") and (
                pk.get("given") == given_k or (len(parsed.given or "") <= 2 and (pk["given"] or "")[:1] == given_k[:1]))
            if same_surname and same_given:
                if father_k and pk.get("father_given") and father_k != pk["father_given"]:
                    continue
                self._upgrade(person, parsed, keys, span)
                return self._touch(person, span)
        person = Person(
            id="", name=name, given=parsed.given, patronymic=parsed.patronymic, surname=parsed.surname,
            gender=getattr(parsed, "gender", None) or gender_hint,
            keys={"given": given_k, "surname": surname_k, "father_given": father_k, "name": keys.get("name")},
            span=span, order=len(self.persons))
        person.id = self.x.make("Person", span, "person", keys.get("name") or key(name)).id
        self._add(person)
        self._write(person, span)
        return self._touch(person, span)

    def _upgrade(self, person: Person, parsed, keys: dict, span: Span) -> None:
        """A later, fuller mention ("Zhandos Bakhytbekovich Imanaliev" after "Zhandos Imanaliev")."""
        if parsed.patronymic and not person.patronymic:
            person.patronymic = parsed.patronymic
            person.keys["father_given"] = keys.get("father_given")
            if not person.gender and getattr(parsed, "gender", None):
                person.gender = parsed.gender
            self._write(person, span, full=True, raw=parsed.raw)

    def _write(self, person: Person, span: Span, full: bool = False, raw: str | None = None) -> None:
        entity = self.x.entities[person.id]
        self.x.set(entity, "name", raw or person.name, span)
        self.x.set(entity, "firstName", person.given, span)
        self.x.set(entity, "fatherName", person.patronymic, span)
        self.x.set(entity, "lastName", person.surname, span)
        if person.gender in ("m", "f"):
            self.x.set(entity, "gender", "male" if person.gender == "m" else "female", span)

    def by_single(self, word: str, span: Span, prefer: str | None = None) -> Person | None:
        """A surname or a given name alone; None when nobody of that name was mentioned before."""
        k = key(word)
        parsed = parse(word)
        keys = getattr(parsed, "keys", {}) or {}
        wanted = {k, keys.get("surname"), keys.get("name")} - {None}
        found = [p for w in wanted for p in self._surnames.get(w, ())]
        if not found:
            found = [p for w in wanted for p in self._givens.get(w, ())]
        if not found:
            return None
        if len(found) > 1 and prefer in ("elder", "younger"):
            chosen = self.x_family_pick(found, prefer)
            if chosen:
                return self._touch(chosen, span)
        return self._touch(max(found, key=lambda p: p.last_seen), span)

    def x_family_pick(self, candidates: list[Person], prefer: str) -> Person | None:
        """Among namesakes, the parent ("the elder Imanaliev") or the child ("the younger")."""
        ids = {p.id for p in candidates}
        for fam in self.x.by_schema("Family"):
            person, relative = fam.first("person"), fam.first("relative")
            rel = fam.first("relationship") or ""
            if person in ids and relative in ids:
                parent = relative if rel in ("father", "mother", "parent") else (
                    person if rel in ("son", "daughter", "child") else None)
                if parent is None:
                    continue
                child = person if parent == relative else relative
                target = parent if prefer == "elder" else child
                return next(p for p in candidates if p.id == target)
        return None

    def unnamed(self, description: str, label: str, span: Span) -> Person:
        """A person the article describes but does not name ("a high-ranking official in the Ministry")."""
        known = self._unnamed.get(label)
        if known is not None:
            return self._touch(known, span)
        person = Person(id="", name=label, span=span, unnamed=True, description=description, order=len(self.persons))
        entity = self.x.make("Person", span, "unnamed", label.lower())
        person.id = entity.id
        self.x.set(entity, "name", label, span)
        self.x.set(entity, "description", description, span)
        self._add(person)
        self._unnamed[label] = person
        return self._touch(person, span)

    def get(self, person_id: str) -> Person | None:
        return self._ids.get(person_id)
