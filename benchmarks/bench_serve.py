"""`sayso serve` under load: a record of about 1,000,000 attributions read by 1 and 20 clients,
idle and during an ingest; per-route req/s and p50/p95/p99, and the server's peak RSS.

    # once: ingest some real articles, then copy them to a million attributions (kept in /tmp)
    .venv/bin/sayso ingest ARTICLES... --db /tmp/serve_bench/base.db
    .venv/bin/python benchmarks/bench_serve.py build --base /tmp/serve_bench/base.db --db /tmp/serve_bench/1m.db
    # then, in one command, the four phases (one client; 20 clients; 20 clients during `sayso ingest` of 15
    # PolNeAR train articles the record lacks; one client after) and one table of the figures
    .venv/bin/python benchmarks/bench_serve.py load --db /tmp/serve_bench/1m.db

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
    """Real keys, speakers, outlets, months and claims to ask for (read once, before the server starts)."""
    conn = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
    rnd = random.Random(1)
    n = conn.execute("SELECT max(id) FROM articles").fetchone()[0]
    keys = [r[0] for r in conn.execute("SELECT key FROM articles WHERE id IN (%s)" %
                                       ",".join(str(rnd.randint(1, n)) for _ in range(300)))]
    speakers = conn.execute("SELECT id, name FROM speakers WHERE n_quotes > 0 ORDER BY n_quotes DESC LIMIT 300").fetchall()
    outlets = [r[0] for r in conn.execute("SELECT name FROM outlets WHERE n_articles > 0")]
    first, last = conn.execute("SELECT min(date), max(date) FROM articles").fetchone()
    months = [f"{y}-{m:02d}" for y in range(int(first[:4]), int(last[:4]) + 1) for m in range(1, 13)
              if first[:7] <= f"{y}-{m:02d}" <= last[:7]]
    top = [r[0] for r in conn.execute("SELECT id FROM claims ORDER BY n_articles DESC, n_reports DESC LIMIT 50")]
    m = conn.execute("SELECT max(id) FROM claims").fetchone()[0] or 0
    claims = top + [r[0] for r in conn.execute("SELECT id FROM claims WHERE id IN (%s)" %
                                               ",".join(str(rnd.randint(1, m)) for _ in range(250)))]
    conn.close()
    return {"keys": keys, "speakers": speakers, "outlets": outlets, "months": months, "claims": claims}


def request_mix(v: dict, rnd: random.Random) -> tuple[str, str]:
    """(route name, path) of one request of a realistic mix."""
    word = rnd.choice(WORDS)
    sid, sname = rnd.choice(v["speakers"])
    surname = sname.split()[-1]
    outlet = rnd.choice(v["outlets"])
    month = rnd.choice(v["months"])
    period = rnd.choice([month, month[:4]])
    claim = rnd.choice(v["claims"])
    q = lambda **p: urlencode(p)  # noqa: E731
    routes = [
        ("home", "/"),
        ("search", f"/?{q(q=word)}"),
        ("search+speaker", f"/api/v1/search?{q(q=word, speaker=surname)}"),
        ("search+outlet", f"/api/v1/search?{q(q=word, outlet=outlet)}"),
        ("search+type", f"/api/v1/search?{q(q=word, source_type=rnd.choice(['person', 'anonymous', 'government']))}"),
        ("search+stance", f"/api/v1/search?{q(q=word, stance=rnd.choice(['asserts', 'denies', 'hedges']))}"),
        ("search+dates", f"/api/v1/search?{q(q=word, date_from=period, date_to=period)}"),
        ("search+claim", f"/api/v1/search?{q(q=word, claim=claim)}"),
        ("filter:speaker", f"/api/v1/attributions?{q(speaker=surname)}"),
        ("filter:stance+type", f"/?{q(stance='denies', source_type='person')}"),
        ("filter:outlet+dates", f"/api/v1/attributions?{q(outlet=outlet, date_from=period)}"),
        ("filter:claim", f"/api/v1/attributions?{q(claim=claim)}"),
        ("deep page", f"/?offset={rnd.choice([500, 800, 980])}"),
        ("deep page api", f"/api/v1/attributions?{q(stance='asserts', offset=rnd.choice([400, 700, 900]))}"),
        ("article", f"/articles/{quote(rnd.choice(v['keys']), safe='')}"),
        ("article api", f"/api/v1/articles/{quote(rnd.choice(v['keys']), safe='')}"),
        ("speaker", f"/speakers/{sid}"),
        ("speaker api", f"/api/v1/speakers/{sid}"),
        ("speakers", f"/speakers?offset={rnd.choice([0, 20, 400])}"),
        ("outlet", f"/outlets/{quote(outlet, safe='')}"),
        ("outlets", "/outlets"),
        ("articles", f"/api/v1/articles?offset={rnd.choice([0, 100, 900])}"),
        ("claims", f"/claims?offset={rnd.choice([0, 20, 400])}"),
        ("claims api search", f"/api/v1/claims?{q(q=word)}"),
        ("claim", f"/claims/{claim}"),
        ("claim api", f"/api/v1/claims/{claim}"),
        ("stats api", "/api/v1/stats"),
    ]
    return rnd.choice(routes)


def cpu_seconds(pids: list[int]) -> float:
    """User + system CPU time the processes have used (from /proc, in clock ticks)."""
    ticks = 0
    for pid in pids:
        try:
            fields = open(f"/proc/{pid}/stat").read().rsplit(")", 1)[1].split()
            ticks += int(fields[11]) + int(fields[12])
        except (OSError, IndexError, ValueError):
            pass
    return ticks / os.sysconf("SC_CLK_TCK")


def drive(port: int, values: dict, *, clients: int, seconds: float | None = None,
          until: threading.Event | None = None, seed: int = 0, server_pids: list[int] | None = None) -> dict:
    """``clients`` threads, each on one keep-alive connection, sending the mix until time is up.
    With one client and ``server_pids``, the server's CPU time per request is recorded too."""
    results: dict[str, list[float]] = {}
    cpu: dict[str, list[float]] = {}
    errors: list[str] = []
    lock = threading.Lock()
    stop_at = time.monotonic() + (seconds or 1e9)
    own_cpu = server_pids if clients == 1 else None

    def client(n: int) -> None:
        rnd = random.Random(seed * 1000 + n)
        conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
        while time.monotonic() < stop_at and not (until is not None and until.is_set()):
            route, path = request_mix(values, rnd)
            cpu_before = cpu_seconds(own_cpu) if own_cpu else 0.0
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
                if own_cpu:
                    cpu.setdefault(route, []).append(cpu_seconds(own_cpu) - cpu_before)
                if status != 200:
                    errors.append(f"{route} {path[:80]} -> {status}")
        conn.close()

    threads = [threading.Thread(target=client, args=(n,)) for n in range(clients)]
    started = time.monotonic()
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return {"seconds": time.monotonic() - started, "times": results, "cpu": cpu, "errors": errors}


