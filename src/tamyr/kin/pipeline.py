"""Kin inference from names: the pipeline, from name keys to calibrated ties, on any engine (engine.py).

Every stage is one set-oriented statement over whole tables, written once in DuckDB's SQL; the only
Python is a handful of numpy fits on per-person arrays (the EM priors of ``calibrate.py``).

1. identities: records of one person are one identity — the same name keys (surname root, given name,
   patronymic, gender) and no conflicting birth year, or a name written without patronymic beside exactly
   one such person ("Dmitry Peskov" / "Dmitry Sergeyevich PESKOV"), or a name written with initials beside
   exactly one person whose initials, gender and birth year it fits ("Иманалиев Ж. Б."). Inference counts
   persons, not records; every tie is written for each record of its two persons, a record joined by name
   alone or by its initials with the registry's same-person rate for such joins;
2. frequencies and blocks: persons grouped by surname root (a maiden name is a second block);
3. fathers: a child's candidates are the men named as its patronymic names them — in its surname block,
   or anywhere when its surname is built from the father's name or the grandfather's (the father's
   patronymic); each candidate's chance rate comes from the block's other families and the name's
   frequency, its weight from birth years, organisation, surname ending and its own class; the prior
   that the father is among them is a logistic EM fit per child (block size, a sibship, a possible
   mother, the child's given name and the father's name); alternatives that explain a candidate otherwise
   (her husband named like her father; a brother named like their father; the reverse reading; another
   child of the same name) share the probability;
4. spouses: a man and a woman of one block who are not brother and sister or father and daughter; chance
   from the block's other families; logistic EM prior per man with one husband per woman and a son's
   mother explained as his father's wife; one wife per man, one husband per woman;
5. siblings: a pair of one block sharing the patronymic; pair prior per block size by EM; what is left
   after the parent-child reading of the pair;
6. mothers by composition: P(mother) = sum over the men the patronymic may name of P(father) * P(his wife).

TAMYR_KIN_PROFILE=1 prints each stage's rows and seconds; TAMYR_KIN_DEBUG=1 the spouse prior's cells.
"""

from __future__ import annotations

import os
import sys
import time
from dataclasses import dataclass, field
from typing import Callable

import numpy as np
import pyarrow as pa

from . import calibrate
from .engine import Engine

METHOD = "kin:names-v2"
# With --population N the pooled priors are shrunk toward what a random draw of n persons from N would
# contain: the share n/N of a person's relatives (one father, about one same-surname sibling and spouse).
POPULATION_EXPECTED = {"father": 0.9, "sibling": 1.0, "spouse": 0.7}
# How often the true father is found through each channel, before the data say (Dirichlet pseudo-counts):
# a shared surname root is the rule; a surname built from the father's name or the grandfather's is a
# Central Asian practice (Decree No. 2923 of 1996 in Kazakhstan; Tajik and Uzbek surnames in -zoda/-i).
CHANNEL_PRIOR = {"surname": 0.9, "grandfather": 0.05, "derived": 0.05}
CHANNEL_WEIGHT = 50.0
# Bounds of the fitted shape s of the surname blocks' name factor (_frequencies): below 1 a lone namesake
# would count for more than his name's rarity says; above 100 the factor is one (Poisson).
NAME_DISPERSION_MIN, NAME_DISPERSION_MAX = 1.0, 100.0
# A candidate pair is expanded only if it could reach this fraction of the output threshold's odds.
PRUNE = 0.25
# For the spouse prior, a man's women are expanded pair by pair (birth-year weights) only in blocks with at
# most this many eligible women; in bigger blocks every woman counts 1 (the block is too big for names to
# single out a wife, and expanding it would cost millions of pairs).
SPOUSE_EXPAND_MAX = 30
# A child with more namesakes of its father in its block than this cannot have him singled out by names and
# birth years; its candidates are not expanded pair by pair (for the priors it counts with weight 1 each).
FATHER_EXPAND_MAX = 20
# A surname built from the father's or grandfather's name is evidence only when few men carry that name (and
# patronymic) by chance: combinations expected more than this often are not expanded (Иванов, son of a
# Сергей Иванович, would otherwise meet every Сергей Иванович of the registry).
CHANNEL_LAMBDA_MAX = 2.0


@dataclass
class PipelineStats:
    persons: int = 0
    identities: int = 0
    priors: dict[str, float] = field(default_factory=dict)
    ties: dict[str, int] = field(default_factory=dict)
    seconds: dict[str, float] = field(default_factory=dict)


def _bucket(col: str) -> str:
    """Block-size class for the priors: 0, 1, 2-3, 4-7, … (log2 classes, capped at 12)."""
    return f"least(CAST(floor(log2(greatest({col}, 0) + 1)) AS INTEGER), 12)"


def _age_w(kind: str, a: str, b: str) -> str:
    """Age likelihood ratio of (a, b): 1 when a year is missing, 0 when the gap is impossible (not tabled)."""
    return (f"(CASE WHEN {a}.birth_year IS NULL OR {b}.birth_year IS NULL THEN 1.0 "
            f"ELSE coalesce(age_{kind}_{a}{b}.lr, 0.0) END)")


def _age_join(kind: str, a: str, b: str) -> str:
    return f"LEFT JOIN age_{kind} age_{kind}_{a}{b} ON age_{kind}_{a}{b}.gap = {a}.birth_year - {b}.birth_year"


def _put_prior(eng: Engine, name: str, keys: np.ndarray, values: np.ndarray, key: str = "unit") -> None:
    eng.put(name, pa.table({key: pa.array(np.asarray(keys, dtype=np.int64), pa.int64()),
                            "prior": pa.array(np.asarray(values, dtype=float), pa.float64())}))


def _label_code(*columns: str) -> str:
    """SQL for the integer codes 0..k-1 of a label (one or more columns) over the selected rows: the groups of
    a grouped effect of the logistic priors (calibrate.LogisticPrior)."""
    return f"dense_rank() OVER (ORDER BY {', '.join(columns)}) - 1"


def run_pipeline(eng: Engine, min_score: float = 0.3, population: int | None = None,
                 progress: Callable[[str], None] | None = None, report=None) -> PipelineStats:
    """From tables ``persons`` and ``surnames`` (keys.py) to tables ``ties`` (persons' ids, both directions).
    Records written with initials that join no person are counted in ``report`` (load.SkipReport), if given."""
    say = progress or (lambda _m: None)
    stats = PipelineStats()
    clock = [time.perf_counter()]

    def lap(name: str) -> None:
        now = time.perf_counter()
        stats.seconds[name] = round(now - clock[0], 2)
        clock[0] = now

    def no_ties() -> PipelineStats:
        eng.table("ties", "SELECT CAST(NULL AS BIGINT) AS person, CAST(NULL AS BIGINT) AS relative, "
                          "CAST(NULL AS VARCHAR) AS relationship, CAST(NULL AS DOUBLE) AS score, "
                          "CAST(NULL AS VARCHAR) AS reasons, CAST(NULL AS VARCHAR) AS kind WHERE false")
        return stats

    if int(eng.scalar("SELECT count(*) FROM persons") or 0) == 0:
        return no_ties()
    odds_min = max(min_score / (1 - min_score) if min_score < 1 else 1e9, 1e-6)

    say("identities")
    _identities(eng)
    _count_initials_left_out(eng, report)
    stats.persons = int(eng.scalar("SELECT count(*) FROM pid_ident") or 0)
    stats.identities = int(eng.scalar("SELECT count(*) FROM idents") or 0)
    if stats.identities == 0:
        return no_ties()
    share = min(1.0, stats.persons / population) if population else None
    for kind, w in eng.rows("SELECT kind, w FROM merge_rates"):
        stats.priors[f"same_person_{kind}"] = round(float(w), 4)
    lap("identities")

    say("name frequencies and blocks")
    freq = _frequencies(eng)
    _age_tables(eng)
    stats.priors["named_like_father"] = round(freq["r"], 4)
    stats.priors["block_name_dispersion"] = round(freq["name_dispersion"], 3)
    lap("frequencies")

    say("fathers")
    _father_candidates(eng, freq)
    org_u, org_lr = _org_weights(eng, stats)
    org_w = _org_w(*org_lr)
    _sibling_prior(eng, freq, stats)
    pi_f, m_ch = _father_prior(eng, freq, stats, org_w, share)
    lap("father prior")

    say("spouses")
    _spouse_chance(eng, freq)
    spouse_org = _spouse_prior(eng, stats, org_u, share)
    lap("spouse prior")

    _father_posterior(eng, freq, org_w, m_ch)
    lap("fathers")

    say("siblings")
    sibling_org = _siblings(eng, freq, stats, org_u, odds_min)
    lap("siblings")

    say("spouses and mothers")
    _spouses(eng, spouse_org, odds_min)
    _mothers(eng, min_score)
    lap("spouses")
    _write_ties(eng, min_score, {"father": org_lr[0], "sibling": sibling_org[0], "spouse": spouse_org[0]})
    stats.ties = {r[0]: int(r[1]) for r in eng.rows(
        "SELECT relationship, count(*) FROM ties WHERE kind IN ('parent', 'sibling', 'spouse') "
        "GROUP BY relationship ORDER BY count(*) DESC")}
    lap("ties")
    return stats


# -- 1. identities -----------------------------------------------------------------------------------

# A record without a patronymic, or written with initials (s), fits a full record's person (f): the patronymic
# initial it shows, its gender and its birth year (within a year) do not contradict the person's.
_FITS = """(s.fi IS NULL OR s.fi = f.fi) AND (s.gender IS NULL OR f.gender IS NULL OR s.gender = f.gender)
           AND (s.birth_year IS NULL OR f.yk IS NULL OR abs(s.birth_year - f.yk) <= 1)"""


def _identities(eng: Engine) -> None:
    # Full records (with a patronymic): one identity per name, split by birth year; a record without a year
    # joins the only dated person of that name, if there is exactly one.
    eng.table("full_named", """
        SELECT pid, surname_key AS sk, given_key AS gk, father_key AS fk, gender, birth_year,
               given_initial AS gi, father_initial AS fi,
               dense_rank() OVER (ORDER BY surname_key, given_key, father_key, coalesce(gender, '?')) AS nid
        FROM persons WHERE father_key IS NOT NULL""")
    eng.table("full_ident", """
        WITH years AS (SELECT nid, count(DISTINCT birth_year) AS n_years, min(birth_year) AS only_year
                       FROM full_named GROUP BY nid),
        keyed AS (SELECT f.*, CASE WHEN f.birth_year IS NOT NULL THEN f.birth_year
                                   WHEN y.n_years = 1 THEN y.only_year END AS yk
                  FROM full_named f JOIN years y ON y.nid = f.nid)
        SELECT pid, sk, gk, fk, gender, yk, gi, fi,
               dense_rank() OVER (ORDER BY nid, coalesce(yk, -1)) AS ident FROM keyed""")
    # A record without patronymic (or with its initial only: "Иманалиев Жандос Б.") is the same person as the
    # only full record it is compatible with.
    eng.table("short_ident", f"""
        WITH shorts AS (SELECT pid, surname_key AS sk, given_key AS gk, gender, birth_year, father_initial AS fi
                        FROM persons WHERE father_key IS NULL AND NOT initials),
        cand AS (SELECT DISTINCT s.pid, f.ident FROM shorts s JOIN full_ident f ON f.sk = s.sk AND f.gk = s.gk
                 AND {_FITS}),
        unique_cand AS (SELECT pid, min(ident) AS ident FROM cand GROUP BY pid HAVING count(*) = 1),
        rest AS (SELECT s.* FROM shorts s LEFT JOIN unique_cand u ON u.pid = s.pid WHERE u.pid IS NULL)
        SELECT pid, ident FROM unique_cand
        UNION ALL
        SELECT pid, (SELECT coalesce(max(ident), 0) FROM full_ident)
                    + dense_rank() OVER (ORDER BY sk, gk, coalesce(gender, '?'), coalesce(birth_year, -1)) FROM rest""")
    # A record written with initials ("Елипустин А. В.", "Zh. B. Imanaliev") is the same person as the only
    # full record of its surname whose initials, gender and birth year it fits; with none or several it is
    # left out (counted by run_pipeline): its initials name no father and match too many namesakes.
    eng.table("initials_ident", f"""
        WITH inits AS (SELECT pid, surname_key AS sk, given_initial AS gi, father_initial AS fi, gender, birth_year
                       FROM persons WHERE initials),
        cand AS (SELECT DISTINCT s.pid, f.ident FROM inits s JOIN full_ident f ON f.sk = s.sk AND f.gi = s.gi
                 AND {_FITS})
        SELECT pid, min(ident) AS ident, count(*) AS n FROM cand GROUP BY pid""")
    eng.table("pid_ident", """
        SELECT pid, ident FROM full_ident UNION ALL SELECT pid, ident FROM short_ident
        UNION ALL SELECT pid, ident FROM initials_ident WHERE n = 1""")
    _merge_weights(eng)
    eng.table("idents", """
        SELECT pi.ident, max(p.surname_key) AS sk, max(p.given_key) AS gk, max(p.father_key) AS fk,
               -- a record written with initials joins by a weaker match: the person's attributes are the others'
               max(CASE WHEN p.initials THEN NULL ELSE p.gender END) AS gender,
               max(CASE WHEN p.initials THEN NULL ELSE p.birth_year END) AS birth_year,
               max(CASE WHEN p.initials THEN NULL ELSE p.org END) AS org,
               count(*) AS records,
               -- the record that speaks for the person in the reasons: a full one, if there is one
               coalesce(min(CASE WHEN p.father_key IS NOT NULL THEN p.pid END), min(p.pid)) AS rep
        FROM pid_ident pi JOIN persons p ON p.pid = pi.pid GROUP BY pi.ident""")
    eng.table("members", """
        SELECT s.skey, max(CASE WHEN s.is_main THEN 1 ELSE 0 END) = 1 AS is_main, i.ident, i.gk, i.fk, i.gender,
               i.birth_year, coalesce(i.gender, 'm') = 'm' AS man, max(s.form) AS form
        FROM surnames s JOIN pid_ident pi ON pi.pid = s.pid JOIN idents i ON i.ident = pi.ident
        WHERE s.skey IS NOT NULL
        GROUP BY s.skey, i.ident, i.gk, i.fk, i.gender, i.birth_year""")
    eng.drop("full_named", "short_ident")   # initials_ident: run_pipeline counts what it left out


