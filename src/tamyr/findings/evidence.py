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

    def prefetch(self, entity_ids: set[str]) -> None:
        wanted = sorted(e for e in entity_ids if e not in self.cache)
        if not wanted:
            return
        for e in wanted:
            self.cache[e] = []
        rows = self.store.conn.execute(
            """SELECT s.entity_id, s.prop, s.quote, s.locator, s.span_start, s.span_end, s.status, s.method,
                      s.confidence, src.source_id, src.uri, src.title, src.kind
               FROM statements s JOIN sources src USING (source_id)
               WHERE s.entity_id IN (SELECT unnest(?::VARCHAR[])) AND s.prop <> 'id'
               ORDER BY s.entity_id, s.span_start NULLS LAST, s.prop""",
            [wanted],
        ).fetchall()
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