def pct(values: list[float], p: float) -> float:
    if len(values) == 1:
        return values[0]
    return statistics.quantiles(values, n=100, method="inclusive")[int(p) - 1]


def summary(run: dict, rss: float) -> dict:
    """req/s, p50/p95/p99 per route and overall (ms), mean server CPU per request, errors, peak RSS."""
    def row(ts: list[float], cpu: list[float] | None) -> dict:
        out = {"n": len(ts), **{f"p{p}": 1000 * pct(ts, p) for p in (50, 95, 99)}}
        if cpu:
            out["cpu"] = 1000 * sum(cpu) / len(cpu)
        return out

    every = [t for ts in run["times"].values() for t in ts]
    every_cpu = [c for cs in run["cpu"].values() for c in cs]
    return {"routes": {r: row(ts, run["cpu"].get(r)) for r, ts in sorted(run["times"].items())},
            "all": row(every, every_cpu), "errors": len(run["errors"]), "error_lines": run["errors"][:10],
            "rps": len(every) / run["seconds"], "seconds": run["seconds"], "peak_rss_mb": rss, "load": load()}


def print_table(results: dict[str, dict]) -> None:
    """One table: a row per route, p50/p95/p99 (ms) per phase; the one-client phases also give the
    server's mean CPU per request; then overall figures, req/s, errors and peak RSS per phase."""
    phases = list(results)
    routes = sorted({r for res in results.values() for r in res["routes"]})
    head = f"{'route':20}" + "".join(f" | {name[:24]:>24}" + (" cpu" if "cpu" in results[name]["all"] else "")
                                       for name in phases)
    print("\n" + head + "\n" + f"{'':20}" + "".join(
        f" | {'p50':>6} {'p95':>6} {'p99':>6}   n" + ("    " if "cpu" in results[n]["all"] else "") for n in phases))

    def cells(row: dict | None, with_cpu: bool) -> str:
        if row is None:
            return " | " + " " * 24 + ("    " if with_cpu else "")
        text = f" | {row['p50']:6.0f} {row['p95']:6.0f} {row['p99']:6.0f} {min(row['n'], 999):3d}"
        return text + (f" {row.get('cpu', 0):3.0f}" if with_cpu else "")

    for r in [*routes, "ALL"]:
        print(f"{r:20}" + "".join(cells(results[n]["all"] if r == "ALL" else results[n]["routes"].get(r),
                                        "cpu" in results[n]["all"]) for n in phases))
    for label, key, fmt in (("req/s", "rps", "{:.1f}"), ("errors", "errors", "{}"),
                            ("peak RSS MB", "peak_rss_mb", "{:.0f}"), ("load", "load", "{}")):
        print(f"{label:20}" + "".join(f" | {fmt.format(results[n][key])[:24]:>24}"
                                       + ("    " if "cpu" in results[n]["all"] else "") for n in phases))
    for n in phases:
        for e in results[n]["error_lines"]:
            print(f"   error ({n}): {e}")


