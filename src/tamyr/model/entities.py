"""FollowTheMoney entities as provenance-carrying facts.

A ``Fact`` is one value of one property of one entity plus where it came from. FtM silently
drops values it cannot clean (``add("birthDate", "not a date")`` stores nothing); tamyr's
loaders call ``validate_value`` instead, so that bad input is reported, not lost.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources

import yaml
from followthemoney import model, registry

EXT_PREFIX = "tamyr:"

# Views the store creates, one per FtM schema later stages query: view -> (schema, columns).
# A column holds the first value of the property; `name_all` holds every name.
SCHEMA_VIEWS: dict[str, tuple[str, list[str]]] = {
    "persons": ("Person", ["name", "firstName", "fatherName", "lastName", "gender", "birthDate", "deathDate",
                           "nationality", "description", "position"]),
    "organizations": ("Organization", ["name", "country", "description", "tamyr:eligibilityRule",
                                       "tamyr:ruleExcludes", "tamyr:ruleStatedBy", "tamyr:ruleStatedDate"]),
    "positions": ("Position", ["name", "organization", "country", "subnationalArea", "tamyr:seniority",
                               "tamyr:parentPosition"]),
    "occupancies": ("Occupancy", ["holder", "post", "startDate", "endDate", "status", "description"]),
    "family": ("Family", ["person", "relative", "relationship", "startDate", "endDate",
                          "tamyr:relationshipTerm"]),
    "associates": ("Associate", ["person", "associate", "relationship", "startDate", "endDate"]),
    "memberships": ("Membership", ["member", "organization", "role", "startDate", "endDate", "status",
                                   "description"]),
    "court_cases": ("CourtCase", ["name", "caseNumber", "court", "fileDate", "closeDate", "status",
                                  "tamyr:charge"]),
    "court_case_parties": ("CourtCaseParty", ["party", "case", "role", "status"]),
    "sanctions": ("Sanction", ["entity", "program", "reason", "duration", "startDate", "endDate", "status",
                               "tamyr:charge", "tamyr:amount", "tamyr:currency", "tamyr:sentenceMonths",
                               "tamyr:verdictDate", "tamyr:releaseDate", "tamyr:releaseReason",
                               "tamyr:corruption"]),
    "documents": ("Document", ["title", "sourceUrl", "publishedAt", "language"]),
}


@lru_cache(maxsize=1)
def _extensions() -> dict[str, dict[str, dict]]:
    text = resources.files("tamyr.model").joinpath("data/extensions.yaml").read_text(encoding="utf-8")
    return yaml.safe_load(text)


def ext_props(schema_name: str) -> dict[str, dict]:
    """tamyr's own properties available on a schema (inherited along FtM's `extends`)."""
    schema = model.get(schema_name)
    if schema is None:
        return {}
    found: dict[str, dict] = {}
    data = _extensions()
    for s in schema.schemata:
        for prop, spec in (data.get(s.name) or {}).items():
            found[EXT_PREFIX + prop] = spec
    return found



def make_id(*parts: object) -> str:
    """Deterministic entity id from identifying parts (FtM's make_id convention: sha1 hex)."""
    digest = hashlib.sha1()
    for part in parts:
        digest.update(str(part if part is not None else "").encode("utf-8"))
        digest.update(b"\x1f")
    return digest.hexdigest()


class InvalidValue(ValueError):
    """A value that cannot be stored for a property; the message says why."""


def validate_value(schema_name: str, prop: str, value: object) -> str:
    """Clean a value for ``schema.prop`` or raise InvalidValue with a reason a person can act on."""
    schema = model.get(schema_name)
    if schema is None:
        raise InvalidValue(f"unknown schema {schema_name!r}")
    text = "" if value is None else str(value).strip()
    if not text:
        raise InvalidValue(f"{prop} is empty")
    if prop.startswith(EXT_PREFIX):
        spec = ext_props(schema_name).get(prop)
        if spec is None:
            raise InvalidValue(f"{schema_name} has no property {prop!r}")
        kind = spec.get("type", "string")
        if kind == "date":
            cleaned = registry.date.clean(text)
            if cleaned is None:
                raise InvalidValue(f"{prop}: {text!r} is not a date (use YYYY, YYYY-MM or YYYY-MM-DD)")
            return cleaned
        if kind == "number":
            try:
                float(text.replace(",", "."))
            except ValueError:
                raise InvalidValue(f"{prop}: {text!r} is not a number") from None
            return text.replace(",", ".")
        return text
    ftm_prop = schema.get(prop)
    if ftm_prop is None:
        raise InvalidValue(f"{schema_name} has no property {prop!r}")
    if ftm_prop.stub:
        raise InvalidValue(f"{schema_name}.{prop} is a reverse property and cannot be set")
    cleaned = ftm_prop.type.clean(text, proxy=None) if ftm_prop.type.name != "entity" else text
    if cleaned is None:
        hint = " (use YYYY, YYYY-MM or YYYY-MM-DD)" if ftm_prop.type.name == "date" else ""
        raise InvalidValue(f"{prop}: {text!r} is not a valid {ftm_prop.type.name}{hint}")
    return cleaned


@dataclass
class Fact:
    """One value of one property of one entity, with its provenance."""

    entity_id: str
    schema: str
    prop: str
    value: str
    locator: str | None = None  # "line 12", "row 5 column 'name'", "chars 120-180"
    span_start: int | None = None
    span_end: int | None = None
    quote: str | None = None
    status: str = "asserted"  # asserted | inferred
    method: str | None = None
    confidence: float | None = None
    lang: str | None = None
    extra: dict = field(default_factory=dict)
