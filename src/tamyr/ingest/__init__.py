"""Ingest sources into the store: FtM JSON lines, CSV/XLSX registries, article text.

One call is one transaction: if any file has a problem, nothing of any file is written and the
error names file, line and column. A source is identified by its content hash, so ingesting the
same bytes again does nothing.
"""

from __future__ import annotations

from pathlib import Path
from typing import Callable, Iterable

from ..model.entities import Fact
from ..store import Store
from ..store.store import Source, now
from .case import ingest_case, is_case_file
from .errors import IngestError, IngestReport, Problem
from .ftm import load_ftm_file
from .registry import Mapping, RowMapper, read_rows

FTM_SUFFIXES = (".json", ".jsonl", ".ndjson", ".ftm")
REGISTRY_SUFFIXES = (".csv", ".tsv", ".xlsx", ".xlsm")
TEXT_SUFFIXES = (".txt", ".html", ".htm", ".md")
CHUNK = 200_000

# Article extraction registers itself here (tamyr.extract), keeping imports downstream-only.
ARTICLE_HANDLERS: list[Callable] = []

__all__ = ["IngestError", "IngestReport", "Mapping", "Problem", "ingest_paths", "kind_of", "file_digest"]


def kind_of(path: Path) -> str:
    name = path.name.lower()
    if name.endswith(FTM_SUFFIXES):
        return "ftm"
    if name.endswith(REGISTRY_SUFFIXES):
        return "registry"
    if name.endswith(TEXT_SUFFIXES):
        return "article"
    if is_case_file(path):
        return "case"
    raise IngestError(Problem(str(path), "unknown file type: expected FtM JSON lines (.json/.jsonl), "
                                         "a registry (.csv/.tsv/.xlsx), an article (.txt/.html) or a "
                                         "case file (.yaml with `document:` and `entities:`)"))


def file_digest(path: Path, kind: str, extra: str = "") -> str:
    import hashlib

    digest = hashlib.sha1(extra.encode("utf-8"))
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return f"{kind}:{digest.hexdigest()}"


def ingest_paths(store: Store, paths: Iterable[str | Path], mapping: Mapping | None = None,
                 encoding: str | None = None, dataset: str | None = None,
                 progress: Callable[[str], None] | None = None, **article_options) -> list[IngestReport]:
    """Ingest files in one transaction; raise IngestError (and write nothing) on any problem."""
    paths = [Path(p) for p in paths]
    for path in paths:
        if not path.exists():
            raise IngestError(Problem(str(path), "no such file"))
        if path.is_dir():
            raise IngestError(Problem(str(path), "is a directory; pass the files in it"))
    reports = []
    with store.transaction():
        for path in paths:
            kind = kind_of(path)
            if progress:
                progress(f"ingesting {path} ({kind})")
            if kind == "ftm":
                reports.append(_ingest_ftm(store, path))
            elif kind == "registry":
                reports.append(_ingest_registry(store, path, mapping, encoding, dataset))
            elif kind == "case":
                reports.append(ingest_case(store, path))
            else:
                if not ARTICLE_HANDLERS:
                    try:
                        import tamyr.extract  # noqa: F401  (registers the handler)
                    except ImportError:
                        pass
                if not ARTICLE_HANDLERS:
                    raise IngestError(Problem(str(path), "article extraction is not available in this build"))
                reports.append(ARTICLE_HANDLERS[0](store, path, **article_options))
    return reports


def _ingest_ftm(store: Store, path: Path) -> IngestReport:
    source_id = file_digest(path, "ftm")
    report = IngestReport(str(path), "ftm", source_id)
    if store.has_source(source_id):
        report.skipped = True
        return report
    when = now()
    report.entities, report.statements = load_ftm_file(store, str(path), source_id, when)
    store.add_source(Source(source_id, "ftm", uri=str(path), title=path.name, size=path.stat().st_size), when)
    return report


def _ingest_registry(store: Store, path: Path, mapping: Mapping | None, encoding: str | None,
                     dataset: str | None) -> IngestReport:
    fingerprint = repr(sorted((mapping.raw if mapping else {}).items())) + (encoding or "") + (dataset or "")
    source_id = file_digest(path, "registry", fingerprint)
    report = IngestReport(str(path), "registry", source_id)
    if store.has_source(source_id):
        report.skipped = True
        return report
    when = now()
    rows = read_rows(path, mapping or Mapping(sections={}, encoding=encoding or "utf-8"))
    _, first = next(rows)
    header = first["__header__"]
    if mapping is None:
        mapping = Mapping.guess(header, dataset or path.stem)
        if encoding:
            mapping.encoding = encoding
    else:
        if encoding:
            mapping.encoding = encoding
        if dataset:
            mapping.dataset = dataset
    rows = read_rows(path, mapping)
    next(rows)
    mapper = RowMapper(str(path), mapping, header)
    store.add_source(Source(source_id, "registry", uri=str(path), title=path.name, size=path.stat().st_size,
                            meta={"dataset": mapping.dataset, "mapping": mapping.sections}), when)
    batch: list[Fact] = []
    for line, row in rows:
        batch.extend(mapper.facts(line, row))
        if len(batch) >= CHUNK:
            if not mapper.problems:
                report.statements += store.write_facts(source_id, batch, when)
            batch.clear()
    if mapper.problems:
        raise IngestError(mapper.problems, total=mapper.problem_count)
    report.statements += store.write_facts(source_id, batch, when)
    report.entities = len(mapper.entities)
    return report
