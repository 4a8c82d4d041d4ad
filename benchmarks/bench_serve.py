"""`sayso serve` under load: a record of about 1,000,000 attributions read by 1 and 20 clients,
idle and during an ingest; per-route req/s and p50/p95/p99, and the server's peak RSS.

    # once: ingest some real articles, then copy them to a million attributions (kept in /tmp)
    .venv/bin/sayso ingest ARTICLES... --db /tmp/serve_bench/base.db
    .venv/bin/python benchmarks/bench_serve.py build --base /tmp/serve_bench/base.db --db /tmp/serve_bench/1m.db
    # then: the load phases (one client; 20 clients; 20 clients during `sayso ingest INGEST...`; one client after)
    .venv/bin/python benchmarks/bench_serve.py load --db /tmp/serve_bench/1m.db --ingest ARTICLES...

The machine is shared: report `uptime`'s load next to the figures (printed at the start and end).
"""
from __future__ import annotations

import argparse
import http.client
import json
import os
import random
import shutil
import signal
import socket
import sqlite3
import statistics
import subprocess
import sys
import threading
import time
from pathlib import Path
from urllib.parse import quote, urlencode

REPO = Path(__file__).resolve().parent.parent
SAYSO = [sys.executable, "-m", "sayso.cli"]
WORDS = ["Republican", "economy", "Clinton", "tax", "immigration", "said", "campaign", "health care", "police",
         "Trump", "voters", "debate", "emails", "jobs", "border", "Russia", "poll", "women", "growth", "war"]


def load() -> str:
    return open("/proc/loadavg").read().split()[:3].__str__()


# -- the server ------------------------------------------------------------------------------------

def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Server:
    """`sayso serve` in a child process; ``peak_rss_mb`` from /proc (the process and its workers)."""

    def __init__(self, db: Path, *, workers: int = 1, env: dict | None = None):
        self.port = free_port()
        cmd = [*SAYSO, "serve", "--db", str(db), "--port", str(self.port), "--workers", str(workers)]
        self.proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
                                     env={**os.environ, **(env or {})}, start_new_session=True)
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            try:
                get(self.port, "/api/v1/stats", timeout=5)
                return
            except OSError:
                if self.proc.poll() is not None:
                    raise SystemExit(f"sayso serve exited: {self.proc.stderr.read().decode()[-2000:]}")
                time.sleep(0.3)
        raise SystemExit("sayso serve did not answer within 60 s")

    def pids(self) -> list[int]:
        out = subprocess.run(["ps", "-o", "pid=", "--ppid", str(self.proc.pid)], capture_output=True, text=True)
        return [self.proc.pid, *(int(p) for p in out.stdout.split())]

    def peak_rss_mb(self) -> float:
        """Peak resident memory (VmHWM) of the server process, or the largest worker's."""
        peaks = []
        for pid in self.pids():
            try:
                for line in open(f"/proc/{pid}/status"):
                    if line.startswith("VmHWM:"):
                        peaks.append(int(line.split()[1]) / 1024)
            except OSError:
                pass
        return max(peaks or [0.0])

    def stop(self) -> float:
        """SIGTERM; seconds until the process has exited."""
        started = time.monotonic()
        self.proc.send_signal(signal.SIGTERM)
        try:
            self.proc.wait(timeout=30)
        except subprocess.TimeoutExpired:
            os.killpg(self.proc.pid, signal.SIGKILL)
            self.proc.wait()
            return float("inf")
        return time.monotonic() - started


def get(port: int, path: str, *, conn: http.client.HTTPConnection | None = None, timeout: float = 30,
        method: str = "GET") -> tuple[int, bytes]:
    own = conn is None
    conn = conn or http.client.HTTPConnection("127.0.0.1", port, timeout=timeout)
    try:
        conn.request(method, path, headers={"Host": "localhost"})
        r = conn.getresponse()
        return r.status, r.read()
    finally:
        if own:
            conn.close()


# -- the request mix -------------------------------------------------------------------------------

def sample_values(db: Path) -> dict:
    """Real keys, speakers and outlets to ask for (read once, before the server starts)."""
    conn = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
    rnd = random.Random(1)
    n = conn.execute("SELECT max(id) FROM articles").fetchone()[0]
    keys = [r[0] for r in conn.execute("SELECT key FROM articles WHERE id IN (%s)" %
                                       ",".join(str(rnd.randint(1, n)) for _ in range(300)))]
    speakers = conn.execute("SELECT id, name FROM speakers WHERE n_quotes > 0 ORDER BY n_quotes DESC LIMIT 300").fetchall()
    outlets = [r[0] for r in conn.execute("SELECT name FROM outlets WHERE n_articles > 0")]
    conn.close()
    return {"keys": keys, "speakers": speakers, "outlets": outlets}


