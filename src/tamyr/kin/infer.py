"""Kin inference from names: the SQL pipeline (DuckDB), from name keys to calibrated ties.

Every stage is a set-oriented statement over whole tables; the only Python loops are over a handful of
prior buckets (see ``calibrate.py`` for the probability model and how it is calibrated).

1. blocks: persons grouped by surname root (a maiden name is a second block); per block the number of
   possible fathers, of male lines (sibships) and of women; name frequencies per key, leaving the block
   out (a family's own members are not evidence of how common its names are);
2. fathers: a child's candidates are the men of its block whose given name is its patronymic's name. The
   chance rate is ``lambda = m * p(name)``: m other men in the block (not the child's brothers or sons),
   each named so by chance at the name's frequency. The prior that the father is among the m men is
   estimated per block-size bucket by EM (bounded Bernoulli mixture, shrunk to the pooled rate), so a
   small block of a rare surname and a block of 500 Шевченко get different priors from the data;
3. siblings: pairs in a block that share the patronymic; chance = the frequency of that patronymic
   outside the block; pair prior per block-size bucket by EM over aggregate counts (no pair expansion
   for the estimate);
4. spouses: a man and a woman of one block, she neither his sister (same patronymic) nor his daughter
   (patronymic = his name; that case is split with the father stage by the given-name frequency).
   Chance = women x the probability an *unrelated* line carries the surname (other male lines of the
   block, Good–Turing pseudo-count for a surname seen in one family only); prior by EM; one wife per
   man and one husband per woman;
5. mothers by composition: P(mother) = P(father) * P(his wife).
"""

from __future__ import annotations

import math
import time
from dataclasses import dataclass, field
from typing import Callable

import duckdb
import numpy as np
import pyarrow as pa

from . import calibrate

METHOD = "kin:names-v1"
# With --population N the pooled priors are shrunk toward what a random draw of n persons from N would
# contain: the share n/N of a person's relatives (one father, about one same-surname sibling and spouse).
POPULATION_EXPECTED = {"father": 0.9, "sibling": 1.0, "spouse": 0.7}


@dataclass
class PipelineStats:
    persons: int = 0
    priors: dict[str, float] = field(default_factory=dict)
    ties: dict[str, int] = field(default_factory=dict)
    seconds: dict[str, float] = field(default_factory=dict)


def _one(con: duckdb.DuckDBPyConnection, sql: str):
    return con.execute(sql).fetchone()[0]


def _age_tables(con: duckdb.DuckDBPyConnection) -> None:
    years = con.execute(
        "SELECT birth_year, count(*) FROM persons WHERE birth_year IS NOT NULL GROUP BY 1 ORDER BY 1"
    ).fetchall()
    rows: list[tuple[str, int, float]] = []
    if years:
        chance = calibrate.gap_chance(np.array([y for y, _ in years]), np.array([c for _, c in years], dtype=float))
        for kind in ("father", "mother", "sibling", "spouse"):
            rows += [(kind, gap, lr) for gap, lr in calibrate.age_lr_table(kind, chance)]
    table = pa.table({"kind": pa.array([r[0] for r in rows], pa.string()),
                      "gap": pa.array([r[1] for r in rows], pa.int32()),
                      "lr": pa.array([r[2] for r in rows], pa.float64())})
    con.register("_age_lr", table)
    for kind in ("father", "mother", "sibling", "spouse"):
        con.execute(f"CREATE OR REPLACE TEMP TABLE age_{kind} AS SELECT gap, lr FROM _age_lr WHERE kind = '{kind}'")
    con.unregister("_age_lr")


def _age_join(kind: str, alias: str, a: str, b: str) -> str:
    """LEFT JOIN of the age likelihood table (an equi-join on the gap, no per-row subquery)."""
    return f"LEFT JOIN age_{kind} {alias} ON {alias}.gap = {a}.birth_year - {b}.birth_year"


def _age_w(alias: str, a: str, b: str) -> str:
    """Age likelihood ratio: 1 when a year is missing, 0 when the gap is impossible (absent from the table)."""
    return (f"(CASE WHEN {a}.birth_year IS NULL OR {b}.birth_year IS NULL THEN 1.0 "
            f"ELSE coalesce({alias}.lr, 0.0) END)")


def _bucket(col: str) -> str:
    """Block-size bucket for the hierarchical priors: 1, 2-3, 4-7, … men (log2 classes, capped)."""
    return f"least(CAST(floor(log2(greatest({col}, 1))) AS INTEGER), 12)"