def verdict(results: dict[str, dict]) -> list[str]:
    """The issue's targets, each with what was measured."""
    out = []
    one = results.get("1 client, idle")
    if one:
        worst = max(one["routes"].items(), key=lambda kv: kv[1]["p95"])
        out.append(f"1 client: every route's p95 <= 100 ms: {worst[1]['p95'] <= 100} "
                   f"(slowest {worst[0]} {worst[1]['p95']:.0f} ms)")
    many = results.get("20 clients, idle")
    if many:
        out.append(f"20 clients: p99 <= 500 ms and no error: {many['all']['p99'] <= 500 and not many['errors']} "
                   f"(p99 {many['all']['p99']:.0f} ms, {many['errors']} errors)")
    during = results.get("20 clients, ingest")
    if during:
        out.append(f"during an ingest: p99 <= 1 s and no error: {during['all']['p99'] <= 1000 and not during['errors']} "
                   f"(p99 {during['all']['p99']:.0f} ms, {during['errors']} errors)")
    after = results.get("1 client, after")
    if one and after:
        ratio = after["all"]["p50"] / one["all"]["p50"]
        out.append(f"after the ingest: within 20% of before: {ratio <= 1.2} (p50 {after['all']['p50']:.0f} ms "
                   f"vs {one['all']['p50']:.0f} ms; mean CPU {after['all'].get('cpu', 0):.0f} vs "
                   f"{one['all'].get('cpu', 0):.0f} ms)")
    return out


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
    print(f"{n} attributions in {args.base}; making {copies} copies in stories of {args.story or copies + 1}; load {load()}",
          flush=True)
    started = time.monotonic()
    totals = replicate(args.db, copies, story=args.story, on_step=lambda name: print(
        f"  {time.monotonic() - started:6.0f} s  {name}", flush=True))
    print(f"built {args.db}: {totals} in {time.monotonic() - started:.0f} s; "
          f"{Path(args.db).stat().st_size / 2**30:.2f} GiB; load {load()}")