def request_mix(v: dict, rnd: random.Random) -> tuple[str, str]:
    """(route name, path) of one request of a realistic mix."""
    word = rnd.choice(WORDS)
    sid, sname = rnd.choice(v["speakers"])
    surname = sname.split()[-1]
    outlet = rnd.choice(v["outlets"])
    year = rnd.choice(["2015", "2016", "2014-06", "2016-09"])
    q = lambda **p: urlencode(p)  # noqa: E731
    routes = [
        ("home", "/"),
        ("search", f"/?{q(q=word)}"),
        ("search+speaker", f"/api/v1/search?{q(q=word, speaker=surname)}"),
        ("search+outlet", f"/api/v1/search?{q(q=word, outlet=outlet)}"),
        ("search+type", f"/api/v1/search?{q(q=word, source_type=rnd.choice(['person', 'anonymous', 'government']))}"),
        ("search+stance", f"/api/v1/search?{q(q=word, stance=rnd.choice(['asserts', 'denies', 'hedges']))}"),
        ("search+dates", f"/api/v1/search?{q(q=word, date_from=year, date_to=year)}"),
        ("filter:speaker", f"/api/v1/attributions?{q(speaker=surname)}"),
        ("filter:stance+type", f"/?{q(stance='denies', source_type='person')}"),
        ("filter:outlet+dates", f"/api/v1/attributions?{q(outlet=outlet, date_from=year)}"),
        ("deep page", f"/?offset={rnd.choice([2000, 5000, 9980])}"),
        ("deep page api", f"/api/v1/attributions?{q(stance='asserts', offset=rnd.choice([1000, 5000, 9900]))}"),
        ("article", f"/articles/{quote(rnd.choice(v['keys']), safe='')}"),
        ("article api", f"/api/v1/articles/{quote(rnd.choice(v['keys']), safe='')}"),
        ("speaker", f"/speakers/{sid}"),
        ("speakers", f"/speakers?offset={rnd.choice([0, 20, 400])}"),
        ("outlet", f"/outlets/{quote(outlet, safe='')}"),
        ("outlets", "/outlets"),
        ("articles", f"/api/v1/articles?offset={rnd.choice([0, 100, 5000])}"),
        ("stats api", "/api/v1/stats"),
    ]
    return rnd.choice(routes)


def drive(port: int, values: dict, *, clients: int, seconds: float | None = None,
          until: threading.Event | None = None, seed: int = 0) -> dict:
    """``clients`` threads, each on one keep-alive connection, sending the mix until time is up."""
    results: dict[str, list[float]] = {}
    errors: list[str] = []
    lock = threading.Lock()
    stop_at = time.monotonic() + (seconds or 1e9)

    def client(n: int) -> None:
        rnd = random.Random(seed * 1000 + n)
        conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
        while time.monotonic() < stop_at and not (until is not None and until.is_set()):
            route, path = request_mix(values, rnd)
            started = time.monotonic()
            try:
                status, _ = get(port, path, conn=conn)
            except (OSError, http.client.HTTPException) as e:
                status = f"{type(e).__name__}"
                conn.close()
                conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
            took = time.monotonic() - started
            with lock:
                results.setdefault(route, []).append(took)
                if status != 200:
                    errors.append(f"{route} {path[:80]} -> {status}")
        conn.close()

    threads = [threading.Thread(target=client, args=(n,)) for n in range(clients)]
    started = time.monotonic()
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return {"seconds": time.monotonic() - started, "times": results, "errors": errors}


def pct(values: list[float], p: float) -> float:
    if len(values) == 1:
        return values[0]
    return statistics.quantiles(values, n=100, method="inclusive")[int(p) - 1]


