"""A person's dossier: names in every script, posts, convictions, memberships, kin and findings.

Built straight from the statements table in a few set queries (the person, the entities that point
at the person, the entities those point at), so it costs the same on the demo store and on a
registry of a million persons. Every fact keeps its statements' sources.
"""

from __future__ import annotations

from ..model.entities import EXT_PREFIX
from ..names import latin_variants, parse_name
from ..store import Store
from .access import StoreAccess

# properties through which an entity points at a person (Occupancy.holder, Family.person, ...)
PERSON_REFS = ("holder", "member", "entity", "party", "person", "relative", "associate")
# properties through which those point further (post, organisation, court case)
ONWARD_REFS = ("post", "organization", "case")

_COLUMNS = ("entity_id", "schema", "prop", "value", "status", "confidence", "source_id", "locator", "quote",
            "span_start", "span_end", "method", "source_uri", "source_title", "source_kind")
# No join with `sources` here: with a join DuckDB scans the whole statements table instead of using
# the entity index; source details are looked up from the (small) sources table separately.
_SELECT = ("SELECT s.entity_id, s.schema, s.prop, s.value, s.status, s.confidence, s.source_id, s.locator, "
           "s.quote, s.span_start, s.span_end, s.method FROM statements s ")


def _with_sources(store: Store, rows: list[tuple]) -> list[tuple]:
    info = {sid: (uri, title, kind) for sid, uri, title, kind in store.conn.execute(
        "SELECT source_id, uri, title, kind FROM sources").fetchall()}
    return [row + info.get(row[6], (None, None, None)) for row in rows]


def bundle(store: Store, rows: list[tuple]) -> dict[str, dict]:
    """Statement rows -> {entity id: {"id", "schema", "properties", "statements"}}."""
    out: dict[str, dict] = {}
    for row in rows:
        st = dict(zip(_COLUMNS, row))
        ent = out.setdefault(st["entity_id"], {"id": st["entity_id"], "schema": st["schema"], "properties": {},
                                               "statements": []})
        prop = st["prop"].replace(EXT_PREFIX, "")
        values = ent["properties"].setdefault(prop, [])
        if st["value"] not in values:
            values.append(st["value"])
        ent["statements"].append(source_ref(st))
    return out


def source_ref(st: dict) -> dict:
    return {"prop": st["prop"].replace(EXT_PREFIX, ""), "value": st["value"], "status": st["status"],
            "confidence": st["confidence"], "source_id": st["source_id"], "document": st["source_uri"],
            "title": st["source_title"], "kind": st["source_kind"], "locator": st["locator"], "quote": st["quote"],
            "method": st["method"],
            "span": [st["span_start"], st["span_end"]] if st["span_start"] is not None else None}


def entities(store: Store, ids: list[str]) -> dict[str, dict]:
    if not ids:
        return {}
    rows = [row for entity_id in ids for row in store.conn.execute(  # point lookups on the entity index
        _SELECT + "WHERE s.entity_id = ? ORDER BY s.prop, s.value", [entity_id]).fetchall()]
    return bundle(store, _with_sources(store, rows))


def entity(store: Store, entity_id: str) -> dict | None:
    return entities(store, [entity_id]).get(entity_id)


def first(ent: dict | None, prop: str) -> str | None:
    if not ent:
        return None
    values = ent["properties"].get(prop) or []
    return values[0] if values else None


def caption(ent: dict | None) -> str:
    if not ent:
        return "(unknown)"
    for prop in ("name", "caseNumber", "title", "program"):
        if first(ent, prop):
            return first(ent, prop)
    return ent["schema"]


def name_forms(names: list[str]) -> list[dict]:
    """Each stored name with its parse and Latin spellings (so Иманалиев shows Imanaliev, Imanaliyev)."""
    forms = []
    for name in names:
        parsed = parse_name(name)
        variants = [v for v in latin_variants(name, limit=6) if v != name]
        forms.append({"name": name, "script": parsed.script, "given": parsed.given, "patronymic": parsed.patronymic,
                      "surname": parsed.surname, "father_given": parsed.father_given, "keys": parsed.keys,
                      "latin_variants": variants})
    return forms


