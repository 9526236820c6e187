"""`tamyr ingest article.txt|.html`: store an article's text and the facts read from it."""

from __future__ import annotations

from pathlib import Path

from ..ingest import ARTICLE_HANDLERS
from ..ingest.errors import IngestError, IngestReport, Problem
from ..store.store import Source, content_id, now
from .reader import LARGE_BYTES, MAX_BYTES, ArticleError


def ingest_article(store, path, date: str | None = None, lang: str | None = "auto",
                   gazetteer: tuple[str, ...] | None = None, **_ignored) -> IngestReport:
    """Extract one article and write its source + facts (the caller holds the transaction)."""
    from .pipeline import extract_file

    path = Path(path)
    try:
        data = path.read_bytes() if path.stat().st_size <= MAX_BYTES else b""
        source_id = content_id("article", data) if data else None
        report = IngestReport(str(path), "article", source_id)
        if source_id and store.has_source(source_id):
            report.skipped = True
            return report
        if gazetteer is None:
            gazetteer = store_gazetteer(store)
        x, article, data = extract_file(path, date=date, lang=lang or "auto", gazetteer=gazetteer)
    except ArticleError as exc:
        raise IngestError(Problem(str(path), exc.message, line=exc.line)) from None
    source_id = content_id("article", data)
    report.source_id = source_id
    persons = x.by_schema("Person")
    if not persons:
        report.notes.append("no person names found; nothing stored")
        return report
    meta = {"lang": x.lang, "format": article.kind, "offsets": "unicode code points into sources.text",
            "method": x.method}
    if article.published:
        meta["published"] = article.published
    if date:
        meta["date"] = date
    when = now()
    store.add_source(Source(source_id, "article", uri=str(path), title=article.title or path.name,
                            size=len(data), text=x.text, meta=meta), when)
    report.statements = store.write_facts(source_id, x.facts(), when)
    report.entities = len(x.entities)
    if len(data) > LARGE_BYTES:
        report.notes.append(f"{len(data) / 1e6:.1f} MB read in pieces of about 100 kB")
    if x.rejected:
        report.notes.append(f"{len(x.rejected)} values rejected by the model")
    return report


def store_gazetteer(store, limit: int = 20000) -> tuple[str, ...]:
    """Names of persons already in the store, with their Latin spellings (for English articles)."""
    try:
        rows = store.conn.execute(
            "SELECT DISTINCT value FROM statements WHERE schema = 'Person' AND prop = 'name' LIMIT ?", [limit]
        ).fetchall()
    except Exception:  # noqa: BLE001 - an empty or foreign store simply has no names
        return ()
    names = [r[0] for r in rows]
    return gazetteer_from_names(names)


def gazetteer_from_names(names) -> tuple[str, ...]:
    out = set()
    try:
        from ..names import latin_variants  # type: ignore[attr-defined]
    except ImportError:  # pragma: no cover
        latin_variants = None
    for name in names:
        if not name or len(name.split()) < 2:
            continue
        if latin_variants is not None:
            try:
                out.update(latin_variants(name, limit=8))
            except Exception:  # noqa: BLE001
                pass
        if name.isascii():
            out.add(name)
    return tuple(sorted(out))


if ingest_article not in ARTICLE_HANDLERS:
    ARTICLE_HANDLERS.append(ingest_article)
