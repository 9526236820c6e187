"""Kin inference from names: the SQL pipeline (DuckDB), from name keys to calibrated ties.

Stages (each a set-oriented statement over whole tables; see ``calibrate.py`` for the probability model):

1. term frequencies of given names, surname roots and fathers' names; birth-year gap and organisation
   chance rates;
2. blocking cells — father: the child's father key == a man's given key, same surname root (or the
   child's surname built from the father's name, or from the grandfather's = the father's patronymic);
   siblings: same father key and surname root; spouses: man and woman with the same surname root;
3. EM estimates of how often a person's relative is in the registry (the prior), from cell fill;
4. candidate pairs only in cells where a tie could reach the minimum score (cells of Akhmetov + Nurlan
   in a national registry are never expanded);
5. scores: prior x likelihood ratios (age, organisation) against namesake rates, normalised per child
   (one father), per direction (Олександр Олександрович: either could be the father without birth
   years), and per person for spouses;
6. mothers by composition: the wife of a child's inferred father is the child's mother.
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field
from typing import Callable

import duckdb
import numpy as np
import pyarrow as pa

from . import calibrate
from .calibrate import P0_GIVEN, P0_SURNAME, SMOOTHING_PERSONS, SPOUSE_SHARE

METHOD = "kin:names-v1"
# With --population N, the prior is n/N times the expected number of such relatives a person has
# (alive, sharing the surname): one father; about one same-surname sibling; about 1.5 same-surname
# women relatives (wife, mother). Demographic round numbers, documented as assumptions.
POPULATION_EXPECTED = {"father": 0.9, "sibling": 1.0, "female_kin": 1.5}


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
    if len(years) >= 1:
        chance = calibrate.gap_chance(np.array([y for y, _ in years]), np.array([c for _, c in years], dtype=float))
        for kind in ("father", "mother", "sibling", "spouse"):
            rows += [(kind, gap, lr) for gap, lr in calibrate.age_lr_table(kind, chance)]
    table = pa.table({"kind": pa.array([r[0] for r in rows], pa.string()),
                      "gap": pa.array([r[1] for r in rows], pa.int32()),
                      "lr": pa.array([r[2] for r in rows], pa.float64())})
    con.register("_age_lr", table)
    con.execute("CREATE OR REPLACE TEMP TABLE age_lr AS SELECT * FROM _age_lr")
    con.unregister("_age_lr")


def _age(kind: str, a: str, b: str) -> str:
    """SQL for the age likelihood ratio of a pair (1 when a year is missing, 0 when the gap is impossible)."""
    return (f"(CASE WHEN {a}.birth_year IS NULL OR {b}.birth_year IS NULL THEN 1.0 "
            f"ELSE coalesce((SELECT lr FROM age_lr WHERE kind = '{kind}' AND gap = {a}.birth_year - {b}.birth_year), 0.0) END)")


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
    n_male = _one(con, "SELECT count(*) FROM persons WHERE coalesce(gender, 'm') = 'm'")
    n_female = max(1, _one(con, "SELECT count(*) FROM persons WHERE gender = 'f'"))
    odds_min = min_score / (1 - min_score) if min_score < 1 else 1e9
    A = SMOOTHING_PERSONS

    def p_surname(count: str) -> str:   # count includes the subject: leave it out
        return f"(({count}) - 1 + {A * P0_SURNAME}) / ({n} + {A})"

    def p_given(count: str) -> str:   # a man's given name (the candidate is counted: he is the draw)
        return f"(({count}) + {A * P0_GIVEN}) / ({n_male} + {A})"

    def p_father(count: str) -> str:  # a father's name in a patronymic, leaving the subject out
        return f"(({count}) - 1 + {A * P0_GIVEN}) / ({n} + {A})"

    say("term frequencies")
    _age_tables(con)
    max_age_lr = {k: v for k, v in con.execute("SELECT kind, max(lr) FROM age_lr GROUP BY 1").fetchall()}
    # Organisation: u = chance two random persons share one; m = share among confident name ties (below).
    org_u = _one(con, """SELECT coalesce(sum(c * c) / (sum(c) * sum(c)), 0) FROM
                         (SELECT count(*)::DOUBLE AS c FROM persons WHERE org IS NOT NULL GROUP BY org)""") or 0.0
    con.execute(f"""
        CREATE OR REPLACE TEMP TABLE tf_surname AS SELECT skey, count(DISTINCT pid) AS n FROM surnames GROUP BY skey;
        CREATE OR REPLACE TEMP TABLE tf_given_m AS
            SELECT given_key AS key, count(*) AS n FROM persons WHERE coalesce(gender, 'm') = 'm' GROUP BY 1;
        CREATE OR REPLACE TEMP TABLE tf_father AS
            SELECT father_key AS key, count(*) AS n FROM persons WHERE father_key IS NOT NULL GROUP BY 1;
        CREATE OR REPLACE TEMP TABLE men_gs AS   -- possible fathers: men (or gender unknown) by given key x surname key
            SELECT p.pid, p.given_key, s.skey FROM persons p JOIN surnames s USING (pid)
            WHERE coalesce(p.gender, 'm') = 'm';
        CREATE OR REPLACE TEMP TABLE cell_gs AS SELECT given_key, skey, count(*) AS n FROM men_gs GROUP BY ALL;
        CREATE OR REPLACE TEMP TABLE cell_fs AS
            SELECT p.father_key, s.skey, count(*) AS n FROM persons p JOIN surnames s USING (pid)
            WHERE p.father_key IS NOT NULL GROUP BY ALL;
        CREATE OR REPLACE TEMP TABLE cell_men AS
            SELECT s.skey, count(*) AS n FROM persons p JOIN surnames s USING (pid) WHERE p.gender = 'm' GROUP BY 1;
        CREATE OR REPLACE TEMP TABLE cell_women AS
            SELECT s.skey, count(*) AS n FROM persons p JOIN surnames s USING (pid) WHERE p.gender = 'f' GROUP BY 1;
    """)
    lap("frequencies")

    # -- priors (EM over cell fill) ------------------------------------------------------------------
    say("estimating priors")
    con.execute(f"""
        CREATE OR REPLACE TEMP TABLE father_cells AS
        SELECT c.pid, s.skey, s.is_main, c.father_key,
               {n_male} * {p_given('g.n')} * {p_surname('t.n')} AS lam,
               coalesce(cell.n, 0) - CASE WHEN c.given_key = c.father_key AND coalesce(c.gender, 'm') = 'm'
                                          THEN 1 ELSE 0 END AS k
        FROM persons c JOIN surnames s USING (pid)
        JOIN tf_given_m g ON g.key = c.father_key
        JOIN tf_surname t ON t.skey = s.skey
        LEFT JOIN cell_gs cell ON cell.given_key = c.father_key AND cell.skey = s.skey""")
    n_children = _one(con, "SELECT count(*) FROM persons WHERE father_key IS NOT NULL")
    con.execute(f"""
        CREATE OR REPLACE TEMP TABLE sib_cells AS
        SELECT c.pid, s.skey, s.is_main, c.father_key,
               {n} * {p_father('f.n')} * {p_surname('t.n')} AS lam, cell.n - 1 AS k
        FROM persons c JOIN surnames s USING (pid)
        JOIN tf_father f ON f.key = c.father_key JOIN tf_surname t ON t.skey = s.skey
        JOIN cell_fs cell ON cell.father_key = c.father_key AND cell.skey = s.skey""")
    n_men_known = _one(con, "SELECT count(*) FROM persons WHERE gender = 'm'")
    con.execute(f"""
        CREATE OR REPLACE TEMP TABLE wife_cells AS
        SELECT h.pid, s.skey, {n_female} * ((t.n - 1 + {A * P0_SURNAME}) / ({n_men_known} + {A})) AS lam,
               coalesce(w.n, 0) AS k
        FROM persons h JOIN surnames s USING (pid) JOIN cell_men t ON t.skey = s.skey
        LEFT JOIN cell_women w ON w.skey = s.skey
        WHERE h.gender = 'm' AND s.is_main""")
    n_men_known = _one(con, "SELECT count(*) FROM persons WHERE gender = 'm'")

    def em(table: str, total: int, at_most_one: bool) -> float:
        # Per person the most telling cell (a maiden name can be the one that matches).
        data = con.execute(f"""SELECT arg_max(k, k / lam) AS k, arg_max(lam, k / lam) AS lam
                               FROM {table} WHERE k > 0 GROUP BY pid""").fetchnumpy()
        return calibrate.estimate_rate(np.asarray(data["k"]), np.asarray(data["lam"]), total, at_most_one)

    if population:
        share = min(1.0, n / population)
        prior_f = min(0.999, POPULATION_EXPECTED["father"] * share)
        prior_s = POPULATION_EXPECTED["sibling"] * share
        prior_w = POPULATION_EXPECTED["female_kin"] * share
    else:
        prior_f = em("father_cells", n_children, True)
        prior_s = em("sib_cells", n_children, False)
        prior_w = em("wife_cells", n_men_known, False)
    prior_wife = prior_w * SPOUSE_SHARE  # a woman's same-surname husband is in the registry at about this rate
    stats.priors = {"father": prior_f, "sibling": prior_s, "female_kin": prior_w}
    lap("priors")

    # -- fathers ------------------------------------------------------------------------------------
    say("fathers")
    w_max_f = max(1.0, max_age_lr.get("father", 1.0) or 1.0) * (1.0 / max(org_u, 1e-3) if org_u else 1.0)
    # A cell can only yield P >= min_score if prior * w_max / lam / (1 - prior) >= odds_min.
    lam_max_f = prior_f * w_max_f / max(1e-9, (1 - prior_f) * odds_min)
    con.execute(f"""
        CREATE OR REPLACE TEMP TABLE father_pairs AS
        SELECT fc.pid AS child, m.pid AS parent, fc.skey, fc.lam, 'surname' AS via
        FROM father_cells fc JOIN men_gs m ON m.given_key = fc.father_key AND m.skey = fc.skey
        WHERE m.pid <> fc.pid AND fc.lam <= {lam_max_f}
        UNION ALL   -- surname built from the father's given name ("Rustam Emomali", son of Emomali): any surname
        SELECT c.pid, p.pid, c.surname_key, {n_male} * {p_given('g.n')}, 'derived'
        FROM persons c JOIN tf_given_m g ON g.key = c.father_key
        JOIN persons p ON p.given_key = c.father_key AND coalesce(p.gender, 'm') = 'm'
        WHERE c.surname_key = c.father_key AND p.pid <> c.pid AND {n_male} * {p_given('g.n')} <= {lam_max_f}
          AND p.surname_key <> c.surname_key
        UNION ALL   -- surname built from the grandfather's given name = the father's patronymic
        SELECT c.pid, p.pid, c.surname_key, {n_male} * {p_given('g.n')} * {p_father('f.n')}, 'grandfather'
        FROM persons c JOIN tf_given_m g ON g.key = c.father_key JOIN tf_father f ON f.key = c.surname_key
        JOIN persons p ON p.given_key = c.father_key AND p.father_key = c.surname_key
        WHERE coalesce(p.gender, 'm') = 'm' AND p.pid <> c.pid AND c.surname_key <> c.father_key
          AND p.surname_key <> c.surname_key AND {n_male} * {p_given('g.n')} * {p_father('f.n')} <= {lam_max_f}""")
    # Organisation m: share of confident name-only father ties (P >= 0.9 without org) in the same organisation.
    org_m = None
    if org_u > 0:
        row = con.execute(f"""
            SELECT count(*) FILTER (WHERE c.org = p.org), count(*)
            FROM father_pairs fp JOIN persons c ON c.pid = fp.child JOIN persons p ON p.pid = fp.parent
            WHERE c.org IS NOT NULL AND p.org IS NOT NULL
              AND {prior_f} / fp.lam / (1 - {prior_f} + {prior_f} / fp.lam) >= 0.9""").fetchone()
        same, total = row
        # Beta(1, 1/org_u - 1) smoothing toward chance: few confident ties -> weak organisation evidence.
        org_m = (same + 1.0) / (total + 1.0 / org_u) if total else org_u
        org_m = max(org_m, org_u)
    org_same = (org_m / org_u) if org_m else 1.0
    org_diff = ((1 - org_m) / (1 - org_u)) if org_m and org_u < 1 else 1.0
    org_w = (f"(CASE WHEN a.org IS NULL OR b.org IS NULL THEN 1.0 WHEN a.org = b.org THEN {org_same} "
             f"ELSE {org_diff} END)")
    stats.priors["org_same_lr"] = org_same
    con.execute(f"""
        CREATE OR REPLACE TEMP TABLE father_scored AS
        WITH w AS (
            SELECT fp.*, a.gender AS child_gender, {_age('father', 'a', 'b')} * {org_w} AS w,
                   -- the husband alternative: her husband shares her surname and is named like her father
                   CASE WHEN a.gender = 'f' THEN {prior_wife} * {p_given('g.n')} * {_age('spouse', 'a', 'b')}
                        ELSE 0 END AS alt,
                   (a.given_key = b.given_key AND a.father_key IS NOT DISTINCT FROM b.father_key
                    AND a.surname_key = b.surname_key) AS same_name,
                   a.birth_year IS NOT NULL AND b.birth_year IS NOT NULL AS aged,
                   concat_ws('|', b.given_key, b.father_key, b.surname_key, b.birth_year) AS cand_key
            FROM father_pairs fp JOIN persons a ON a.pid = fp.child JOIN persons b ON b.pid = fp.parent
            JOIN tf_given_m g ON g.key = a.father_key)
        SELECT w.*, sum(dup_w) OVER (PARTITION BY child, via, skey) AS w_sum
        FROM (SELECT *,
                     -- records with the same full-name key are most likely one person entered twice
                     -- (Кожем'якін / Кожем’якін): count them once among the candidates
                     CASE WHEN row_number() OVER (PARTITION BY child, via, skey, cand_key ORDER BY w DESC) = 1
                          THEN w ELSE 0 END AS dup_w
              FROM w WHERE w > 0 AND (NOT same_name OR aged)) w""")
    con.execute(f"""
        CREATE OR REPLACE TEMP TABLE father_prob AS
        WITH p AS (
            SELECT child, parent, via, skey, lam, w, alt,
                   ({prior_f} * w / lam) / (1 - {prior_f} + {prior_f} * w_sum / lam + alt / lam) AS p,
                   alt / lam / (1 - {prior_f} + {prior_f} * w_sum / lam + alt / lam) AS p_husband
            FROM father_scored),
        best AS (SELECT child, parent, arg_max(via, p) AS via, arg_max(skey, p) AS skey, arg_max(lam, p) AS lam,
                        max(p) AS p, arg_max(p_husband, p) AS p_husband, max(w) AS w
                 FROM p GROUP BY child, parent),
        -- either direction possible (father and son both named Олександр Олександрович): split by the age evidence
        directed AS (SELECT b.*, b.p * b.w / (b.w + coalesce(r.w, 0)) AS p_dir, r.child IS NOT NULL AS both_ways
                     FROM best b LEFT JOIN best r ON r.child = b.parent AND r.parent = b.child)
        -- one father per child
        SELECT *, p_dir / greatest(1.0, sum(p_dir) OVER (PARTITION BY child)) AS score FROM directed""")
    lap("fathers")

    # -- siblings -----------------------------------------------------------------------------------
    say("siblings")
    w_max_s = max(1.0, max_age_lr.get("sibling", 1.0) or 1.0) * (org_same if org_same > 1 else 1.0)
    lam_max_s = prior_s * w_max_s / max(1e-9, odds_min)
    con.execute(f"""
        CREATE OR REPLACE TEMP TABLE sibling_prob AS
        WITH pairs AS (
            SELECT sc.pid AS a_pid, o.pid AS b_pid, sc.skey, sc.lam
            FROM sib_cells sc JOIN persons o ON o.father_key = sc.father_key
            JOIN surnames os ON os.pid = o.pid AND os.skey = sc.skey
            WHERE o.pid > sc.pid AND sc.lam <= {lam_max_s}),
        w AS (
            SELECT pairs.*, {_age('sibling', 'a', 'b')} * {org_w} AS w,
                   -- spouses who happen to share a patronymic (Anna Evgenievna / Sergey Evgenievich Tsivilev)
                   CASE WHEN a.gender IS NOT NULL AND b.gender IS NOT NULL AND a.gender <> b.gender
                        THEN {prior_wife} * {p_father('f.n')} ELSE 0 END AS alt
            FROM pairs JOIN persons a ON a.pid = a_pid JOIN persons b ON b.pid = b_pid
            JOIN tf_father f ON f.key = a.father_key
            WHERE a.given_key <> b.given_key)   -- siblings are not given the same name; same name = same person?
        SELECT a_pid, b_pid, arg_max(skey, w) AS skey, min(lam) AS lam,
               max({prior_s} * w / ({prior_s} * w + lam + alt)) AS score
        FROM w WHERE w > 0 GROUP BY a_pid, b_pid""")
    lap("siblings")

    # -- spouses and mothers ------------------------------------------------------------------------
    say("spouses and mothers")
    w_max_w = max(1.0, max_age_lr.get("spouse", 1.0) or 1.0) * (org_same if org_same > 1 else 1.0)
    lam_max_w = prior_w * w_max_w / max(1e-9, odds_min * 0.25)   # mothers need P_father * P_wife: keep more
    share = SPOUSE_SHARE
    con.execute(f"""
        CREATE OR REPLACE TEMP TABLE spouse_prob AS
        WITH pairs AS (
            SELECT wc.pid AS h_pid, ws.pid AS w_pid, wc.skey, wc.lam
            FROM wife_cells wc JOIN surnames ws ON ws.skey = wc.skey
            WHERE wc.lam <= {lam_max_w}),
        w AS (
            SELECT pairs.*, {_age('spouse', 'b', 'a')} AS w_sp,
                   {_age('mother', 'a', 'b')} AS w_other, {org_w} AS w_org
            FROM pairs JOIN persons a ON a.pid = h_pid JOIN persons b ON b.pid = w_pid
            WHERE b.gender = 'f'
              AND NOT (a.father_key IS NOT NULL AND a.father_key = b.father_key)   -- sister pattern
              AND NOT (b.father_key IS NOT NULL AND b.father_key = a.given_key)),  -- daughter pattern (see fathers)
        p AS (
            SELECT h_pid, w_pid, skey, lam,
                   {prior_w} * {share} * w_sp * w_org
                   / ({prior_w} * ({share} * w_sp + {1 - share} * w_other) * w_org + lam) AS p
            FROM w),
        best AS (SELECT h_pid, w_pid, arg_max(skey, p) AS skey, arg_max(lam, p) AS lam, max(p) AS p
                 FROM p GROUP BY ALL
                 UNION ALL   -- a wife whose patronymic is her husband's name (the daughter pattern's alternative)
                 SELECT parent, child, skey, lam, p_husband FROM father_prob WHERE p_husband > 0),
        merged AS (SELECT h_pid, w_pid, arg_max(skey, p) AS skey, arg_max(lam, p) AS lam, max(p) AS p
                   FROM best GROUP BY ALL)
        -- one wife per man, one husband per woman
        SELECT *, p / greatest(1.0, sum(p) OVER (PARTITION BY h_pid), sum(p) OVER (PARTITION BY w_pid)) AS score
        FROM merged WHERE p > 0""")
    con.execute(f"""
        CREATE OR REPLACE TEMP TABLE mother_prob AS
        SELECT f.child, s.w_pid AS mother, f.parent AS father, f.score AS p_father, s.score AS p_wife,
               f.score * s.score * (CASE WHEN {_age('mother', 'c', 'm')} > 0 THEN 1.0 ELSE 0.0 END) AS score
        FROM father_prob f JOIN spouse_prob s ON s.h_pid = f.parent
        JOIN persons c ON c.pid = f.child JOIN persons m ON m.pid = s.w_pid
        WHERE s.w_pid <> f.child AND f.score * s.score >= {min_score}""")
    lap("spouses")

    # -- ties, both directions ----------------------------------------------------------------------
    say("writing ties")
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
    stats.ties = dict(con.execute(
        "SELECT relationship, count(*) FROM ties WHERE kind IN ('parent', 'sibling', 'spouse') GROUP BY 1 ORDER BY 2 DESC"
    ).fetchall())
    lap("ties")
    return stats
