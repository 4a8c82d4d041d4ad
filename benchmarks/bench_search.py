"""CPU per request of the attribution search routes (words alone and words with each filter), as the
web routes call the store: a page of 20 with snippets and the count capped at 1,000. Direct store calls
in one process over a read-only store (``time.process_time``: the machine's load hardly moves it),
with the words and filter values `bench_serve.py` draws.

    .venv/bin/python benchmarks/bench_search.py --db /tmp/serve_bench/1m.db [--draws 40] [--json FILE]
"""
from __future__ import annotations

import argparse
import json
import random
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from bench_serve import WORDS, load, sample_values  # noqa: E402

from sayso.store import Store  # noqa: E402

MARKS = ("\x02", "\x03")


def search(store: Store, f: dict) -> None:
    """What the search routes ask the store: a page of 20 and the count capped at 1,000 (one call
    where the store has it, as `web.resources.attributions` makes it)."""
    if hasattr(store, "quotes_and_count"):
        store.quotes_and_count(**f, limit=20, marks=MARKS, cap=1000)
    else:  # the store before this change
        store.quotes(**f, limit=20, marks=MARKS)
        store.count_quotes(**f, cap=1000)


def draws(v: dict, rnd: random.Random) -> dict[str, dict]:
    """One set of store filters per route, drawn as `bench_serve.request_mix` draws them."""
    word = rnd.choice(WORDS)
    _, sname = rnd.choice(v["speakers"])
    month = rnd.choice(v["months"])
    period = rnd.choice([month, month[:4]])
    return {
        "search": {"text": word},
        "search+speaker": {"text": word, "speaker": sname.split()[-1]},
        "search+outlet": {"text": word, "outlet": rnd.choice(v["outlets"])},
        "search+type": {"text": word, "source_type": rnd.choice(["person", "anonymous", "government"])},
        "search+stance": {"text": word, "stance": rnd.choice(["asserts", "denies", "hedges"])},
        "search+dates": {"text": word, "date_from": period, "date_to": period},
    }


def serve(args, sets: list[dict], wanted: list[str]) -> dict:
    """The same searches through `sayso serve` (one worker, one client, one request at a time, as the
    API routes of `bench_serve.py` send them): the server's CPU per request from /proc."""
    import http.client
    from urllib.parse import urlencode

    from bench_serve import Server, cpu_seconds, get

    server = Server(args.db)
    out = {}
    try:
        pids = server.pids()
        before, still = cpu_seconds(pids), 0  # wait for the background build of claim summaries
        while still < 3:
            time.sleep(2)
            now = cpu_seconds(pids)
            still, before = (still + 1, now) if now - before < 0.05 else (0, now)
        conn = http.client.HTTPConnection("127.0.0.1", server.port, timeout=30)

        def path(f: dict) -> str:
            return "/api/v1/search?" + urlencode({("q" if k == "text" else k): v for k, v in f.items()})

        for f in sets[:3]:
            for route in wanted:
                get(server.port, path(f[route]), conn=conn)
        for route in wanted:
            cpu, errors = [], 0
            for f in sets:
                t = cpu_seconds(pids)
                status, _ = get(server.port, path(f[route]), conn=conn)
                errors += status != 200  # a 400 at the time limit (SAYSO_QUERY_TIME_LIMIT_MS)
                cpu.append((cpu_seconds(pids) - t) * 1000)
            out[route] = {"mean_ms": statistics.fmean(cpu), "median_ms": statistics.median(cpu), "max_ms": max(cpu),
                          "errors": errors}
            print(f"{route:16s} server CPU ms a request: mean {out[route]['mean_ms']:6.1f}  median "
                  f"{out[route]['median_ms']:6.1f}  max {out[route]['max_ms']:6.1f}  not 200: {errors}", flush=True)
    finally:
        server.stop()
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--db", type=Path, required=True)
    ap.add_argument("--draws", type=int, default=40)
    ap.add_argument("--routes", default="", help="comma-separated route names (default: all)")
    ap.add_argument("--json", type=Path)
    ap.add_argument("--server", action="store_true", help="through `sayso serve` (server CPU from /proc, in "
                    "clock ticks: use --draws 100 or more)")
    args = ap.parse_args()
    v = sample_values(args.db)
    rnd = random.Random(7)
    sets = [draws(v, rnd) for _ in range(args.draws)]
    wanted = [r for r in args.routes.split(",") if r] or list(sets[0])
    print("load", load(), flush=True)
    if args.server:
        out = serve(args, sets, wanted)
        print("load", load())
        if args.json:
            args.json.write_text(json.dumps(out, indent=1))
        return
    out = {}
    with Store(args.db, readonly=True) as store:
        for f in sets[:3]:  # warm the page cache
            for route in wanted:
                store.quotes(**f[route], limit=20, marks=MARKS)
        for route in wanted:
            cpu, worst = [], None
            for f in sets:
                t = time.process_time()
                search(store, f[route])
                ms = (time.process_time() - t) * 1000
                cpu.append(ms)
                if worst is None or ms > worst[0]:
                    worst = (ms, f[route])
            cpu.sort()
            out[route] = {"median_ms": statistics.median(cpu), "p90_ms": cpu[int(0.9 * len(cpu))],
                          "max_ms": cpu[-1], "mean_ms": statistics.fmean(cpu), "worst": worst[1]}
            print(f"{route:16s} CPU ms: median {out[route]['median_ms']:6.1f}  mean {out[route]['mean_ms']:6.1f}  "
                  f"p90 {out[route]['p90_ms']:6.1f}  max {cpu[-1]:6.1f}  (worst: {worst[1]})", flush=True)
    print("load", load())
    if args.json:
        args.json.write_text(json.dumps(out, indent=1))


if __name__ == "__main__":
    main()
