"""Name-key index of persons and an explainable scorer for `/match` and search.

The index is built once per store generation (at startup or on first use): every stored name of a
person is parsed (``tamyr.names``) into script- and spelling-independent keys, and each key points to
the person's row. A query is parsed the same way, candidates come from key lookups (never a scan of
all persons), and every candidate is scored feature by feature so the score explains itself:

    surname       surname keys equal (1.0), loose skeleton keys equal (0.8), else 0
    given         given-name keys, same grading
    father_given  the father's given name (from a patronymic or a father's-name field)
    birth_date    same date (1.0), same year where one side only has the year (0.7), else 0

score = weighted mean of the features both sides have (surname and given always count when the query
has them: a candidate without a given name scores 0 on it). Weights are in ``WEIGHTS``. A birth date
that disagrees pulls a full name match below the default threshold, as yente's logic-v1 penalties do.
"""

from __future__ import annotations

import re
import sys
from dataclasses import dataclass, field
from itertools import permutations

import pyarrow as pa

from ..names import father_given_name, given_key, parse_name, parse_names, surname_key
from ..store import Store

ALGORITHM = "tamyr-keys-v1"
WEIGHTS = {"surname": 0.35, "given": 0.30, "father_given": 0.15, "birth_date": 0.35}
FEATURE_DOCS = {
    "name_literal": {"description": "Some stored name equals a query name, ignoring case and spacing (shown, "
                                    "not weighted: keys already agree).", "coefficient": 0.0, "url": None},
    "surname": {"description": "Surname keys equal across scripts and transliterations (1.0); loose "
                               "consonant-skeleton keys equal (0.8).", "coefficient": WEIGHTS["surname"], "url": None},
    "given": {"description": "Given-name keys equal (1.0) or loosely equal (0.8); 0 when the candidate has none.",
              "coefficient": WEIGHTS["given"], "url": None},
    "father_given": {"description": "Father's given name (from a patronymic such as Бахытбекович / Bakhytbekovich "
                                    "or a fatherName field) keys equal; compared only when both sides have one.",
                     "coefficient": WEIGHTS["father_given"], "url": None},
    "birth_date": {"description": "Birth dates equal (1.0), or same year when one side has only the year (0.7); "
                                  "compared only when both sides have one.",
                   "coefficient": WEIGHTS["birth_date"], "url": None},
}
MAX_CANDIDATES = 500  # as yente: at most 500 candidates are scored per query
_DATE = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$")


@dataclass
class QueryName:
    """A query person: its names' keys, father's given-name keys and birth dates."""

    names: list[str]
    parsed: list = field(default_factory=list)
    fathers: set[str] = field(default_factory=set)
    birth_dates: list[str] = field(default_factory=list)

    @classmethod
    def build(cls, names: list[str], father_names: list[str] = (), birth_dates: list[str] = ()) -> "QueryName":
        q = cls([n for n in names if n and n.strip()])
        q.parsed = [parse_name(n) for n in q.names]
        for p in q.parsed:
            if p.keys.get("father_given"):
                q.fathers.add(p.keys["father_given"])
        for f in father_names:
            if f and f.strip():
                q.fathers.add(father_key(f))
        q.birth_dates = [d.strip() for d in birth_dates if d and _DATE.match(d.strip())]
        return q


