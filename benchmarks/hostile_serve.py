"""Hostile requests against `sayso serve`: every answer within 2 s, as a 2xx or a 4xx in the one
error shape; the server's RSS under 500 MB; SIGTERM stops it within 5 s while they run.

    .venv/bin/python benchmarks/hostile_serve.py --db /tmp/serve_bench/1m.db

Exit status 0 when every check holds. Report `uptime`'s load with the figures (printed).
"""
from __future__ import annotations

import argparse
import http.client
import json
import threading
import time
from pathlib import Path
from urllib.parse import quote, urlencode

from bench_serve import Server, load

BUDGET_S, RSS_MB, STOP_S = 2.0, 500, 5.0


def hostile_requests() -> list[tuple[str, str, dict]]:
    """(method, path, headers) of the hostile mix."""
    q = lambda **p: urlencode(p)  # noqa: E731
    big, quotes = 2 ** 63, '"' * 200
    out = [
        ("GET", f"/api/v1/attributions?{q(q='a* ' * 3000)}", {}),
        ("GET", f"/?{q(q='a* ' * 3000)}", {}),
        ("GET", f"/articles?{q(q='said ' * 2000)}", {}),
        ("GET", f"/api/v1/search?{q(q='said ' * 2000)}", {}),
        ("GET", f"/api/v1/search?{q(q='a*')}", {}),
        ("GET", f"/api/v1/search?{q(q='s* t* a* e*')}", {}),
        ("GET", f"/?{q(q='the said a* of* to* in*')}", {}),
        ("GET", f"/articles?{q(q='a* t*')}", {}),
        ("GET", f"/api/v1/attributions?{q(q='Rus' + chr(0) + 'sia')}", {}),
        ("GET", "/api/v1/articles/%00", {}),
        ("GET", f"/api/v1/attributions?offset={big}", {}),
        ("GET", f"/?offset={big * 4}", {}),
        ("GET", "/api/v1/attributions?offset=1000", {}),
        ("GET", f"/api/v1/articles/{big}", {}),
        ("GET", f"/speakers/{big * 10}", {}),
        ("GET", f"/api/v1/speakers?{q(name='a' * 5000)}", {}),
        ("GET", f"/api/v1/attributions?{q(speaker='e')}", {}),
        ("GET", f"/api/v1/attributions?{q(speaker='%_%')}", {}),
        ("GET", f"/?{q(stance='furious')}", {}),
        ("GET", f"/outlets/{quote('x' * 2000)}", {}),
        ("HEAD", "/", {}),
        ("GET", "/api/v1/stats", {"Host": "rebind.evil.example"}),
        ("GET", f"/api/v1/search?{q(q=quotes)}", {}),
        ("GET", f"/api/v1/search?{q(q='NEAR(a b, 99999999)')}", {}),
        ("GET", f"/api/v1/claims?{q(q='a* ' * 3000)}", {}),
        ("GET", f"/api/v1/claims?{q(q='a*')}", {}),
        ("GET", f"/claims?{q(q='s* t* a* e*')}", {}),
        ("GET", f"/api/v1/claims?{q(speaker='e')}", {}),
        ("GET", f"/api/v1/claims/{big}", {}),
        ("GET", f"/claims/{big * 10}", {}),
        ("GET", f"/api/v1/search?{q(q='a*', claim=1)}", {}),
        ("GET", "/api/v1/claims?offset=1000&min_articles=1", {}),
    ]
    return out


def one(port: int, method: str, path: str, headers: dict) -> tuple[float, int, str]:
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    started = time.monotonic()
    try:
        conn.request(method, path, headers={"Host": "localhost", **headers})
        r = conn.getresponse()
        body = r.read()
        took = time.monotonic() - started
        problem = ""
        if r.status >= 500:
            problem = f"status {r.status}"
        elif r.status >= 400 and r.getheader("content-type", "").startswith("application/json"):
            err = json.loads(body).get("error", {})
            if not {"status", "code", "message"} <= set(err):
                problem = "not the one error shape"
        if b"Traceback" in body:
            problem = "traceback in the body"
        return took, r.status, problem
    except (OSError, http.client.HTTPException) as e:
        return time.monotonic() - started, 0, type(e).__name__
    finally:
        conn.close()


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--db", required=True)
    ap.add_argument("--rounds", type=int, default=3)
    ap.add_argument("--clients", type=int, default=4)
    args = ap.parse_args()
    print(f"load at start {load()}")
    server = Server(Path(args.db))
    failures, worst, n = [], 0.0, 0
    lock = threading.Lock()
    requests = hostile_requests() * args.rounds

    def worker(items):
        nonlocal worst, n
        for method, path, headers in items:
            took, status, problem = one(server.port, method, path, headers)
            with lock:
                n += 1
                worst = max(worst, took)
                if problem or took > BUDGET_S:
                    failures.append(f"{method} {path[:70]} -> {status} in {took:.2f} s {problem}")

    threads = [threading.Thread(target=worker, args=(requests[i::args.clients],)) for i in range(args.clients)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    rss = server.peak_rss_mb()
    print(f"{n} hostile requests from {args.clients} clients: slowest {worst:.2f} s; {len(failures)} failed; "
          f"server peak RSS {rss:.0f} MB")
    for f in failures[:20]:
        print("  FAIL", f)
    # SIGTERM while the most expensive requests run
    busy = [threading.Thread(target=one, args=(server.port, "GET", f"/api/v1/search?{urlencode({'q': 'a*'})}", {}))
            for _ in range(8)]
    for t in busy:
        t.start()
    time.sleep(0.3)
    stop = server.stop()
    print(f"SIGTERM with 8 expensive requests running: stopped in {stop:.1f} s; load at end {load()}")
    ok = not failures and rss < RSS_MB and stop < STOP_S
    print("OK" if ok else "NOT OK")
    return 0 if ok else 1


if __name__ == "__main__":
    raise SystemExit(main())