def unstored_articles(db: Path, count: int) -> list[str]:
    """``count`` PolNeAR train articles this record does not hold yet (so each run ingests new ones)."""
    folder = REPO.parent / "shared" / "data" / "polnear" / "train" / "text"
    conn = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
    stored = {r[0] for r in conn.execute("SELECT article_id FROM articles")}
    conn.close()
    return [str(f) for f in sorted(folder.glob("*.txt")) if f.stem not in stored][:count]


def run_load(args) -> None:
    db = Path(args.db)
    values = sample_values(db)
    ingest_files = args.ingest if args.ingest is not None else unstored_articles(db, args.ingest_count)
    print(f"{db}: load at start {load()}; {args.seconds:g} s a phase; ingest of {len(ingest_files)} articles", flush=True)
    server = Server(db, workers=args.workers)
    results = {}

    def phase(name: str, **kw) -> None:
        run = drive(server.port, values, server_pids=server.pids(), **kw)
        results[name] = summary(run, server.peak_rss_mb())
        r = results[name]
        print(f"  {name}: {r['all']['n']} requests, {r['rps']:.1f} req/s, p99 {r['all']['p99']:.0f} ms, "
              f"{r['errors']} errors; load {r['load']}", flush=True)

    try:
        time.sleep(args.settle)  # the server builds its claim summaries in the background meanwhile
        drive(server.port, values, clients=4, seconds=5)  # warm the page cache and the pool
        phase("1 client, idle", clients=1, seconds=args.seconds)
        phase("20 clients, idle", clients=20, seconds=args.seconds, seed=1)
        if ingest_files:
            done = threading.Event()
            started = time.monotonic()
            ingest = subprocess.Popen([*SAYSO, "ingest", *ingest_files, "--db", str(db)],
                                      stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
            threading.Thread(target=lambda: (ingest.wait(), done.set()), daemon=True).start()
            phase("20 clients, ingest", clients=20, until=done, seed=2)
            wal = Path(f"{db}-wal")
            print(f"  the ingest took {time.monotonic() - started:.0f} s, exit {ingest.returncode} "
                  f"{ingest.stderr.read().decode()[-300:].strip()}; WAL after it: "
                  f"{wal.stat().st_size if wal.exists() else 0} bytes", flush=True)
            values.update(sample_values(db))  # the ingest may have merged some of the claims asked for
            phase("1 client, after", clients=1, seconds=args.seconds, seed=3)
    finally:
        print(f"SIGTERM stopped the server in {server.stop():.1f} s; load at end {load()}")
    print_table(results)
    print("\n" + "\n".join(verdict(results)))
    if args.json:
        Path(args.json).write_text(json.dumps(results, indent=1))


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = ap.add_subparsers(dest="cmd", required=True)
    b = sub.add_parser("build", help="copy an ingested store up to N attributions")
    b.add_argument("--base", required=True)
    b.add_argument("--db", required=True)
    b.add_argument("--attributions", type=int, default=1_000_000)
    b.add_argument("--story", type=int, help="copies of an article that report the same claims (default: all, as "
                   "the claims model groups them)")
    b.set_defaults(func=build)
    ld = sub.add_parser("load", help="drive the server")
    ld.add_argument("--db", required=True)
    ld.add_argument("--seconds", type=float, default=30)
    ld.add_argument("--settle", type=float, default=0, help="seconds to wait after the server answers, before "
                    "the first phase (its background build of claim summaries: ~25 s of CPU at 1M attributions)")
    ld.add_argument("--workers", type=int, default=1)
    ld.add_argument("--ingest", nargs="*", help="files to ingest during the third phase (default: "
                    "--ingest-count PolNeAR train articles the record lacks)")
    ld.add_argument("--ingest-count", type=int, default=15)
    ld.add_argument("--json", help="also write the figures here")
    ld.set_defaults(func=run_load)
    args = ap.parse_args()
    args.func(args)


if __name__ == "__main__":
    main()
