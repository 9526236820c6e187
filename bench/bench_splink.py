#!/usr/bin/env python3
"""Reference benchmark: splink's DuckDB dedupe on the synthetic national registry that bench_kin.py uses.

    python bench/bench_splink.py --n 1000000 [--seed 1] [--workdir bench/out/kin] [--threshold 0.9]

Reads ``bench/out/kin/synth-{n}-{seed}/registry.csv`` (generating it with ``python -m tamyr.examples.synth``
if absent), splits each name into given name, patronymic and surname with ``tamyr.names.parse_names`` and
compares their transliteration-folded keys (so Cyrillic and Latin spellings meet), then runs splink:
blocking on surname + first letter of the given name and on birth year, comparisons on given name and
surname (Jaro-Winkler), father's name from the patronymic (exact / Jaro-Winkler) and birth date, u by random
sampling, m by EM, prediction at match probability >= threshold. Prints wall time per phase, the total and
peak RSS, one line each, like bench_kin.py. The registry holds no duplicate persons: every predicted pair is a
namesake or a same-named relative, which is what kin inference must tell apart; the last lines say how many
predicted pairs are planted relatives (truth.csv) and how many are the generator's namesakes.

A birth-year block holds ~n/60 persons, so the birth-year rule alone gives ~n^2/120 pairs (1e8 at 100k, 1e10
at 1M). While the two rules together exceed --max-pairs (default 3e8, about five minutes of scoring on two
cores), the birth-year rule is narrowed to birth year + first letter of the surname key, then + first letter
of the given-name key, and the script says so.
"""

from __future__ import annotations

import argparse
import resource
import sys
import time
from pathlib import Path