INITIALS_NONE = "given name written as an initial, and no full name of its surname fits its initials"
INITIALS_SEVERAL = "given name written as an initial, and several full names of its surname fit its initials"


def _count_initials_left_out(eng: Engine, report) -> None:
    """Records written with initials that no one person's record takes, into the skip report by reason."""
    if report is not None:
        report.add_rows(eng, f"""
            SELECT CASE WHEN ii.pid IS NULL THEN '{INITIALS_NONE}' ELSE '{INITIALS_SEVERAL}' END AS reason, p.line
            FROM persons p LEFT JOIN initials_ident ii ON ii.pid = p.pid
            WHERE p.initials AND (ii.pid IS NULL OR ii.n > 1)""")


def _merge_weights(eng: Engine) -> None:
    """Table ``merge_weight(pid, w)``: P(a record joined to a person is that person), for the ties written to
    it. A record without patronymic beside exactly one full record, or without a birth year beside exactly
    one dated person of its full name, is a second record of that person — or a namesake. Which is more
    common depends on the registry (a list with repeated short forms, or one row per person), so the rate
    is estimated from it: the number of such matches against the number chance would give if the names of
    unrelated persons were drawn independently (the name's frequency in the block), rate = 1 - expected /
    observed. A record that is its person's own (dated, or the only kind there is) has weight 1."""
    short = eng.rows("""
        WITH fulls AS (SELECT DISTINCT ident, sk, gk FROM full_ident),
        n AS (SELECT count(*) AS n FROM fulls),
        block AS (SELECT sk, count(*) AS f FROM fulls GROUP BY sk),
        given AS (SELECT gk, count(*) AS g FROM fulls GROUP BY gk),
        e AS (SELECT coalesce(b.f, 0) * coalesce(g.g, 0) / greatest((SELECT n FROM n), 1) AS e
              FROM persons p LEFT JOIN block b ON b.sk = p.surname_key LEFT JOIN given g ON g.gk = p.given_key
              WHERE p.father_key IS NULL AND NOT p.initials)
        SELECT (SELECT sum(e * exp(-e)) FROM e),
               (SELECT count(*) FROM short_ident si JOIN full_ident fi ON fi.ident = si.ident)""")[0]
    undated = eng.rows("""
        WITH dated AS (SELECT DISTINCT ident, sk, gk, fk FROM full_ident WHERE yk IS NOT NULL),
        n AS (SELECT count(*) AS n FROM dated),
        block AS (SELECT sk, count(*) AS f FROM dated GROUP BY sk),
        given AS (SELECT gk, count(*) / greatest((SELECT n FROM n), 1) AS p FROM dated GROUP BY gk),
        father AS (SELECT fk, count(*) / greatest((SELECT n FROM n), 1) AS p FROM dated GROUP BY fk),
        e AS (SELECT coalesce(b.f, 0) * coalesce(g.p, 0) * coalesce(f.p, 0) AS e
              FROM full_named r LEFT JOIN block b ON b.sk = r.sk LEFT JOIN given g ON g.gk = r.gk
              LEFT JOIN father f ON f.fk = r.fk WHERE r.birth_year IS NULL)
        SELECT (SELECT sum(e * exp(-e)) FROM e),
               (SELECT count(*) FROM full_named fn JOIN full_ident fi ON fi.pid = fn.pid
                WHERE fn.birth_year IS NULL AND fi.yk IS NOT NULL)""")[0]

    # initials: the full persons of the block whose initials (and birth year, within a year) an unrelated
    # person's would match as often as they match in the registry at large
    initials = eng.rows("""
        WITH fulls AS (SELECT DISTINCT ident, sk, gi, fi, yk FROM full_ident),
        n AS (SELECT greatest(count(*), 1) AS n, count(*) FILTER (WHERE yk IS NULL) AS undated FROM fulls),
        block AS (SELECT sk, count(*) AS f FROM fulls GROUP BY sk),
        both_ AS (SELECT gi, fi, count(*) AS c FROM fulls GROUP BY gi, fi),
        first_ AS (SELECT gi, count(*) AS c FROM fulls GROUP BY gi),
        years AS (SELECT yk, count(*) AS c FROM fulls WHERE yk IS NOT NULL GROUP BY yk),
        inits AS (SELECT pid, surname_key AS sk, given_initial AS gi, father_initial AS fi, birth_year
                  FROM persons WHERE initials),
        near AS (SELECT i.pid, sum(y.c) AS c FROM inits i
                 JOIN years y ON y.yk BETWEEN i.birth_year - 1 AND i.birth_year + 1 GROUP BY i.pid),
        e AS (SELECT coalesce(b.f, 0) * CASE WHEN i.fi IS NULL THEN coalesce(f1.c, 0) ELSE coalesce(f2.c, 0) END / n.n
                     * CASE WHEN i.birth_year IS NULL THEN 1.0 ELSE (coalesce(near.c, 0) + n.undated) / n.n END AS e
              FROM inits i CROSS JOIN n LEFT JOIN block b ON b.sk = i.sk
              LEFT JOIN first_ f1 ON f1.gi = i.gi LEFT JOIN both_ f2 ON f2.gi = i.gi AND f2.fi = i.fi
              LEFT JOIN near ON near.pid = i.pid)
        SELECT (SELECT sum(e * exp(-e)) FROM e), (SELECT count(*) FROM initials_ident WHERE n = 1)""")[0]

    def rate(expected, observed) -> float:
        observed = float(observed or 0)
        return 1.0 if observed == 0 else min(1.0, max(0.05, 1 - float(expected or 0) / observed))

    w_short, w_undated, w_initials = rate(*short), rate(*undated), rate(*initials)
    eng.table("merge_weight", f"""
        SELECT si.pid, {w_short} AS w, 'name' AS how FROM short_ident si JOIN full_ident fi ON fi.ident = si.ident
        UNION ALL
        SELECT fn.pid, {w_undated}, 'name' FROM full_named fn JOIN full_ident fi ON fi.pid = fn.pid
        WHERE fn.birth_year IS NULL AND fi.yk IS NOT NULL
        UNION ALL
        SELECT pid, {w_initials}, 'initials' FROM initials_ident WHERE n = 1""")
    eng.put("merge_rates", pa.table({"kind": pa.array(["short", "undated", "initials"], pa.string()),
                                     "w": pa.array([w_short, w_undated, w_initials], pa.float64())}))


# -- 2. frequencies ----------------------------------------------------------------------------------

def _frequencies(eng: Engine) -> dict:
    eng.table("tf_given_m", "SELECT gk, count(*) AS n FROM idents WHERE coalesce(gender, 'm') = 'm' GROUP BY gk")
    eng.table("tf_fk", "SELECT fk, count(*) AS n FROM idents WHERE fk IS NOT NULL GROUP BY fk")
    eng.table("block_men", "SELECT skey, count(*) AS n FROM members WHERE man GROUP BY skey")
    eng.table("block_given", "SELECT skey, gk, count(*) AS n FROM members WHERE man GROUP BY skey, gk")
    eng.table("block_fk", """SELECT skey, fk, count(*) AS n, sum(CASE WHEN man THEN 1 ELSE 0 END) AS men,
                                    sum(CASE WHEN man AND gk = fk THEN 1 ELSE 0 END) AS named_like
                             FROM members WHERE fk IS NOT NULL GROUP BY skey, fk""")
    eng.table("block_women", "SELECT skey, fk, count(*) AS n FROM members WHERE gender = 'f' GROUP BY skey, fk")
    eng.table("block_form", "SELECT skey, form, count(*) AS men FROM members WHERE man GROUP BY skey, form")
    # male lines of a surname: men by patronymic (a sibship); a man without one is his own line
    eng.table("lines", """SELECT skey, count(DISTINCT coalesce(fk, CAST(ident AS VARCHAR) || ':self')) AS r
                          FROM members WHERE man GROUP BY skey""")
    total_lines, n1, n2 = eng.rows(
        "SELECT sum(r), count(*) FILTER (WHERE r = 1), count(*) FILTER (WHERE r = 2) FROM lines")[0]
    # Good–Turing: the expected number of further lines of a surname seen in one line only, 2*N2/N1
    # (N_r = surnames carried by r lines), bounded to [0.05, 1]
    c0 = min(1.0, max(0.05, 2.0 * (n2 or 0) / n1)) if n1 else 1.0
    n_men, n_fk, n_women = eng.rows("""
        SELECT count(*) FILTER (WHERE coalesce(gender, 'm') = 'm'), count(*) FILTER (WHERE fk IS NOT NULL),
               count(*) FILTER (WHERE gender = 'f') FROM idents""")[0]
    # "named like his father" (Олександр Олександрович): the share of men whose given name is their
    # patronymic's, less what chance gives (sum over names of p_given * p_father)
    share, chance = eng.rows("""
        WITH men AS (SELECT gk, fk FROM idents WHERE gender = 'm' AND fk IS NOT NULL),
        g AS (SELECT gk AS k, count(*) / (SELECT count(*) FROM men) AS p FROM men GROUP BY gk),
        f AS (SELECT fk AS k, count(*) / (SELECT count(*) FROM men) AS p FROM men GROUP BY fk)
        SELECT (SELECT avg(CASE WHEN gk = fk THEN 1.0 ELSE 0.0 END) FROM men),
               (SELECT sum(g.p * f.p) FROM g JOIN f ON f.k = g.k)""")[0]
    share, chance = float(share or 0.0), float(chance or 0.0)
    r = max(0.005, (share - chance) / max(1e-9, 1 - chance))
    # How far the names inside surname blocks follow their own fashion: the men of one block share a given
    # name (1 + 1/s) times as often as the registry's name rates say, s the shape of a Gamma block factor
    # (method of moments over the blocks' pairs of men; men named like their father are left out, the
    # commonest reason of a block's namesakes that is not fashion)
    same, expected = eng.rows("""
        WITH m AS (SELECT skey, gk FROM members WHERE man AND gk IS DISTINCT FROM fk),
        g AS (SELECT gk, count(*) / (SELECT count(*) FROM m) AS p FROM m GROUP BY gk),
        bg AS (SELECT skey, gk, count(*) AS k FROM m GROUP BY skey, gk),
        b AS (SELECT skey, count(*) AS n FROM m GROUP BY skey)
        SELECT (SELECT sum(k * (k - 1)) FROM bg),
               (SELECT sum(n * (n - 1)) FROM b) * (SELECT sum(p * p) FROM g)""")[0]
    excess = float(same or 0) / float(expected) - 1 if expected else 0.0
    dispersion = float(np.clip(1 / excess, NAME_DISPERSION_MIN, NAME_DISPERSION_MAX)) if excess > 0 \
        else NAME_DISPERSION_MAX
    return {"n_men": max(1, int(n_men or 0)), "n_fk": max(1, int(n_fk or 0)), "n_women": max(1, int(n_women or 0)),
            "r": r, "c0": c0, "total_lines": max(1, int(total_lines or 1)), "name_dispersion": dispersion}


def _age_tables(eng: Engine) -> None:
    years = eng.rows("SELECT birth_year, count(*) FROM idents WHERE birth_year IS NOT NULL GROUP BY birth_year "
                     "ORDER BY birth_year")
    rows: list[tuple[str, int, float]] = []
    if years:
        chance = calibrate.gap_chance(np.array([y for y, _ in years]), np.array([c for _, c in years], dtype=float))
        for kind in ("father", "mother", "sibling", "spouse"):
            rows += [(kind, gap, lr) for gap, lr in calibrate.age_lr_table(kind, chance)]
    for kind in ("father", "mother", "sibling", "spouse"):
        sel = [r for r in rows if r[0] == kind]
        eng.put(f"age_{kind}", pa.table({"gap": pa.array([r[1] for r in sel], pa.int64()),
                                         "lr": pa.array([r[2] for r in sel], pa.float64())}))
    for kind, cohort in COHORTS.items():
        mean, sd, lo, hi = cohort["gap"]
        gaps = np.arange(lo, hi + 1)
        eng.put(f"{kind}_age_m", pa.table({"gap": pa.array(gaps, pa.int64()),
                                           "m": pa.array(calibrate.normal_density(gaps, mean, sd), pa.float64())}))
        key = cohort["key"]
        eng.table(f"{kind}_year_bins", f"""
            SELECT CAST(floor(birth_year / 5) AS BIGINT) AS bin, count(*) AS n FROM idents
            WHERE birth_year IS NOT NULL AND {cohort["pool"]} GROUP BY 1""")
        eng.table(f"{kind}_key_year_bins", f"""
            SELECT {key}, CAST(floor(birth_year / 5) AS BIGINT) AS bin, count(*) AS n FROM {cohort.get("source", "idents")}
            WHERE birth_year IS NOT NULL AND {cohort["named"]} GROUP BY 1, 2""")
        eng.table(f"{kind}_key_years_total", f"SELECT {key}, sum(n) AS n FROM {kind}_key_year_bins GROUP BY {key}")
        if cohort.get("leave_out"):
            # each member's own cohort without her: u of her 5-year bin, one row per (key, bin) of members
            dated = max(1, int(eng.scalar(f"SELECT coalesce(sum(n), 0) FROM {kind}_year_bins") or 0))
            eng.table(f"{kind}_cohort_u", f"""
                SELECT kb.{key}, kb.bin, (kb.n - 1 + {NAME_YEAR_PSEUDO} * coalesce(yb.n, 0) / {dated})
                                         / (kt.n - 1 + {NAME_YEAR_PSEUDO}) / 5.0 AS u
                FROM {kind}_key_year_bins kb JOIN {kind}_key_years_total kt ON kt.{key} = kb.{key}
                LEFT JOIN {kind}_year_bins yb ON yb.bin = kb.bin""")


