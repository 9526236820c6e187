"""Kin inference from names: calibrated parent, child, sibling and spouse ties with a reason for each.

    infer_csv(INPUT.csv, OUTPUT.csv)   -> KinResult   (``tamyr kin infer INPUT.csv --out OUTPUT.csv``)
    infer_store(store)                 -> KinResult   (``tamyr kin infer --db DB``: inferred Family statements)

Output rows: ``person_id, relative_id, relationship, score, reasons`` — the relative is the person's
<relationship>. Every tie is written once per direction (child -> father "father" and father -> child
"son"), each with the same score, so a reader can look up either person. ``score`` is a probability
(see ``calibrate.py`` for the model), ``reasons`` the evidence in one sentence.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

import duckdb

from .engine import DuckEngine, Engine, SparkEngine
from .keys import build_keys
from .pipeline import METHOD, OUTPUT_SQL, PipelineStats, run_pipeline
from .load import KinInputError, SkipReport, load_csv, select_registry

__all__ = ["Engine", "DuckEngine", "SparkEngine", "KinInputError", "KinResult", "infer_csv", "infer_store",
           "infer_table", "METHOD"]


@dataclass
class KinResult:
    persons: int
    ties_written: int
    report: SkipReport
    stats: PipelineStats
    source_id: str | None = None
    by_relationship: dict[str, int] = field(default_factory=dict)


def _connect(memory_limit: str | None = None) -> duckdb.DuckDBPyConnection:
    con = duckdb.connect(":memory:")
    con.execute("SET preserve_insertion_order = false")
    con.execute("SET enable_progress_bar = false")      # the command reports its own stages
    if memory_limit:
        con.execute(f"SET memory_limit = '{memory_limit}'")
    return con


def infer_csv(input_path: Path | str, output_path: Path | str, min_score: float = 0.3,
              population: int | None = None, progress: Callable[[str], None] | None = None,
              names_module=None, engine: str = "duckdb", encoding: str = "utf-8") -> KinResult:
    """Read a registry CSV, infer ties, write them as CSV. Raises KinInputError for input a person must fix.

    ``engine``: "duckdb" (embedded, the default) or "spark" (a local Spark session; see engine.py).
    ``encoding``: the file's text encoding (e.g. cp1251); a byte that does not decode is an error naming its
    line and character.
    """
    if engine == "spark":
        from .spark import infer_csv_spark

        return infer_csv_spark(input_path, output_path, min_score=min_score, population=population,
                               progress=progress, names_module=names_module, encoding=encoding)
    if engine != "duckdb":
        raise KinInputError(f"unknown engine {engine!r} (duckdb or spark)")
    con = _connect()
    con.execute("SET preserve_insertion_order = true")   # rowid = line order while loading
    report = SkipReport()
    load_csv(con, Path(input_path), report, encoding)
    con.execute("SET preserve_insertion_order = false")
    eng = DuckEngine(con)
    build_keys(eng, report, names_module)
    stats = run_pipeline(eng, min_score=min_score, population=population, progress=progress, report=report)
    out = Path(output_path)
    out.parent.mkdir(parents=True, exist_ok=True)
    con.execute(
        f"""COPY ({OUTPUT_SQL}) TO '{str(out).replace("'", "''")}' (HEADER, DELIMITER ',')"""
    )
    written = con.execute("SELECT count(*) FROM ties").fetchone()[0]
    by_rel = dict(con.execute("SELECT relationship, count(*) FROM ties GROUP BY 1 ORDER BY 2 DESC").fetchall())
    con.close()
    return KinResult(stats.persons, written, report, stats, by_relationship=by_rel)


