"""What extraction produces: FtM entities whose every value carries a quote and a character span."""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache

from ..model import EXT_PREFIX, Fact, make_id, validate_value
from ..model.entities import InvalidValue


@lru_cache(maxsize=100_000)
def _clean_cached(schema: str, prop: str, value: str) -> str:
    return validate_value(schema, prop, value)


def clean_value(schema: str, prop: str, value: object) -> str:
    """validate_value, remembered for short values (the same ids, names and dates recur)."""
    if isinstance(value, str) and len(value) < 400:
        return _clean_cached(schema, prop, value)
    return validate_value(schema, prop, value)


@dataclass(frozen=True)
class Span:
    start: int
    end: int

    def quote(self, text: str) -> str:
        return text[self.start:self.end]

    def cover(self, other: "Span | None") -> "Span":
        if other is None:
            return self
        return Span(min(self.start, other.start), max(self.end, other.end))


@dataclass
class Value:
    value: str
    span: Span | None
    approximate: bool = False
    confidence: float | None = None


@dataclass
class Entity:
    id: str
    schema: str
    span: Span | None  # where the entity was read from
    props: dict[str, list[Value]] = field(default_factory=dict)

    def first(self, prop: str) -> str | None:
        values = self.props.get(prop)
        return values[0].value if values else None

    def values(self, prop: str) -> list[str]:
        return [v.value for v in self.props.get(prop, [])]


class Extraction:
    """Entities read from one article; ids are deterministic (article id + what identifies the thing)."""

    def __init__(self, text: str, article_id: str, lang: str, method: str):
        self.text = text
        self.article_id = article_id
        self.lang = lang
        self.method = method
        self.entities: dict[str, Entity] = {}
        self._schemas: dict[str, list[Entity]] = {}  # schema -> entities, in creation order
        self.rejected: list[str] = []  # values the model refused, with the reason

    # -- building -------------------------------------------------------------------------------

    def make(self, schema: str, span: Span | None, *key: object, scoped: bool = True) -> Entity:
        entity_id = make_id(self.article_id, schema, *key) if scoped else make_id(schema, *key)
        entity = self.entities.get(entity_id)
        if entity is None:
            entity = Entity(entity_id, schema, span)
            self.entities[entity_id] = entity
            self._schemas.setdefault(schema, []).append(entity)
        elif entity.span is None:
            entity.span = span
        return entity

    def set(self, entity: Entity, prop: str, value: object, span: Span | None = None,
            approximate: bool = False, confidence: float | None = None) -> bool:
        if value is None or str(value).strip() == "":
            return False
        try:
            cleaned = clean_value(entity.schema, prop, value)
        except InvalidValue as exc:
            self.rejected.append(f"{entity.schema}.{prop}: {exc}")
            return False
        values = entity.props.setdefault(prop, [])
        if any(v.value == cleaned for v in values):
            return False
        values.append(Value(cleaned, span or entity.span, approximate, confidence))
        return True

    # -- output ---------------------------------------------------------------------------------

    def ftm(self) -> list[dict]:
        """FtM dicts with the extra top-level "tamyr" (own properties) and "evidence" objects."""
        out = []
        for entity in self.entities.values():
            props: dict[str, list[str]] = {}
            ext: dict[str, list[str]] = {}
            per_prop: dict[str, list[dict]] = {}
            for prop, values in entity.props.items():
                target = ext if prop.startswith(EXT_PREFIX) else props
                name = prop[len(EXT_PREFIX):] if prop.startswith(EXT_PREFIX) else prop
                target[name] = [v.value for v in values]
                if prop == "bodyText":
                    continue
                evidence = []
                for v in values:
                    if v.span is None:
                        continue
                    item = {"value": v.value, "quote": v.span.quote(self.text), "start": v.span.start,
                            "end": v.span.end}
                    if v.approximate:
                        item["approximate"] = True
                    evidence.append(item)
                if evidence:
                    per_prop[prop] = evidence
            record: dict = {"id": entity.id, "schema": entity.schema, "properties": props}
            if ext:
                record["tamyr"] = ext
            if entity.span is not None:
                record["evidence"] = {"quote": entity.span.quote(self.text), "start": entity.span.start,
                                      "end": entity.span.end, "properties": per_prop}
            out.append(record)
        return out

    def facts(self, confidence: float = 0.8) -> list[Fact]:
        facts = []
        for entity in self.entities.values():
            for prop, values in entity.props.items():
                for v in values:
                    span = v.span
                    quote = None
                    if span is not None and prop != "bodyText":
                        quote = span.quote(self.text)
                    conf = v.confidence if v.confidence is not None else (confidence * (0.6 if v.approximate else 1.0))
                    facts.append(Fact(
                        entity_id=entity.id, schema=entity.schema, prop=prop, value=v.value,
                        locator=f"chars {span.start}-{span.end}" if span else None,
                        span_start=span.start if span else None, span_end=span.end if span else None,
                        quote=quote, status="asserted", method=self.method, confidence=round(conf, 3),
                        lang=self.lang))
        return facts

    def by_schema(self, schema: str) -> list[Entity]:
        return list(self._schemas.get(schema, ()))
