"""Benchmark `tamyr serve`: /match latency and throughput, dossier page time.

    python bench/bench_api.py                       # the demo store (built in a temp dir)
    python bench/bench_api.py --db big.duckdb --workers 1   # e.g. a 1M-person registry

The server runs as a subprocess on 127.0.0.1 (uvicorn, `--workers` processes, read-only); the load
generator runs in this process on the same machine, so requests/s are a lower bound for the server.
Queries are stored names re-spelled (Cyrillic -> Latin variants, word order shuffled), so they exercise
cross-script keys rather than exact strings. yente's published logic-v1 figure is ~15 requests/s per
vCPU (opensanctions/yente docs/deploy/scaling.md).
"""

from __future__ import annotations

import argparse
import json
import os
import random
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request
from pathlib import Path

import http.client

YENTE_LOGIC_V1_PER_VCPU = 15.0


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def start_server(db: Path, workers: int) -> tuple[subprocess.Popen, str]:
    port = free_port()
    env = {k: v for k, v in os.environ.items() if k != "TAMYR_TOKEN"}
    proc = subprocess.Popen([sys.executable, "-m", "tamyr.cli", "serve", "--db", str(db), "--port", str(port),
                             "--workers", str(workers)], env=env, stderr=subprocess.DEVNULL)
    base = f"http://127.0.0.1:{port}"
    deadline = time.time() + 60
    while True:
        try:
            urllib.request.urlopen(base + "/openapi.json", timeout=5)
            return proc, base
        except OSError:
            if proc.poll() is not None or time.time() > deadline:
                proc.kill()
                raise SystemExit("server did not start")
            time.sleep(0.3)


def sample_queries(db: Path, n: int, seed: int = 7) -> tuple[list[dict], list[str]]:
    from tamyr.names import latin_variants
    from tamyr.store import Store

    with Store(db, read_only=True) as store:
        rows = store.conn.execute(
            f"""SELECT * FROM (SELECT entity_id, value FROM statements WHERE schema = 'Person' AND prop = 'name')
                USING SAMPLE reservoir({int(n)} ROWS) REPEATABLE ({int(seed)})""").fetchall()
        births = dict(store.conn.execute(
            "SELECT entity_id, value FROM statements WHERE prop = 'birthDate' AND entity_id IN (SELECT unnest(?))",
            [[r[0] for r in rows]]).fetchall())
    rng = random.Random(seed)
    queries = []
    for pid, name in rows:
        variants = latin_variants(name, limit=5) or [name]
        spelled = rng.choice(variants)
        words = spelled.split()
        if rng.random() < 0.5:
            words = words[-1:] + words[:-1]  # surname-first order
        props = {"name": [" ".join(words)]}
        if pid in births and rng.random() < 0.5:
            props["birthDate"] = [births[pid]]
        queries.append({"id": pid, "body": {"queries": {"q": {"schema": "Person", "properties": props}}}})
    return queries, [r[0] for r in rows]


class Client:
    """Keep-alive HTTP client sending headers and body in one write (http.client does; httpx's separate
    writes meet the 40 ms delayed-ACK stall on loopback and would measure TCP, not tamyr)."""

    def __init__(self, base: str):
        host, port = base.removeprefix("http://").split(":")
        self.conn = http.client.HTTPConnection(host, int(port), timeout=600)
        self.conn.connect()
        self.conn.sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)

    def request(self, method: str, path: str, body: dict | None = None) -> dict | str:
        data = json.dumps(body).encode() if body is not None else None
        headers = {"Content-Type": "application/json"} if data else {}
        self.conn.request(method, path, body=data, headers=headers)
        response = self.conn.getresponse()
        payload = response.read()
        if response.status != 200:
            raise RuntimeError(f"{method} {path}: {response.status} {payload[:200]!r}")
        return json.loads(payload) if response.getheader("content-type", "").startswith("application/json") else payload

    def post(self, path: str, body: dict):
        return self.request("POST", path, body)

    def get(self, path: str):
        return self.request("GET", path)