# A relative's age, compared with the ages of the namesakes chance would offer instead: names follow
# fashions, so a chance namesake of a child's father is mostly of the father's generation, and two persons
# sharing a patronymic are, even by chance, children of fathers of one name, so of one generation; the gap
# between two random persons would make every such namesake look related. m = the relation's gap
# distribution (calibrate), u = the birth years of the persons of that name key (5-year bins, shrunk toward
# the pool's with NAME_YEAR_PSEUDO persons). A woman of a man's surname who is not his wife is a woman of
# another family of that surname: in a national registry a rare surname is one clan, and the wives of his
# cousins are of his generation, so the u of a wife's age is the birth years of the block's other women.
_SPOUSE_MEAN, _SPOUSE_SD, _SPOUSE_LO, _SPOUSE_HI = calibrate.SPOUSE_GAP      # wife's year - husband's
COHORTS = {
    "father": {"gap": calibrate.PARENT_AGE["father"], "key": "gk",       # the men of the father's name
               "pool": "coalesce(gender, 'm') = 'm'", "named": "coalesce(gender, 'm') = 'm'"},
    "sibling": {"gap": calibrate.SIBLING_GAP, "key": "fk",               # the persons of that patronymic
                "pool": "true", "named": "fk IS NOT NULL"},
    # the women of the surname block (gap = husband's year - wife's, as the function takes it)
    "spouse": {"gap": (-_SPOUSE_MEAN, _SPOUSE_SD, -_SPOUSE_HI, -_SPOUSE_LO), "key": "skey", "source": "members",
               "pool": "gender = 'f'", "named": "gender = 'f'", "leave_out": True},
}


def _cohort_age_w(eng: Engine, kind: str, a: str, b: str, group: str | None = None) -> tuple[str, str]:
    """(expression, joins): the likelihood ratio of ``b``'s age as ``a``'s relative of this kind against
    ``b``'s cohort (COHORTS: by default her name key ``b.<key>``; ``group`` is another SQL expression of the
    key, e.g. the block the pair was found in); 1 when either birth year is missing. A cohort marked
    ``leave_out`` holds ``b`` herself (a block's women), and is taken without her (table <kind>_cohort_u)."""
    key = COHORTS[kind]["key"]
    group = group or f"{b}.{key}"
    year_bin = f"CAST(floor({b}.birth_year / 5) AS BIGINT)"
    m, kb, kt, yb = (f"{kind}_{t}" for t in ("m", "kb", "kt", "yb"))
    if COHORTS[kind].get("leave_out"):
        expr = f"""CASE WHEN {a}.birth_year IS NULL OR {b}.birth_year IS NULL THEN 1.0
                        WHEN {kb}.u IS NULL THEN 1.0   -- not in her own cohort: cannot happen
                        ELSE least({AGE_LR_MAX}, coalesce({m}.m, 0.0) / {kb}.u) END"""
        joins = f"""LEFT JOIN {kind}_age_m {m} ON {m}.gap = {a}.birth_year - {b}.birth_year
            LEFT JOIN {kind}_cohort_u {kb} ON {kb}.{key} = {group} AND {kb}.bin = {year_bin}"""
        return expr, joins
    dated = max(1, int(eng.scalar(f"SELECT coalesce(sum(n), 0) FROM {kind}_year_bins") or 0))
    expr = f"""CASE WHEN {a}.birth_year IS NULL OR {b}.birth_year IS NULL THEN 1.0
                    ELSE least({AGE_LR_MAX}, coalesce({m}.m, 0.0)
                               / ((coalesce({kb}.n, 0) + {NAME_YEAR_PSEUDO} * coalesce({yb}.n, 0) / {dated})
                                  / (coalesce({kt}.n, 0) + {NAME_YEAR_PSEUDO}) / 5.0)) END"""
    joins = f"""LEFT JOIN {kind}_age_m {m} ON {m}.gap = {a}.birth_year - {b}.birth_year
        LEFT JOIN {kind}_key_year_bins {kb} ON {kb}.{key} = {group} AND {kb}.bin = {year_bin}
        LEFT JOIN {kind}_key_years_total {kt} ON {kt}.{key} = {group}
        LEFT JOIN {kind}_year_bins {yb} ON {yb}.bin = {year_bin}"""
    return expr, joins


# -- 3. fathers --------------------------------------------------------------------------------------

def _father_candidates(eng: Engine, freq: dict) -> None:
    n_men, n_fk = freq["n_men"], freq["n_fk"]
    # Each child in each of its blocks: k men named as the patronymic names the father, m men who could
    # be namesakes by chance (not the child, its brothers not named like their father, its sons), and the
    # chance rate of the k candidates (see lam below).
    s_block = freq["name_dispersion"]
    eng.table("child_blocks", f"""
        WITH cb AS (
        SELECT c.ident AS child, c.skey, c.is_main, c.fk, c.gk, c.man, c.gender, c.form,
               {_bucket('coalesce(bm.n, 0)')} AS kb,
               greatest(coalesce(bg.n, 0) - CASE WHEN c.man AND c.gk = c.fk THEN 1 ELSE 0 END, 0) AS k,
               greatest(coalesce(bm.n, 0) - CASE WHEN c.man THEN 1 ELSE 0 END
                   - greatest(coalesce(sib.men, 0) - coalesce(sib.named_like, 0)
                              - CASE WHEN c.man AND c.gk <> c.fk THEN 1 ELSE 0 END, 0)
                   - CASE WHEN c.man AND c.gk <> c.fk THEN coalesce(sons.men, 0) ELSE 0 END, 0) AS m,
               -- the name's rate among the men outside the block
               (greatest(coalesce(g.n, 0) - coalesce(bg.n, 0), 0) + 0.5)
                   / greatest({n_men} - coalesce(bm.n, 0), 1) AS p_name,
               -- chance namesakes come from the block's OTHER families: its male lines but the child's own
               -- and (when a candidate is there) the father's, plus the Good–Turing count of unseen lines,
               -- each with the block's men per line
               (greatest(coalesce(l.r, 0) - CASE WHEN coalesce(sib.men, 0) > 0 THEN 1 ELSE 0 END
                         - CASE WHEN coalesce(bg.n, 0) - CASE WHEN c.man AND c.gk = c.fk THEN 1 ELSE 0 END > 0
                                THEN 1 ELSE 0 END, 0) + {freq['c0']})
                 * coalesce(bm.n, 0) / greatest(coalesce(l.r, 0), 1) AS chance_men,
               -- the share of the block's men whose surname has another ending class (Жук / Жуков): how
               -- often a namesake by chance differs so
               1 - coalesce(bf.men, 0) / greatest(coalesce(bm.n, 0), 1) AS u_form,
               coalesce(sib.n, 0) >= 2 AS sibs,
               coalesce(wa.n, 0) - coalesce(ws.n, 0) - coalesce(wd.n, 0)
                   - CASE WHEN c.gender = 'f' THEN 1 ELSE 0 END > 0 AS woman
        FROM members c
        LEFT JOIN block_men bm ON bm.skey = c.skey
        LEFT JOIN lines l ON l.skey = c.skey
        LEFT JOIN block_form bf ON bf.skey = c.skey AND bf.form = c.form
        LEFT JOIN block_given bg ON bg.skey = c.skey AND bg.gk = c.fk
        LEFT JOIN tf_given_m g ON g.gk = c.fk
        LEFT JOIN block_fk sib ON sib.skey = c.skey AND sib.fk = c.fk
        LEFT JOIN block_fk sons ON sons.skey = c.skey AND sons.fk = c.gk
        LEFT JOIN (SELECT skey, sum(n) AS n FROM block_women GROUP BY skey) wa ON wa.skey = c.skey
        LEFT JOIN block_women ws ON ws.skey = c.skey AND ws.fk = c.fk
        LEFT JOIN block_women wd ON wd.skey = c.skey AND wd.fk = c.gk AND c.gk <> c.fk
        WHERE c.fk IS NOT NULL)
        -- lam0 = chance_men * p_name: the namesakes chance gives the block, were the name as common there as
        -- outside; a block's names differ from the registry's by a factor (Gamma, mean 1, shape s: how far a
        -- surname's names follow its own fashion, fitted in _frequencies). With k candidates, one the father,
        -- the other k - 1 are what the block shows of that factor: lam = lam0 * (s + k - 1) / (s + lam0),
        -- the negative binomial's P(k - 1) / P(k) per candidate. A lone namesake is judged by the name's own
        -- rarity; a name several men of the block carry counts as common there
        SELECT *, chance_men * p_name AS lam0,
               chance_men * p_name * ({s_block} + greatest(k - 1, 0)) / ({s_block} + chance_men * p_name) AS lam
        FROM cb""")
    # Candidates by channel, each with its chance rate lam (expected namesakes when the father is absent).
    eng.table("father_cand", f"""
        SELECT cb.child, f.ident AS parent, 'surname' AS via, cb.skey, cb.kb,
               cb.lam, f.form IS DISTINCT FROM cb.form AS form_diff, cb.u_form
        FROM child_blocks cb JOIN members f ON f.skey = cb.skey AND f.gk = cb.fk AND f.man AND f.ident <> cb.child
        WHERE cb.k > 0 AND cb.k <= {FATHER_EXPAND_MAX}
        UNION ALL
        -- surname built from the grandfather's name, i.e. the father's patronymic (Тлеухан Бекболат Канайұлы,
        -- son of Канай Тлеуханұлы): any man named so with that patronymic
        SELECT c.ident, f.ident, 'grandfather', c.sk, CAST(NULL AS INTEGER), c.lam, false, CAST(NULL AS DOUBLE)
        FROM (SELECT c.*, {n_men} * (greatest(coalesce(g.n, 0) - 1, 0) + 0.5) / {n_men}
                                  * (greatest(coalesce(t.n, 0) - 1, 0) + 0.5) / {n_fk} AS lam
              FROM idents c LEFT JOIN tf_given_m g ON g.gk = c.fk LEFT JOIN tf_fk t ON t.fk = c.sk
              WHERE c.fk IS NOT NULL) c
        JOIN idents f ON f.gk = c.fk AND f.fk = c.sk
        WHERE c.lam <= {CHANNEL_LAMBDA_MAX} AND f.sk <> c.sk AND coalesce(f.gender, 'm') = 'm'
          AND f.ident <> c.ident
        UNION ALL
        -- surname built from the father's given name ("Rustam Emomali", son of Emomali Rahmon)
        SELECT c.ident, f.ident, 'derived', c.sk, CAST(NULL AS INTEGER), c.lam, false, CAST(NULL AS DOUBLE)
        FROM (SELECT c.*, {n_men} * (greatest(coalesce(g.n, 0) - 1, 0) + 0.5) / {n_men} AS lam
              FROM idents c LEFT JOIN tf_given_m g ON g.gk = c.fk
              WHERE c.fk IS NOT NULL AND c.sk = c.fk) c
        JOIN idents f ON f.gk = c.fk
        WHERE c.lam <= {CHANNEL_LAMBDA_MAX} AND f.sk <> c.sk AND coalesce(f.gender, 'm') = 'm'
          AND f.ident <> c.ident""")


SAME_ORG = "(CASE WHEN a.org IS NULL OR b.org IS NULL THEN NULL WHEN a.org = b.org THEN 1 ELSE 0 END)"


def _org_w(same: float, diff: float, flag: str = SAME_ORG) -> str:
    """The SQL weight of a pair for sharing an organisation or not, from its flag (1, 0, or NULL when
    either has none, weight 1): by default SAME_ORG of the pair (a, b)."""
    return f"(CASE WHEN {flag} IS NULL THEN 1.0 WHEN {flag} = 1 THEN {same} ELSE {diff} END)"


def _org_lr(n_same: float, n_known: float, org_u: float) -> tuple[float, float]:
    """(same, diff) likelihood ratios of the same organisation from the (weighted) count of related pairs
    that share one among those whose organisations are both known: m = (n_same + 1) / (n_known + 1/u), one
    pseudo-pair of the chance rate u, and never below u (1 and 1 when no organisation is given)."""
    if org_u <= 0 or org_u >= 1:
        return 1.0, 1.0
    m = max((n_same + 1.0) / (n_known + 1.0 / org_u), org_u)
    return m / org_u, (1 - m) / (1 - org_u)


