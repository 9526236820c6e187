"""Resolve persons: which records (registry rows, article mentions, FtM imports) are one person.

Fellegi–Sunter linkage with splink on DuckDB over tamyr's name keys (script- and spelling-
independent), with term-frequency adjustment on given name and surname (Nurlan Akhmetov agrees
with many records by chance, Bakhytbek Imanaliev with few), plus the father's name, birth date
and organisation. m-probabilities are fixed, documented priors (below); u-probabilities are
estimated from the store by random sampling when it holds enough records, otherwise from the
term frequencies alone. No EM: with a few hundred records it does not converge reliably, and the
priors are what a reviewer can check.

A merge is a judgement, not an edit: pairs above the threshold form clusters (connected
components) whose canonical id is used by the rules; a reviewer can reject a pair (it is then
never merged) or confirm one below the threshold. Sources are never changed.
"""

from __future__ import annotations

import json
from dataclasses import dataclass

import duckdb
import pyarrow as pa

from ..model.entities import make_id
from ..names import parse_names
from ..store import Store
from ..store.store import now

RESOLVE_SQL = """
CREATE TABLE IF NOT EXISTS resolution_pairs (
    a VARCHAR NOT NULL, b VARCHAR NOT NULL, probability DOUBLE NOT NULL, match_weight DOUBLE,
    detail JSON, computed_at TIMESTAMP NOT NULL
);
"""

# m: P(level | same person); u: P(level | different persons), the latter used only when the store is
# too small to sample non-matches (< 200 persons). Levels are tried in order. The name comparison is
# ONE comparison over the parsed keys (given, surname, father's name), with term-frequency
# adjustment on the whole name: given name, surname and patronymic are not independent (a family
# repeats them), so multiplying three separate agreements would overstate the evidence. m priors
# reflect how often one person's records disagree in post-Soviet registries: keys fold
# transliteration away; patronymics are often missing but rarely contradict; birth dates are
# missing or mistyped (a wrong year in about 3 % of records).
LEVELS = {
    "name": [  # (label, sql, m, u, tf column)
        ("same given name, patronymic and surname", "full_key_l = full_key_r", 0.85, 0.0005, "full_key"),
        ("same given name and surname, patronymics differ",
         "gs_key_l = gs_key_r AND father_key_l <> father_key_r", 0.01, 0.002, None),
        ("same given name and surname, a patronymic missing", "gs_key_l = gs_key_r", 0.12, 0.002, "gs_key"),
        ("same surname and patronymic, given names differ",
         "surname_key_l = surname_key_r AND father_key_l = father_key_r", 0.002, 0.003, None),  # brothers
    ],
    "birth": [
        ("same full birth date", "birth_l = birth_r AND length(birth_l) = 10", 0.85, 0.0003, None),
        ("same birth year", "birth_year_l = birth_year_r", 0.12, 0.03, None),
    ],
    "org": [
        ("same organisation", "org_l = org_r", 0.6, 0.1, None),
    ],
}
ELSE_M = {"name": 0.0001, "birth": 0.03, "org": 0.4}
NULLS = {"name": "gs_key", "birth": "birth_year", "org": "org"}


@dataclass
class ResolveReport:
    persons: int
    keyed: int
    pairs: int
    merged_pairs: int
    clusters: int
    threshold: float

    def summary(self) -> str:
        return (f"{self.persons} persons ({self.keyed} with parseable names): {self.pairs} candidate pairs across "
                f"sources, {self.merged_pairs} at or above {self.threshold:g} forming {self.clusters} clusters")


def person_table(store: Store) -> pa.Table:
    rows = store.conn.execute(
        """SELECT p.id, p.name, p.birthDate, p.gender,
                  (SELECT min(pos.organization) FROM occupancies o JOIN positions pos ON pos.id = o.post
                   WHERE o.holder = p.id) AS org,
                  (SELECT min(source_id) FROM statements s WHERE s.entity_id = p.id) AS source_id
           FROM persons p WHERE p.name IS NOT NULL"""
    ).fetchall()
    parsed = parse_names([r[1] for r in rows])
    columns: dict[str, list] = {k: [] for k in ("unique_id", "name", "source_id", "full_key", "gs_key", "given_key",
                                                "surname_key", "father_key", "birth", "birth_year", "org")}
    for (pid, name, birth, gender, org, source_id), p in zip(rows, parsed):
        given, surname, father = p.keys.get("given"), p.keys.get("surname"), p.keys.get("father_given")
        if not (given and surname):
            continue  # unnamed persons ("a high-ranking official") are never merged by name
        columns["unique_id"].append(pid)
        columns["name"].append(name)
        columns["source_id"].append(source_id)
        columns["full_key"].append(f"{given}|{surname}|{father}" if father else None)
        columns["gs_key"].append(f"{given}|{surname}")
        columns["given_key"].append(given)
        columns["surname_key"].append(surname)
        columns["father_key"].append(father)
        columns["birth"].append(birth)
        columns["birth_year"].append(birth[:4] if birth else None)
        columns["org"].append(org)
    return pa.table(columns)


