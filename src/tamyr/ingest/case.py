"""Case files: facts a person encoded by hand from a document, each with its quote.

A case file is YAML naming a text document and listing FtM entities (see
``tamyr/examples/kz/case.yaml``). Every entity cites a quote that must occur verbatim in the
document; the loader stores the document's text as the source and each value with the span of
its quote, so an evidence chain can show the sentence. This is how a journalist records what an
article says before (or instead of) automatic extraction.
"""

from __future__ import annotations

import hashlib
from pathlib import Path

import yaml

from ..model.entities import Fact, InvalidValue, make_id, validate_value
from ..store import Store
from ..store.store import Source, now
from .errors import IngestError, IngestReport, Problem


def is_case_file(path: Path) -> bool:
    if path.suffix.lower() not in (".yaml", ".yml"):
        return False
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except (yaml.YAMLError, UnicodeDecodeError):
        return False
    return isinstance(data, dict) and "entities" in data and "document" in data


def _line_of(text: str, offset: int) -> int:
    return text.count("\n", 0, offset) + 1


def load_case(path: Path) -> tuple[Source, list[Fact], set[str]]:
    """Parse and check a case file; raise IngestError listing every problem."""
    where = str(path)
    try:
        raw = path.read_bytes()
        data = yaml.safe_load(raw.decode("utf-8"))
    except UnicodeDecodeError:
        raise IngestError(Problem(where, "case file is not UTF-8 text")) from None
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        raise IngestError(Problem(where, f"not valid YAML: {getattr(exc, 'problem', exc)}",
                                  line=mark.line + 1 if mark else None)) from None
    document = path.parent / str(data["document"])
    try:
        doc_bytes = document.read_bytes()
        text = doc_bytes.decode("utf-8")
    except FileNotFoundError:
        raise IngestError(Problem(where, f"document {data['document']!r} not found next to the case file")) from None
    except UnicodeDecodeError:
        raise IngestError(Problem(str(document), "document is not UTF-8 text")) from None
    source_id = "case:" + hashlib.sha1(raw + b"\x00" + doc_bytes).hexdigest()
    source = Source(source_id, "article", uri=str(document), title=data.get("title") or document.name,
                    size=len(doc_bytes), text=text,
                    meta={"case_file": str(path), "language": data.get("language")})
    method = str(data.get("method") or "case:hand-encoded")
    entities = data.get("entities") or []
    keys: dict[str, str] = {}
    problems: list[Problem] = []
    for index, spec in enumerate(entities, start=1):
        key = spec.get("key") if isinstance(spec, dict) else None
        if not key:
            problems.append(Problem(where, f"entity #{index} has no key"))
            continue
        if key in keys:
            problems.append(Problem(where, f"entity key {key!r} is used twice"))
        keys[key] = make_id("case", document.name, key)
    facts: list[Fact] = []
    for index, spec in enumerate(entities, start=1):
        if not isinstance(spec, dict) or spec.get("key") not in keys:
            continue
        key, schema = spec["key"], spec.get("schema")
        entity_id = keys[key]
        label = f"entity {key!r}"
        quotes = spec.get("quotes") or {}
        confidence = spec.get("confidence") or {}
        facts.append(Fact(entity_id, str(schema), "id", entity_id, method=method))
        for prop, values in (spec.get("properties") or {}).items():
            for value in values if isinstance(values, list) else [values]:
                value = str(value)
                if value.startswith("@"):
                    if value[1:] not in keys:
                        problems.append(Problem(where, f"{label}: {prop} refers to unknown entity {value!r}"))
                        continue
                    value = keys[value[1:]]
                try:
                    cleaned = validate_value(str(schema), prop, value)
                except InvalidValue as exc:
                    problems.append(Problem(where, f"{label}: {exc}"))
                    continue
                quote = quotes.get(prop) or spec.get("quote")
                if not quote:
                    problems.append(Problem(where, f"{label}: no quote for {prop}"))
                    continue
                start = text.find(quote)
                if start < 0:
                    problems.append(Problem(where, f"{label}: quote for {prop} not found in {document.name}: "
                                                   f"{quote[:60]!r}"))
                    continue
                end = start + len(quote)
                facts.append(Fact(entity_id, str(schema), prop, cleaned,
                                  locator=f"line {_line_of(text, start)} chars {start}-{end}",
                                  span_start=start, span_end=end, quote=quote, method=method,
                                  confidence=float(confidence.get(prop, 1.0)),
                                  lang=data.get("language")))
    if problems:
        raise IngestError(problems)
    return source, facts, set(keys.values())


def ingest_case(store: Store, path: Path) -> IngestReport:
    source, facts, entities = load_case(path)
    report = IngestReport(str(path), "case", source.source_id)
    if store.has_source(source.source_id):
        report.skipped = True
        return report
    when = now()
    store.add_source(source, when)
    report.statements = store.write_facts(source.source_id, facts, when)
    report.entities = len(entities)
    return report


__all__ = ["ingest_case", "is_case_file", "load_case"]
