"""CPU per request of the routes that show claims, in-process and read-only (issue 13).

Opens the app over a store without writing to it (the server's read-only pool), then requests each
claim route once cold (a fresh app: nothing cached) and ``--repeat`` times warm, and prints the
process CPU time (``time.process_time``, all threads) per request: what a request costs whatever
the machine's load. Then starts the server's background warm-up (every claim's summary and page
charts, as ``sayso serve`` does on start), prints its CPU and wall time, and requests each route
once more: what the first request of each route costs on a warmed server. The claim is the most reported one, the article one of its articles, the
speaker the one with most quotes among its reports.

    .venv/bin/python benchmarks/bench_claim_cards.py --db /tmp/serve_bench/1m.db
"""
from __future__ import annotations

import argparse
import os
import sqlite3
import statistics
import sys
import time
import warnings
from pathlib import Path
from urllib.parse import quote

ROOT = Path(__file__).resolve().parents[1]


def routes(db: Path) -> list[tuple[str, str]]:
    conn = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
    top, n = conn.execute("SELECT id, n_reports FROM claims ORDER BY n_articles DESC, n_reports DESC LIMIT 1").fetchone()
    key = conn.execute("SELECT a.key FROM claim_reports r JOIN articles a ON a.id = r.article_id "
                       "WHERE r.claim_id = ? LIMIT 1", [top]).fetchone()[0]
    sid = conn.execute("SELECT at.speaker_id FROM claim_reports r JOIN attributions at ON at.id = r.attribution_id "
                       "WHERE r.claim_id = ? AND at.speaker_id IS NOT NULL LIMIT 1", [top]).fetchone()[0]
    conn.close()
    return [("claims list", "/claims"), ("claims api", "/api/v1/claims"),
            ("claims api ?q=jobs", "/api/v1/claims?q=jobs"),
            (f"claim page (top, {n:,} reports)", f"/claims/{top}"), ("claim api (top)", f"/api/v1/claims/{top}"),
            ("claim page, reports 10,001-10,050", f"/claims/{top}?offset={min(max(n - 50, 0), 10_000)}"),
            ("article page", f"/articles/{quote(key, safe='')}"), ("speaker page", f"/speakers/{sid}")]


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--db", type=Path, required=True)
    ap.add_argument("--repeat", type=int, default=3)
    args = ap.parse_args()
    os.environ.setdefault("SAYSO_QUERY_TIME_LIMIT_MS", "120000")  # measure the cost, not the limit
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        from fastapi.testclient import TestClient
    from sayso.settings import Settings
    from sayso.web import create_app

    def client():
        app = create_app(args.db, settings=Settings.load(db=str(args.db)))
        return TestClient(app, base_url="http://localhost")

    print(f"load average {os.getloadavg()[0]:.2f} (CPU time barely depends on it)", file=sys.stderr)
    rows = []
    for name, path in routes(args.db):
        c = client()
        t = time.process_time()
        r = c.get(path)
        cold = time.process_time() - t
        warm = []
        for _ in range(args.repeat):
            t = time.process_time()
            c.get(path)
            warm.append(time.process_time() - t)
        rows.append((name, path, r.status_code, len(r.content), cold, statistics.median(warm)))
    c = client()
    t, w = time.process_time(), time.perf_counter()
    c.app.state.ctx.pool.warm(limit=60.0)
    c.app.state.ctx.pool.warmed.wait()
    print(f"background warm-up: {time.process_time() - t:.1f} s CPU, {time.perf_counter() - w:.1f} s wall",
          file=sys.stderr)
    print(f"| route | status | bytes | cold CPU ms | warm CPU ms (median of {args.repeat}) | "
          "first request after the warm-up, CPU ms |\n|---|---|---|---|---|---|")
    for name, path, status, size, cold, warm in rows:
        t = time.process_time()
        c.get(path)
        after = time.process_time() - t
        print(f"| {name} | {status} | {size:,} | {cold * 1000:,.0f} | {warm * 1000:,.0f} | {after * 1000:,.0f} |")
    c.app.state.ctx.pool.close()
    print(f"load average {os.getloadavg()[0]:.2f}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