def sequential(client: Client, url: str, bodies: list, method: str = "post") -> list[float]:
    times = []
    for body in bodies:
        started = time.perf_counter()
        client.post(url, body) if method == "post" else client.get(body)
        times.append((time.perf_counter() - started) * 1000)
    return times


def throughput(base: str, bodies: list[dict], threads: int, seconds: float) -> float:
    done = [0]
    stop = time.perf_counter() + seconds
    lock = threading.Lock()

    def run(offset: int) -> None:
        client = Client(base)
        i = offset
        if True:
            while time.perf_counter() < stop:
                client.post("/match/default", bodies[i % len(bodies)])
                i += 1
                with lock:
                    done[0] += 1

    pool = [threading.Thread(target=run, args=(k * 17,)) for k in range(threads)]
    started = time.perf_counter()
    for t in pool:
        t.start()
    for t in pool:
        t.join()
    return done[0] / (time.perf_counter() - started)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--db", type=Path, help="store to serve (default: build the demo store)")
    parser.add_argument("--workers", type=int, default=2, help="server worker processes (default 2 = 2 cores)")
    parser.add_argument("--queries", type=int, default=300)
    parser.add_argument("--threads", type=int, default=4, help="concurrent clients for requests/s")
    parser.add_argument("--seconds", type=float, default=15.0)
    parser.add_argument("--out", type=Path, help="write the results as JSON here too")
    args = parser.parse_args()

    if args.db is None:
        from tamyr.demo import build_demo_store
        from tamyr.findings import compute_findings

        args.db = Path(tempfile.mkdtemp()) / "demo.duckdb"
        with build_demo_store(args.db) as store:
            compute_findings(store)

    queries, ids = sample_queries(args.db, args.queries)
    bodies = [q["body"] for q in queries]
    proc, base = start_server(args.db, args.workers)
    result: dict = {"db": str(args.db), "workers": args.workers, "cpus": os.cpu_count()}
    try:
        if True:
            client = Client(base)
            started = time.perf_counter()
            for _ in range(args.workers * 2):  # each worker builds its name index on first use
                warm = Client(base)  # a new connection may land on another worker
                warm.post("/match/default", bodies[0])
            result["index_warmup_s"] = round(time.perf_counter() - started, 2)
            result["persons"] = client.get("/healthz")["persons"]
            lat = sequential(client, "/match/default", bodies)
            hits = 0
            for q in queries[:100]:
                top = client.post("/match/default", q["body"])["responses"]["q"]["results"]
                # found: the person is among the top-scoring results (namesakes tie)
                hits += any(r["id"] == q["id"] and r["score"] == top[0]["score"] for r in top)
            result["match"] = {"median_ms": round(statistics.median(lat), 2),
                               "p95_ms": round(sorted(lat)[int(0.95 * len(lat)) - 1], 2),
                               "found_at_top_respelled": hits / min(100, len(queries))}
            print(json.dumps(result), file=sys.stderr, flush=True)  # match figures, before the slower pages
            for _ in range(args.workers * 2):  # warm the kin graph and findings caches
                Client(base).get(f"/ui/persons/{ids[0]}")
            client = Client(base)  # the warm-up may outlast the server's keep-alive timeout
            pages = sequential(client, "", [f"/ui/persons/{pid}" for pid in ids[:60]], method="get")
            result["dossier_page"] = {"median_ms": round(statistics.median(pages), 2),
                                      "p95_ms": round(sorted(pages)[int(0.95 * len(pages)) - 1], 2)}
        rps = throughput(base, bodies, args.threads, args.seconds)
        cores = min(args.workers, os.cpu_count() or 1)
        result["match"]["requests_per_s"] = round(rps, 1)
        result["match"]["per_core"] = round(rps / cores, 1)
        result["match"]["vs_yente_logic_v1_per_vcpu"] = round(rps / cores / YENTE_LOGIC_V1_PER_VCPU, 1)
    finally:
        proc.terminate()
        proc.wait(timeout=20)
    print(json.dumps(result, indent=2))
    if args.out:
        args.out.write_text(json.dumps(result, indent=2))


if __name__ == "__main__":
    main()
