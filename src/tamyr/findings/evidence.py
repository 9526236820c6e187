from __future__ import annotations

from ..rules.engine import Finding, default_rules
from ..rules.world import World
from ..store import Store

# Properties whose statements are the evidence for an entity of each kind (the rest is plumbing).
EVIDENCE_PROPS = ("relationship", "tamyr:relationshipTerm", "person", "relative", "holder", "post", "entity",
                  "tamyr:sentenceMonths", "tamyr:releaseDate", "tamyr:releaseReason", "reason", "member",
                  "tamyr:eligibilityRule", "tamyr:ruleStatedBy", "startDate", "status", "name")


class EvidenceIndex:
    """Statements (document, locator, quote, method) behind entities, fetched in one scan per batch."""

    def __init__(self, store: Store):
        self.store = store
        self.cache: dict[str, list[dict]] = {}
        self.source_info: dict[str, tuple] | None = None

    def prefetch(self, entity_ids: set[str]) -> None:
        wanted = sorted(e for e in entity_ids if e not in self.cache)
        if not wanted:
            return
        for e in wanted:
            self.cache[e] = []
        if self.source_info is None:  # sources are few (one per file); statements are many
            self.source_info = {sid: (uri, title, kind) for sid, uri, title, kind in self.store.conn.execute(
                "SELECT source_id, uri, title, kind FROM sources").fetchall()}
        # Point lookups use the entity index (about 1 ms each on 5M statements); for long lists one
        # `= ANY(list)` query is cheaper than many round trips.
        query = """SELECT entity_id, prop, quote, locator, span_start, span_end, status, method, confidence,
                          source_id FROM statements WHERE {} AND prop <> 'id'"""
        if len(wanted) <= 40:
            fetched = [row for entity in wanted
                       for row in self.store.conn.execute(query.format("entity_id = ?"), [entity]).fetchall()]
        else:
            fetched = self.store.conn.execute(query.format("entity_id = ANY(?::VARCHAR[])"), [wanted]).fetchall()
        rows = [(entity, prop, quote, locator, start, end, status, method, confidence, sid,
                 *self.source_info.get(sid, (None, None, None)))
                for entity, prop, quote, locator, start, end, status, method, confidence, sid in fetched]
        rows.sort(key=lambda r: (r[0], r[4] is None, r[4] or 0, r[1]))
        seen: set[tuple] = set()
        for entity, prop, quote, locator, start, end, status, method, confidence, sid, uri, title, kind in rows:
            if prop not in EVIDENCE_PROPS and not quote:
                continue
            key = (entity, sid, quote, locator if not quote else None)
            if key in seen:
                continue
            seen.add(key)
            item = {"document": uri, "title": title, "source_id": sid, "kind": kind, "locator": locator,
                    "quote": quote, "status": status, "method": method}
            if start is not None:
                item["span"] = [start, end]
            if confidence is not None and status == "inferred":
                item["confidence"] = confidence
            self.cache[entity].append(item)

    def sources(self, entity_id: str) -> list[dict]:
        if entity_id not in self.cache:
            self.prefetch({entity_id})
        return self.cache[entity_id]


def finding_json(finding: Finding, world: World, evidence: EvidenceIndex, review: dict | None = None) -> dict:
    rule = default_rules().get(finding.rule)
    person = lambda pid: {"id": pid, "name": world.name(pid)}  # noqa: E731
    return {
        "id": finding.id,
        "rule": finding.rule,
        "title": rule.title if rule else finding.rule,
        "severity": finding.severity,
        "subject": person(finding.subject),
        "date": finding.date,
        "date_note": finding.date_note,
        "confidence": finding.confidence,
        "certainty": finding.certainty,
        "summary": finding.summary,
        "path": [
            {"from": person(h.source), "to": person(h.target), "relationship": h.relationship,
             "relation": h.relation, "status": h.status, "asserted": h.status == "asserted",
             "confidence": round(h.confidence, 4), "entity": h.family_id, "sources": evidence.sources(h.family_id)}
            for h in finding.hops
        ],
        "evidence": [
            {"role": f.role, "text": f.text, "entity": f.entity_id, "confidence": f.confidence,
             "sources": evidence.sources(f.entity_id)}
            for f in finding.facts
        ],
        "known": finding.known,
        "unknown": finding.unknown,
        "law": (rule.source if rule else {}),
        "review": review or {"status": "new"},
    }


def hydrate(findings: list[Finding], world: World, store: Store, reviews: dict[str, dict] | None = None) -> list[dict]:
    evidence = EvidenceIndex(store)
    ids = {h.family_id for f in findings for h in f.hops} | {x.entity_id for f in findings for x in f.facts}
    evidence.prefetch(ids)
    reviews = reviews or {}
    return [finding_json(f, world, evidence, reviews.get(f.id)) for f in findings]