def kin_json(access: StoreAccess, person_id: str, depth: int = 2, date: str | None = None,
             limit: int = 200) -> dict:
    """Nodes and edges of the person's kin paths up to ``depth`` ties (each edge: one tie with its
    Family entity, status and confidence), plus the paths themselves."""
    canon = access.canonical()
    subject = canon.get(person_id, person_id)
    graph = access.graph()
    index = access.index()
    paths = graph.paths(subject, max_hops=depth, date=date)
    paths.sort(key=lambda p: (len(p.ties), -p.confidence))
    paths = paths[:limit]
    nodes: dict[str, dict] = {subject: {"id": subject, "name": index.name_of(subject) or subject, "subject": True}}
    edges: dict[tuple, dict] = {}
    for path in paths:
        for tie in path.ties:
            for pid in (tie.source, tie.target):
                nodes.setdefault(pid, {"id": pid, "name": index.name_of(pid) or pid, "subject": False})
            key = tuple(sorted((tie.source, tie.target))) + (tie.family_id,)
            if key not in edges:
                edges[key] = {"id": f"{tie.family_id}:{tie.source}", "source": tie.source, "target": tie.target,
                              "label": tie.label, "relation": tie.relation, "status": tie.status,
                              "confidence": round(tie.confidence, 3), "family_id": tie.family_id,
                              "start": tie.start, "end": tie.end}
    return {
        "subject": subject, "depth": depth, "date": date,
        "nodes": list(nodes.values()), "edges": list(edges.values()),
        "paths": [{"target": p.target, "target_name": nodes[p.target]["name"], "describe": p.describe(),
                   "relation": p.relation, "legal_class": p.legal_class, "confidence": round(p.confidence, 3),
                   "inferred": p.inferred, "ties": [t.family_id for t in p.ties]} for p in paths],
    }


def dossier(access: StoreAccess, person_id: str, depth: int = 2, date: str | None = None) -> dict | None:
    with access.read() as store:
        # Two point lookups (entity index, value index) rather than one OR, which scans the table.
        rows = _with_sources(store, store.conn.execute(_SELECT + "WHERE s.entity_id = ?", [person_id]).fetchall())
        referring = sorted({e for e, prop in store.conn.execute(  # the prop filter in Python keeps the index in use
            "SELECT entity_id, prop FROM statements WHERE value = ?", [person_id]).fetchall() if prop in PERSON_REFS})
        found = bundle(store, rows)
        person = found.pop(person_id, None)
        if person is None or person["schema"] not in ("Person", "LegalEntity"):
            return None
        linked = entities(store, referring)
        onward = sorted({v for e in linked.values() for p in ONWARD_REFS for v in e["properties"].get(p, [])})
        refs = entities(store, onward)
        orgs = sorted({v for e in refs.values() for v in e["properties"].get("organization", [])} - set(refs))
        refs.update(entities(store, orgs))

    def name_of_ref(entity_id: str | None) -> str | None:
        return caption(refs.get(entity_id)) if entity_id else None

    posts, convictions, memberships, cases = [], [], [], []
    for ent in linked.values():
        schema = ent["schema"]
        if schema == "Occupancy" and person_id in ent["properties"].get("holder", []):
            post = refs.get(first(ent, "post"))
            org_id = first(post, "organization")
            posts.append({"id": ent["id"], "post": caption(post) if post else None, "post_id": first(ent, "post"),
                          "organization": name_of_ref(org_id), "seniority": first(post, "seniority"),
                          "start": first(ent, "startDate"), "end": first(ent, "endDate"),
                          "status": first(ent, "status"), "sources": _sources(ent)})
        elif schema == "Sanction" and person_id in ent["properties"].get("entity", []):
            convictions.append({"id": ent["id"], "program": first(ent, "program"), "charge": first(ent, "charge"),
                                "verdict": first(ent, "verdictDate") or first(ent, "startDate"),
                                "sentence_months": first(ent, "sentenceMonths"), "release": first(ent, "releaseDate"),
                                "release_reason": first(ent, "releaseReason"), "reason": first(ent, "reason"),
                                "corruption": first(ent, "corruption"), "sources": _sources(ent)})
        elif schema == "CourtCaseParty" and person_id in ent["properties"].get("party", []):
            case = refs.get(first(ent, "case"))
            cases.append({"id": ent["id"], "case": caption(case), "role": first(ent, "role"),
                          "court": first(case, "court"), "status": first(case, "status"),
                          "file_date": first(case, "fileDate"), "close_date": first(case, "closeDate"),
                          "sources": _sources(ent)})
        elif schema == "Membership" and person_id in ent["properties"].get("member", []):
            memberships.append({"id": ent["id"], "organization": name_of_ref(first(ent, "organization")),
                                "organization_id": first(ent, "organization"), "role": first(ent, "role"),
                                "start": first(ent, "startDate"), "end": first(ent, "endDate"),
                                "status": first(ent, "status"), "sources": _sources(ent)})
    posts.sort(key=lambda p: (p["start"] or "9999", p["end"] or "9999"))
    names = person["properties"].get("name", [])
    kin = kin_json(access, person_id, depth=depth, date=date)
    involved = {person_id, kin["subject"]}
    findings = [f for f in access.findings()
                if f["subject"]["id"] in involved or any(h["to"]["id"] in involved for h in f["path"])]
    return {
        "id": person_id, "caption": names[0] if names else person_id, "schema": person["schema"],
        "properties": person["properties"], "statements": person["statements"],
        "names": name_forms(names), "posts": posts, "convictions": convictions, "court_cases": cases,
        "memberships": memberships, "kin": kin, "findings": findings,
    }


def _sources(ent: dict) -> list[dict]:
    seen, out = set(), []
    for st in ent["statements"]:
        key = (st["source_id"], st["locator"], st["quote"])
        if key not in seen:
            seen.add(key)
            out.append(st)
    return out