def infer_table(rows: list[dict], min_score: float = 0.3, population: int | None = None) -> list[dict]:
    """Infer ties among an in-memory registry (for other stages, e.g. screening).

    ``rows``: dicts with ``id`` and ``name`` and optionally ``birth_date`` (or year), ``gender``,
    ``organization``. Returns dicts like the CSV rows: ``person_id, relative_id, relationship, score,
    reasons`` (both directions of each tie), best first. Bad rows are skipped as in ``infer_csv``;
    duplicate ids raise ``KinInputError``.
    """
    import pyarrow as pa

    cols = ["id", "name", "birth_date", "gender", "organization"]
    table = pa.table({c: pa.array([None if r.get(c) is None else str(r.get(c)) for r in rows], pa.string())
                      for c in cols})
    con = _connect()
    report = SkipReport()
    con.register("_rows", table)
    con.execute("CREATE TEMP TABLE input_rows AS SELECT *, row_number() OVER () AS _n FROM _rows")
    con.unregister("_rows")
    select_registry(con, "input_rows", cols, "rows", report, line_expr="_n")
    eng = DuckEngine(con)
    build_keys(eng, report)
    run_pipeline(eng, min_score=min_score, population=population, report=report)
    out = con.execute(OUTPUT_SQL).fetchall()
    con.close()
    return [dict(zip(("person_id", "relative_id", "relationship", "score", "reasons"), r)) for r in out]


def infer_store(store, min_score: float = 0.3, population: int | None = None,
                progress: Callable[[str], None] | None = None, names_module=None) -> KinResult:
    """Infer ties among the store's persons and write them as *inferred* Family statements.

    One Family entity per tie, oriented child -> parent ("father"/"mother"), lower id -> higher id for
    siblings, husband -> wife for spouses; status "inferred", method ``kin:names-v2``, confidence = score,
    quote = reasons. The source is ``inference:kin-names:<hash of the inputs>``: re-running on the same
    persons adds nothing.
    """
    from ..model.entities import Fact, make_id
    from ..store.store import Source

    persons = store.conn.sql(
        """SELECT id, coalesce(name, concat_ws(' ', firstName, fatherName, lastName)) AS name,
                  birthDate AS birth_date, gender
           FROM persons WHERE NOT coalesce(inferred, false)"""
    ).to_arrow_table()
    con = _connect()
    report = SkipReport()
    con.register("_store_persons", persons)
    con.execute("CREATE TEMP TABLE store_persons AS SELECT * FROM _store_persons")
    con.unregister("_store_persons")
    select_registry(con, "store_persons", ["id", "name", "birth_date", "gender"], "store persons", report,
                    line_expr="row_number() OVER (ORDER BY id)")
    eng = DuckEngine(con)
    build_keys(eng, report, names_module)
    stats = run_pipeline(eng, min_score=min_score, population=population, progress=progress, report=report)
    digest = con.execute(
        "SELECT md5(string_agg(concat_ws('\x1f', id, name, birth_year, gender), '\x1e' ORDER BY id)) FROM persons"
    ).fetchone()[0]
    source_id = f"inference:kin-names:{digest}"
    rows = con.execute(
        """SELECT a.id, b.id, t.relationship, t.score, t.reasons FROM ties t
           JOIN persons a ON a.pid = t.person JOIN persons b ON b.pid = t.relative
           WHERE t.kind = 'parent' OR (t.kind = 'sibling' AND a.id < b.id) OR (t.kind = 'spouse' AND t.relationship = 'wife')
           ORDER BY 1, 2"""
    ).fetchall()
    facts = []
    for person, relative, relationship, score, reasons in rows:
        fam = make_id(METHOD, person, relative, relationship)
        for prop, value in (("person", person), ("relative", relative), ("relationship", relationship)):
            facts.append(Fact(fam, "Family", prop, value, status="inferred", method=METHOD,
                              confidence=round(float(score), 4), quote=reasons))
    con.close()
    with store.transaction():
        store.add_source(Source(source_id=source_id, kind="inference", title="kin inference from names",
                                meta={"method": METHOD, "min_score": min_score, "population": population,
                                      "priors": stats.priors}))
        store.write_facts(source_id, facts)
    by_rel: dict[str, int] = {}
    for row in rows:
        by_rel[row[2]] = by_rel.get(row[2], 0) + 1
    return KinResult(stats.persons, len(rows), report, stats, source_id=source_id, by_relationship=by_rel)