def _org_weights(eng: Engine, stats: PipelineStats) -> tuple[float, tuple[float, float]]:
    """(u, (same, diff)): u = the chance two random persons share an organisation; the fathers' likelihood
    ratios from m = the share among confident name-only father ties (a unique candidate in a block of fewer
    than 4 men). Siblings and spouses get their own (_siblings, _spouse_prior): a child who follows the
    father into his ministry says nothing of whether a wife works there."""
    org_u = eng.scalar("""SELECT coalesce(sum(c * c) / (sum(c) * sum(c)), 0) FROM
                          (SELECT CAST(count(*) AS DOUBLE) AS c FROM idents WHERE org IS NOT NULL GROUP BY org) x""")
    org_u = float(org_u or 0.0)
    same, diff = 1.0, 1.0
    if 0 < org_u < 1:
        n_same, total = eng.rows("""
            SELECT count(*) FILTER (WHERE a.org = b.org), count(*)
            FROM father_cand fc JOIN child_blocks cb ON cb.child = fc.child AND cb.skey = fc.skey
            JOIN idents a ON a.ident = fc.child JOIN idents b ON b.ident = fc.parent
            WHERE fc.via = 'surname' AND cb.k = 1 AND cb.m < 4 AND a.org IS NOT NULL AND b.org IS NOT NULL""")[0]
        if total:
            same, diff = _org_lr(float(n_same), float(total), org_u)
    stats.priors["org_same_lr"] = round(same, 3)
    return org_u, (same, diff)


# Classes of a candidate father's own P(his father is in the registry): a registry's children are seldom
# the fathers of others in it (declared families), or often (three generations of a national registry) —
# the EM estimates which; class 4 is a man without patronymic.
PARENT_LEVELS = (0.2, 0.5, 0.8)
LEVEL_WEIGHT = 50.0
# How often a true father's surname ending class differs from the child's (Жук / Жуков; Kazakh Жанбулатов /
# Жанбулат), before the data say: a Beta prior worth FORM_WEIGHT fathers.
FORM_DIFF_PRIOR = 0.05
FORM_WEIGHT = 50.0
EM_ITERATIONS = 45
# How often a son is named like his father's father, before the data say (Beta prior worth GF_WEIGHT sons).
# Such a son and his father fit either direction (Семен Олександрович, Олександр Семенович), and the
# coincidence is evidence for the reading that makes the son the one of the two named like a grandfather.
GF_PRIOR = 0.02
GF_WEIGHT = 50.0
# Which way a pair that fits either direction goes, from the generations of its names. A name's generation
# score g = ln(its count among patronymics + GEN_PSEUDO) - ln(its count among men's given names, on the
# patronymics' scale, + GEN_PSEUDO): high for a name going out of use (its bearers' fathers had it more
# often than they do: Микола, Іван), low for one coming in (Максим, Артем). Of Олександр Семенович and Семен
# Олександрович, the father's patronymic names the grandfather and the son's the father, so a reading whose
# father's patronymic is the older name is the likelier: with the three generations' name rates in a steady
# trend (grandfathers : fathers as fathers : sons), the two readings' likelihoods are in the ratio
# exp(g(father's patronymic) - g(son's patronymic)) (_gen_d).
GEN_PSEUDO = 2.0
P_MAX = 1 - 1e-9         # a share taken as odds (_one_husband) is capped below 1
RIVAL_SAY = 0.05         # a spouse reason names the other men whose reading of the woman scores at least this
GEN_SAY = 1.5            # the reason names the generations when they favour one reading at least this much
# The chance scales (Poisson MLE of the namesakes not explained as relatives) start from 1 with this many
# expected namesakes' worth of weight, so that a small registry keeps the frequency model as it is.
KAPPA_PSEUDO = 10.0
EM_TOLERANCE = 1e-4      # stop when the children's P(father present) move less than this on average
SPOUSE_EM_ITERATIONS = 25
# The birth years of the men of one name: pseudo-men at all men's distribution (see _age_tables).
NAME_YEAR_PSEUDO = 20.0
AGE_LR_MAX = 50.0


def _levels(present: np.ndarray) -> np.ndarray:
    return np.digitize(present, PARENT_LEVELS)


def _one_way(child: np.ndarray, parent: np.ndarray, gen_d: np.ndarray) -> Callable[[np.ndarray], np.ndarray]:
    """For candidate rows (child, parent; a pair may have several rows, one per channel): a function that
    takes each row's P(parent is the child's father) and returns it with the two directions of a pair
    excluding each other, the posterior's rule (_father_posterior, _either_way), spread over the pair's rows
    in proportion. ``gen_d``: each row's generation difference (_gen_d)."""
    if len(child) == 0:
        return lambda share: share
    base = int(max(child.max(), parent.max())) + 1
    pairs, pair_of_row = np.unique(child * base + parent, return_inverse=True)
    reverse_key = (pairs % base) * base + pairs // base
    pos = np.clip(np.searchsorted(pairs, reverse_key), 0, len(pairs) - 1)
    has_reverse = pairs[pos] == reverse_key
    if not has_reverse.any():
        return lambda share: share
    gen_pair = np.full(len(pairs), -np.inf)          # a pair's rows (channels) may differ: the largest, as the
    np.maximum.at(gen_pair, pair_of_row, gen_d)      # posterior's max(gen_d)

    def apply(share: np.ndarray) -> np.ndarray:
        p = np.bincount(pair_of_row, share, len(pairs))
        clipped = np.minimum(p, 1 - 1e-9)
        odds = clipped / (1 - clipped)
        one = np.where(has_reverse, _either_way(odds, odds[pos], np.exp(gen_pair)), p)
        return share * np.where(p > 0, one / np.maximum(p, 1e-300), 0.0)[pair_of_row]

    return apply


def _either_way(odds: np.ndarray, odds_reverse: np.ndarray, t: np.ndarray) -> np.ndarray:
    """P(this reading) of a pair that fits either direction: the odds o of each reading against none (each
    from its own child's prior and candidates) give P(either) = (o + o_r) / (1 + o + o_r), which the names'
    generations split as o t : o_r with t = exp(gen_d) (GEN_PSEUDO). EITHER_WAY_SQL is the same in SQL."""
    return (odds + odds_reverse) / (1 + odds + odds_reverse) * (odds * t) / np.maximum(odds * t + odds_reverse, 1e-300)


# _either_way over father_scored f and its reverse reading rv
EITHER_WAY_SQL = ("(f.odds + rv.odds) / (1 + f.odds + rv.odds) * (f.odds * exp(f.gen_d))"
                  " / greatest(f.odds * exp(f.gen_d) + rv.odds, 1e-300)")


def _gen_d(child: str, parent: str) -> str:
    """SQL: the generation difference of a reading (GEN_PSEUDO), g(parent's patronymic) - g(child's), from
    columns <x>_pat and <x>_giv: the counts of x's patronymic name among patronymics and men's given names
    outside the pair's block."""
    def g(x: str) -> str:
        return (f"(ln(greatest({x}_pat, 0) + {GEN_PSEUDO}) "
                f"- ln(greatest({x}_giv, 0) * {{n_fk}} / {{n_men}} + {GEN_PSEUDO}))")
    return f"{g(parent)} - {g(child)}"


def _gf_eligible(c: str, p: str) -> str:
    """SQL: child c may be named like candidate p's father — a man (or of unknown gender) whose given name is
    known and not his own patronymic's (that son is named like his father), beside a candidate with a
    patronymic."""
    return (f"coalesce({c}.gender, 'm') = 'm' AND {c}.gk IS NOT NULL AND {c}.gk IS DISTINCT FROM {c}.fk "
            f"AND {p}.fk IS NOT NULL")


def _grandfather_lr(eligible: np.ndarray, named: np.ndarray, p: np.ndarray, r: float) -> np.ndarray:
    """Likelihood ratio of a son's given name, father against chance: a son named like the candidate's father
    (rate p by chance) is so named at r + (1 - r) p if the candidate is his father; one not so named, at
    1 - r against 1."""
    return np.where(named, (r + (1 - r) * p) / np.maximum(p, 1e-9), np.where(eligible, 1 - r, 1.0))


