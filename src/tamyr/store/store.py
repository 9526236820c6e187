from __future__ import annotations

import contextlib
import datetime as dt
import hashlib
import json
from dataclasses import dataclass
from pathlib import Path
from typing import Iterable, Iterator

import duckdb
import pyarrow as pa

from ..model.entities import EXT_PREFIX, SCHEMA_VIEWS, Fact, model

DEFAULT_DB = "tamyr.duckdb"

STATEMENT_COLUMNS = [
    ("id", "VARCHAR"),
    ("entity_id", "VARCHAR"),
    ("schema", "VARCHAR"),
    ("prop", "VARCHAR"),
    ("value", "VARCHAR"),
    ("source_id", "VARCHAR"),
    ("locator", "VARCHAR"),
    ("span_start", "INTEGER"),
    ("span_end", "INTEGER"),
    ("quote", "VARCHAR"),
    ("status", "VARCHAR"),  # asserted | inferred
    ("method", "VARCHAR"),
    ("confidence", "DOUBLE"),
    ("lang", "VARCHAR"),
    ("ingested_at", "TIMESTAMP"),
]

_ARROW_TYPES = {"VARCHAR": pa.string(), "INTEGER": pa.int32(), "DOUBLE": pa.float64(), "TIMESTAMP": pa.timestamp("us")}

SCHEMA_SQL = f"""
CREATE TABLE IF NOT EXISTS sources (
    source_id VARCHAR PRIMARY KEY,   -- content hash: the same bytes are the same source
    kind VARCHAR NOT NULL,           -- ftm | registry | article | inference | example | judgement
    uri VARCHAR,                     -- path or URL as given
    title VARCHAR,
    size BIGINT,
    text VARCHAR,                    -- stored text of an article; spans point into it
    meta JSON,
    ingested_at TIMESTAMP NOT NULL
);
-- No primary key: a source is stored once (its id is its content hash) and a statement id hashes
-- entity, property, value, source and locator, so ids are unique by construction; batches are
-- de-duplicated on insert. (An ART index on 10^7 sha1 ids would cost more than the ingest itself.)
CREATE TABLE IF NOT EXISTS statements (
    {", ".join(f"{name} {kind}" for name, kind in STATEMENT_COLUMNS)}
);
CREATE TABLE IF NOT EXISTS judgements (   -- reviewer decisions; never edit statements
    id VARCHAR PRIMARY KEY,
    kind VARCHAR NOT NULL,           -- merge | tie | finding
    subject VARCHAR NOT NULL,
    object VARCHAR,
    decision VARCHAR NOT NULL,       -- confirm | reject | dismiss
    comment VARCHAR,
    author VARCHAR,
    created_at TIMESTAMP NOT NULL
);
"""


def statement_id(entity_id: str, prop: str, value: str, source_id: str, locator: str | None) -> str:
    raw = "\x1f".join((entity_id, prop, value, source_id, locator or ""))
    return hashlib.sha1(raw.encode("utf-8")).hexdigest()


@dataclass
class Source:
    source_id: str
    kind: str
    uri: str | None = None
    title: str | None = None
    size: int | None = None
    text: str | None = None
    meta: dict | None = None


def content_id(kind: str, data: bytes) -> str:
    return f"{kind}:" + hashlib.sha1(data).hexdigest()