def run_pipeline(con: duckdb.DuckDBPyConnection, min_score: float = 0.3, population: int | None = None,
                 progress: Callable[[str], None] | None = None) -> PipelineStats:
    """From tables ``persons`` and ``surnames`` (keys.py) to table ``ties``."""
    say = progress or (lambda _m: None)
    stats = PipelineStats()
    clock = time.perf_counter()

    def lap(name: str) -> None:
        nonlocal clock
        now = time.perf_counter()
        stats.seconds[name] = round(now - clock, 2)
        clock = now

    n = _one(con, "SELECT count(*) FROM persons")
    stats.persons = n
    if n == 0:
        con.execute("""CREATE OR REPLACE TEMP TABLE ties (person INTEGER, relative INTEGER, relationship VARCHAR,
                       score DOUBLE, reasons VARCHAR, kind VARCHAR)""")
        return stats
    share = min(1.0, n / population) if population else None

    # -- frequencies and blocks ---------------------------------------------------------------------
    say("name frequencies and blocks")
    _age_tables(con)
    org_u = _one(con, """SELECT coalesce(sum(c * c) / (sum(c) * sum(c)), 0) FROM
                         (SELECT count(*)::DOUBLE AS c FROM persons WHERE org IS NOT NULL GROUP BY org)""") or 0.0
    con.execute("""
        CREATE OR REPLACE TEMP TABLE members AS      -- one row per person and block (surname or maiden name)
            SELECT s.skey, s.is_main, p.pid, p.given_key, p.father_key, p.gender,
                   coalesce(p.gender, 'm') = 'm' AS maybe_man
            FROM surnames s JOIN persons p USING (pid) WHERE s.skey IS NOT NULL;
        CREATE OR REPLACE TEMP TABLE tf_surname AS SELECT skey, count(DISTINCT pid) AS n FROM members GROUP BY skey;
        -- men of a block counted as distinct persons: one name written with and without the patronymic
        -- ("Dmitry Peskov", "Dmitry Sergeyevich PESKOV") or twice alike is one man
        CREATE OR REPLACE TEMP TABLE block_men AS
            WITH x AS (SELECT m.skey, m.given_key, m.father_key, p.birth_year,
                              count(m.father_key) OVER (PARTITION BY m.skey, m.given_key) AS with_father
                       FROM members m JOIN persons p USING (pid) WHERE m.maybe_man)
            SELECT skey, count(DISTINCT (given_key, father_key, birth_year)) AS men FROM x
            WHERE father_key IS NOT NULL OR with_father = 0 GROUP BY skey;
        -- men of a block by patronymic (a sibship) and by given name
        CREATE OR REPLACE TEMP TABLE block_sib_men AS
            SELECT skey, father_key, count(*) AS n FROM members WHERE maybe_man AND father_key IS NOT NULL GROUP BY ALL;
        CREATE OR REPLACE TEMP TABLE block_given_men AS
            SELECT skey, given_key, count(*) AS n FROM members WHERE maybe_man GROUP BY ALL;
        CREATE OR REPLACE TEMP TABLE block_fkey AS
            SELECT skey, father_key, count(*) AS n FROM members WHERE father_key IS NOT NULL GROUP BY ALL;
        CREATE OR REPLACE TEMP TABLE tf_given_m AS
            SELECT given_key AS key, count(*) AS n FROM persons WHERE coalesce(gender, 'm') = 'm' GROUP BY 1;
        CREATE OR REPLACE TEMP TABLE tf_father AS
            SELECT father_key AS key, count(*) AS n FROM persons WHERE father_key IS NOT NULL GROUP BY 1;
    """)
    n_men = max(1, _one(con, "SELECT count(*) FROM persons WHERE coalesce(gender, 'm') = 'm'"))
    n_pat = max(1, _one(con, "SELECT count(*) FROM persons WHERE father_key IS NOT NULL"))
    n_women = max(1, _one(con, "SELECT count(*) FROM persons WHERE gender = 'f'"))
    lap("frequencies")

    # -- fathers: candidates and chance rates ---------------------------------------------------------
    say("fathers")
    # m: men of the child's block who could be its father — not the child, its brothers (same patronymic)
    # or its sons (patronymic = the child's name); men named like the father within the sibship are kept
    # (Олександр Олександрович can be the father of Іван Олександрович).
    # p(name): frequency of the father's name among men outside this block (leave-block-out), with a
    # half-count floor for a name seen in this block only.
    con.execute(f"""
        CREATE OR REPLACE TEMP TABLE child_blocks AS
        SELECT c.pid AS child, c.skey, c.is_main, c.father_key,
               greatest(coalesce(cand.n, 0) - CASE WHEN c.maybe_man AND c.given_key = c.father_key THEN 1 ELSE 0 END, 0) AS k,
               bm.men - coalesce(sib.n, 0)
                 - CASE WHEN c.maybe_man AND c.given_key IS DISTINCT FROM c.father_key THEN coalesce(sons.n, 0) ELSE 0 END
                 + greatest(coalesce(cand_sib.n, 0) - CASE WHEN c.maybe_man AND c.given_key = c.father_key THEN 1 ELSE 0 END, 0)
                 AS m,
               -- names go with surnames (Kazakh names in Kazakh blocks): the block's own rate of the name,
               -- leaving one candidate out, shrunk toward the registry rate with 20 pseudo-men
               (greatest(coalesce(cand.n, 0) - 1, 0) + 20.0 * greatest(g.n - coalesce(cand.n, 0), 0.5) / {n_men})
                 / (greatest(bm.men - coalesce(sib.n, 0), 0) + 20.0) AS p_name
        FROM members c
        JOIN block_men bm ON bm.skey = c.skey
        JOIN tf_given_m g ON g.key = c.father_key
        LEFT JOIN block_sib_men sib ON sib.skey = c.skey AND sib.father_key = c.father_key
        LEFT JOIN block_sib_men sons ON sons.skey = c.skey AND sons.father_key = c.given_key
        LEFT JOIN block_given_men cand ON cand.skey = c.skey AND cand.given_key = c.father_key
        LEFT JOIN (SELECT skey, father_key, count(*) AS n FROM members
                   WHERE maybe_man AND given_key = father_key GROUP BY ALL) cand_sib
               ON cand_sib.skey = c.skey AND cand_sib.father_key = c.father_key
        WHERE c.father_key IS NOT NULL""")
    # Prior cells (hierarchical): block-size bucket x whether the child's patronymic is shared in the block
    # (a sibship of two or more) x whether the block holds a woman who could be the mother (not the
    # child's sister or daughter). Signs of a family recorded together, which the data may or may not show:
    # EM decides how much each is worth.
    con.execute(f"""CREATE OR REPLACE TEMP TABLE child_blocks AS
                    WITH women AS (SELECT skey, father_key, count(*) AS n FROM members WHERE gender = 'f' GROUP BY ALL),
                    women_all AS (SELECT skey, sum(n) AS n FROM women GROUP BY skey)
                    SELECT cb.*, greatest(cb.m, cb.k, 1) * cb.p_name AS lam,
                           {_bucket('greatest(cb.m, cb.k, 1)')} * 4
                           + CASE WHEN coalesce(bf.n, 0) >= 2 THEN 1 ELSE 0 END
                           + CASE WHEN coalesce(wa.n, 0) - coalesce(ws.n, 0) - coalesce(wd.n, 0)
                                       - CASE WHEN c.gender = 'f' THEN 0 ELSE 0 END > 0 THEN 2 ELSE 0 END AS bucket
                    FROM child_blocks cb JOIN persons c ON c.pid = cb.child
                    LEFT JOIN block_fkey bf ON bf.skey = cb.skey AND bf.father_key = cb.father_key
                    LEFT JOIN women_all wa ON wa.skey = cb.skey
                    LEFT JOIN women ws ON ws.skey = cb.skey AND ws.father_key = cb.father_key
                    LEFT JOIN women wd ON wd.skey = cb.skey AND wd.father_key = c.given_key
                         AND c.given_key IS DISTINCT FROM cb.father_key""")
    # Hierarchical prior: P(the father is among the block's men | cell), EM on (k, lambda), per child its
    # most telling block; each cell shrunk toward its size bucket, each bucket toward the pooled rate.
    data = con.execute("""SELECT arg_max(k, k / lam) AS k, arg_max(lam, k / lam) AS lam,
                                 arg_max(bucket, k / lam) AS bucket
                          FROM child_blocks WHERE m > 0 OR k > 0 GROUP BY child""").fetchnumpy()
    k_arr, lam_arr, c_arr = (np.asarray(data[c], dtype=float) for c in ("k", "lam", "bucket"))
    b_arr = np.floor(c_arr / 4)
    target = POPULATION_EXPECTED["father"] * share if share else None
    pooled_f = calibrate.estimate_rate(k_arr, lam_arr, len(k_arr), True, prior_mean=target)
    by_size = {int(b): calibrate.estimate_rate(k_arr[b_arr == b], lam_arr[b_arr == b], int((b_arr == b).sum()),
                                               True, prior_mean=pooled_f, prior_weight=calibrate.BUCKET_WEIGHT)
               for b in np.unique(b_arr)}
    prior_f = {int(c): calibrate.estimate_rate(k_arr[c_arr == c], lam_arr[c_arr == c], int((c_arr == c).sum()),
                                               True, prior_mean=by_size[int(c) // 4],
                                               prior_weight=calibrate.BUCKET_WEIGHT)
               for c in np.unique(c_arr)}
    _prior_table(con, "prior_father", prior_f, pooled_f, cells=13 * 4,
                 fallback=lambda c: by_size.get(c // 4, pooled_f))
    stats.priors["father"] = round(pooled_f, 4)
    stats.priors.update({f"father[{2 ** (c // 4)}+ men{', sibs' if c & 1 else ''}{', woman' if c & 2 else ''}]":
                         round(v, 3) for c, v in sorted(prior_f.items())})

    # Spouse prior (needed as the husband alternative of a daughter-pattern woman): estimated below,
    # but the rate itself comes first.
    _spouse_chance(con, n_women)
    data = con.execute("""SELECT arg_max(k, k / lam) AS k, arg_max(lam, k / lam) AS lam,
                                 arg_max(cell, k / lam) AS cell FROM man_blocks GROUP BY h_pid""").fetchnumpy()
    n_known_men = max(1, _one(con, "SELECT count(*) FROM persons WHERE gender = 'm'"))
    n_cell = dict(con.execute("SELECT cell, count(*) FROM man_cells GROUP BY cell").fetchall())
    target = POPULATION_EXPECTED["spouse"] * share if share else None
    kw, lw, cw = (np.asarray(data[c], dtype=float) for c in ("k", "lam", "cell"))
    prior_w = calibrate.estimate_rate(kw, lw, n_known_men, True, prior_mean=target)
    # Hierarchical as for fathers: cells = lines in the block (log2 bucket) x whether the man has children
    # in the block (persons whose patronymic is his name) — a family recorded together.
    prior_w_cell = {int(c): calibrate.estimate_rate(kw[cw == c], lw[cw == c], max(int(n_cell.get(int(c), 0)), 1),
                                                    True, prior_mean=prior_w, prior_weight=calibrate.BUCKET_WEIGHT)
                    for c in np.unique(cw)}
    _prior_table(con, "prior_spouse", prior_w_cell, prior_w, cells=26)
    stats.priors["spouse"] = round(prior_w, 4)
    stats.priors.update({f"spouse[{2 ** (c // 2)}+ lines{', children' if c & 1 else ''}]": round(v, 3)
                         for c, v in sorted(prior_w_cell.items())})

    org_same, org_diff = 1.0, 1.0
    if org_u > 0:
        # Organisation m: share of same-organisation pairs among confident name-only father ties.
        same, total = con.execute(f"""
            SELECT count(*) FILTER (WHERE c.org = f.org), count(*)
            FROM child_blocks cb JOIN prior_father pf ON pf.bucket = cb.bucket
            JOIN persons c ON c.pid = cb.child
            JOIN members fm ON fm.skey = cb.skey AND fm.given_key = cb.father_key AND fm.maybe_man AND fm.pid <> cb.child
            JOIN persons f ON f.pid = fm.pid
            WHERE c.org IS NOT NULL AND f.org IS NOT NULL AND cb.k = 1
              AND pf.prior / cb.lam / (1 - pf.prior + pf.prior / cb.lam) >= 0.9""").fetchone()
        org_m = max((same + 1.0) / (total + 1.0 / org_u), org_u) if total else org_u
        org_same, org_diff = org_m / org_u, (1 - org_m) / (1 - org_u) if org_u < 1 else 1.0
    stats.priors["org_same_lr"] = round(org_same, 3)
    org_w = (f"(CASE WHEN a.org IS NULL OR b.org IS NULL THEN 1.0 WHEN a.org = b.org THEN {org_same} "
             f"ELSE {org_diff} END)")

    # Candidate pairs only where a tie could reach the threshold: the best weight a candidate can bring.
    odds_min = max(min_score / (1 - min_score) if min_score < 1 else 1e9, 1e-6)
    w_max = 50.0 * max(org_same, 1.0)
    con.execute(f"""
        CREATE OR REPLACE TEMP TABLE father_pairs AS
        SELECT cb.child, fm.pid AS parent, cb.skey, cb.lam, cb.m, pf.prior, 'surname' AS via
        FROM child_blocks cb JOIN prior_father pf ON pf.bucket = cb.bucket
        JOIN members fm ON fm.skey = cb.skey AND fm.given_key = cb.father_key AND fm.maybe_man
        WHERE fm.pid <> cb.child AND cb.k > 0
          AND pf.prior * {w_max} / cb.lam / greatest(1 - pf.prior, 1e-6) >= {odds_min * 0.25}""")
    # Surname built from the father's given name ("Rustam Emomali", son of Emomali Rahmon) or the grandfather's
    # (= the father's patronymic): all men of the registry are the block, the pooled prior applies.
    con.execute(f"""
        INSERT INTO father_pairs
        SELECT c.pid, p.pid, c.surname_key, {n_men} * greatest(g.n - 1, 0.5) / {n_men}, {n_men}, {pooled_f}, 'derived'
        FROM persons c JOIN tf_given_m g ON g.key = c.father_key
        JOIN persons p ON p.given_key = c.father_key AND coalesce(p.gender, 'm') = 'm'
        WHERE c.surname_key = c.father_key AND p.pid <> c.pid AND p.surname_key <> c.surname_key
          AND g.n <= 1 + {pooled_f * w_max / max(1e-6, 1 - pooled_f) / (odds_min * 0.25)}""")
    con.execute(f"""
        INSERT INTO father_pairs
        SELECT c.pid, p.pid, c.surname_key,
               {n_men} * greatest(g.n - 1, 0.5) / {n_men} * greatest(f.n - 1, 0.5) / {n_pat}, {n_men}, {pooled_f}, 'grandfather'
        FROM persons c JOIN tf_given_m g ON g.key = c.father_key JOIN tf_father f ON f.key = c.surname_key
        JOIN persons p ON p.given_key = c.father_key AND p.father_key = c.surname_key
        WHERE coalesce(p.gender, 'm') = 'm' AND p.pid <> c.pid AND c.surname_key <> c.father_key
          AND p.surname_key <> c.surname_key""")
    con.execute(f"""
        CREATE OR REPLACE TEMP TABLE father_scored AS
        WITH w AS (
            SELECT fp.*, {_age_w('af', 'a', 'b')} * {org_w} AS w,
                   -- her husband is named like her father only by chance (the name's frequency, as for any
                   -- namesake), so only his age fit and the spouse prior tell him from a namesake
                   -- (her husband is among the men only when her father is not: prior + ph <= 1)
                   CASE WHEN a.gender = 'f' THEN {prior_w} * (1 - fp.prior) ELSE 0 END AS ph,
                   CASE WHEN a.gender = 'f' THEN {prior_w} * (1 - fp.prior) * {_age_w('asp', 'a', 'b')} / greatest(fp.m, 1)
                        ELSE 0 END AS alt,
                   (a.given_key = b.given_key AND a.father_key IS NOT DISTINCT FROM b.father_key) AS same_name,
                   a.birth_year IS NOT NULL AND b.birth_year IS NOT NULL AS aged,
                   concat_ws('|', b.given_key, b.father_key, b.surname_key, b.birth_year) AS cand_key,
                   b.given_key AS cand_given, b.father_key IS NULL AS cand_no_father
            FROM father_pairs fp JOIN persons a ON a.pid = fp.child JOIN persons b ON b.pid = fp.parent
            {_age_join('father', 'af', 'a', 'b')}
            {_age_join('spouse', 'asp', 'a', 'b')}),
        d AS (
            SELECT *,
                   -- records with the same full-name key are most likely one person entered twice
                   -- (Кожем'якін / Кожем’якін): count them once among the candidates
                   row_number() OVER (PARTITION BY child, via, skey, cand_key ORDER BY w DESC) = 1
                   -- and a namesake written without patronymic beside one written with it is the same man
                   AND NOT (cand_no_father AND count(*) FILTER (WHERE NOT cand_no_father)
                                               OVER (PARTITION BY child, via, skey, cand_given) > 0) AS first
            -- same given name and patronymic and no birth years: one person twice, not father and son
            FROM w WHERE w > 0 AND (NOT same_name OR aged))
        SELECT d.*,
               sum(CASE WHEN first THEN w ELSE 0 END) OVER part AS w_sum,
               sum(CASE WHEN first THEN alt ELSE 0 END) OVER part AS alt_sum,
               sum(CASE WHEN first THEN 1 ELSE 0 END) OVER part AS k
        FROM d WINDOW part AS (PARTITION BY child, via, skey)""")
    con.execute(f"""
        CREATE OR REPLACE TEMP TABLE father_prob AS
        WITH z AS (
            -- P(candidate j is the father) = prior w_j / lam / Z, with Z summing: no father and no husband among
            -- the m men, the father among the candidates, her husband among them or among the other m - k men
            SELECT *, 1 - prior - ph + prior * w_sum / lam + alt_sum + ph * greatest(m - k, 0) / greatest(m, 1) AS z
            FROM father_scored),
        p AS (SELECT child, parent, via, skey, lam, w, first, (prior * w / lam) / z AS p, alt / z AS p_husband FROM z),
        best AS (SELECT child, parent, arg_max(via, p) AS via, arg_max(skey, p) AS skey, arg_max(lam, p) AS lam,
                        max(p) AS p, arg_max(p_husband, p) AS p_husband, max(w) AS w, bool_or(first) AS first
                 FROM p GROUP BY child, parent),
        -- either direction possible (father and son both Олександр Олександрович): split by the age evidence
        directed AS (SELECT b.*, b.p * b.w / (b.w + coalesce(r.w, 0)) AS p_dir, r.child IS NOT NULL AS both_ways
                     FROM best b LEFT JOIN best r ON r.child = b.parent AND r.parent = b.child)
        -- one father per child (records of one man, written twice, are one candidate)
        SELECT *, least(1.0, p_dir / greatest(1.0, sum(CASE WHEN first THEN p_dir ELSE 0 END) OVER (PARTITION BY child))) AS score
        FROM directed""")
    lap("fathers")

    # -- siblings -----------------------------------------------------------------------------------
    say("siblings")
    # Pair prior per block-size bucket: EM over aggregate counts. In a block of size s there are s(s-1)/2
    # pairs; those sharing a patronymic X match by chance at q(X) (X's frequency outside the block).
    buckets = con.execute(f"""
        WITH blocks AS (SELECT skey, count(*) AS s FROM members WHERE father_key IS NOT NULL GROUP BY skey),
        matched AS (
            SELECT bf.skey, bf.n * (bf.n - 1) / 2.0 AS pairs,
                   greatest(tf.n - bf.n, 0.5) / {n_pat} AS q
            FROM block_fkey bf JOIN tf_father tf ON tf.key = bf.father_key WHERE bf.n > 1)
        SELECT {_bucket('b.s')} AS bucket, sum(b.s * (b.s - 1) / 2.0) AS all_pairs,
               list(m.pairs) AS m_pairs, list(m.q) AS m_q
        FROM blocks b LEFT JOIN matched m USING (skey) WHERE b.s > 1 GROUP BY 1""").fetchall()
    sib_prior: dict[int, float] = {}
    all_p = sum(r[1] for r in buckets)
    pairs_all = np.concatenate([np.array([x for x in r[2] if x is not None] or [0.0]) for r in buckets]) if buckets else np.zeros(1)
    q_all = np.concatenate([np.array([x for x in r[3] if x is not None] or [1.0]) for r in buckets]) if buckets else np.ones(1)
    pooled_s = calibrate.estimate_pair_rate(pairs_all, q_all, all_p)
    for bucket, total, m_pairs, m_q in buckets:
        mp = np.array([x for x in m_pairs if x is not None] or [0.0])
        mq = np.array([x for x in m_q if x is not None] or [1.0])
        sib_prior[int(bucket)] = calibrate.estimate_pair_rate(mp, mq, total, prior_mean=pooled_s)
    _prior_table(con, "prior_sibling", sib_prior, pooled_s)
    stats.priors["sibling_pair"] = round(pooled_s, 5)
    con.execute(f"""
        CREATE OR REPLACE TEMP TABLE sibling_prob AS
        WITH blocks AS (SELECT skey, count(*) AS s FROM members WHERE father_key IS NOT NULL GROUP BY skey),
        pairs AS (
            SELECT a.pid AS a_pid, b.pid AS b_pid, a.skey, ps.prior,
                   greatest(tf.n - bf.n, 0.5) / {n_pat} AS q
            FROM members a JOIN members b ON b.skey = a.skey AND b.father_key = a.father_key AND b.pid > a.pid
            JOIN blocks bl ON bl.skey = a.skey JOIN prior_sibling ps ON ps.bucket = {_bucket('bl.s')}
            JOIN block_fkey bf ON bf.skey = a.skey AND bf.father_key = a.father_key
            JOIN tf_father tf ON tf.key = a.father_key
            WHERE a.father_key IS NOT NULL AND a.given_key IS DISTINCT FROM b.given_key),
        w AS (
            SELECT pairs.*, {_age_w('ag', 'a', 'b')} * {org_w} AS w,
                   -- a man and a woman sharing a patronymic may be spouses whose fathers share a name
                   CASE WHEN a.gender IS NOT NULL AND b.gender IS NOT NULL AND a.gender <> b.gender
                        THEN {prior_w} ELSE 0 END AS alt
            FROM pairs JOIN persons a ON a.pid = a_pid JOIN persons b ON b.pid = b_pid
            {_age_join('sibling', 'ag', 'a', 'b')})
        SELECT a_pid, b_pid, arg_max(skey, prior * w / q) AS skey, min(q) AS q,
               max((prior * w / q) / (prior * w / q + 1 - prior + alt)) AS score
        FROM w WHERE w > 0 GROUP BY a_pid, b_pid""")
    lap("siblings")

    # -- spouses and mothers ------------------------------------------------------------------------
    say("spouses and mothers")
    con.execute(f"""
        CREATE OR REPLACE TEMP TABLE spouse_prob AS
        WITH pairs AS (
            SELECT mb.h_pid, wm.pid AS w_pid, mb.skey, mb.lam, mb.prior
            FROM (SELECT mb.*, ps.prior FROM man_blocks mb JOIN prior_spouse ps ON ps.bucket = mb.cell
                  -- expand only blocks where a wife could reach the threshold (mothers need P_father * P_wife)
                  WHERE ps.prior * {w_max} / mb.lam / greatest(1 - ps.prior, 1e-6) >= {odds_min * 0.25}) mb
            JOIN members wm ON wm.skey = mb.skey AND wm.gender = 'f'
            WHERE wm.father_key IS NULL OR (wm.father_key IS DISTINCT FROM mb.father_key     -- not his sister
                                            AND wm.father_key IS DISTINCT FROM mb.given_key)), -- not his daughter
        w AS (
            SELECT pairs.*, {_age_w('asp', 'b', 'a')} * {org_w} AS w
            FROM pairs JOIN persons a ON a.pid = h_pid JOIN persons b ON b.pid = w_pid
            {_age_join('spouse', 'asp', 'b', 'a')}),
        scored AS (
            SELECT *, (prior * w / lam)
                      / (1 - prior + prior * sum(w) OVER (PARTITION BY h_pid, skey) / lam) AS p
            FROM w WHERE w > 0),
        best AS (SELECT h_pid, w_pid, arg_max(skey, p) AS skey, max(p) AS p FROM scored GROUP BY ALL
                 UNION ALL   -- a wife whose patronymic is her husband's name (the daughter pattern's alternative)
                 SELECT parent, child, skey, p_husband FROM father_prob WHERE p_husband > 0),
        merged AS (SELECT h_pid, w_pid, arg_max(skey, p) AS skey, max(p) AS p FROM best GROUP BY ALL)
        -- one wife per man, one husband per woman
        SELECT *, p / greatest(1.0, sum(p) OVER (PARTITION BY h_pid), sum(p) OVER (PARTITION BY w_pid)) AS score
        FROM merged WHERE p > 0""")
    con.execute(f"""
        CREATE OR REPLACE TEMP TABLE mother_prob AS
        SELECT f.child, s.w_pid AS mother, f.parent AS father, f.score AS p_father, s.score AS p_wife,
               f.score * s.score * (CASE WHEN {_age_w('am', 'c', 'm')} > 0 THEN 1.0 ELSE 0.0 END) AS score
        FROM father_prob f JOIN spouse_prob s ON s.h_pid = f.parent
        JOIN persons c ON c.pid = f.child JOIN persons m ON m.pid = s.w_pid
        {_age_join('mother', 'am', 'c', 'm')}
        WHERE s.w_pid <> f.child AND f.score * s.score >= {min_score}""")
    lap("spouses")
    _write_ties(con, n, min_score)
    stats.ties = dict(con.execute(
        "SELECT relationship, count(*) FROM ties WHERE kind IN ('parent', 'sibling', 'spouse') GROUP BY 1 ORDER BY 2 DESC"
    ).fetchall())
    lap("ties")
    return stats


def _prior_table(con: duckdb.DuckDBPyConnection, name: str, priors: dict[int, float], pooled: float,
                 cells: int = 13, fallback: Callable[[int], float] | None = None) -> None:
    rows = {b: priors.get(b, fallback(b) if fallback else pooled) for b in range(0, cells)}
    table = pa.table({"bucket": pa.array(list(rows), pa.int32()), "prior": pa.array(list(rows.values()), pa.float64())})
    con.register("_prior", table)
    con.execute(f"CREATE OR REPLACE TEMP TABLE {name} AS SELECT * FROM _prior")
    con.unregister("_prior")


def _spouse_chance(con: duckdb.DuckDBPyConnection, n_women: int) -> None:
    """Table ``man_blocks``: per man and block, eligible women k and the chance rate lam.

    The chance that an unrelated woman carries the surname is the share of *male lines* (sibships:
    men by patronymic; a man without one is his own line) that carry it, not counting the man's own line,
    his sons' and his father's; a surname seen in no other line gets the Good–Turing pseudo-count
    2*N2/N1 (N_r = surnames carried by r lines), the expected count of a surname seen once.
    """
    con.execute("""
        CREATE OR REPLACE TEMP TABLE lines AS
        SELECT skey, count(DISTINCT coalesce(father_key, 'self:' || pid)) AS r FROM members WHERE maybe_man GROUP BY skey""")
    total_lines, n1, n2 = con.execute(
        "SELECT sum(r), count(*) FILTER (WHERE r = 1), count(*) FILTER (WHERE r = 2) FROM lines").fetchone()
    total_lines = max(1, total_lines or 1)
    c0 = min(1.0, max(0.05, 2.0 * (n2 or 0) / n1)) if n1 else 1.0
    con.execute(f"""
        CREATE OR REPLACE TEMP TABLE man_blocks AS
        WITH women AS (SELECT skey, father_key, count(*) AS n FROM members WHERE gender = 'f' GROUP BY ALL),
        women_all AS (SELECT skey, sum(n) AS n FROM women GROUP BY skey)
        SELECT h.pid AS h_pid, h.skey, h.given_key, h.father_key,
               wa.n - coalesce(ws.n, 0) - coalesce(wd.n, 0) AS k,
               {n_women} * (greatest(l.r - 1
                    - CASE WHEN sons.n > 0 THEN 1 ELSE 0 END
                    - CASE WHEN fa.n > 0 THEN 1 ELSE 0 END, 0) + {c0}) / {total_lines} AS lam
        FROM members h JOIN lines l ON l.skey = h.skey
        JOIN women_all wa ON wa.skey = h.skey
        LEFT JOIN women ws ON ws.skey = h.skey AND ws.father_key = h.father_key
        LEFT JOIN women wd ON wd.skey = h.skey AND wd.father_key = h.given_key
            AND h.given_key IS DISTINCT FROM h.father_key
        LEFT JOIN block_sib_men sons ON sons.skey = h.skey AND sons.father_key = h.given_key
            AND h.given_key IS DISTINCT FROM h.father_key
        LEFT JOIN block_given_men fa ON fa.skey = h.skey AND fa.given_key = h.father_key
        WHERE h.gender = 'm' AND h.is_main""")
    con.execute(f"""
        CREATE OR REPLACE TEMP TABLE man_cells AS
        SELECT mb.h_pid, mb.skey, {_bucket('l.r')} * 2 + CASE WHEN coalesce(kids.n, 0) > 0 THEN 1 ELSE 0 END AS cell
        FROM (SELECT h.pid AS h_pid, h.skey, h.given_key, h.father_key FROM members h
              WHERE h.gender = 'm' AND h.is_main) mb
        JOIN lines l ON l.skey = mb.skey
        LEFT JOIN block_fkey kids ON kids.skey = mb.skey AND kids.father_key = mb.given_key
             AND mb.given_key IS DISTINCT FROM mb.father_key""")
    con.execute("""CREATE OR REPLACE TEMP TABLE man_blocks AS
                   SELECT mb.*, mc.cell FROM man_blocks mb JOIN man_cells mc USING (h_pid, skey) WHERE mb.k > 0""")


def _write_ties(con: duckdb.DuckDBPyConnection, n: int, min_score: float) -> None:
    one_in = f"format('{{:,}}', CAST(round({n} / greatest(1, t.n)) AS BIGINT))"
    child_word = "(CASE c.gender WHEN 'm' THEN 'son' WHEN 'f' THEN 'daughter' ELSE 'child' END)"
    years = ("(CASE WHEN {x}.birth_year IS NOT NULL AND {y}.birth_year IS NOT NULL "
             "THEN format('; {{}} years older', {y}.birth_year - {x}.birth_year) ELSE '' END)")
    con.execute(f"""
        CREATE OR REPLACE TEMP TABLE ties AS
        WITH fathers AS (
            SELECT f.child, f.parent, f.score, 'father' AS rel, {child_word} AS back,
                   CASE f.via
                     WHEN 'surname' THEN format('patronymic {{}} names a father {{}}; same surname root {{}} (1 in {{}} persons)',
                                                c.patronymic, coalesce(c.father_given, p.given), p.surname, {one_in})
                     WHEN 'derived' THEN format('patronymic {{}} names a father {{}}, and the surname {{}} is built from his name',
                                                c.patronymic, coalesce(c.father_given, p.given), c.surname)
                     ELSE format('patronymic {{}} names a father {{}}, and the surname {{}} is built from his patronymic {{}}',
                                 c.patronymic, coalesce(c.father_given, p.given), c.surname, p.patronymic)
                   END
                   || {years.format(x='c', y='p')}
                   || CASE WHEN f.both_ways THEN '; the names fit either direction' ELSE '' END AS reasons
            FROM father_prob f JOIN persons c ON c.pid = f.child JOIN persons p ON p.pid = f.parent
            LEFT JOIN tf_surname t ON t.skey = f.skey
            WHERE f.score >= {min_score}),
        mothers AS (
            SELECT mp.child, mp.mother AS parent, mp.score, 'mother' AS rel, {child_word} AS back,
                   format('wife ({{:.2f}}) of {{}}, whom the patronymic {{}} names as father ({{}})',
                          mp.p_wife, h.name, c.patronymic, round(mp.p_father, 2)) || {years.format(x='c', y='m')} AS reasons
            FROM mother_prob mp JOIN persons c ON c.pid = mp.child JOIN persons m ON m.pid = mp.mother
            JOIN persons h ON h.pid = mp.father
            WHERE mp.score >= {min_score}),
        siblings AS (
            SELECT s.a_pid, s.b_pid, s.score, a.gender AS ga, b.gender AS gb,
                   format('same patronymic {{}} and surname root {{}} (1 in {{}} persons)', a.patronymic, a.surname,
                          {one_in}) AS reasons
            FROM sibling_prob s JOIN persons a ON a.pid = s.a_pid JOIN persons b ON b.pid = s.b_pid
            LEFT JOIN tf_surname t ON t.skey = s.skey
            WHERE s.score >= {min_score}),
        spouses AS (
            SELECT s.h_pid, s.w_pid, s.score,
                   format('same surname root {{}} (1 in {{}} persons), man and woman with different fathers',
                          h.surname, {one_in}) || {years.format(x='w', y='h')} AS reasons
            FROM spouse_prob s JOIN persons h ON h.pid = s.h_pid JOIN persons w ON w.pid = s.w_pid
            LEFT JOIN tf_surname t ON t.skey = s.skey
            WHERE s.score >= {min_score})
        SELECT child AS person, parent AS relative, rel AS relationship, score, reasons, 'parent' AS kind FROM fathers
        UNION ALL SELECT parent, child, back, score, reasons, 'child' FROM fathers
        UNION ALL SELECT child, parent, rel, score, reasons, 'parent' FROM mothers
        UNION ALL SELECT parent, child, back, score, reasons, 'child' FROM mothers
        UNION ALL SELECT a_pid, b_pid, CASE gb WHEN 'm' THEN 'brother' WHEN 'f' THEN 'sister' ELSE 'sibling' END,
                         score, reasons, 'sibling' FROM siblings
        UNION ALL SELECT b_pid, a_pid, CASE ga WHEN 'm' THEN 'brother' WHEN 'f' THEN 'sister' ELSE 'sibling' END,
                         score, reasons, 'sibling' FROM siblings
        UNION ALL SELECT h_pid, w_pid, 'wife', score, reasons, 'spouse' FROM spouses
        UNION ALL SELECT w_pid, h_pid, 'husband', score, reasons, 'spouse' FROM spouses""")