def _father_prior(eng: Engine, freq: dict, stats: PipelineStats, org_w: str, share: float | None):
    """Logistic EM prior per child, EM shares of the channels and of the candidate classes.

    Tables: ``prior_father(unit, prior)``; ``father_present(unit, prior)`` = P(the father is among the
    child's candidates); ``parent_level(ident, level, lr)`` = the likelihood ratio of a candidate father's
    class (m from the EM, u = the classes of all men)."""
    age_w, age_joins = _cohort_age_w(eng, "father", "a", "b")
    r, n_men, n_fk = freq["r"], freq["n_men"], freq["n_fk"]
    # b_w: the brother reading of a candidate who shares the child's patronymic (_father_posterior), which
    # the E-step weighs as the posterior does: a brother named like their father is no namesake by chance
    eng.table("father_w", f"""
        SELECT fc.child, fc.parent, fc.via, fc.skey, fc.kb, fc.lam, fc.form_diff,
               least(greatest(fc.u_form, 0.01), 0.99) AS u_form, {age_w} * {org_w} AS w,
               CASE WHEN b.fk IS NOT NULL AND b.fk = a.fk
                    THEN coalesce(psb.prior, 0.001) * {_age_w('sibling', 'a', 'b')} * ({r} + p_x) / (p_x * ({r} + q_x))
                    ELSE 0.0 END AS b_w,
               -- a son named like the candidate's father (Семен Олександрович beside Олександр Семенович: a
               -- grandson named for his grandfather, which is what makes such a pair fit either direction): gf;
               -- p_gf = the rate among men of the candidate's patronymic name where the child could be so named
               -- (_gf_eligible), -1 where not
               CASE WHEN {_gf_eligible('a', 'b')} THEN (coalesce(fc.b_giv_all, 0) + 0.5) / {n_men} ELSE -1.0 END AS p_gf,
               CASE WHEN {_gf_eligible('a', 'b')} AND a.gk = b.fk THEN 1 ELSE 0 END AS gf,
               -- which way a pair that fits either direction goes (_either_way); 0 without his patronymic
               CASE WHEN b.fk IS NULL THEN 0.0 ELSE {_gen_d('fc.c', 'fc.b').format(n_fk=n_fk, n_men=n_men)} END AS gen_d
        FROM (SELECT fc.*, (coalesce(tg.n, 1) + 0.5) / {n_men} AS p_x, (coalesce(tf.n, 1) + 0.5) / {n_fk} AS q_x,
                     -- the two patronymics' names among the patronymics and men's names of the other blocks
                     -- (GEN_PSEUDO): the family judged does not count toward its own names' generations
                     coalesce(tf.n, 0) - coalesce(xf.n, 0) AS c_pat, coalesce(tg.n, 0) - coalesce(xg.n, 0) AS c_giv,
                     coalesce(tq.n, 0) - coalesce(yf.n, 0) AS b_pat, coalesce(tp.n, 0) - coalesce(yg.n, 0) AS b_giv,
                     tp.n AS b_giv_all
              FROM father_cand fc JOIN idents c ON c.ident = fc.child JOIN idents p ON p.ident = fc.parent
              LEFT JOIN tf_given_m tg ON tg.gk = c.fk LEFT JOIN tf_fk tf ON tf.fk = c.fk
              LEFT JOIN block_given xg ON xg.skey = fc.skey AND xg.gk = c.fk
              LEFT JOIN block_fk xf ON xf.skey = fc.skey AND xf.fk = c.fk
              LEFT JOIN tf_given_m tp ON tp.gk = p.fk LEFT JOIN tf_fk tq ON tq.fk = p.fk
              LEFT JOIN block_given yg ON yg.skey = fc.skey AND yg.gk = p.fk
              LEFT JOIN block_fk yf ON yf.skey = fc.skey AND yf.fk = p.fk) fc
        JOIN idents a ON a.ident = fc.child JOIN idents b ON b.ident = fc.parent
        LEFT JOIN block_size bs ON bs.skey = fc.skey LEFT JOIN prior_sibling_bucket psb ON psb.bucket = bs.bucket
        {age_joins} {_age_join('sibling', 'a', 'b')}""")
    units = eng.arrays(f"""
        WITH best AS (SELECT child, max(greatest(m, k)) AS m, max(CASE WHEN sibs THEN 1 ELSE 0 END) AS sibs,
                             max(CASE WHEN woman THEN 1 ELSE 0 END) AS woman,
                             -- blocks too crowded to expand: each namesake counts with weight 1
                             sum(CASE WHEN k > {FATHER_EXPAND_MAX} THEN k / lam ELSE 0 END) AS l_crowded,
                             max(CASE WHEN k > {FATHER_EXPAND_MAX} THEN kb END) AS kb_crowded
                      FROM child_blocks GROUP BY child)
        SELECT i.ident AS child, coalesce(b.m, 0) AS m, coalesce(b.sibs, 0) AS sibs, coalesce(b.woman, 0) AS woman,
               coalesce(b.l_crowded, 0) AS l_crowded, coalesce(b.kb_crowded, 0) AS kb_crowded,
               -- the grouped effects' labels: given name x gender, father's name, decade of birth x gender
               {_label_code("i.gk", "coalesce(i.gender, '?')")} AS gk_code, {_label_code("i.fk")} AS fk_code,
               {_label_code("floor(i.birth_year / 10)", "coalesce(i.gender, '?')")} AS decade_code,
               i.birth_year IS NOT NULL AS dated
        FROM idents i LEFT JOIN best b ON b.child = i.ident
        WHERE i.fk IS NOT NULL ORDER BY i.ident""")
    child = units["child"].astype(np.int64)
    if len(child) == 0:
        _put_prior(eng, "prior_father", np.zeros(0), np.zeros(0))
        _put_prior(eng, "father_present", np.zeros(0), np.zeros(0))
        eng.put("father_kappa", pa.table({"kb": pa.array([], pa.int64()), "kappa": pa.array([], pa.float64())}))
        eng.put("parent_level", pa.table({"ident": pa.array([], pa.int64()), "level": pa.array([], pa.int64()),
                                          "lr": pa.array([], pa.float64())}))
        eng.put("father_share", pa.table({"child": pa.array([], pa.int64()), "parent": pa.array([], pa.int64()),
                                          "p": pa.array([], pa.float64())}))
        eng.put("form_m", pa.table({"m_diff": pa.array([FORM_DIFF_PRIOR], pa.float64())}))
        return np.zeros(0), dict(CHANNEL_PRIOR)
    cand = eng.arrays("""SELECT child, parent, CASE via WHEN 'surname' THEN 0 WHEN 'grandfather' THEN 1 ELSE 2 END AS ch,
                                coalesce(kb, 0) AS kb, w / lam AS x, b_w, coalesce(u_form, -1.0) AS u_form,
                                CASE WHEN form_diff THEN 1 ELSE 0 END AS form_diff, p_gf, gf, gen_d
                         FROM father_w WHERE w > 0""")
    men = eng.arrays("SELECT ident FROM idents WHERE coalesce(gender, 'm') = 'm'")["ident"].astype(np.int64)
    unit_of = np.searchsorted(child, cand["child"].astype(np.int64))
    parent = cand["parent"].astype(np.int64)
    ch = cand["ch"].astype(np.int64)
    x = cand["x"].astype(float)
    brother_c = 1.0 + cand["b_w"].astype(float)
    u_form = cand["u_form"].astype(float)
    form_diff = cand["form_diff"].astype(bool)
    has_form = u_form >= 0
    p_gf = cand["p_gf"].astype(float)
    gf_ok, gf = p_gf > 0, cand["gf"].astype(bool)
    n = len(child)

    m = units["m"].astype(float)
    size = np.minimum(np.floor(np.log2(np.maximum(m, 0) + 1)), 12).astype(int)
    cells = size * 4 + units["sibs"].astype(int) + 2 * units["woman"].astype(int)
    # a registry's children are named differently from its parents, and so are their fathers: the child's
    # given name and the father's name its patronymic gives are two grouped effects of the prior
    effects = [units["gk_code"].astype(np.int64), units["fk_code"].astype(np.int64)]
    # and so are its ages: a person born in 2005 is a registry child (the father listed, his surname hers), a
    # woman born in 1950 has often married out of her father's surname. With birth years, the decade of birth
    # and the gender are a third grouped effect
    if units["dated"].astype(bool).any():
        effects.append(units["decade_code"].astype(np.int64))
    target = POPULATION_EXPECTED["father"] * share if share else 0.1
    channels = list(CHANNEL_PRIOR)
    m_ch = np.array([CHANNEL_PRIOR[c] for c in channels])
    ch_prior = m_ch.copy()

    def positions(idents: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        pos = np.clip(np.searchsorted(child, idents), 0, n - 1)
        return pos, child[pos] == idents

    parent_pos, parent_is_unit = positions(parent)
    men_pos, men_is_unit = positions(men)

    def levels_of(pos: np.ndarray, is_unit: np.ndarray, present: np.ndarray) -> np.ndarray:
        """Class of each man: his P(father present) class, or 4 for a man without patronymic."""
        return np.where(is_unit, _levels(present[pos]), 4)

    def form_lr(m_diff: float) -> np.ndarray:
        """Surname ending agreement (Жук / Жуков): m = how often a true father's differs, u per block."""
        return np.where(~has_form, 1.0, np.where(form_diff, m_diff / np.maximum(u_form, 1e-9),
                                                 (1 - m_diff) / np.maximum(1 - u_form, 1e-9)))

    l_crowded = units["l_crowded"].astype(float)
    # One EM over everything: the logistic prior (cells and name effects), the channel shares, the share of
    # true fathers whose surname ending differs, and the likelihood ratio of a candidate's class (how likely
    # he is a registry child himself, from the current E-step). Each iteration: an E-step, then one M-step
    # of each.
    model = calibrate.LogisticPrior(cells, effects, prior_mean=target)
    m_diff = FORM_DIFF_PRIOR
    r_gf = GF_PRIOR
    level_lr = np.ones(5)
    u_level = None
    pi = model.pi()
    present = np.zeros(n)
    # the scale of the surname channel's chance rates, per class of block size: candidates not explained as
    # fathers are the chance count (Poisson MLE), so the registry itself says how often namesakes of a
    # father turn up — in a block of one or two men (whose other families are mostly the Good–Turing guess)
    # and in one of hundreds alike
    sizes = eng.arrays("SELECT kb, sum(k) AS k, sum(lam0) AS lam FROM child_blocks GROUP BY kb")
    n_kb = int(max(sizes["kb"].max(initial=0), 0)) + 1
    k_all = np.bincount(sizes["kb"].astype(np.int64), sizes["k"].astype(float), n_kb)
    lam_all = np.bincount(sizes["kb"].astype(np.int64), sizes["lam"].astype(float), n_kb)
    kb = cand["kb"].astype(np.int64)
    kb_crowded = units["kb_crowded"].astype(np.int64)
    kappa = np.ones(n_kb)
    surname_ch = ch == 0
    one_way = _one_way(child[unit_of], parent, cand["gen_d"].astype(float))
    for iteration in range(EM_ITERATIONS):
        cand_level = levels_of(parent_pos, parent_is_unit, present)
        scale = np.where(surname_ch, 1.0 / kappa[kb], 1.0)
        term = m_ch[ch] * x * scale * form_lr(m_diff) * level_lr[cand_level] * _grandfather_lr(gf_ok, gf, p_gf, r_gf) \
            / brother_c
        crowded = m_ch[0] * l_crowded / kappa[kb_crowded]
        L = np.bincount(unit_of, term, n) + crowded
        both_present = calibrate.responsibilities(pi, L)
        both_share = np.where(L[unit_of] > 0, both_present[unit_of] * term / np.maximum(L[unit_of], 1e-300), 0.0)
        # a pair that fits either direction (Ігор Віталійович and Віталій Ігорович) is one of the two
        # readings, as in the posterior (_father_posterior): otherwise the father of such a pair counts as a
        # registry child himself, and his class takes the credit for all his children
        share_c = one_way(both_share)
        new_present = both_present - np.bincount(unit_of, both_share - share_c, n)
        model.step(new_present)
        # for the chance count, a candidate of either reading is explained (he is the child's father or son)
        # (and so is a brother named like their father, the brother reading of what is not the father)
        brother = (1 - 1 / brother_c) * (1 - both_share)
        explained = np.bincount(kb[surname_ch], (both_share + brother)[surname_ch], n_kb) \
            + np.bincount(kb_crowded, np.where(L > 0, both_present * crowded / np.maximum(L, 1e-300), 0.0), n_kb)
        kappa = np.clip((k_all - explained + KAPPA_PSEUDO) / (lam_all + KAPPA_PSEUDO), 0.05, 20.0)
        total = float(share_c.sum())
        m_ch = (np.bincount(ch, share_c, len(channels)) + CHANNEL_WEIGHT * ch_prior) / (total + CHANNEL_WEIGHT)
        m_diff = (float(share_c[has_form & form_diff].sum()) + FORM_WEIGHT * FORM_DIFF_PRIOR) \
            / (float(share_c[has_form].sum()) + FORM_WEIGHT)
        # sons named like their grandfather: of a coinciding son, the share r / (r + (1 - r) p) is so named
        named = share_c[gf] * r_gf / (r_gf + (1 - r_gf) * p_gf[gf])
        r_gf = (float(named.sum()) + GF_WEIGHT * GF_PRIOR) / (float(share_c[gf_ok].sum()) + GF_WEIGHT)
        if iteration >= EM_ITERATIONS // 3:          # candidate classes once the presence estimates settle
            if u_level is None:
                u_level = np.bincount(levels_of(men_pos, men_is_unit, new_present), minlength=5).astype(float) + 1.0
                u_level /= u_level.sum()
            m_level = (np.bincount(cand_level, share_c, 5) + LEVEL_WEIGHT * u_level) / (total + LEVEL_WEIGHT)
            # damped (geometric mean with the last step): the classes are bins of P(father present), and men
            # near a bin's edge (the two ends of a pair that fits either direction often are) move between
            # two classes from one iteration to the next; the damping keeps the ratios from swinging with them
            level_lr = np.sqrt(level_lr * m_level / u_level)
        new_pi = model.pi()
        moved = float(np.mean(np.abs(new_present - present)))
        pi, present = new_pi, new_present
        if iteration > EM_ITERATIONS // 3 + 3 and moved < EM_TOLERANCE:
            break
    stats.priors["father_em_iterations"] = iteration + 1
    summary = model.summary()
    _put_prior(eng, "prior_father", child, pi)
    _put_prior(eng, "father_present", child, present)
    eng.put("father_kappa", pa.table({"kb": pa.array(np.arange(n_kb), pa.int64()),
                                      "kappa": pa.array(kappa, pa.float64())}))
    for b in np.flatnonzero(lam_all > 0):
        stats.priors[f"father_chance_scale_{b}"] = round(float(kappa[b]), 4)
    # each candidate's share of its child's presence: P(this man is the child's father), before the
    # alternatives of the posterior (the spouse EM uses it to tell a son's mother from his wife)
    keep = share_c > 1e-4
    eng.put("father_share", pa.table({"child": pa.array(child[unit_of[keep]], pa.int64()),
                                      "parent": pa.array(parent[keep], pa.int64()),
                                      "p": pa.array(share_c[keep], pa.float64())}))
    eng.put("form_m", pa.table({"m_diff": pa.array([m_diff], pa.float64())}))
    stats.priors["father_surname_ending_differs"] = round(m_diff, 4)
    freq["r_gf"] = r_gf
    stats.priors["named_like_grandfather"] = round(r_gf, 4)
    all_levels = levels_of(men_pos, men_is_unit, present)
    eng.put("parent_level", pa.table({"ident": pa.array(men, pa.int64()),
                                      "level": pa.array(all_levels.astype(np.int64), pa.int64()),
                                      "lr": pa.array(level_lr[all_levels], pa.float64())}))
    stats.priors["father"] = round(float(np.mean(pi)), 4)
    sds = summary.get("effect_sd", [])
    stats.priors["father_given_name_sd"] = round(sds[0], 3) if sds else 0.0
    stats.priors["father_father_name_sd"] = round(sds[1], 3) if len(sds) > 1 else 0.0
    if len(sds) > 2:
        stats.priors["father_birth_decade_sd"] = round(sds[2], 3)
    for c, v in zip(channels, m_ch):
        stats.priors[f"father_via_{c}"] = round(float(v), 4)
    for lvl, v in enumerate(level_lr):
        stats.priors[f"father_candidate_class_{lvl}_lr"] = round(float(v), 3)
    return pi, {c: float(v) for c, v in zip(channels, m_ch)}


def _father_posterior(eng: Engine, freq: dict, org_w: str, m_ch: dict) -> None:
    """P(candidate j is the child's father) = A_j / Z with the alternatives that explain j otherwise.

    A_j = pi * w_j * sum over j's channels of m_channel / lam_channel. A candidate j who shares the child's
    patronymic (both named for an X, j himself named X) may be the child's father or its brother. His own
    patronymic X has the same rate r + q whether he is the father or a namesake by chance (a man named X
    is X X-ovich at that rate), so A_j is as for any candidate; as a brother his patronymic is certain and
    his name X comes at the rate r + p of a son named like his father, so the brother reading
    B_j = rho * w_sib * (r + p) / (p (r + q)) joins Z. For a woman, a same-surname man named
    like her father may be her husband (named so by chance, at the same rate as any namesake):
    H_j = pi_wife * w_spouse / m, pi_wife her prior as a woman with no father in the block (in that reading
    he is not her father). The child has one father, and each other candidate is, independently, a brother,
    a husband or a namesake by chance (1 + B_j + H_j against chance): a brother or husband reading of one
    candidate does not exclude another's father reading (Нестор Іванович, father of Марія Несторівна, and
    Нестор Несторович, her brother named like their father, are one family). Summing over which candidate,
    if any, is the father: P(j father) = (A_j / c_j) / Z with c_j = 1 + B_j + H_j and
    Z = 1 - pi + sum A_k / c_k; P(j brother) = (B_j / c_j) (1 - P(j father)), the husband alike (that a
    woman has at most one husband is left to the spouse stage, which takes these husband readings).
    B_j is father_w's b_w, which the father prior's E-step weighs alike.
    """
    ms, mg, md = m_ch["surname"], m_ch["grandfather"], m_ch["derived"]
    r_gf = freq.get("r_gf", GF_PRIOR)
    eng.table("father_scored", f"""
        WITH per_cand AS (
            SELECT fw.child, fw.parent,
                   max(fw.w) * max(coalesce(pl.lr, 1.0)) AS w,
                   -- each channel's m / lam; the surname ending (Жук / Жуков) weighs the surname channel only
                   sum(CASE fw.via WHEN 'surname'
                                   THEN {ms} / coalesce(fk_.kappa, 1.0) * CASE WHEN fw.u_form IS NULL THEN 1.0
                                                              WHEN fw.form_diff THEN fm.m_diff / fw.u_form
                                                              ELSE (1 - fm.m_diff) / (1 - fw.u_form) END
                                   WHEN 'grandfather' THEN {mg} ELSE {md} END / fw.lam) AS lr,
                   arg_max(fw.via, 1 / fw.lam) AS via, arg_max(fw.skey, 1 / fw.lam) AS skey,
                   max(CASE WHEN fw.via = 'surname' THEN fw.lam END) AS lam_surname, max(fw.b_w) AS b_w,
                   max(fw.p_gf) AS p_gf, max(fw.gf) AS gf, max(fw.gen_d) AS gen_d
            FROM father_w fw LEFT JOIN parent_level pl ON pl.ident = fw.parent CROSS JOIN form_m fm
            LEFT JOIN father_kappa fk_ ON fk_.kb = fw.kb
            WHERE fw.w > 0 GROUP BY fw.child, fw.parent),
        terms AS (
            SELECT pc.*, pf.prior, a.gender AS c_gender,
                   b.fk IS NOT NULL AND b.fk = a.fk AS shares_patronymic, {_age_w('spouse', 'a', 'b')} AS w_sp,
                   cb.m AS m_block, coalesce(pw.prior, pw0.prior, 0.0) AS pi_wife,
                   CASE WHEN pc.p_gf < 0 THEN 1.0                        -- _grandfather_lr
                        WHEN pc.gf = 1 THEN ({r_gf} + {1 - r_gf} * pc.p_gf) / pc.p_gf ELSE {1 - r_gf} END AS gf_lr
            FROM per_cand pc JOIN prior_father pf ON pf.unit = pc.child
            LEFT JOIN prior_wife pw ON pw.unit = pc.child LEFT JOIN prior_wife pw0 ON pw0.unit = -1
            JOIN idents a ON a.ident = pc.child JOIN idents b ON b.ident = pc.parent
            LEFT JOIN child_blocks cb ON cb.child = pc.child AND cb.skey = pc.skey AND pc.via = 'surname'
            {_age_join('spouse', 'a', 'b')}),
        weighted AS (
            SELECT *,
                   prior * w * lr * gf_lr AS a_w,
                   CASE WHEN c_gender = 'f' AND NOT shares_patronymic AND via = 'surname'
                        THEN pi_wife * w_sp / greatest(m_block, 1) ELSE 0.0 END AS h_w
            FROM terms),
        others AS (SELECT *, 1 + b_w + h_w AS c FROM weighted),
        z AS (SELECT *, 1 - prior + sum(a_w / c) OVER (PARTITION BY child) AS z FROM others)
        -- odds as A / (Z - A), not p / (1 - p): exact where p rounds to 1 (a rare surname's pair, either way)
        SELECT child, parent, via, skey, w, prior, gf, gen_d, a_w / c / z AS p, h_w / c * (1 - a_w / c / z) AS p_husband,
               b_w / c * (1 - a_w / c / z) AS p_brother, a_w / c / greatest(z - a_w / c, 1e-300) AS odds,
               lam_surname FROM z""")
    # Either direction may fit (Mikhail Aleksandrovich and Aleksandr Mikhailovich: father or son?). The two
    # readings exclude each other: with odds o = p / (1 - p) of each (each from its own child's prior and
    # candidates; computed as A / (Z - A) in father_scored), P(one of them) = (o + o_r) / (1 + o + o_r), split
    # between the two by the generations of the names (_either_way).
    # A father seldom has two children of one given name: namesakes of a man's child (the same name, another
    # birth year or none) share what would be one child's probability.
    eng.table("father_prob", f"""
        WITH dir AS (SELECT f.child, f.parent, f.via, f.skey, f.w, f.prior, f.gf, f.p, f.p_husband, f.p_brother,
                            f.lam_surname, f.gen_d,
                            CASE WHEN rv.child IS NULL THEN f.p ELSE {EITHER_WAY_SQL} END AS score,
                            rv.child IS NOT NULL AS both_ways
                     FROM father_scored f LEFT JOIN father_scored rv ON rv.child = f.parent AND rv.parent = f.child)
        SELECT d.child, d.parent, d.via, d.skey, d.w, d.prior, d.gf, d.gen_d, d.p, d.p_husband, d.p_brother, d.lam_surname,
               d.score / greatest(1.0, sum(d.score) OVER (PARTITION BY d.parent, c.gk, coalesce(c.gender, '?')))
                   AS score,
               d.both_ways,
               count(*) OVER (PARTITION BY d.parent, c.gk, coalesce(c.gender, '?')) > 1 AS namesake_children
        FROM dir d JOIN idents c ON c.ident = d.child""")


# -- 4. spouses ---------------------------------------------------------------------------------------

def _spouse_chance(eng: Engine, freq: dict) -> None:
    """Table ``man_blocks``: per man and block, eligible women k and the chance rate lam.

    A woman is in a man's surname block by chance when she belongs to another family of that surname (born
    into it or married into it). Families are the block's male lines (men by patronymic; a man without one
    is his own line) joined where the father stage found a line's father in the block (a man and his sons
    are one family). The chance that an unrelated woman carries the surname is the share of families
    carrying it, not counting the man's own; a surname seen in one family only gets the Good–Turing
    pseudo-count 2*N2/N1 (N_r = surnames carried by r families), the expected count of a surname seen once.
    Counting lines instead of families would count a man's sons as another family and inflate the chance.
    """
    n_women = freq["n_women"]
    eng.table("families", """
        WITH child_lines AS (
            SELECT m.skey, count(DISTINCT m.fk) AS n FROM members m
            JOIN father_present fp ON fp.unit = m.ident
            JOIN block_given bg ON bg.skey = m.skey AND bg.gk = m.fk
            WHERE m.man AND fp.prior > 0.5 GROUP BY m.skey)
        SELECT l.skey, greatest(l.r - coalesce(c.n, 0), 1) AS f FROM lines l LEFT JOIN child_lines c ON c.skey = l.skey""")
    total, n1, n2 = eng.rows(
        "SELECT sum(f), count(*) FILTER (WHERE f = 1), count(*) FILTER (WHERE f = 2) FROM families")[0]
    total = max(1, int(total or 1))
    c0 = min(1.0, max(0.01, 2.0 * (n2 or 0) / n1)) if n1 else 1.0
    eng.table("man_blocks", f"""
        SELECT h.ident AS h, h.skey, h.gk, h.fk,
               coalesce(wa.n, 0) - coalesce(ws.n, 0) - coalesce(wd.n, 0) AS k,
               {n_women} * (greatest(fa_.f - 1, 0) + {c0}) / {total} AS lam,
               {_bucket('l.r')} * 2 + CASE WHEN coalesce(kids.n, 0) > 0 THEN 1 ELSE 0 END AS cell
        FROM members h JOIN lines l ON l.skey = h.skey JOIN families fa_ ON fa_.skey = h.skey
        LEFT JOIN (SELECT skey, sum(n) AS n FROM block_women GROUP BY skey) wa ON wa.skey = h.skey
        LEFT JOIN block_women ws ON ws.skey = h.skey AND ws.fk = h.fk
        LEFT JOIN block_women wd ON wd.skey = h.skey AND wd.fk = h.gk AND h.gk IS DISTINCT FROM h.fk
        LEFT JOIN block_fk kids ON kids.skey = h.skey AND kids.fk = h.gk AND h.gk IS DISTINCT FROM h.fk
        WHERE h.gender = 'm' AND h.is_main""")


def _spouse_candidates_sql(eng: Engine, org_w: str, where: str = "") -> str:
    age_w, age_joins = _cohort_age_w(eng, "spouse", "a", "b", group="mb.skey")
    return f"""
        SELECT mb.h, wm.ident AS wife, mb.skey, mb.lam, mb.cell, {age_w} * {org_w} AS w, {SAME_ORG} AS same
        FROM man_blocks mb
        JOIN members wm ON wm.skey = mb.skey AND wm.gender = 'f' AND wm.ident <> mb.h
        JOIN idents a ON a.ident = mb.h JOIN idents b ON b.ident = wm.ident
        {age_joins}
        WHERE mb.k > 0 AND (wm.fk IS NULL OR (wm.fk IS DISTINCT FROM mb.fk          -- not his sister
                                              AND wm.fk IS DISTINCT FROM mb.gk))     -- not his daughter
        {where}"""


def _spouse_prior(eng: Engine, stats: PipelineStats, org_u: float, share: float | None) -> tuple[float, float]:
    """EM for the spouse priors: per man, P(his wife is in his block) — cells: block lines x children in the
    block x how likely he is a registry child himself; effects: his given name and his father's name — and
    per woman, P(her husband is in her block), with her given and father's names.

    The E-step respects that a woman has one husband: the pairs' shares, each normalised over its man's
    women, exclude each other as odds (_one_husband: four brothers of one block cannot all be married to
    the one woman there; the man whose own father is not in the block — their father — is). Blocks too
    crowded to expand (more than SPOUSE_EXPAND_MAX women) count with weight 1 per woman, man-side only.
    The EM weighs names and birth years only; the pairs' shares it ends with, as weights, give the spouses'
    own likelihood ratios of the same organisation (_org_lr), which the posteriors use (returned).
    Tables: ``prior_spouse(unit, prior)`` per man, ``prior_wife(unit, prior)`` per woman.
    """
    men = eng.arrays(f"""
        WITH g AS (
            SELECT mb.h, max(mb.cell) AS cell, max(i.gk) AS gk, max(i.fk) AS fk,
                   max(coalesce(fp.prior, 0)) AS has_father,
                   sum(CASE WHEN mb.k > {SPOUSE_EXPAND_MAX} THEN mb.k / mb.lam ELSE 0 END) AS l_crowded,
                   sum(greatest(mb.k, 0)) AS k_all, sum(mb.lam) AS lam_all
            FROM man_blocks mb JOIN idents i ON i.ident = mb.h LEFT JOIN father_present fp ON fp.unit = mb.h
            GROUP BY mb.h)
        SELECT h, cell, has_father, l_crowded, k_all, lam_all, {_label_code("gk")} AS gk, {_label_code("fk")} AS fk
        FROM g ORDER BY h""")
    n_men_known = int(eng.scalar("SELECT count(*) FROM idents WHERE gender = 'm'") or 0)
    target = POPULATION_EXPECTED["spouse"] * share if share else 0.1
    h = men.get("h", np.zeros(0)).astype(np.int64)
    if len(h) == 0:
        _put_prior(eng, "prior_spouse", np.zeros(0), np.zeros(0))
        _put_prior(eng, "prior_wife", np.array([-1]), np.array([target]))
        _put_prior(eng, "wife_lr", np.zeros(0), np.zeros(0))
        eng.put("spouse_kappa", pa.table({"kappa": pa.array([1.0], pa.float64())}))
        stats.priors["spouse"] = 0.0
        stats.priors["spouse_org_same_lr"] = 1.0
        return 1.0, 1.0
    eng.table("spouse_pairs", f"""
        SELECT h, wife, sum(w) / max(lam) AS x, coalesce(max(same), -1) AS same,
               row_number() OVER (ORDER BY h, wife) - 1 AS k FROM
               ({_spouse_candidates_sql(eng, "1.0", f'AND mb.k <= {SPOUSE_EXPAND_MAX}')}) c
        WHERE w > 0 GROUP BY h, wife""")
    pairs = eng.arrays("SELECT h, wife, x, same FROM spouse_pairs ORDER BY k")
    # A woman beside a man and his father may be the father's wife, i.e. the son's mother: the son's claim
    # on her is discounted by P(that man is his father) * P(she is that man's wife) (current E-step).
    mother_alt = eng.arrays("""
        SELECT s.k AS son_pair, f.k AS father_pair, fs.p
        FROM spouse_pairs s JOIN father_share fs ON fs.child = s.h
        JOIN spouse_pairs f ON f.h = fs.parent AND f.wife = s.wife""")
    women = eng.arrays(f"""
        SELECT w.ident, {_label_code("w.gk")} AS gk, {_label_code("w.fk")} AS fk, coalesce(fp.prior, 0) AS has_father
        FROM idents w LEFT JOIN father_present fp ON fp.unit = w.ident
        WHERE w.gender = 'f' AND w.ident IN (SELECT wm.ident FROM members wm
                                             WHERE wm.gender = 'f' AND wm.skey IN (SELECT skey FROM man_blocks WHERE k > 0))
        ORDER BY w.ident""")
    w_id = women["ident"].astype(np.int64)
    man_of = np.searchsorted(h, pairs["h"].astype(np.int64)) if len(pairs["h"]) else np.zeros(0, np.int64)
    wife_of = np.searchsorted(w_id, pairs["wife"].astype(np.int64)) if len(pairs["h"]) else np.zeros(0, np.int64)
    x = pairs["x"].astype(float) if len(pairs["h"]) else np.zeros(0)
    l_crowded = men["l_crowded"].astype(float)
    has_father = np.digitize(men["has_father"].astype(float), PARENT_LEVELS)
    man_model = calibrate.LogisticPrior(men["cell"].astype(int) * 4 + has_father,
                                        [men["gk"].astype(np.int64), men["fk"].astype(np.int64)],
                                        prior_mean=target)
    w_level = np.digitize(women["has_father"].astype(float), PARENT_LEVELS)
    woman_model = calibrate.LogisticPrior(w_level, [women["gk"].astype(np.int64), women["fk"].astype(np.int64)],
                                          prior_mean=target)
    pi = man_model.pi()
    r_wife = np.zeros(len(w_id))
    son_pair = mother_alt["son_pair"].astype(np.int64)
    father_pair = mother_alt["father_pair"].astype(np.int64)
    son_share = mother_alt["p"].astype(float)
    r_pair = np.zeros(len(x))
    k_all, lam_all = men["k_all"].astype(float), men["lam_all"].astype(float)
    kappa = 1.0
    wife_lr = np.ones(len(w_id))

    def woman_lr() -> np.ndarray:
        """How much likelier than the average woman of the blocks this one is to be a wife there (her
        class as a registry child, her given and father's names): the women's side of each pair."""
        p = woman_model.pi()
        return np.clip(p / max(float(p.mean()), 1e-9), 0.05, 5.0) if len(p) else p

    for _ in range(SPOUSE_EM_ITERATIONS):
        as_mother = np.minimum(1.0, np.bincount(son_pair, son_share * r_pair[father_pair], len(x)))
        xx = x * (1 - as_mother) * wife_lr[wife_of] / kappa
        L = np.bincount(man_of, xx, len(h)) + l_crowded / kappa
        z = np.maximum(1 - pi + pi * L, 1e-300)
        r_pair = pi[man_of] * xx / z[man_of]
        r_pair = _one_husband(r_pair, wife_of, len(w_id))
        r_man = np.bincount(man_of, r_pair, len(h)) + pi * (l_crowded / kappa) / z
        man_model.step(np.clip(r_man, 0, 1))
        # the chance rate's scale: eligible women not explained as wives are the chance count (Poisson MLE)
        kappa = float(np.clip((k_all.sum() - r_man.sum() + KAPPA_PSEUDO) / (lam_all.sum() + KAPPA_PSEUDO),
                              0.01, 10.0))
        new_wife = np.minimum(1.0, np.bincount(wife_of, r_pair, len(w_id)))
        woman_model.step(new_wife)
        wife_lr = woman_lr()
        new_pi = man_model.pi()
        moved = float(np.mean(np.abs(new_pi - pi))) if len(pi) else 0.0
        pi, r_wife = new_pi, new_wife
        if moved < EM_TOLERANCE:
            break
    if os.environ.get("TAMYR_KIN_DEBUG"):
        cells = man_model.cells
        for c in np.unique(cells):
            sel = cells == c
            print(f"spouse cell {c}: men {sel.sum()}, with women {(L[sel] > 0).sum()}, mean r {r_man[sel].mean():.3f},"
                  f" mean pi {pi[sel].mean():.3f}", file=sys.stderr)
    _put_prior(eng, "prior_spouse", h, pi)
    # For the father stage's husband reading (a man named like her father): her prior as a woman with no
    # father in the block (in that reading he is not her father; at her own level, which counts him as her
    # father, the prior would argue against the reading it is asked about). Women with no eligible man in
    # their block get the women's mean.
    wife_pi = woman_model.pi_at(0)
    _put_prior(eng, "prior_wife", np.append(w_id, -1), np.append(wife_pi, float(np.mean(wife_pi)) if len(wife_pi) else target))
    eng.put("spouse_kappa", pa.table({"kappa": pa.array([kappa], pa.float64())}))
    _put_prior(eng, "wife_lr", w_id, wife_lr)
    stats.priors["spouse_chance_scale"] = round(kappa, 4)
    stats.priors["spouse"] = round(float(np.sum(pi)) / max(n_men_known, 1), 4)
    stats.priors["wife_in_block"] = round(float(np.mean(r_wife)) if len(r_wife) else 0.0, 4)
    sds = man_model.summary().get("effect_sd", [])
    stats.priors["spouse_given_name_sd"] = round(sds[0], 3) if sds else 0.0
    same_org = pairs["same"].astype(np.int64) if len(pairs["h"]) else np.zeros(0, np.int64)
    org = _org_lr(float(r_pair[same_org == 1].sum()), float(r_pair[same_org >= 0].sum()), org_u)
    stats.priors["spouse_org_same_lr"] = round(org[0], 3)
    return org


def _spouses(eng: Engine, org: tuple[float, float], odds_min: float) -> None:
    """Spouse posteriors, expanded only for (man, block) where a wife could reach the output threshold with
    the best birth-year and organisation weight the data hold (and at most SPOUSE_EXPAND_MAX eligible
    women). ``org``: the spouses' (same, diff) likelihood ratios of the same organisation."""
    org_w = _org_w(*org)
    # the largest birth-year weight a pair can have (1 without birth years)
    m_max, u_min = eng.rows("SELECT (SELECT max(m) FROM spouse_age_m), (SELECT min(u) FROM spouse_cohort_u)")[0]
    w_max = min(AGE_LR_MAX, float(m_max) / float(u_min)) if m_max is not None and u_min else 1.0
    w_max *= max(org)
    kappa = float(eng.scalar("SELECT max(kappa) FROM spouse_kappa") or 1.0)
    eng.table("spouse_blocks", f"""
        SELECT mb.h, mb.skey FROM man_blocks mb JOIN prior_spouse ps ON ps.unit = mb.h
        WHERE mb.k > 0 AND mb.k <= {SPOUSE_EXPAND_MAX}
          AND ps.prior * greatest({w_max}, 1.0) / ({kappa} * mb.lam) / greatest(1 - ps.prior, 1e-6)
              >= {odds_min * PRUNE}""")
    eng.table("spouse_prob", f"""
        WITH pairs AS ({_spouse_candidates_sql(eng, org_w, "AND (mb.h, mb.skey) IN (SELECT h, skey FROM spouse_blocks)")}),
        scored AS (
            SELECT p.*, (ps.prior * p.w * coalesce(wl.prior, 1.0) / ({kappa} * p.lam))
                        / (1 - ps.prior + ps.prior * sum(p.w * coalesce(wl.prior, 1.0)) OVER (PARTITION BY p.h, p.skey)
                                           / ({kappa} * p.lam)) AS p
            FROM pairs p JOIN prior_spouse ps ON ps.unit = p.h LEFT JOIN wife_lr wl ON wl.unit = p.wife
            WHERE p.w > 0),
        best AS (SELECT h, wife, arg_max(skey, p) AS skey, max(p) AS p FROM scored GROUP BY h, wife
                 UNION ALL   -- a wife whose patronymic is her husband's name (the father stage's alternative)
                 SELECT parent, child, skey, p_husband FROM father_prob WHERE p_husband > 0),
        merged AS (SELECT h, wife, arg_max(skey, p) AS skey, max(p) AS p FROM best GROUP BY h, wife)
        SELECT * FROM merged WHERE p > 0""")
    # a son's claim on the woman his father may be married to (his mother) is what that reading leaves;
    # then one wife per man, one husband per woman (_one_husband)
    eng.table("spouse_prob", f"""
        WITH mother AS (SELECT s.h, s.wife, least(1.0, sum(fp.score * f.p)) AS as_mother
                        FROM spouse_prob s JOIN father_prob fp ON fp.child = s.h
                        JOIN spouse_prob f ON f.h = fp.parent AND f.wife = s.wife
                        GROUP BY s.h, s.wife),
        adjusted AS (SELECT s.h, s.wife, s.skey, s.p * (1 - coalesce(m.as_mother, 0)) AS p
                     FROM spouse_prob s LEFT JOIN mother m ON m.h = s.h AND m.wife = s.wife),
        odds AS (SELECT *, least(p, {P_MAX}) / (1 - least(p, {P_MAX})) AS o FROM adjusted WHERE p > 0)
        SELECT h, wife, skey, p, least(o / (1 + sum(o) OVER (PARTITION BY wife)),
                                       p / greatest(1.0, sum(p) OVER (PARTITION BY h))) AS score
        FROM odds""")


def _one_husband(r: np.ndarray, wife_of: np.ndarray, n_women: int) -> np.ndarray:
    """A woman has one husband: the pairs' shares ``r`` (each from its man's side) as odds against none,
    o = r / (1 - r), exclude each other and none: r_i = o_i / (1 + sum of her o_j). One claim alone is
    kept; two men who each make her a likely wife share her with none (0.5 and 0.5 become 1/3 each, not
    1/2 each, which would make her surely married); a man whose prior is much higher (a man with children
    in the block beside his son) takes her from the other in proportion to their odds. The SQL of
    _spouses applies the same rule to the posteriors."""
    o = np.minimum(r, P_MAX) / (1 - np.minimum(r, P_MAX))
    return o / (1 + np.bincount(wife_of, o, n_women))[wife_of]


# -- 5. siblings --------------------------------------------------------------------------------------

def _sibling_prior(eng: Engine, freq: dict, stats: PipelineStats) -> None:
    """Pair prior rho per block-size bucket: the share of a block's pairs who are siblings, by EM over
    aggregate counts (no pair expansion). Pairs sharing patronymic X match by chance at q(X), X's frequency
    outside the block; siblings always match."""
    n_fk = freq["n_fk"]
    eng.table("block_size", f"""SELECT skey, count(*) AS s, {_bucket('count(*)')} AS bucket
                                FROM members WHERE fk IS NOT NULL GROUP BY skey""")
    buckets = eng.rows(f"""
        WITH matched AS (SELECT bf.skey, bf.n * (bf.n - 1) / 2.0 AS pairs,
                                greatest(tf.n - bf.n, 0.5) / {n_fk} AS q
                         FROM block_fk bf JOIN tf_fk tf ON tf.fk = bf.fk WHERE bf.n > 1)
        SELECT b.bucket, sum(b.s * (b.s - 1) / 2.0) AS all_pairs, list(m.pairs) AS m_pairs, list(m.q) AS m_q
        FROM block_size b LEFT JOIN matched m ON m.skey = b.skey WHERE b.s > 1 GROUP BY b.bucket""")
    all_p = sum(float(r[1]) for r in buckets)
    pairs_all = np.concatenate([np.array([x for x in r[2] if x is not None] or [0.0]) for r in buckets]) \
        if buckets else np.zeros(1)
    q_all = np.concatenate([np.array([x for x in r[3] if x is not None] or [1.0]) for r in buckets]) \
        if buckets else np.ones(1)
    pooled = calibrate.estimate_pair_rate(pairs_all, q_all, all_p)
    prior = {}
    for bucket, total, m_pairs, m_q in buckets:
        mp = np.array([x for x in m_pairs if x is not None] or [0.0])
        mq = np.array([x for x in m_q if x is not None] or [1.0])
        prior[int(bucket)] = calibrate.estimate_pair_rate(mp, mq, float(total), prior_mean=pooled)
    keys = np.arange(13)
    _put_prior(eng, "prior_sibling_bucket", keys, np.array([prior.get(int(b), pooled) for b in keys]), key="bucket")
    stats.priors["sibling_pair"] = round(pooled, 5)


def _siblings(eng: Engine, freq: dict, stats: PipelineStats, org_u: float, odds_min: float) -> tuple[float, float]:
    """Pairs of one block sharing the patronymic X: sibling odds rho * w / q(X). A man and a woman sharing a
    patronymic may instead be spouses whose fathers share a name; and what the parent-child reading of the
    pair takes (a father named like his own father) is not left to siblings. The weight w is the birth
    years' times the same organisation's, whose likelihood ratios are the siblings' own: estimated with
    the pairs' posteriors from names and years alone as weights (_org_lr; returned)."""
    n_fk = freq["n_fk"]
    spouse_rate = float(eng.scalar("SELECT coalesce(avg(prior), 0) FROM prior_spouse") or 0.0)
    age_w, age_joins = _cohort_age_w(eng, "sibling", "a", "b")
    w_max = 50.0
    eng.table("sibling_cand", f"""
        WITH groups AS (
            SELECT bf.skey, bf.fk, ps.prior, greatest(tf.n - bf.n, 0.5) / {n_fk} AS q
            FROM block_fk bf JOIN block_size bl ON bl.skey = bf.skey
            JOIN prior_sibling_bucket ps ON ps.bucket = bl.bucket
            JOIN tf_fk tf ON tf.fk = bf.fk
            WHERE bf.n > 1 AND ps.prior * {w_max} / (greatest(tf.n - bf.n, 0.5) / {n_fk}) >= {odds_min * PRUNE}),
        pairs AS (
            SELECT x.ident AS a_id, y.ident AS b_id, g.skey, g.prior, g.q
            FROM groups g JOIN members x ON x.skey = g.skey AND x.fk = g.fk
            JOIN members y ON y.skey = g.skey AND y.fk = g.fk AND y.ident > x.ident
            WHERE NOT (x.gk = y.gk AND coalesce(x.gender, '?') = coalesce(y.gender, '?')))
        SELECT pairs.*, {age_w} AS aw, {SAME_ORG} AS same,
               CASE WHEN a.gender IS NOT NULL AND b.gender IS NOT NULL AND a.gender <> b.gender
                    THEN {spouse_rate} ELSE 0 END AS alt
        FROM pairs JOIN idents a ON a.ident = a_id JOIN idents b ON b.ident = b_id
        {age_joins}""")
    def p_sibling(w: str) -> str:
        """P(sibling) of a candidate pair with weight w, against chance and the spouse reading (alt)."""
        return f"(prior * {w} / q) / (prior * {w} / q + 1 - prior + alt)"

    n_same, n_known = eng.rows(f"""
        WITH p0 AS (SELECT same, {p_sibling('aw')} AS p FROM sibling_cand WHERE aw > 0 AND same IS NOT NULL)
        SELECT coalesce(sum(p * same), 0), coalesce(sum(p), 0) FROM p0""")[0]
    same, diff = _org_lr(float(n_same), float(n_known), org_u)
    stats.priors["sibling_org_same_lr"] = round(same, 3)
    eng.table("sibling_prob", f"""
        WITH w AS (
            SELECT c.*, c.aw * {_org_w(same, diff, 'c.same')} AS w FROM sibling_cand c),
        raw AS (
            SELECT a_id, b_id, arg_max(skey, prior * w / q) AS skey, min(q) AS q,
                   max({p_sibling('w')}) AS p
            FROM w WHERE w > 0 GROUP BY a_id, b_id),
        parental AS (SELECT child, parent, max(score) AS p FROM father_prob GROUP BY child, parent)
        SELECT raw.a_id, raw.b_id, raw.skey, raw.q,
               raw.p * greatest(0.0, 1 - coalesce(f1.p, 0) - coalesce(f2.p, 0)) AS score
        FROM raw LEFT JOIN parental f1 ON f1.child = raw.a_id AND f1.parent = raw.b_id
        LEFT JOIN parental f2 ON f2.child = raw.b_id AND f2.parent = raw.a_id""")
    eng.drop("sibling_cand")
    return same, diff


# -- 6. mothers ---------------------------------------------------------------------------------------

def _mothers(eng: Engine, min_score: float) -> None:
    """Table ``mother_prob``: per child and woman, P(she is the wife of the child's father), summed over the
    men the patronymic may name (a child has one father, so the readings exclude each other: two namesake
    candidates for the father, each a candidate husband of one woman, both make her the mother); the most
    likely of those men (ties broken by identity, so that the reason is the same from run to run) and how
    many there are, for the reason."""
    eng.table("mother_prob", f"""
        WITH via AS (
            SELECT f.child, s.wife AS mother, f.parent AS father, f.score AS p_father, s.score AS p_wife,
                   f.score * s.score * CASE WHEN {_age_w('mother', 'c', 'm')} > 0 THEN 1.0 ELSE 0.0 END AS p
            FROM father_prob f JOIN spouse_prob s ON s.h = f.parent
            JOIN idents c ON c.ident = f.child JOIN idents m ON m.ident = s.wife
            {_age_join('mother', 'c', 'm')}
            WHERE s.wife <> f.child),
        ranked AS (
            SELECT *, row_number() OVER (PARTITION BY child, mother ORDER BY p DESC, father) AS k,
                   sum(p) OVER (PARTITION BY child, mother) AS total,
                   count(*) OVER (PARTITION BY child, mother) AS fathers
            FROM via WHERE p > 0)
        SELECT child, mother, father, p_father, p_wife, least(total, 1.0) AS score, fathers
        FROM ranked WHERE k = 1 AND total >= {min_score}""")


# -- ties ---------------------------------------------------------------------------------------------

# The output rows, best first: person_id, relative_id, relationship, score, reasons (both directions).
# Ordered by the written (rounded) score: the raw one differs between runs in its last bits (sums in
# parallel), which would reorder ties of equal written score from one run to the next.
OUTPUT_SQL = """SELECT a.id AS person_id, b.id AS relative_id, t.relationship, round(t.score, 4) AS score, t.reasons
                FROM ties t JOIN persons a ON a.pid = t.person JOIN persons b ON b.pid = t.relative
                ORDER BY score DESC, person_id, relative_id, t.relationship"""


def _write_ties(eng: Engine, min_score: float, org_same: dict[str, float]) -> None:
    """Table ``ties``: (person pid, relative pid, relationship, score, reasons, kind), for every record of
    the two persons, in both directions; kind is parent | child | sibling | spouse. ``org_same``: each
    kind's likelihood ratio of the same organisation, which the reasons name where it weighed."""
    n = int(eng.scalar("SELECT count(*) FROM idents") or 1)
    one_in = f"CAST(CAST(round({n} / greatest(1, t.n)) AS BIGINT) AS VARCHAR)"
    child_word = "(CASE c.gender WHEN 'm' THEN 'son' WHEN 'f' THEN 'daughter' ELSE 'child' END)"

    def years(younger: str, older: str, who: str) -> str:
        """'; the father is 26 years older' (or younger, when the years say so)."""
        gap = f"{younger}.birth_year - {older}.birth_year"
        return (f"(CASE WHEN {younger}.birth_year IS NULL OR {older}.birth_year IS NULL THEN '' "
                f"WHEN {gap} >= 0 THEN '; {who} is ' || CAST({gap} AS VARCHAR) || ' years older' "
                f"ELSE '; {who} is ' || CAST(-({gap}) AS VARCHAR) || ' years younger' END)")

    def org(kind: str, a: str, b: str) -> str:
        """'; same organisation Акимат … (x2.9)' when the two share one and that weighs for this kind of tie."""
        lr = float(org_same.get(kind, 1.0))
        if lr <= 1.0:
            return "''"
        return (f"(CASE WHEN {a}.org IS NOT NULL AND {a}.org = {b}.org "
                f"THEN '; same organisation ' || {a}.org || ' (x{lr:.1f})' ELSE '' END)")

    eng.table("tf_surname", "SELECT skey, count(DISTINCT ident) AS n FROM members GROUP BY skey")
    eng.table("ident_ties", f"""
        WITH fathers AS (
            SELECT f.child, f.parent, f.score, 'father' AS rel, {child_word} AS back,
                   'patronymic ' || coalesce(cr.patronymic, '?') || ' names a father ' || coalesce(cr.father_given, pr.given)
                   || CASE f.via
                        WHEN 'surname' THEN '; same surname root ' || coalesce(pr.surname, '?') || ' (1 in ' || {one_in} || ' persons)'
                        WHEN 'derived' THEN ', and the surname ' || coalesce(cr.surname, '?') || ' is built from his name'
                        ELSE ', and the surname ' || coalesce(cr.surname, '?') || ' is built from his patronymic '
                             || coalesce(pr.patronymic, '?') END
                   || {years('c', 'p', 'the father')} || {org('father', 'c', 'p')}
                   || CASE WHEN f.gf = 1
                           THEN '; the son is named like his grandfather ' || coalesce(pr.father_given, '?')
                                || ' (the father is ' || coalesce(pr.patronymic, '?') || ')'
                           ELSE '' END
                   || CASE WHEN NOT f.both_ways THEN ''
                           WHEN f.gen_d >= ln({GEN_SAY}) THEN '; the names fit either direction, and '
                                || coalesce(pr.patronymic, '?') || ' is a name of an older generation than '
                                || coalesce(cr.patronymic, '?') || ' (' || CAST(round(exp(f.gen_d), 1) AS VARCHAR)
                                || ' to 1 for this reading)'
                           WHEN f.gen_d <= -ln({GEN_SAY}) THEN '; the names fit either direction, and '
                                || coalesce(cr.patronymic, '?') || ' is a name of an older generation than '
                                || coalesce(pr.patronymic, '?') || ' (' || CAST(round(exp(-f.gen_d), 1) AS VARCHAR)
                                || ' to 1 for the other)'
                           ELSE '; the names fit either direction' END
                   || CASE WHEN f.namesake_children THEN '; another person of the same name fits as his child'
                           ELSE '' END
                   || CASE WHEN f.p_brother > 0.05 THEN '; or a brother named like their father ('
                           || CAST(round(f.p_brother, 2) AS VARCHAR) || ')' ELSE '' END
                   || CASE WHEN f.p_husband > 0.05 THEN '; or her husband named like her father ('
                           || CAST(round(f.p_husband, 2) AS VARCHAR) || ')' ELSE '' END AS reasons
            FROM father_prob f JOIN idents c ON c.ident = f.child JOIN idents p ON p.ident = f.parent
            JOIN persons cr ON cr.pid = c.rep JOIN persons pr ON pr.pid = p.rep
            LEFT JOIN tf_surname t ON t.skey = f.skey
            WHERE f.score >= {min_score}),
        mothers AS (
            SELECT mp.child, mp.mother AS parent, mp.score, 'mother' AS rel, {child_word} AS back,
                   'wife (' || CAST(round(mp.p_wife, 2) AS VARCHAR) || ') of ' || hr.name
                   || ', whom the patronymic ' || coalesce(cr.patronymic, '?') || ' names as father ('
                   || CAST(round(mp.p_father, 2) AS VARCHAR) || ')'
                   || CASE WHEN mp.fathers > 1 THEN '; or the wife of another man the patronymic may name ('
                           || CAST(mp.fathers - 1 AS VARCHAR) || ' more)' ELSE '' END
                   || {years('c', 'm', 'the mother')} AS reasons
            FROM mother_prob mp JOIN idents c ON c.ident = mp.child JOIN idents m ON m.ident = mp.mother
            JOIN idents h ON h.ident = mp.father
            JOIN persons cr ON cr.pid = c.rep JOIN persons hr ON hr.pid = h.rep
            WHERE mp.score >= {min_score}),
        siblings AS (
            SELECT s.a_id, s.b_id, s.score, a.gender AS ga, b.gender AS gb,
                   'same patronymic ' || coalesce(ar.patronymic, '?') || ' and surname root ' || coalesce(ar.surname, '?')
                   || ' (1 in ' || {one_in} || ' persons)' || {org('sibling', 'a', 'b')} AS reasons
            FROM sibling_prob s JOIN idents a ON a.ident = s.a_id JOIN idents b ON b.ident = s.b_id
            JOIN persons ar ON ar.pid = a.rep
            LEFT JOIN tf_surname t ON t.skey = s.skey
            WHERE s.score >= {min_score}),
        spouses AS (
            SELECT s.h, s.wife, s.score,
                   'same surname root ' || coalesce(hr.surname, '?') || ' (1 in ' || {one_in} || ' persons), '
                   || CASE WHEN w.fk IS NOT NULL AND w.fk = hh.gk
                           THEN 'her patronymic is his given name: a husband named like her father, or her father'
                           ELSE 'man and woman with different fathers' END || {years('w', 'hh', 'the husband')}
                   || {org('spouse', 'hh', 'w')}
                   || CASE WHEN s.rivals = 2 THEN '; 1 other man of the surname shares the reading (she has one husband)'
                           WHEN s.rivals > 2 THEN '; ' || CAST(s.rivals - 1 AS VARCHAR)
                                || ' other men of the surname share the reading (she has one husband)'
                           ELSE '' END AS reasons
            FROM (SELECT *, sum(CASE WHEN score >= {RIVAL_SAY} THEN 1 ELSE 0 END) OVER (PARTITION BY wife) AS rivals
                  FROM spouse_prob) s
            JOIN idents hh ON hh.ident = s.h JOIN idents w ON w.ident = s.wife
            JOIN persons hr ON hr.pid = hh.rep
            LEFT JOIN tf_surname t ON t.skey = s.skey
            WHERE s.score >= {min_score})
        SELECT child AS a, parent AS b, rel AS relationship, score, reasons, 'parent' AS kind FROM fathers
        UNION ALL SELECT parent, child, back, score, reasons, 'child' FROM fathers
        UNION ALL SELECT child, parent, rel, score, reasons, 'parent' FROM mothers
        UNION ALL SELECT parent, child, back, score, reasons, 'child' FROM mothers
        UNION ALL SELECT a_id, b_id, CASE gb WHEN 'm' THEN 'brother' WHEN 'f' THEN 'sister' ELSE 'sibling' END,
                         score, reasons, 'sibling' FROM siblings
        UNION ALL SELECT b_id, a_id, CASE ga WHEN 'm' THEN 'brother' WHEN 'f' THEN 'sister' ELSE 'sibling' END,
                         score, reasons, 'sibling' FROM siblings
        UNION ALL SELECT h, wife, 'wife', score, reasons, 'spouse' FROM spouses
        UNION ALL SELECT wife, h, 'husband', score, reasons, 'spouse' FROM spouses""")
    # one row per ordered pair and relationship, for every record of the two persons
    # a record joined to its person by name alone carries the tie with the chance that it is that person
    eng.table("ties", f"""
        WITH t AS (SELECT pa.pid AS person, pb.pid AS relative, t.relationship,
                          t.score * coalesce(wa.w, 1.0) * coalesce(wb.w, 1.0) AS score,
                          t.reasons || CASE WHEN wa.how = 'initials' OR wb.how = 'initials'
                                            THEN '; one record joined to its person by its initials'
                                            WHEN wa.w IS NOT NULL OR wb.w IS NOT NULL
                                            THEN '; one record joined to its person by name alone'
                                            ELSE '' END AS reasons, t.kind
                   FROM ident_ties t JOIN pid_ident pa ON pa.ident = t.a JOIN pid_ident pb ON pb.ident = t.b
                   LEFT JOIN merge_weight wa ON wa.pid = pa.pid LEFT JOIN merge_weight wb ON wb.pid = pb.pid
                   WHERE pa.pid <> pb.pid)
        SELECT person, relative, relationship, max(score) AS score, arg_max(reasons, score) AS reasons,
               arg_max(kind, score) AS kind
        FROM t WHERE score >= {min_score} GROUP BY person, relative, relationship""")