def _settings(n: int, estimate_u: bool):
    import splink.comparison_level_library as cll
    import splink.comparison_library as cl
    from splink import SettingsCreator
    from splink.blocking_rule_library import CustomRule

    comparisons = []
    for name, levels in LEVELS.items():
        built = [cll.NullLevel(NULLS[name])]
        for label, sql, m, u, tf in levels:
            options = {"m_probability": m}
            if not estimate_u:
                options["u_probability"] = u
            if tf and estimate_u:  # a handful of records says nothing about how common a name is
                options.update(tf_adjustment_column=tf, tf_adjustment_weight=1.0)
            built.append(cll.CustomLevel(sql, label).configure(**options))
        else_options = {"m_probability": ELSE_M[name]}
        if not estimate_u:
            else_options["u_probability"] = max(1e-6, 1.0 - sum(level[3] for level in levels))
        built.append(cll.ElseLevel().configure(**else_options))
        comparisons.append(cl.CustomComparison(output_column_name=name, comparison_levels=built))
    across = "l.source_id <> r.source_id"  # a source does not repeat a person under two ids
    return SettingsCreator(
        link_type="dedupe_only",
        comparisons=comparisons,
        blocking_rules_to_generate_predictions=[
            CustomRule(f"l.gs_key = r.gs_key AND {across}"),
            CustomRule(f"l.surname_key = r.surname_key AND l.father_key = r.father_key AND {across}"),
        ],
        # prior: each person is expected to recur about once in another source
        probability_two_random_records_match=min(0.5, 1.0 / max(n, 2)),
        additional_columns_to_retain=["name"],
    )


def resolve_store(store: Store, threshold: float = 0.9) -> ResolveReport:
    """Score candidate pairs with splink, store them, and return what was merged."""
    from splink import DuckDBAPI, Linker

    table = person_table(store)
    n = table.num_rows
    con = duckdb.connect()
    pairs: list[tuple] = []
    if n >= 2:
        api = DuckDBAPI(connection=con)
        linker = Linker(api.register(table), _settings(n, estimate_u=n >= 200), log_level=40)
        if n >= 200:
            linker.training.estimate_u_using_random_sampling(max_pairs=min(5e6, n * 50.0))
        result = linker.inference.predict(threshold_match_probability=0.01)
        for row in result.as_record_list():
            detail = {k: row.get(f"gamma_{k}") for k in LEVELS}
            detail.update(name_l=row.get("name_l"), name_r=row.get("name_r"))
            a, b = sorted((row["unique_id_l"], row["unique_id_r"]))
            pairs.append((a, b, float(row["match_probability"]), float(row["match_weight"]),
                          json.dumps(detail, ensure_ascii=False)))
    con.close()
    with store.transaction():
        store.conn.execute(RESOLVE_SQL)
        store.conn.execute("DELETE FROM resolution_pairs")
        when = now()
        if pairs:
            store.conn.executemany("INSERT INTO resolution_pairs VALUES (?, ?, ?, ?, ?, ?)",
                                   [p + (when,) for p in pairs])
    canon = canonical_ids(store, threshold)
    return ResolveReport(n + 0, n, len(pairs), sum(1 for p in pairs if p[2] >= threshold),
                         len(set(canon.values())), threshold)


def canonical_ids(store: Store, threshold: float = 0.9) -> dict[str, str]:
    """entity id -> canonical id for merged persons (clusters of pairs >= threshold, minus rejected
    pairs, plus confirmed ones). Persons not merged are absent."""
    con = store.conn
    exists = con.execute("SELECT 1 FROM information_schema.tables WHERE table_name = 'resolution_pairs'").fetchall()
    if not exists:
        return {}
    judged = {(a, b): d for a, b, d in con.execute(
        "SELECT subject, object, decision FROM judgements WHERE kind = 'merge' ORDER BY created_at").fetchall()}
    edges = []
    for a, b, p in con.execute("SELECT a, b, probability FROM resolution_pairs").fetchall():
        decision = judged.get((a, b)) or judged.get((b, a))
        if decision == "reject":
            continue
        if p >= threshold or decision == "confirm":
            edges.append((a, b))
    for (a, b), decision in judged.items():
        if decision == "confirm":
            edges.append((a, b))
    parent: dict[str, str] = {}

    def find(x: str) -> str:
        while parent.get(x, x) != x:
            parent[x] = parent.get(parent[x], parent[x])
            x = parent[x]
        return x

    for a, b in edges:
        ra, rb = find(a), find(b)
        if ra != rb:
            parent[max(ra, rb)] = min(ra, rb)
    nodes = {x for edge in edges for x in edge}
    return {x: find(x) for x in nodes}


def judge_merge(store: Store, a: str, b: str, decision: str, comment: str | None = None,
                author: str | None = None) -> None:
    """Record that two person records are (confirm) or are not (reject) the same person."""
    if decision not in ("confirm", "reject"):
        raise ValueError("decision must be confirm or reject")
    a, b = sorted((a, b))
    when = now()
    store.conn.execute("INSERT INTO judgements VALUES (?, 'merge', ?, ?, ?, ?, ?, ?)",
                       [make_id("merge", a, b, decision, when.isoformat()), a, b, decision, comment, author, when])


__all__ = ["ResolveReport", "canonical_ids", "judge_merge", "person_table", "resolve_store"]
