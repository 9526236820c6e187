"""``tamyr kin infer INPUT.csv --out OUTPUT.csv --engine spark``: the same pipeline on Apache Spark.

The registry is read by Spark's CSV reader (line numbers from the file order, so that a bad row is still
named by its line), checked by the same rules as on DuckDB (load.py: only the date parsing differs), keyed
by the same name keys (keys.py: the distinct words of plain names, and the other distinct names, go to the
driver once), and inferred by the same pipeline
(pipeline.py), each statement translated to Spark SQL (engine.py). A cluster passes its own session;
without one a local session is started. Needs ``pip install 'tamyr[spark]'`` and a Java runtime.
"""

from __future__ import annotations

import csv
from pathlib import Path
from typing import Callable

from .. import textfiles
from .engine import SparkEngine, local_spark
from .keys import build_keys
from .load import (
    KinInputError,
    SkipReport,
    duplicate_message,
    registry_statements,
    registry_text,
)
from .pipeline import OUTPUT_SQL, run_pipeline


def load_csv_spark(eng: SparkEngine, path: Path, report: SkipReport, encoding: str = "utf-8") -> None:
    """Table ``registry`` from a CSV file, as ``load.load_csv`` makes it on DuckDB."""
    with registry_text(path, encoding) as (text, delimiter, _header):
        if text == path:           # Spark would put U+FFFD for a byte that is not UTF-8: check first
            where = textfiles.find_undecodable(path, "utf-8")
            if where is not None:
                raise KinInputError(textfiles.located(path, where, "utf-8"))
        _read_spark(eng, path, text, delimiter, report)


def _read_spark(eng: SparkEngine, path: Path, text: Path, delimiter: str, report: SkipReport) -> None:
    spark = eng.spark
    try:
        raw = (spark.read.option("header", True).option("inferSchema", False).option("multiLine", True)
               .option("sep", delimiter).option("quote", '"').option("escape", '"').option("mode", "PERMISSIVE")
               .csv(str(text)))
        columns = raw.columns
    except Exception as exc:  # noqa: BLE001 - Spark raises many kinds for an unreadable file
        raise KinInputError(f"{path}: cannot read as CSV ({str(exc).splitlines()[0]})") from None
    # file order -> line numbers (header is line 1); rows keep their order within and across partitions
    from pyspark.sql import types as T

    schema = T.StructType([T.StructField("_line", T.LongType(), False)] + list(raw.schema.fields))
    numbered = raw.rdd.zipWithIndex().map(lambda r: (r[1] + 2,) + tuple(r[0]))
    spark.createDataFrame(numbered, schema).createOrReplaceTempView("raw_input")
    sql, checks, final = registry_statements("raw_input", columns, str(path), "_line", dialect="spark")
    spark.sql(sql["registry_all"]).createOrReplaceTempView("registry_all")
    try:                                   # Spark reads lazily: a file it cannot parse fails here
        report.total_rows = spark.sql("SELECT count(*) FROM registry_all").collect()[0][0]
    except Exception as exc:  # noqa: BLE001
        raise KinInputError(f"{path}: cannot read as CSV ({str(exc).splitlines()[0]})") from None
    dupes = spark.sql("""SELECT id, sort_array(collect_list(line)) AS lines, min(line) AS first FROM registry_all
                         WHERE coalesce(id, '') <> '' GROUP BY id HAVING count(*) > 1
                         ORDER BY first LIMIT 10""").collect()
    if dupes:
        raise KinInputError(duplicate_message(str(path), [(r[0], list(r[1])) for r in dupes]))
    checked = spark.sql(sql["registry_checked"]).cache()
    checked.createOrReplaceTempView("registry_checked")
    for reason, cond in checks:
        count, lines = spark.sql(f"""SELECT count(*), slice(sort_array(collect_list(line)), 1, 5)
                                     FROM registry_checked WHERE {cond}""").collect()[0]
        report.add(reason, int(count), [int(x) for x in (lines or [])])
    frame = spark.sql(final).cache()
    frame.count()
    frame.createOrReplaceTempView("registry")


def infer_csv_spark(input_path: Path | str, output_path: Path | str, min_score: float = 0.3,
                    population: int | None = None, progress: Callable[[str], None] | None = None,
                    names_module=None, spark=None, encoding: str = "utf-8"):
    """``infer_csv`` on Spark; returns the same KinResult."""
    from . import KinResult

    session = spark or local_spark()
    eng = SparkEngine(session)
    try:
        report = SkipReport()
        load_csv_spark(eng, Path(input_path), report, encoding)
        build_keys(eng, report, names_module)
        stats = run_pipeline(eng, min_score=min_score, population=population, progress=progress, report=report)
        rows = eng.rows(OUTPUT_SQL)
    finally:
        eng.close()
    out = Path(output_path)
    out.parent.mkdir(parents=True, exist_ok=True)
    with out.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(["person_id", "relative_id", "relationship", "score", "reasons"])
        writer.writerows(rows)
    by_rel: dict[str, int] = {}
    for r in rows:
        by_rel[r[2]] = by_rel.get(r[2], 0) + 1
    return KinResult(stats.persons, len(rows), report, stats,
                     by_relationship=dict(sorted(by_rel.items(), key=lambda kv: -kv[1])))
