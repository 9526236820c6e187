"""FollowTheMoney JSON lines -> statements, set-oriented in DuckDB.

The file is read by DuckDB line by line (no Python loop per entity), validated against the FtM
model in SQL (unknown schema or property, malformed JSON, bad dates, empty ids), and only then
inserted, inside the caller's transaction. Values of enumerated FtM types (country, gender, ...)
are cleaned in Python over their *distinct* values, which are few.
"""

from __future__ import annotations

import datetime as dt

import duckdb
import pyarrow as pa

from followthemoney import registry

from ..model.entities import EXT_PREFIX, ext_props, model
from ..store import Store
from .errors import IngestError, Problem

# FtM types checked in SQL or passed through as text.
_FREE_TYPES = {"string", "text", "name", "entity", "identifier", "html", "json", "mimetype", "checksum", "address"}
DATE_PATTERN = r"^\d{4}(-(0[1-9]|1[0-2])(-(0[1-9]|[12]\d|3[01])([T ]\d{2}(:\d{2}(:\d{2}(\.\d+)?)?)?Z?)?)?)?$"
MAX_PROBLEMS = 50


def _property_table() -> pa.Table:
    """(schema, prop, type) for every settable property of every schema, FtM's and tamyr's."""
    schemata, props, types = [], [], []
    for schema in model.schemata.values():
        for name, prop in schema.properties.items():
            if prop.stub:
                continue
            schemata.append(schema.name)
            props.append(name)
            types.append(prop.type.name)
        for name, spec in ext_props(schema.name).items():
            schemata.append(schema.name)
            props.append(name)
            types.append({"entity": "entity", "date": "date", "number": "number"}.get(spec.get("type"), "string"))
        schemata.append(schema.name)
        props.append("id")
        types.append("entity")
    return pa.table({"schema": schemata, "prop": props, "type": types})


