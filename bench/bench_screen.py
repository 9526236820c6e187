"""Benchmark: screening candidates against a national-scale store.

    python bench/bench_screen.py [--n 1000000] [--batch 100000] [--workdir bench/out]

Builds (once) a store from the synthetic registry generator: N persons, 20 % of the planted
father/mother/spouse ties as asserted Family entities, senior and junior posts for 10 % of persons,
and criminal sentences for 0.2 %. Then:
  * start-up: loading the world (persons, posts, ties) and the name-key index;
  * one candidate at a time, in process: median and p95 latency over 1,000 candidates (half are
    new children of persons in the store — their patronymic names a father there — half random
    names from the registry), findings with evidence (goal: median <= 20 ms);
  * a batch of B candidates written to a report CSV (goal: 100k <= 2 min).
"""

from __future__ import annotations

import argparse
import csv
import json
import random
import resource
import statistics
import time
from pathlib import Path

from tamyr.examples.synth import write_registry
from tamyr.findings import Candidate, Screener, screen_batch
from tamyr.ingest import ingest_paths
from tamyr.store import Store

POSTS = [("Министр", "senior"), ("Вице-министр", "senior"), ("Аким", "senior"), ("Председатель комитета", "senior"),
         ("Директор департамента", "middle"), ("Главный эксперт", "junior"), ("Главный специалист", "junior")]


def build_store(n: int, workdir: Path) -> Path:
    db = workdir / f"screen_{n}.duckdb"
    if db.exists():
        return db
    data = workdir / f"synth_{n}"
    if not (data / "registry.csv").exists():
        t = time.perf_counter()
        write_registry(data, n, seed=7)
        print(f"generated {n:,} persons in {time.perf_counter() - t:.1f} s")
    rng = random.Random(7)
    ftm = workdir / f"screen_{n}.jsonl"
    with (data / "registry.csv").open(encoding="utf-8") as f, ftm.open("w", encoding="utf-8") as out:
        for row in csv.DictReader(f):
            props = {"name": [row["name"]]}
            if row["birth_date"]:
                props["birthDate"] = [row["birth_date"]]
            if row["gender"]:
                props["gender"] = [{"m": "male", "f": "female"}.get(row["gender"], row["gender"])]
            out.write(json.dumps({"id": row["id"], "schema": "Person", "properties": props}, ensure_ascii=False) + "\n")
            if rng.random() < 0.1:
                org = row["organization"] or "Министерство финансов"
                title, level = rng.choice(POSTS)
                post = f"post-{abs(hash((org, title))) % 10**9}"
                out.write(json.dumps({"id": post, "schema": "Position", "properties": {"name": [title]},
                                      "tamyr": {"seniority": [level]}}, ensure_ascii=False) + "\n")
                out.write(json.dumps({"id": f"occ-{row['id']}", "schema": "Occupancy", "properties": {
                    "holder": [row["id"]], "post": [post], "startDate": [str(rng.randint(2000, 2023))],
                    "status": ["current"]}}, ensure_ascii=False) + "\n")
            if rng.random() < 0.002:
                out.write(json.dumps({"id": f"sent-{row['id']}", "schema": "Sanction", "properties": {
                    "entity": [row["id"]], "program": ["criminal sentence"]}, "tamyr": {
                    "sentenceMonths": ["96"], "verdictDate": [str(rng.randint(2005, 2022))],
                    "charge": ["хищение бюджетных средств"], "corruption": ["yes"]}}, ensure_ascii=False) + "\n")
        with (data / "truth.csv").open(encoding="utf-8") as t:
            for i, tie in enumerate(csv.DictReader(t)):
                if tie["relationship"] in ("father", "mother", "wife") and rng.random() < 0.2:
                    out.write(json.dumps({"id": f"fam-{i}", "schema": "Family", "properties": {
                        "person": [tie["person_id"]], "relative": [tie["relative_id"]],
                        "relationship": [tie["relationship"]]}}, ensure_ascii=False) + "\n")
    with Store(db) as store:
        t = time.perf_counter()
        [report] = ingest_paths(store, [ftm])
        print(f"ingested {report.entities:,} entities in {time.perf_counter() - t:.1f} s")
    return db


def candidates(store: Store, count: int, seed: int = 3) -> list[Candidate]:
    """Half new children of men in the store (patronymic from the man's given name), half registry names."""
    rng = random.Random(seed)
    men = store.conn.execute(
        """SELECT name, birthDate FROM persons WHERE gender = 'male' AND name LIKE '% % %'
           USING SAMPLE 5000 ROWS""").fetchall()
    others = [r[0] for r in store.conn.execute("SELECT name FROM persons USING SAMPLE 5000 ROWS").fetchall()]
    given = ["Айдар", "Арман", "Данияр", "Тимур", "Ерлан", "Нурлан", "Алексей", "Олег"]
    out = []
    for i in range(count):
        if i % 2 == 0 and men:
            name, birth = rng.choice(men)
            parts = name.split()
            surname, father = parts[0], parts[1]  # "Фамилия Имя Отчество" rows
            suffix = "евич" if father.endswith(("й", "ь")) else "ович"
            patronymic = (father[:-1] if father.endswith(("й", "ь")) else father) + suffix
            year = int(birth[:4]) + 28 if birth and birth[:4].isdigit() else None
            out.append(Candidate(f"{surname} {rng.choice(given)} {patronymic}", str(year) if year else None,
                                 None, "2024-06-01"))
        else:
            out.append(Candidate(rng.choice(others), None, None, "2024-06-01"))
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--n", type=int, default=1_000_000)
    ap.add_argument("--single", type=int, default=1000)
    ap.add_argument("--batch", type=int, default=100_000)
    ap.add_argument("--workdir", type=Path, default=Path("bench/out"))
    args = ap.parse_args()
    args.workdir.mkdir(parents=True, exist_ok=True)
    db = build_store(args.n, args.workdir)
    with Store(db) as store:
        t = time.perf_counter()
        screener = Screener(store)
        print(f"start-up (world + name index): {time.perf_counter() - t:.1f} s")
        cands = candidates(store, args.single)
        for with_evidence in (False, True):
            times, verdicts = [], {}
            for cand in cands:
                t = time.perf_counter()
                result = screener.screen(cand, with_evidence=with_evidence)
                times.append((time.perf_counter() - t) * 1000)
                verdicts[result["verdict"]] = verdicts.get(result["verdict"], 0) + 1
            times.sort()
            label = "findings with quotes from the store" if with_evidence else "verdict and findings (no quotes)"
            print(f"single candidate, {label}: median {statistics.median(times):.1f} ms, "
                  f"p95 {times[int(len(times) * 0.95)]:.1f} ms over {len(times)} candidates; verdicts {verdicts}")
    del screener  # the batch loads its own world; don't hold two in memory
    with Store(db) as store:
        batch = candidates(store, args.batch, seed=5)
        rows = [{"id": str(i), "name": c.name, "birth_date": c.birth_date or ""} for i, c in enumerate(batch)]
        t = time.perf_counter()
        summary = screen_batch(store, rows, args.workdir / "screen_report.csv", date="2024-06-01")
        elapsed = time.perf_counter() - t
    print(f"batch of {len(rows):,}: {elapsed:.1f} s incl. {summary['load_seconds']:.1f} s start-up "
          f"({len(rows) / elapsed:,.0f} candidates/s); flag {summary['flag']}, review {summary['review']}, "
          f"clear {summary['clear']}")
    print(f"peak RSS {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:,.0f} MB")


if __name__ == "__main__":
    main()
