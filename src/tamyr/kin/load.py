"""Read a person registry into DuckDB, check it, and say what was skipped and why.

The checks run as SQL over the whole file (no per-row Python): duplicate ids are an error that names
the lines; rows with an empty id, an empty name or an impossible birth date are skipped and counted.
Names that cannot be parsed into a given name and a surname are skipped later (see ``keys.py``).
"""

from __future__ import annotations

import contextlib
import csv
import datetime as dt
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterator

import duckdb

from .. import textfiles

# Column names accepted for each input field (first match wins), lower-cased.
COLUMN_ALIASES: dict[str, tuple[str, ...]] = {
    "id": ("id", "person_id"),
    "name": ("name", "full_name", "fullname"),
    "birth": ("birth_date", "birthdate", "birth_year", "year_of_birth", "born", "year"),
    "gender": ("gender", "sex"),
    "country": ("country", "nationality", "region"),
    "org": ("organization", "organisation", "org", "employer", "office"),
}
EARLIEST_BIRTH_YEAR = 1850


class KinInputError(ValueError):
    """Input a person has to fix; the message says where and what."""


@dataclass
class SkipReport:
    """Rows left out of inference, by reason, with the first few line numbers of each."""

    total_rows: int = 0
    counts: dict[str, int] = field(default_factory=dict)
    lines: dict[str, list[int]] = field(default_factory=dict)

    def add(self, reason: str, count: int, lines: list[int]) -> None:
        if count:
            self.counts[reason] = self.counts.get(reason, 0) + count
            self.lines.setdefault(reason, []).extend(lines)

    def add_rows(self, eng, select: str) -> None:
        """Add the rows a query names, ``SELECT reason, line ...`` on an engine (engine.py): each reason's
        count and first five lines."""
        rows = eng.rows(f"""
            WITH bad AS (SELECT reason, line, row_number() OVER (PARTITION BY reason ORDER BY line) AS k,
                                count(*) OVER (PARTITION BY reason) AS n FROM ({select}) s)
            SELECT reason, n, line FROM bad WHERE k <= 5 ORDER BY reason, line""")
        by_reason: dict[str, tuple[int, list[int]]] = {}
        for reason, count, line in rows:
            by_reason.setdefault(reason, (int(count), []))[1].append(int(line))
        for reason, (count, lines) in by_reason.items():
            self.add(reason, count, lines)

    @property
    def skipped(self) -> int:
        return sum(self.counts.values())

    def summary(self, label: str) -> list[str]:
        if not self.counts:
            return []
        out = [f"{label}: skipped {self.skipped:,} of {self.total_rows:,} rows"]
        for reason, count in sorted(self.counts.items(), key=lambda kv: -kv[1]):
            shown = ", ".join(str(n) for n in sorted(self.lines[reason])[:5])
            more = " …" if count > 5 else ""
            out.append(f"  {count:>8,}  {reason} (lines {shown}{more})")
        return out


def _quote(path: str) -> str:
    return "'" + path.replace("'", "''") + "'"


def _pick(columns: list[str], field_name: str) -> str | None:
    lower = {c.lower().strip(): c for c in columns}
    for alias in COLUMN_ALIASES[field_name]:
        if alias in lower:
            return lower[alias]
    return None


def load_csv(con: duckdb.DuckDBPyConnection, path: Path, report: SkipReport, encoding: str = "utf-8") -> None:
    """Create table ``registry(line, id, name, birth_year, gender, country, org)`` from a CSV file.

    The delimiter is the header line's (comma, semicolon, tab or bar); a row with more fields than the
    header is an error naming its line, a shorter one is padded. A file in another encoding than
    ``encoding`` is an error naming the line and character of the first byte that does not decode."""
    with registry_text(path, encoding) as (text, delimiter, header):
        columns = {name: "VARCHAR" for name in header}
        for parallel in ("true", "false"):
            try:
                con.execute(
                    f"""CREATE OR REPLACE TEMP TABLE raw_input AS SELECT * FROM read_csv({_quote(str(text))},
                        header = true, auto_detect = false, columns = $columns, delim = $delim, quote = '"',
                        escape = '"', strict_mode = true, null_padding = true, parallel = {parallel})""",
                    {"columns": columns, "delim": delimiter},
                )
                break
            except duckdb.Error as exc:
                # DuckDB's parallel reader cannot pad short rows in a file with line breaks inside quotes
                if parallel == "true" and "parallel=false" in str(exc):
                    continue
                raise KinInputError(_csv_problem(path, str(exc), encoding)) from None
    # A table's rowid is the insertion order: header is line 1, so data row r is on line r + 2, plus the
    # line breaks inside quoted values of the rows before it.
    line_expr = "rowid + 2"
    any_break = " OR ".join(f"contains({_ident(c)}, chr(10))" for c in columns)
    if con.execute(f"SELECT bool_or({any_break}) FROM raw_input").fetchone()[0]:
        breaks = " + ".join(f"coalesce(length({_ident(c)}) - length(replace({_ident(c)}, chr(10), '')), 0)"
                            for c in columns)
        con.execute(f"""CREATE OR REPLACE TEMP TABLE raw_input AS
                        SELECT *, rowid + 2 + coalesce(sum({breaks}) OVER (ORDER BY rowid ROWS BETWEEN UNBOUNDED
                                                           PRECEDING AND 1 PRECEDING), 0) AS _line
                        FROM raw_input ORDER BY rowid""")
        line_expr = "_line"
    select_registry(con, "raw_input", list(columns), str(path), report, line_expr=line_expr)