class NameIndex:
    """Persons of a store by name key. Row ``i`` has ``ids[i]``, ``table`` columns for display."""

    def __init__(self, table: pa.Table, keys: list[tuple[int, tuple, tuple]]):
        """``keys``: (row, (given, surname, father_given), (loose given, loose surname)) per stored name."""
        self.table = table
        self.ids: list[str] = table.column("id").to_pylist()
        self.row_of = {pid: i for i, pid in enumerate(self.ids)}
        self.by_pair: dict[tuple[str, str], list[int]] = {}
        self.by_loose_pair: dict[tuple[str, str], list[int]] = {}
        self.by_part: dict[str, list[int]] = {}  # surname or given key -> rows
        self.row_keys: dict[int, list[tuple[tuple, tuple]]] = {}
        self._literal: dict[str, list[int]] = {}
        for row, name in enumerate(table.column("name").to_pylist()):
            if name:
                self._literal.setdefault(_literal(name), []).append(row)
        for row, k, lk in keys:
            self.row_keys.setdefault(row, []).append((k, lk))
            g, s = k[0], k[1]
            if g and s:
                self.by_pair.setdefault((s, g), []).append(row)
                self.by_loose_pair.setdefault((lk[1], lk[0]), []).append(row)
            for part in (g, s):
                if part:
                    self.by_part.setdefault(part, []).append(row)

    def __len__(self) -> int:
        return len(self.ids)

    @classmethod
    def build(cls, store: Store, chunk: int = 50_000) -> "NameIndex":
        """One pass over the persons' name statements; names parsed in chunks (``parse_names`` caches
        repeated words) and only their keys kept, as interned strings."""
        data = store.conn.sql(
            """SELECT entity_id AS id, min(value) FILTER (WHERE prop = 'name') AS name,
                      list(DISTINCT value) FILTER (WHERE prop = 'name') AS names,
                      min(value) FILTER (WHERE prop = 'birthDate') AS "birthDate",
                      min(value) FILTER (WHERE prop = 'gender') AS gender,
                      min(value) FILTER (WHERE prop = 'fatherName') AS "fatherName"
               FROM statements WHERE schema = 'Person' AND prop IN ('name', 'birthDate', 'gender', 'fatherName')
               GROUP BY entity_id HAVING name IS NOT NULL ORDER BY entity_id"""
        ).to_arrow_table()
        table = data.select(["id", "name", "birthDate", "gender", "fatherName"])
        table = pa.table({c: table.column(c).combine_chunks() for c in table.column_names})
        intern = sys.intern
        keys: list[tuple[int, tuple, tuple]] = []
        owners: list[int] = []
        texts: list[str] = []

        def flush() -> None:
            for row, p in zip(owners, parse_names(texts)):
                k, lk = p.keys, p.loose_keys
                keys.append((row, tuple(intern(k[f]) if k.get(f) else None for f in ("given", "surname", "father_given")),
                             tuple(intern(lk[f]) if lk.get(f) else None for f in ("given", "surname"))))
            owners.clear()
            texts.clear()

        for row, aliases in enumerate(data.column("names").to_pylist()):
            for alias in aliases or ():
                owners.append(row)
                texts.append(alias)
            if len(texts) >= chunk:
                flush()
        flush()
        # a separate fatherName field names the father when the name itself carries no patronymic
        for row, father in enumerate(table.column("fatherName").to_pylist()):
            if father:
                keys.append((row, (None, None, intern(father_key(father))), (None, None)))
        return cls(table, keys)

    # -- lookup ------------------------------------------------------------------------------

    def candidates(self, query: QueryName, cap: int = MAX_CANDIDATES) -> list[int]:
        """Rows sharing (surname, given) keys with the query, in any word order; single words and
        sparse results fall back to rows sharing any one name part."""
        found: dict[int, None] = {}

        def add(rows: list[int] | None) -> None:
            for r in rows or ():
                if len(found) >= cap:
                    return
                found.setdefault(r, None)

        for p in query.parsed:
            words = [w for w in re.split(r"[\s,]+", p.raw) if w]
            k, lk = p.keys, p.loose_keys
            if k.get("given") and k.get("surname"):
                add(self.by_pair.get((k["surname"], k["given"])))
                add(self.by_loose_pair.get((lk.get("surname"), lk.get("given"))))
            for a, b in permutations(words[:4], 2):  # the parser's order guess may be wrong
                add(self.by_pair.get((surname_key(a), given_key(b))))
        if len(found) < 20:
            for p in query.parsed:
                for word in [w for w in re.split(r"[\s,]+", p.raw) if w][:4]:
                    add(self.by_part.get(surname_key(word)))
                    add(self.by_part.get(given_key(word)))
        for p in query.parsed:
            add(self._literal.get(_literal(p.raw)))
        return list(found)

    def score(self, row: int, query: QueryName) -> tuple[float, dict[str, dict]]:
        """Best score over the candidate's names, with one explanation per compared feature."""
        best: tuple[float, dict] = (-1.0, {})
        birth = self.table.column("birthDate")[row].as_py()
        fathers = {k2[2] for k2, _ in self.row_keys.get(row, ())} - {None}
        for kt, lkt in self.row_keys.get(row, ()):
            if not kt[0] and not kt[1]:
                continue
            k = {"given": kt[0], "surname": kt[1]}
            lk = {"given": lkt[0], "surname": lkt[1]}
            for p in query.parsed:
                feats = _compare_names(p.keys, p.loose_keys, k, lk)
                if not feats:
                    continue
                if query.fathers and fathers:
                    hit = bool(query.fathers & fathers)
                    feats["father_given"] = (1.0 if hit else 0.0,
                                             f"father's given name {'agrees' if hit else 'differs'}: query "
                                             f"{sorted(query.fathers)} vs {sorted(fathers)}")
                if query.birth_dates and birth:
                    feats["birth_date"] = _compare_dates(query.birth_dates, birth)
                total = sum(WEIGHTS[f] for f in feats)
                value = sum(WEIGHTS[f] * s for f, (s, _) in feats.items()) / total if total else 0.0
                if value > best[0]:
                    best = (value, feats)
        value, feats = best
        explanations = {f: {"score": round(s, 3), "weight": WEIGHTS[f], "detail": d} for f, (s, d) in feats.items()}
        name = self.table.column("name")[row].as_py() or ""
        if any(_literal(p.raw) == _literal(name) for p in query.parsed):
            explanations["name_literal"] = {"score": 1.0, "weight": 0.0, "detail": "same name as written"}
        return round(max(value, 0.0), 4), explanations

    def match(self, query: QueryName, limit: int = 5, cutoff: float = 0.0,
              exclude: set[str] = frozenset()) -> list[tuple[int, float, dict]]:
        scored = []
        for row in self.candidates(query):
            if self.ids[row] in exclude:
                continue
            score, expl = self.score(row, query)
            if score >= cutoff and score > 0:
                scored.append((row, score, expl))
        scored.sort(key=lambda t: (-t[1], self.ids[t[0]]))
        return scored[:limit]

    def person(self, row: int) -> dict:
        return {c: self.table.column(c)[row].as_py() for c in self.table.column_names}

    def name_of(self, person_id: str) -> str | None:
        row = self.row_of.get(person_id)
        return None if row is None else self.table.column("name")[row].as_py()


