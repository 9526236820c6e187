"""Where the kin pipeline runs: one pipeline definition (SQL in DuckDB's dialect plus a few small numpy
steps on aggregates), two engines.

    DuckEngine(con)          the embedded default: statements run as they are written
    SparkEngine(spark)       Apache Spark (``pip install 'tamyr[spark]'``): each statement is translated
                             from DuckDB's dialect to Spark SQL by sqlglot (the translator splink uses)
                             and every stage is a cached temporary view

The pipeline only ever asks an engine to make a table from a SELECT, to fetch a small aggregate as numpy
arrays, or to take a small table from Python (name keys, priors, age likelihoods). That is the whole
interface, so a stage written once runs on both.
"""

from __future__ import annotations

import os
import sys
import time
from typing import Any

import numpy as np
import pyarrow as pa


class Engine:
    """The operations the pipeline needs. Table names are plain identifiers; SQL is DuckDB's dialect."""

    name = "engine"

    def table(self, name: str, select_sql: str) -> None:
        raise NotImplementedError

    def put(self, name: str, table: pa.Table) -> None:
        raise NotImplementedError

    def rows(self, sql: str) -> list[tuple]:
        raise NotImplementedError

    def arrays(self, sql: str) -> dict[str, np.ndarray]:
        raise NotImplementedError

    def arrow(self, sql: str) -> pa.Table:
        raise NotImplementedError

    def drop(self, *names: str) -> None:
        raise NotImplementedError

    def scalar(self, sql: str) -> Any:
        got = self.rows(sql)
        return got[0][0] if got else None


class DuckEngine(Engine):
    name = "duckdb"

    def __init__(self, con) -> None:
        self.con = con
        # TAMYR_KIN_PROFILE=1: print each stage's table, rows and seconds (for the benchmarks)
        self.profile = bool(os.environ.get("TAMYR_KIN_PROFILE"))

    def table(self, name: str, select_sql: str) -> None:
        started = time.perf_counter()
        self.con.execute(f"CREATE OR REPLACE TEMP TABLE {name} AS {select_sql}")
        if self.profile:
            rows = self.con.execute(f"SELECT count(*) FROM {name}").fetchone()[0]
            print(f"  {name:24} {rows:>12,} rows {time.perf_counter() - started:8.2f} s", file=sys.stderr, flush=True)

    def put(self, name: str, table: pa.Table) -> None:
        self.con.register(f"_{name}_arrow", table)
        self.con.execute(f"CREATE OR REPLACE TEMP TABLE {name} AS SELECT * FROM _{name}_arrow")
        self.con.unregister(f"_{name}_arrow")

    def rows(self, sql: str) -> list[tuple]:
        return self.con.execute(sql).fetchall()

    def arrays(self, sql: str) -> dict[str, np.ndarray]:
        return {k: np.asarray(v) for k, v in self.con.execute(sql).fetchnumpy().items()}

    def arrow(self, sql: str) -> pa.Table:
        return self.con.sql(sql).to_arrow_table()

    def drop(self, *names: str) -> None:
        for name in names:
            self.con.execute(f"DROP TABLE IF EXISTS {name}")


class SparkEngine(Engine):
    """Spark SQL through sqlglot; every stage is cached so the next one reads it once."""

    name = "spark"

    def __init__(self, spark) -> None:
        self.spark = spark
        self._frames: dict[str, Any] = {}

    @staticmethod
    def translate(sql: str) -> str:
        import sqlglot

        return sqlglot.transpile(sql, read="duckdb", write="spark")[0]

    def table(self, name: str, select_sql: str) -> None:
        frame = self.spark.sql(self.translate(select_sql)).cache()
        frame.count()                      # materialise before the views it reads are replaced
        old = self._frames.pop(name, None)
        frame.createOrReplaceTempView(name)
        self._frames[name] = frame
        if old is not None:
            old.unpersist()

    def put(self, name: str, table: pa.Table) -> None:
        from pyspark.sql import types as T

        spark_types = {pa.string(): T.StringType(), pa.int32(): T.IntegerType(), pa.int64(): T.LongType(),
                       pa.float64(): T.DoubleType(), pa.bool_(): T.BooleanType()}
        fields = []
        for f in table.schema:
            if pa.types.is_list(f.type):
                fields.append(T.StructField(f.name, T.ArrayType(T.StringType()), True))
            else:
                fields.append(T.StructField(f.name, spark_types.get(f.type, T.StringType()), True))
        frame = self.spark.createDataFrame(table.to_pylist(), T.StructType(fields)).cache()
        frame.count()
        old = self._frames.pop(name, None)
        frame.createOrReplaceTempView(name)
        self._frames[name] = frame
        if old is not None:
            old.unpersist()

    def rows(self, sql: str) -> list[tuple]:
        return [tuple(r) for r in self.spark.sql(self.translate(sql)).collect()]

    def arrays(self, sql: str) -> dict[str, np.ndarray]:
        frame = self.spark.sql(self.translate(sql))
        names = frame.columns
        got = frame.collect()
        return {n: np.asarray([r[i] for r in got]) for i, n in enumerate(names)}

    def arrow(self, sql: str) -> pa.Table:
        frame = self.spark.sql(self.translate(sql))
        names = frame.columns
        got = frame.collect()
        return pa.table({n: [r[i] for r in got] for i, n in enumerate(names)})

    def drop(self, *names: str) -> None:
        for name in names:
            frame = self._frames.pop(name, None)
            self.spark.catalog.dropTempView(name)
            if frame is not None:
                frame.unpersist()


def local_spark(app: str = "tamyr-kin", cores: int = 2):
    """A local Spark session for one machine (tests, small registries); a cluster passes its own."""
    try:
        from pyspark.sql import SparkSession
    except ImportError as exc:  # pragma: no cover - depends on the optional extra
        raise RuntimeError("the Spark engine needs pyspark: pip install 'tamyr[spark]'") from exc
    return (SparkSession.builder.master(f"local[{cores}]").appName(app)
            .config("spark.ui.enabled", "false")
            .config("spark.sql.shuffle.partitions", str(max(2, cores * 2)))
            .config("spark.sql.ansi.enabled", "false")
            .config("spark.driver.bindAddress", "127.0.0.1")
            .config("spark.sql.session.timeZone", "UTC")
            .getOrCreate())