def _ident(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


@contextlib.contextmanager
def registry_text(path: Path, encoding: str = "utf-8") -> Iterator[tuple[Path, str, list[str]]]:
    """(a UTF-8 file of the registry, its delimiter, its header's column names, made unique).

    The file itself when ``encoding`` is UTF-8 (its bytes are checked by the CSV reader), else a
    temporary UTF-8 copy. Raises KinInputError for a missing or empty file, an unknown encoding, a byte
    that does not decode (line and character) or an empty header."""
    if not path.exists():
        raise KinInputError(f"{path}: no such file")
    if path.stat().st_size == 0:
        raise KinInputError(f"{path}: file is empty")
    try:
        codec = textfiles.encoding_name(encoding)
    except ValueError as exc:
        raise KinInputError(f"{path}: {exc}") from None
    with contextlib.ExitStack() as stack:
        text = path
        if codec != "utf-8":
            try:
                text = stack.enter_context(textfiles.utf8_copy(path, codec))
            except UnicodeError as exc:
                raise KinInputError(textfiles.located(path, exc.args[0], codec)) from None
        with text.open("rb") as handle:
            raw = handle.readline(1 << 20)
        try:
            first = raw.decode("utf-8-sig").rstrip("\r\n")
        except UnicodeDecodeError:
            raise KinInputError(textfiles.undecodable_message(path, codec)) from None
        delimiter = textfiles.sniff_delimiter(first)
        names = next(csv.reader([first], delimiter=delimiter), [])
        if not any(n.strip() for n in names):
            raise KinInputError(f"{path} line 1: no header (expected columns id,name[,birth_date,…])")
        yield text, delimiter, _unique([n.strip() or f"column{i + 1}" for i, n in enumerate(names)])


def _unique(names: list[str]) -> list[str]:
    seen: dict[str, int] = {}
    out = []
    for name in names:
        key = name.lower()
        seen[key] = seen.get(key, 0) + 1
        out.append(name if seen[key] == 1 else f"{name}_{seen[key]}")
    return out


def _csv_problem(path: Path, message: str, codec: str) -> str:
    """DuckDB's CSV error, said as file, line and what is wrong."""
    if "Invalid unicode" in message or "not utf-8" in message:
        return textfiles.undecodable_message(path, codec)
    line = re.search(r"CSV Error on Line: (\d+)", message)
    where = f"{path} line {line.group(1)}" if line else str(path)
    columns = re.search(r"Expected Number of Columns: (\d+) Found: (\d+)", message)
    if columns:
        return f"{where}: more fields than the header's {columns.group(1)} (a delimiter inside an unquoted value?)"
    if "unterminated quote" in message:
        return f"{where}: a quoted value is not closed"
    return f"{where}: cannot read as CSV ({message.splitlines()[0]})"


# Birth year from YYYY, YYYY-MM-DD, YYYY-MM, DD.MM.YYYY or DD/MM/YYYY; an impossible date gives NULL.
# The only SQL of the pipeline that differs by engine (date parsing functions).
BIRTH_YEAR_SQL = {
    "duckdb": """CASE WHEN coalesce(birth_raw, '') = '' THEN NULL
                   WHEN regexp_full_match(birth_raw, '\\d{4}') THEN TRY_CAST(birth_raw AS INTEGER)
                   ELSE year(coalesce(try_strptime(birth_raw, '%Y-%m-%d'), try_strptime(birth_raw, '%d.%m.%Y'),
                                      try_strptime(birth_raw, '%Y-%m'), try_strptime(birth_raw, '%d/%m/%Y'),
                                      try_strptime(left(birth_raw, 10), '%Y-%m-%d')))
              END""",
    "spark": """CASE WHEN coalesce(birth_raw, '') = '' THEN NULL
                   WHEN birth_raw RLIKE '^[0-9]{4}$' THEN CAST(birth_raw AS INT)
                   ELSE year(coalesce(try_to_timestamp(birth_raw, 'yyyy-MM-dd'),
                                      try_to_timestamp(birth_raw, 'dd.MM.yyyy'),
                                      try_to_timestamp(birth_raw, 'yyyy-MM'),
                                      try_to_timestamp(birth_raw, 'dd/MM/yyyy'),
                                      try_to_timestamp(substr(birth_raw, 1, 10), 'yyyy-MM-dd')))
              END""",
}
HAS_LETTER_SQL = {"duckdb": "regexp_matches({col}, '\\p{{L}}')", "spark": "{col} RLIKE '\\\\p{{L}}'"}
GENDER_SQL = """CASE WHEN gender_raw IN ('m', 'male', 'man', 'м', 'муж', 'мужской', 'ер') THEN 'm'
                     WHEN gender_raw IN ('f', 'female', 'woman', 'ж', 'жен', 'женский', 'әйел') THEN 'f' END"""


def registry_statements(table: str, columns: list[str], label: str, line_expr: str,
                        dialect: str = "duckdb") -> tuple[dict[str, str], list[tuple[str, str]], str]:
    """The SQL that turns an input table into ``registry``: the column picks, the checks (reason, condition)
    and the final SELECT. Raises KinInputError when a required column is missing."""
    picked = {f: _pick(columns, f) for f in COLUMN_ALIASES}
    for required in ("id", "name"):
        if picked[required] is None:
            raise KinInputError(f"{label}: no {required!r} column (columns are: {', '.join(columns)})")
    quote = "`" if dialect == "spark" else '"'

    # the value without white space at its ends, a carriage return too: Spark's reader keeps the "\r" of a
    # CRLF line in a file whose first lines end in "\n" alone, and its trim() strips spaces only
    strip = ("regexp_replace({x}, '^\\\\s+|\\\\s+$', '')" if dialect == "spark"
             else "regexp_replace({x}, '^\\s+|\\s+$', '', 'g')")

    def col(f: str) -> str:
        return strip.format(x=f"{quote}{picked[f]}{quote}") if picked[f] else "NULL"

    spaces = "regexp_replace({x}, '\\\\s+', ' ')" if dialect == "spark" else "regexp_replace({x}, '\\s+', ' ', 'g')"
    this_year = dt.date.today().year
    letter = HAS_LETTER_SQL[dialect]
    sql = {
        "registry_all": f"""SELECT CAST({line_expr} AS BIGINT) AS line, {col('id')} AS id,
                                   {spaces.format(x=col('name'))} AS name,
                                   {col('birth')} AS birth_raw, lower({col('gender')}) AS gender_raw,
                                   {col('country')} AS country, {col('org')} AS org
                            FROM {table}""",
        "registry_checked": f"SELECT *, {BIRTH_YEAR_SQL[dialect]} AS birth_year FROM registry_all",
    }
    checks = [
        ("id is empty", "coalesce(id, '') = ''"),
        ("name is empty", "coalesce(id, '') <> '' AND coalesce(name, '') = ''"),
        ("name has no letters", "coalesce(id, '') <> '' AND coalesce(name, '') <> '' "
                                f"AND NOT {letter.format(col='name')}"),
        ("impossible birth date", f"coalesce(id, '') <> '' AND {letter.format(col='coalesce(name, ' + chr(39) * 2 + ')')} "
                                  f"AND coalesce(birth_raw, '') <> '' AND (birth_year IS NULL "
                                  f"OR birth_year < {EARLIEST_BIRTH_YEAR} OR birth_year > {this_year})"),
    ]
    final = f"""SELECT line, id, name, birth_year, {GENDER_SQL} AS gender,
                       nullif(lower(country), '') AS country, nullif(lower(org), '') AS org
                FROM registry_checked WHERE NOT ({' OR '.join(f'({c})' for _, c in checks)})"""
    return sql, checks, final


def select_registry(con: duckdb.DuckDBPyConnection, table: str, columns: list[str], label: str,
                    report: SkipReport, line_expr: str) -> None:
    sql, checks, final = registry_statements(table, columns, label, line_expr)
    con.execute(f"CREATE OR REPLACE TEMP TABLE registry_all AS {sql['registry_all']}")
    report.total_rows = con.execute("SELECT count(*) FROM registry_all").fetchone()[0]
    dupes = con.execute(
        """SELECT id, list(line ORDER BY line) FROM registry_all WHERE coalesce(id, '') <> ''
           GROUP BY id HAVING count(*) > 1 ORDER BY min(line) LIMIT 10"""
    ).fetchall()
    if dupes:
        raise KinInputError(duplicate_message(label, dupes))
    con.execute(f"CREATE OR REPLACE TEMP TABLE registry_checked AS {sql['registry_checked']}")
    for reason, cond in checks:
        count, lines = con.execute(
            f"SELECT count(*), list(line ORDER BY line)[1:5] FROM registry_checked WHERE {cond}"
        ).fetchone()
        report.add(reason, count, lines or [])
    con.execute(f"CREATE OR REPLACE TEMP TABLE registry AS {final}")
    con.execute("DROP TABLE registry_checked; DROP TABLE registry_all")


def duplicate_message(label: str, dupes: list[tuple[str, list[int]]]) -> str:
    lines = "; ".join(f"id {i!r} on lines {', '.join(map(str, sorted(ls)[:10]))}" for i, ls in dupes)
    return f"{label}: duplicate ids — {lines}"