from synthetic import registry_dir


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--n", type=int, default=1_000_000)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--workdir", type=Path, default=Path("bench/out/kin"))
    ap.add_argument("--threshold", type=float, default=0.9)
    ap.add_argument("--prior", type=float, default=None, help="probability that two random records match (1/n)")
    ap.add_argument("--max-pairs", type=float, default=3e8, help="cap on blocked pairs for prediction (3e8)")
    ap.add_argument("--memory-limit", default="8GB", help="DuckDB memory_limit (8GB; it spills to --workdir beyond)")
    args = ap.parse_args()

    import duckdb
    import pyarrow as pa
    import pyarrow.csv as pa_csv
    from splink import DuckDBAPI, Linker, SettingsCreator, block_on
    import splink.comparison_library as cl

    from tamyr.names import parse_names

    data = registry_dir(args.workdir, args.n, args.seed)

    started = time.perf_counter()
    phase = {"t": started}

    def done(label: str, extra: str = "") -> None:
        now = time.perf_counter()
        print(f"{label:26} {now - phase['t']:8.1f} s{('   ' + extra) if extra else ''}", flush=True)
        phase["t"] = now

    con = duckdb.connect()
    con.execute(f"SET memory_limit = '{args.memory_limit}'").fetchall()
    con.execute(f"SET temp_directory = '{args.workdir / 'duckdb_tmp'}'").fetchall()
    registry = pa_csv.read_csv(data / "registry.csv", convert_options=pa_csv.ConvertOptions(
        column_types={c: pa.string() for c in ("id", "name", "birth_date")}, include_columns=["id", "name", "birth_date"]))
    done("read registry", f"{registry.num_rows:,} rows")

    parsed = parse_names(registry.column("name").to_pylist())
    keys = {k: [p.keys.get(k) for p in parsed] for k in ("given", "surname", "father_given")}
    done("parse names", "tamyr.names.parse_names")

    people = pa.table({"unique_id": registry.column("id"), "given": pa.array(keys["given"], pa.string()),
                       "surname": pa.array(keys["surname"], pa.string()),
                       "father": pa.array(keys["father_given"], pa.string()), "birth_raw": registry.column("birth_date")})
    con.register("people_arrow", people)
    con.execute("""CREATE TABLE people AS SELECT unique_id, given, surname, father,
                     CASE WHEN length(birth_raw) = 10 THEN birth_raw END AS birth_date,
                     substr(birth_raw, 1, 4) AS birth_year,
                     substr(given, 1, 1) AS given_initial, substr(surname, 1, 1) AS surname_initial
                   FROM people_arrow""").fetchall()
    con.unregister("people_arrow")
    del people, parsed, keys, registry

    name_rule = ["surname", "given_initial"]
    year_rules = [["birth_year"], ["birth_year", "surname_initial"], ["birth_year", "surname_initial", "given_initial"]]
    for year_rule in year_rules:  # the birth-year rule, narrowed while the pairs exceed --max-pairs
        pairs = _pairs(con, [name_rule, year_rule])
        if pairs <= args.max_pairs or year_rule == year_rules[-1]:
            break
        print(f"blocking on surname+given initial OR {'+'.join(year_rule)}: {pairs:,.0f} pairs > --max-pairs "
              f"{args.max_pairs:,.0f}; narrowing the birth-year rule")
    done("count blocked pairs", f"{pairs:,.0f} pairs to score (surname+given initial OR {'+'.join(year_rule)})")

    settings = SettingsCreator(
        link_type="dedupe_only",
        # the registry has no repeated persons, so the prior cannot be estimated from exact matches: by
        # default one duplicate pair per two persons (--prior); it falls with n, so at 1M a full-name match
        # with another birth date no longer reaches 0.9
        probability_two_random_records_match=args.prior or 1 / args.n,
        blocking_rules_to_generate_predictions=[block_on(*name_rule), block_on(*year_rule)],
        comparisons=[
            cl.JaroWinklerAtThresholds("given", [0.92, 0.8]),
            cl.JaroWinklerAtThresholds("surname", [0.92, 0.8]),
            cl.JaroWinklerAtThresholds("father", [0.92]),  # exact, close, else
            cl.DateOfBirthComparison("birth_date", input_is_string=True, datetime_format="%Y-%m-%d"),
        ],
        retain_intermediate_calculation_columns=False,
    )
    db_api = DuckDBAPI(con)
    linker = Linker(db_api.register("people"), settings, log_level=30)
    done("splink setup")

    linker.training.estimate_u_using_random_sampling(max_pairs=2e6, seed=args.seed)
    done("estimate u (random pairs)")
    linker.training.estimate_parameters_using_expectation_maximisation(block_on("surname", "given"))
    linker.training.estimate_parameters_using_expectation_maximisation(block_on("birth_date"))
    done("train m (EM, 2 rules)")

    predictions = linker.inference.predict(threshold_match_probability=args.threshold)
    table = predictions.physical_name
    predicted = con.execute(f"SELECT count(*) FROM {table}").fetchall()[0][0]
    done("predict", f"{predicted:,} pairs with p >= {args.threshold}")

    total = time.perf_counter() - started
    rss_gb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024 / 1024
    print(f"splink dedupe: {args.n:,} persons in {total:.1f} s, peak RSS {rss_gb:.2f} GB")

    kin = con.execute(f"""
        SELECT t.relationship, count(*) FROM {table} p
        JOIN read_csv('{data / 'truth.csv'}', all_varchar = true) t
          ON t.person_id = p.unique_id_l AND t.relative_id = p.unique_id_r
        GROUP BY 1 ORDER BY 2 DESC LIMIT 6""").fetchall()
    related = sum(c for _, c in kin)
    print(f"predicted pairs that are planted relatives: {related:,} "
          f"({', '.join(f'{r} {c:,}' for r, c in kin) or 'none'}); the rest are namesakes or unrelated")
    return 0


def _pairs(con, rules: list[list[str]]) -> float:
    """Distinct pairs blocked by the union of equality rules (each pair counted once, as splink does)."""
    total = 0.0
    seen: list[list[str]] = []
    for rule in rules:
        condition = " AND ".join(f"{c} IS NOT NULL" for c in rule)
        total += con.execute(f"""SELECT coalesce(sum(k * (k - 1) / 2), 0) FROM (
            SELECT count(*) AS k FROM people WHERE {condition} GROUP BY {', '.join(rule)})""").fetchall()[0][0]
        for earlier in seen:  # pairs the earlier rule already made are not made again
            both = sorted(set(rule) | set(earlier))
            cond = " AND ".join(f"{c} IS NOT NULL" for c in both)
            total -= con.execute(f"""SELECT coalesce(sum(k * (k - 1) / 2), 0) FROM (
                SELECT count(*) AS k FROM people WHERE {cond} GROUP BY {', '.join(both)})""").fetchall()[0][0]
        seen.append(rule)
    return total


if __name__ == "__main__":
    sys.exit(main())