def load_ftm_file(store: Store, path: str, source_id: str, ingested_at: dt.datetime) -> tuple[int, int]:
    """Validate ``path`` and insert its statements (inside the caller's transaction).

    Returns (entities, statements added). Raises IngestError listing the problems; nothing is
    inserted then. Statement ids are unique by construction (line in the locator, distinct values).
    """
    con = store.conn
    con.register("_ftm_props", _property_table())
    try:
        con.execute(
            """CREATE OR REPLACE TEMP TABLE _ftm_lines AS
               SELECT row_number() OVER () AS line, j
               FROM read_csv(?, columns={'j': 'VARCHAR'}, delim=chr(30), quote='', escape='',
                             header=false, auto_detect=false, strict_mode=false,
                             max_line_size=268435456)""",
            [path],
        )
        problems: list[Problem] = []

        def collect(sql: str, message) -> None:
            for row in con.execute(sql + f" LIMIT {MAX_PROBLEMS}").fetchall():
                problems.append(Problem(path, message(row), line=row[0]))

        collect("SELECT line, left(j, 60) FROM _ftm_lines WHERE j IS NOT NULL AND trim(j) <> '' AND NOT json_valid(j) ORDER BY line",
                lambda r: f"malformed JSON: {r[1]!r}")
        if problems:
            raise IngestError(problems)
        con.execute(
            """CREATE OR REPLACE TEMP TABLE _ftm_entities AS
               SELECT line, j::JSON AS j, json_type(j::JSON) AS jt,
                      trim(j::JSON->>'id') AS id, j::JSON->>'schema' AS schema
               FROM _ftm_lines WHERE j IS NOT NULL AND trim(j) <> ''"""
        )
        collect("SELECT line, jt FROM _ftm_entities WHERE jt <> 'OBJECT' ORDER BY line",
                lambda r: f"expected a JSON object {{\"id\", \"schema\", \"properties\"}}, got {r[1]}")
        collect("SELECT line FROM _ftm_entities WHERE jt = 'OBJECT' AND (id IS NULL OR id = '') ORDER BY line",
                lambda r: "entity has no id")
        collect("""SELECT line, schema FROM _ftm_entities e WHERE jt = 'OBJECT'
                   AND NOT EXISTS (SELECT 1 FROM _ftm_props p WHERE p.schema = e.schema) ORDER BY line""",
                lambda r: f"unknown FtM schema {r[1]!r}")
        if problems:
            raise IngestError(problems)
        con.execute(
            f"""CREATE OR REPLACE TEMP TABLE _ftm_values AS
                WITH kv AS (
                    SELECT line, id, schema, k AS prop, j->'properties'->k AS v
                    FROM (SELECT line, id, schema, j, unnest(json_keys(j->'properties')) AS k
                          FROM _ftm_entities WHERE json_type(j->'properties') = 'OBJECT')
                    UNION ALL
                    SELECT line, id, schema, '{EXT_PREFIX}' || k AS prop, j->'tamyr'->k AS v
                    FROM (SELECT line, id, schema, j, unnest(json_keys(j->'tamyr')) AS k
                          FROM _ftm_entities WHERE json_type(j->'tamyr') = 'OBJECT')
                ), lists AS (
                    SELECT line, id, schema, prop, json_type(v) AS vt,
                           CASE WHEN json_type(v) = 'ARRAY' THEN list_distinct(list_transform(from_json(v, '["VARCHAR"]'), lambda x: trim(x)))
                                WHEN json_type(v) IN ('VARCHAR', 'BIGINT', 'UBIGINT', 'DOUBLE') THEN [trim(v->>'$')]
                           END AS vals
                    FROM kv
                )
                SELECT line, id, schema, prop, vt, unnest(vals) AS value FROM lists
                UNION ALL
                SELECT line, id, schema, prop, vt, NULL FROM lists WHERE vals IS NULL"""
        )
        collect("SELECT line, prop, vt FROM _ftm_values WHERE value IS NULL AND vt <> 'NULL' ORDER BY line",
                lambda r: f"property {r[1]!r}: expected a list of strings, got {r[2]}")
        collect("""SELECT v.line, v.prop, v.schema FROM _ftm_values v
                   ANTI JOIN _ftm_props p ON p.schema = v.schema AND p.prop = v.prop ORDER BY v.line""",
                lambda r: f"{r[2]} has no property {r[1]!r}")
        collect(f"""SELECT v.line, v.prop, v.value FROM _ftm_values v JOIN _ftm_props p USING (schema, prop)
                    WHERE p.type = 'date' AND v.value <> '' AND (NOT regexp_matches(v.value, '{DATE_PATTERN}')
                          OR (length(v.value) >= 10 AND TRY_CAST(left(v.value, 10) AS DATE) IS NULL))
                    ORDER BY v.line""",
                lambda r: f"{r[1]}: {r[2]!r} is not a date (use YYYY, YYYY-MM or YYYY-MM-DD)")
        collect("""SELECT v.line, v.prop, v.value FROM _ftm_values v JOIN _ftm_props p USING (schema, prop)
                   WHERE p.type = 'number' AND v.value <> '' AND TRY_CAST(v.value AS DOUBLE) IS NULL ORDER BY v.line""",
                lambda r: f"{r[1]}: {r[2]!r} is not a number")
        # Enumerated types: clean the distinct values with FtM's own type logic.
        enumerated = con.execute(
            """SELECT DISTINCT p.type, v.value FROM _ftm_values v JOIN _ftm_props p USING (schema, prop)
               WHERE v.value <> '' AND p.type NOT IN ('date', 'number', """
            + ", ".join(f"'{t}'" for t in _FREE_TYPES) + ")"
        ).fetchall()
        bad = {(t, v) for t, v in enumerated if registry.get(t).clean(v) is None}
        if bad:
            bad_table = pa.table({"type": [t for t, _ in bad], "value": [v for _, v in bad]})
            con.register("_ftm_bad", bad_table)
            collect("""SELECT v.line, v.prop, v.value, p.type FROM _ftm_values v JOIN _ftm_props p USING (schema, prop)
                       JOIN _ftm_bad b ON b.type = p.type AND b.value = v.value ORDER BY v.line""",
                    lambda r: f"{r[1]}: {r[2]!r} is not a valid {r[3]}")
            con.unregister("_ftm_bad")
        if problems:
            total = len(problems)
            raise IngestError(sorted(problems, key=lambda p: p.line or 0), total=total)
        entities = con.execute("SELECT count(DISTINCT id) FROM _ftm_entities").fetchall()[0][0]
        before = store.count_statements()
        con.execute(
            """INSERT INTO statements
               WITH vals AS (
                   SELECT line, id, schema, prop, value FROM _ftm_values WHERE value IS NOT NULL AND value <> ''
                   UNION ALL
                   SELECT line, id, schema, 'id', id FROM _ftm_entities
               )
               SELECT sha1(concat_ws(chr(31), id, prop, value, ?, 'line ' || line)) AS id,
                      id AS entity_id, schema, prop, value, ? AS source_id, 'line ' || line AS locator,
                      NULL::INTEGER AS span_start, NULL::INTEGER AS span_end, NULL::VARCHAR AS quote,
                      'asserted' AS status, 'ftm' AS method, NULL::DOUBLE AS confidence, NULL::VARCHAR AS lang,
                      ?::TIMESTAMP AS ingested_at
               FROM vals""",
            [source_id, source_id, ingested_at],
        ).fetchall()
        return entities, store.count_statements() - before
    finally:
        try:
            con.unregister("_ftm_props")
            for table in ("_ftm_lines", "_ftm_entities", "_ftm_values"):
                con.execute(f"DROP TABLE IF EXISTS {table}")
        except duckdb.Error:
            pass  # the transaction failed; the caller's rollback drops the temp tables anyway
