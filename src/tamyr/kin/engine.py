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
from decimal import Decimal
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

    def append(self, name: str, table: pa.Table) -> None:
        """Add rows to a table made by ``put`` (the same columns)."""
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
            rows = self.con.execute(f"SELECT count(*) FROM {name}").fetchall()[0][0]
            print(f"  {name:24} {rows:>12,} rows {time.perf_counter() - started:8.2f} s", file=sys.stderr, flush=True)

    def put(self, name: str, table: pa.Table) -> None:
        self.con.register(f"_{name}_arrow", table)
        self.con.execute(f"CREATE OR REPLACE TEMP TABLE {name} AS SELECT * FROM _{name}_arrow")
        self.con.unregister(f"_{name}_arrow")

    def append(self, name: str, table: pa.Table) -> None:
        self.con.register(f"_{name}_arrow", table)
        self.con.execute(f"INSERT INTO {name} SELECT * FROM _{name}_arrow")
        self.con.unregister(f"_{name}_arrow")

    def rows(self, sql: str) -> list[tuple]:
        return self.con.execute(sql).fetchall()

    def arrays(self, sql: str) -> dict[str, np.ndarray]:
        started = time.perf_counter()
        out = {k: np.asarray(v) for k, v in self.con.execute(sql).fetchnumpy().items()}
        if self.profile:
            rows = len(next(iter(out.values()))) if out else 0
            print(f"  {'(arrays: ' + ', '.join(out)[:40] + ')':24} {rows:>12,} rows {time.perf_counter() - started:8.2f} s",
                  file=sys.stderr, flush=True)
        return out

    def arrow(self, sql: str) -> pa.Table:
        return self.con.sql(sql).to_arrow_table()

    def drop(self, *names: str) -> None:
        for name in names:
            self.con.execute(f"DROP TABLE IF EXISTS {name}")


class SparkEngine(Engine):
    """Spark SQL through sqlglot. Every stage is written as Parquet under a work folder and read back: each
    later stage reads it once, plans stay small, and no stage inherits another's optimiser constraints
    (a locally checkpointed frame carries them over, and Spark 4.3 then turned a LEFT JOIN into an inner
    one here)."""

    name = "spark"

    def __init__(self, spark, workdir: str | None = None) -> None:
        import tempfile

        self.spark = spark
        self.workdir = workdir or tempfile.mkdtemp(prefix="tamyr-kin-spark-")
        self._owned = workdir is None
        self._serial = 0
        self._paths: dict[str, str] = {}

    @staticmethod
    def translate(sql: str) -> str:
        """DuckDB SQL -> Spark SQL. Decimal literals (0.5, 1e-6) become DOUBLE, as DuckDB computes with them:
        Spark would keep DECIMAL arithmetic and round the probabilities at its scale."""
        import sqlglot
        from sqlglot import exp

        def doubles(node):
            if isinstance(node, exp.Literal) and not node.is_string and any(c in node.this for c in ".eE"):
                return exp.Cast(this=node.copy(), to=exp.DataType.build("DOUBLE"))
            return node

        tree = sqlglot.parse_one(sql, read="duckdb").transform(doubles)
        return tree.sql(dialect="spark")

    def _store(self, name: str, frame, append: bool = False) -> None:
        if append and name in self._paths:
            frame.write.mode("append").parquet(self._paths[name])
        else:
            self._serial += 1
            self._paths[name] = f"{self.workdir}/{name}-{self._serial}"
            frame.write.mode("overwrite").parquet(self._paths[name])
        self.spark.read.parquet(self._paths[name]).createOrReplaceTempView(name)

    def table(self, name: str, select_sql: str) -> None:
        self._store(name, self.spark.sql(self.translate(select_sql)))

    def put(self, name: str, table: pa.Table, append: bool = False) -> None:
        from pyspark.sql import types as T

        spark_types = {pa.string(): T.StringType(), pa.int32(): T.IntegerType(), pa.int64(): T.LongType(),
                       pa.float64(): T.DoubleType(), pa.bool_(): T.BooleanType()}
        fields = []
        for f in table.schema:
            if pa.types.is_list(f.type):
                fields.append(T.StructField(f.name, T.ArrayType(T.StringType()), True))
            else:
                fields.append(T.StructField(f.name, spark_types.get(f.type, T.StringType()), True))
        self._store(name, self.spark.createDataFrame(table.to_pylist(), T.StructType(fields)), append=append)

    def append(self, name: str, table: pa.Table) -> None:
        self.put(name, table, append=True)

    def rows(self, sql: str) -> list[tuple]:
        return [tuple(_plain(v) for v in r) for r in self.spark.sql(self.translate(sql)).collect()]

    def arrays(self, sql: str) -> dict[str, np.ndarray]:
        frame = self.spark.sql(self.translate(sql))
        names = frame.columns
        got = frame.collect()
        return {n: np.asarray([_plain(r[i]) for r in got]) for i, n in enumerate(names)}

    def arrow(self, sql: str) -> pa.Table:
        frame = self.spark.sql(self.translate(sql))
        names = frame.columns
        got = frame.collect()
        return pa.table({n: [_plain(r[i]) for r in got] for i, n in enumerate(names)})

    def drop(self, *names: str) -> None:
        for name in names:
            self.spark.catalog.dropTempView(name)

    def close(self) -> None:
        import shutil

        if self._owned:
            shutil.rmtree(self.workdir, ignore_errors=True)


def _plain(value: Any) -> Any:
    """Spark returns DECIMAL for some arithmetic DuckDB keeps as DOUBLE: give Python what DuckDB gives."""
    if isinstance(value, Decimal):
        return float(value)
    if isinstance(value, list):
        return [_plain(v) for v in value]
    return value


def local_spark(app: str = "tamyr-kin", cores: int = 2):
    """A local Spark session for one machine (tests, small registries); a cluster passes its own."""
    try:
        from pyspark.sql import SparkSession
    except ImportError as exc:  # pragma: no cover - depends on the optional extra
        raise RuntimeError("the Spark engine needs pyspark: pip install 'tamyr[spark]'") from exc
    return (SparkSession.builder.master(f"local[{cores}]").appName(app)
            .config("spark.ui.enabled", "false")
            .config("spark.driver.memory", "4g")
            .config("spark.sql.shuffle.partitions", str(max(1, cores)))
            .config("spark.sql.ansi.enabled", "false")
            .config("spark.driver.bindAddress", "127.0.0.1")
            .config("spark.driver.host", "127.0.0.1")
            .config("spark.sql.session.timeZone", "UTC")
            .getOrCreate())