class Store:
    """One DuckDB file. Open it, write inside ``transaction()``, query its views with SQL."""

    def __init__(self, path: str | Path = DEFAULT_DB, read_only: bool = False):
        self.path = str(path)
        self.read_only = read_only
        if read_only and self.path != ":memory:" and not Path(self.path).exists():
            raise FileNotFoundError(f"{self.path}: no such store (run `tamyr ingest` or `tamyr demo` first)")
        self.conn = duckdb.connect(self.path, read_only=read_only)
        if not read_only:
            self.conn.execute(SCHEMA_SQL)
            self._create_views()

    def close(self) -> None:
        self.conn.close()

    def __enter__(self) -> "Store":
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    # -- writing -----------------------------------------------------------------------------

    @contextlib.contextmanager
    def transaction(self) -> Iterator["Store"]:
        """All or nothing: an exception inside rolls the store back to where it was."""
        self.conn.execute("BEGIN TRANSACTION")
        try:
            yield self
        except BaseException:
            self.conn.execute("ROLLBACK")
            raise
        else:
            self.conn.execute("COMMIT")

    def has_source(self, source_id: str) -> bool:
        return self.conn.execute("SELECT 1 FROM sources WHERE source_id = ?", [source_id]).fetchall() != []

    def add_source(self, source: Source, ingested_at: dt.datetime | None = None) -> None:
        self.conn.execute(
            "INSERT INTO sources VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING",
            [source.source_id, source.kind, source.uri, source.title, source.size, source.text,
             json.dumps(source.meta or {}, ensure_ascii=False), ingested_at or now()],
        )

    def write_facts(self, source_id: str, facts: Iterable[Fact], ingested_at: dt.datetime | None = None) -> int:
        """Insert facts of one source; facts already stored (same id) are skipped. Returns rows added."""
        when = ingested_at or now()
        cols: dict[str, list] = {name: [] for name, _ in STATEMENT_COLUMNS}
        for f in facts:
            cols["id"].append(statement_id(f.entity_id, f.prop, f.value, source_id, f.locator))
            cols["entity_id"].append(f.entity_id)
            cols["schema"].append(f.schema)
            cols["prop"].append(f.prop)
            cols["value"].append(f.value)
            cols["source_id"].append(source_id)
            cols["locator"].append(f.locator)
            cols["span_start"].append(f.span_start)
            cols["span_end"].append(f.span_end)
            cols["quote"].append(f.quote)
            cols["status"].append(f.status)
            cols["method"].append(f.method)
            cols["confidence"].append(f.confidence)
            cols["lang"].append(f.lang)
            cols["ingested_at"].append(when)
        table = pa.table({name: pa.array(cols[name], type=_ARROW_TYPES[kind]) for name, kind in STATEMENT_COLUMNS})
        return self.insert_statements(table)

    def insert_statements(self, table: pa.Table) -> int:
        """Insert an Arrow table with the statement columns, de-duplicated by id. Callers skip
        sources already stored (``has_source``). Returns the number of rows added."""
        before = self.count_statements()
        self.conn.register("_incoming_statements", table)
        try:
            self.conn.execute("INSERT INTO statements SELECT DISTINCT ON (id) * FROM _incoming_statements")
        finally:
            self.conn.unregister("_incoming_statements")
        return self.count_statements() - before

    def ensure_indexes(self) -> bool:
        """Indexes for point lookups by entity and by referenced value (evidence, dossiers, reverse
        references). Built on first use by readers, not during ingest, where maintaining them would
        cost more than the ingest itself. Returns False when the store is open read-only."""
        if self.read_only:
            return False
        self.conn.execute("CREATE INDEX IF NOT EXISTS statements_entity ON statements (entity_id)")
        self.conn.execute("CREATE INDEX IF NOT EXISTS statements_value ON statements (value)")
        return True

    def count_statements(self) -> int:
        return self.conn.execute("SELECT count(*) FROM statements").fetchall()[0][0]

    # -- reading -----------------------------------------------------------------------------

    def _create_views(self) -> None:
        """One view per FtM schema of interest (descendant schemata included), one row per entity."""
        self.conn.execute(
            """CREATE OR REPLACE VIEW entities AS
               SELECT entity_id AS id, min(schema) AS schema, count(*) AS statements,
                      bool_or(status = 'inferred') AS has_inferred
               FROM statements GROUP BY entity_id"""
        )
        for view, (schema_name, props) in SCHEMA_VIEWS.items():
            schema = model.get(schema_name)
            names = sorted({s.name for s in model.schemata.values() if s.is_a(schema)})
            in_list = ", ".join(f"'{n}'" for n in names)
            columns = []
            for prop in props:
                column = prop.replace(EXT_PREFIX, "").replace(":", "_")
                columns.append(f"min(value) FILTER (WHERE prop = '{prop}') AS \"{column}\"")
                if prop == "name":  # every spelling of a name, for search; other lists cost too much
                    columns.append(f"list(DISTINCT value) FILTER (WHERE prop = 'name') AS name_all")
            self.conn.execute(
                f"""CREATE OR REPLACE VIEW {view} AS
                    SELECT entity_id AS id, min(schema) AS schema,
                           bool_and(status = 'inferred') AS inferred,
                           max(confidence) AS confidence,
                           {", ".join(columns)}
                    FROM statements WHERE schema IN ({in_list}) GROUP BY entity_id"""
            )

    def counts(self) -> dict[str, int]:
        result = {"sources": self.conn.execute("SELECT count(*) FROM sources").fetchall()[0][0],
                  "statements": self.count_statements(),
                  "entities": self.conn.execute("SELECT count(*) FROM entities").fetchall()[0][0]}
        for view in SCHEMA_VIEWS:
            result[view] = self.conn.execute(f"SELECT count(*) FROM {view}").fetchall()[0][0]
        return result

    def iter_entities(self, schema: str | None = None, batch: int = 50_000) -> Iterator[dict]:
        """Entities as FtM dicts {"id", "schema", "properties"}; tamyr's own properties under "tamyr"."""
        query = """SELECT entity_id, list(DISTINCT schema), list(prop ORDER BY prop, value), list(value ORDER BY prop, value)
                   FROM (SELECT DISTINCT entity_id, schema, prop, value FROM statements)
                   GROUP BY entity_id ORDER BY entity_id"""
        cursor = self.conn.cursor()
        cursor.execute(query)
        while True:
            rows = cursor.fetchmany(batch)
            if not rows:
                break
            for entity_id, schemata, props, values in rows:
                entity = assemble_entity(entity_id, schemata, props, values)
                if entity is None:
                    continue
                if schema and not model.get(entity["schema"]).is_a(model.get(schema)):
                    continue
                yield entity

    def entity(self, entity_id: str) -> dict | None:
        rows = self.conn.execute(
            "SELECT DISTINCT schema, prop, value FROM statements WHERE entity_id = ? ORDER BY prop, value",
            [entity_id],
        ).fetchall()
        if not rows:
            return None
        return assemble_entity(entity_id, [r[0] for r in rows], [r[1] for r in rows], [r[2] for r in rows])

    def statements(self, entity_id: str) -> list[dict]:
        """Every statement about an entity, with its source (for evidence chains)."""
        cursor = self.conn.execute(
            """SELECT s.*, src.kind AS source_kind, src.uri AS source_uri, src.title AS source_title
               FROM statements s JOIN sources src USING (source_id)
               WHERE entity_id = ? ORDER BY prop, value""",
            [entity_id],
        )
        names = [d[0] for d in cursor.description]
        return [dict(zip(names, row)) for row in cursor.fetchall()]


def assemble_entity(entity_id: str, schemata: list[str], props: list[str], values: list[str]) -> dict | None:
    """Build one FtM dict from statements; schemata of the statements are merged (Person + LegalEntity)."""
    schema = None
    for name in set(schemata):
        s = model.get(name)
        if s is None:
            continue
        schema = s if schema is None else model.common_schema(schema, s)
    if schema is None:
        return None
    properties: dict[str, list[str]] = {}
    ext: dict[str, list[str]] = {}
    for prop, value in zip(props, values):
        if prop.startswith(EXT_PREFIX):
            ext.setdefault(prop[len(EXT_PREFIX):], []).append(value)
        elif prop != "id":
            properties.setdefault(prop, []).append(value)
    entity = {"id": entity_id, "schema": schema.name, "properties": properties}
    if ext:
        entity["tamyr"] = ext
    return entity


def now() -> dt.datetime:
    return dt.datetime.now(dt.timezone.utc).replace(tzinfo=None, microsecond=0)
