from __future__ import annotations

import json
import textwrap

from ..model.entities import make_id
from ..store import Store
from ..store.store import now

FINDINGS_SQL = """
CREATE TABLE IF NOT EXISTS findings (
    id VARCHAR PRIMARY KEY,
    rule VARCHAR NOT NULL,
    severity VARCHAR NOT NULL,
    subject_id VARCHAR NOT NULL,
    subject_name VARCHAR,
    date VARCHAR,
    confidence DOUBLE,
    certainty VARCHAR,
    summary VARCHAR,
    json JSON NOT NULL,
    computed_at TIMESTAMP NOT NULL
);
"""
DECISIONS = {"confirm": "confirmed", "dismiss": "dismissed", "reopen": "new"}


class FindingStore:
    """Findings are derived data: each run replaces them. Reviews are judgements and persist."""

    def __init__(self, store: Store):
        self.store = store
        if not store.read_only:
            store.conn.execute(FINDINGS_SQL)

    def replace(self, findings: list[dict]) -> None:
        con = self.store.conn
        with self.store.transaction():
            con.execute("DELETE FROM findings")
            when = now()
            rows = [(f["id"], f["rule"], f["severity"], f["subject"]["id"], f["subject"]["name"], f["date"],
                     f["confidence"], f["certainty"], f["summary"], json.dumps(f, ensure_ascii=False), when)
                    for f in findings]
            if rows:
                con.executemany("INSERT INTO findings VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", rows)

    def get(self, finding_id: str) -> dict | None:
        if not self._has_table():
            return None
        rows = self.store.conn.execute("SELECT json FROM findings WHERE id = ?", [finding_id]).fetchall()
        if not rows:
            return None
        finding = json.loads(rows[0][0])
        finding["review"] = self.reviews().get(finding_id, {"status": "new"})
        return finding

    def all(self) -> list[dict]:
        if not self._has_table():
            return []
        reviews = self.reviews()
        out = []
        for (text,) in self.store.conn.execute("SELECT json FROM findings ORDER BY severity, confidence DESC").fetchall():
            finding = json.loads(text)
            finding["review"] = reviews.get(finding["id"], {"status": "new"})
            out.append(finding)
        return out

    def reviews(self) -> dict[str, dict]:
        """Latest review per finding: {"status", "comment", "author", "at", "history"}."""
        rows = self.store.conn.execute(
            """SELECT subject, decision, comment, author, created_at FROM judgements
               WHERE kind = 'finding' ORDER BY created_at, id"""
        ).fetchall()
        result: dict[str, dict] = {}
        for subject, decision, comment, author, at in rows:
            entry = result.setdefault(subject, {"history": []})
            entry["history"].append({"decision": decision, "comment": comment, "author": author, "at": str(at)})
            entry.update(status=DECISIONS.get(decision, decision), comment=comment, author=author, at=str(at))
        return result

    def review(self, finding_id: str, decision: str, comment: str | None = None, author: str | None = None) -> dict:
        """Record a reviewer's decision (confirm / dismiss / reopen); the audit trail keeps every one."""
        if decision not in DECISIONS:
            raise ValueError(f"decision must be one of {', '.join(DECISIONS)}")
        if self.get(finding_id) is None:
            raise KeyError(f"no finding {finding_id!r} (run `tamyr flags` first)")
        when = now()
        self.store.conn.execute(
            "INSERT INTO judgements VALUES (?, 'finding', ?, NULL, ?, ?, ?, ?)",
            [make_id("review", finding_id, decision, comment, author, when.isoformat()), finding_id, decision,
             comment, author, when])
        return self.reviews()[finding_id]

    def _has_table(self) -> bool:
        return bool(self.store.conn.execute(
            "SELECT 1 FROM information_schema.tables WHERE table_name = 'findings'").fetchall())


def render_text(finding: dict, width: int = 100) -> str:
    """The evidence chain for a person to read: summary, each hop with its sources and quotes."""
    wrap = lambda text, indent="": textwrap.fill(text, width, initial_indent=indent,  # noqa: E731
                                                 subsequent_indent=indent + "  ")
    lines = [f"{finding['id']}  [{finding['severity']}] {finding['title']}",
             wrap(finding["summary"], "  "),
             wrap(f"subject: {finding['subject']['name']}; date: "
                  f"{finding['date'] or finding.get('date_note') or 'not stated'}; confidence: "
                  f"{finding['confidence']:.2f} ({finding['certainty']}); review: "
                  f"{finding.get('review', {}).get('status', 'new')}", "  ")]
    if finding["path"]:
        lines.append("  chain:")
        for i, hop in enumerate(finding["path"], start=1):
            how = "stated" if hop["status"] == "asserted" else f"INFERRED, confidence {hop['confidence']:.2f}"
            lines.append(wrap(f"{i}. {hop['to']['name']} is the {hop['relationship']} of {hop['from']['name']} "
                              f"({how})", "    "))
            lines.extend(_sources(hop["sources"], wrap))
    for fact in finding["evidence"]:
        lines.append(wrap(f"• {fact['role']}: {fact['text']}", "  "))
        lines.extend(_sources(fact["sources"], wrap))
    for item in finding["known"]:
        lines.append(wrap(f"known: {item}", "  "))
    for item in finding["unknown"]:
        lines.append(wrap(f"NOT KNOWN: {item}", "  "))
    law = finding.get("law") or {}
    if law.get("text"):
        lines.append(wrap(f"rule source: {' '.join(law['text'].split())}", "  "))
    return "\n".join(lines)


def _sources(sources: list[dict], wrap) -> list[str]:
    lines = []
    for src in sources[:3]:
        where = f"{src.get('title') or src.get('document')}, {src.get('locator') or ''}".rstrip(", ")
        quote = f" “{src['quote']}”" if src.get("quote") else ""
        method = f" [{src['method']}]" if src.get("status") == "inferred" else ""
        lines.append(wrap(f"source: {where}{quote}{method}", "        "))
    if len(sources) > 3:
        lines.append(f"        … and {len(sources) - 3} more sources")
    return lines
