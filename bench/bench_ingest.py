"""Benchmark: ingest N FollowTheMoney entities (JSON lines) into a fresh DuckDB store.

    python bench/bench_ingest.py [--n 1000000] [--workdir bench/out]

Writes a synthetic FtM file (persons, family ties, posts and occupancies, in the proportions of a
civil-service registry), ingests it with `tamyr.ingest.ingest_paths` in one transaction, then
re-ingests it (idempotence check), and prints entities/s and peak RSS. Goal: >= 100k entities/s.
"""

from __future__ import annotations

import argparse
import json
import random
import resource
import time
from pathlib import Path

from tamyr.ingest import ingest_paths
from tamyr.store import Store

GIVEN = ["Нурлан", "Ерлан", "Бахытбек", "Айгерим", "Асель", "Жандос", "Сергей", "Олександр", "Марат", "Дана"]
SURNAMES = ["Ахметов", "Омаров", "Иманалиев", "Сейтов", "Шевченко", "Коваленко", "Смирнов", "Жанбулатов"]


def write_entities(path: Path, n: int, seed: int = 1) -> int:
    rng = random.Random(seed)
    written = 0
    with path.open("w", encoding="utf-8") as out:
        persons = max(1, n // 2)
        for i in range(persons):
            name = f"{rng.choice(SURNAMES)} {rng.choice(GIVEN)} {rng.choice(GIVEN)}ович"
            out.write(json.dumps({"id": f"p{i}", "schema": "Person", "properties": {
                "name": [name], "birthDate": [f"{rng.randint(1950, 2000)}-0{rng.randint(1, 9)}-1{rng.randint(0, 9)}"],
                "gender": [rng.choice(["male", "female"])], "nationality": ["kz"]}}, ensure_ascii=False) + "\n")
            written += 1
        kinds = n - persons
        for j in range(kinds):
            a, b = rng.randrange(persons), rng.randrange(persons)
            if j % 3 == 0:
                entity = {"id": f"f{j}", "schema": "Family", "properties": {
                    "person": [f"p{a}"], "relative": [f"p{b}"], "relationship": [rng.choice(["father", "wife", "son"])]}}
            elif j % 3 == 1:
                entity = {"id": f"pos{j}", "schema": "Position", "properties": {
                    "name": [f"Начальник отдела {j}"], "country": ["kz"]}}
            else:
                entity = {"id": f"o{j}", "schema": "Occupancy", "properties": {
                    "holder": [f"p{a}"], "post": [f"pos{j - 1}"], "startDate": [f"{rng.randint(1995, 2024)}"],
                    "status": ["current"]}}
            out.write(json.dumps(entity, ensure_ascii=False) + "\n")
            written += 1
    return written


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--n", type=int, default=1_000_000)
    ap.add_argument("--workdir", type=Path, default=Path("bench/out"))
    args = ap.parse_args()
    args.workdir.mkdir(parents=True, exist_ok=True)
    data = args.workdir / f"ftm_{args.n}.jsonl"
    if not data.exists():
        t = time.perf_counter()
        write_entities(data, args.n)
        print(f"generated {args.n:,} entities ({data.stat().st_size / 1e6:.0f} MB) in {time.perf_counter() - t:.1f} s")
    db = args.workdir / "bench_ingest.duckdb"
    for suffix in ("", ".wal"):
        Path(str(db) + suffix).unlink(missing_ok=True)
    with Store(db) as store:
        t = time.perf_counter()
        [report] = ingest_paths(store, [data])
        elapsed = time.perf_counter() - t
        print(f"ingest: {report.entities:,} entities, {report.statements:,} statements in {elapsed:.1f} s "
              f"= {report.entities / elapsed:,.0f} entities/s")
        t = time.perf_counter()
        [again] = ingest_paths(store, [data])
        print(f"re-ingest of the same file: skipped={again.skipped} in {time.perf_counter() - t:.2f} s")
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"peak RSS {peak:,.0f} MB; store {db.stat().st_size / 1e6:.0f} MB")


if __name__ == "__main__":
    main()