def father_key(value: str) -> str:
    """FtM's fatherName holds a patronymic (Бахытбекович) or the father's given name (Бахытбек)."""
    return given_key(father_given_name(value) or value)


def _literal(text: str) -> str:
    return " ".join(text.casefold().split())


def _grade(a: str | None, b: str | None, la: str | None, lb: str | None) -> float:
    if a and b and a == b:
        return 1.0
    if la and lb and la == lb:
        return 0.8
    return 0.0


def _compare_names(qk: dict, qlk: dict, ck: dict, clk: dict) -> dict[str, tuple[float, str]]:
    feats: dict[str, tuple[float, str]] = {}
    if qk.get("surname"):
        s = _grade(qk["surname"], ck.get("surname"), qlk.get("surname"), clk.get("surname"))
        # a one-word query may be a given name: let it match the candidate's given name too
        if s == 0 and not qk.get("given"):
            s = _grade(qk["surname"], ck.get("given"), qlk.get("surname"), clk.get("given"))
        feats["surname"] = (s, f"surname key {qk['surname']!r} vs {ck.get('surname')!r}")
    if qk.get("given"):
        g = _grade(qk["given"], ck.get("given"), qlk.get("given"), clk.get("given"))
        feats["given"] = (g, f"given-name key {qk['given']!r} vs {ck.get('given')!r}")
    if feats and all(s == 0 for s, _ in feats.values()):
        return {}
    return feats


def _compare_dates(query: list[str], birth: str) -> tuple[float, str]:
    best = 0.0
    for d in query:
        if d == birth or (len(d) >= 10 and len(birth) >= 10 and d[:10] == birth[:10]):
            best = 1.0
        elif d[:4] == birth[:4] and (len(d) == 4 or len(birth) == 4):
            best = max(best, 0.7)
    return best, f"birth date {', '.join(query)} vs {birth}"