def report(name: str, run: dict, rss: float) -> dict:
    every = [t for ts in run["times"].values() for t in ts]
    print(f"\n== {name}: {len(every)} requests in {run['seconds']:.0f} s = {len(every) / run['seconds']:.1f} req/s; "
          f"errors {len(run['errors'])}; server peak RSS {rss:.0f} MB; load {load()}")
    print(f"{'route':22} {'n':>6} {'p50 ms':>8} {'p95 ms':>8} {'p99 ms':>8}")
    out = {}
    for route in sorted(run["times"]):
        ts = run["times"][route]
        row = {"n": len(ts), "p50": 1000 * pct(ts, 50), "p95": 1000 * pct(ts, 95), "p99": 1000 * pct(ts, 99)}
        out[route] = row
        print(f"{route:22} {row['n']:6d} {row['p50']:8.1f} {row['p95']:8.1f} {row['p99']:8.1f}")
    allrow = {"n": len(every), "p50": 1000 * pct(every, 50), "p95": 1000 * pct(every, 95), "p99": 1000 * pct(every, 99)}
    print(f"{'ALL':22} {allrow['n']:6d} {allrow['p50']:8.1f} {allrow['p95']:8.1f} {allrow['p99']:8.1f}")
    for e in run["errors"][:10]:
        print("   error:", e)
    return {"routes": out, "all": allrow, "errors": len(run["errors"]), "rps": len(every) / run["seconds"],
            "peak_rss_mb": rss}


# -- commands --------------------------------------------------------------------------------------

def build(args) -> None:
    from sayso.store.bulk import replicate

    base = sqlite3.connect(args.base)
    n = base.execute("SELECT count(*) FROM attributions").fetchone()[0]
    base.close()
    copies = max(0, -(-args.attributions // n) - 1)
    if Path(args.db).exists():
        raise SystemExit(f"{args.db} exists; remove it first")
    shutil.copy(args.base, args.db)
    print(f"{n} attributions in {args.base}; making {copies} copies; load {load()}", flush=True)
    started = time.monotonic()
    totals = replicate(args.db, copies, on_copy=lambda k: k % 50 == 0 and print(f"  copy {k}", flush=True))
    print(f"built {args.db}: {totals} in {time.monotonic() - started:.0f} s; "
          f"{Path(args.db).stat().st_size / 2**30:.2f} GiB; load {load()}")


def run_load(args) -> None:
    db = Path(args.db)
    values = sample_values(db)
    print(f"{db}: load at start {load()}")
    server = Server(db, workers=args.workers)
    results = {}
    try:
        drive(server.port, values, clients=4, seconds=5)  # warm the page cache and the pool
        results["1 client"] = report("1 client, idle", drive(server.port, values, clients=1, seconds=args.seconds),
                                     server.peak_rss_mb())
        results["20 clients"] = report("20 clients, idle", drive(server.port, values, clients=20, seconds=args.seconds),
                                       server.peak_rss_mb())
        if args.ingest:
            done = threading.Event()
            started = time.monotonic()
            ingest = subprocess.Popen([*SAYSO, "ingest", *args.ingest, "--db", str(db)],
                                      stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
            threading.Thread(target=lambda: (ingest.wait(), done.set()), daemon=True).start()
            run = drive(server.port, values, clients=20, until=done, seed=2)
            took = time.monotonic() - started
            print(f"\ningest took {took:.0f} s, exit {ingest.returncode}: {ingest.stderr.read().decode()[-300:]}")
            wal = Path(f"{db}-wal")
            print(f"WAL after the ingest: {wal.stat().st_size if wal.exists() else 0} bytes")
            results["20 clients, ingest"] = report("20 clients during an ingest", run, server.peak_rss_mb())
            results["1 client, after"] = report("1 client, after the ingest",
                                                drive(server.port, values, clients=1, seconds=args.seconds, seed=3),
                                                server.peak_rss_mb())
    finally:
        print(f"\nSIGTERM stopped the server in {server.stop():.1f} s; load at end {load()}")
    if args.json:
        Path(args.json).write_text(json.dumps(results, indent=1))


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = ap.add_subparsers(dest="cmd", required=True)
    b = sub.add_parser("build", help="copy an ingested store up to N attributions")
    b.add_argument("--base", required=True)
    b.add_argument("--db", required=True)
    b.add_argument("--attributions", type=int, default=1_000_000)
    b.set_defaults(func=build)
    ld = sub.add_parser("load", help="drive the server")
    ld.add_argument("--db", required=True)
    ld.add_argument("--seconds", type=float, default=30)
    ld.add_argument("--workers", type=int, default=1)
    ld.add_argument("--ingest", nargs="*", help="files to ingest during the third phase")
    ld.add_argument("--json", help="also write the figures here")
    ld.set_defaults(func=run_load)
    args = ap.parse_args()
    args.func(args)


if __name__ == "__main__":
    main()
