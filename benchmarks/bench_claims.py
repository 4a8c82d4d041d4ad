"""What claims cost: `sayso ingest` of PolNeAR dev with and without claims, and the incremental
claims step of one article once the store holds 100,000 attributions.

1. Ingest: ``SAYSO_CLAIMS=0`` and ``SAYSO_CLAIMS=1 sayso ingest DIR --db fresh.db``, each a whole
   process, run as ``--pairs`` back-to-back pairs in this one run (which of the two goes first
   alternates, so a load that rises or falls during the run weighs on both sides). Each pair gives
   a ratio with / without of the processes' CPU time (user + system, children included: what the
   work costs, barely moved by other processes sharing the cores) and of wall time; the claims
   cost printed is the median of the pairs' CPU-time ratios, beside the wall-time one. Load that
   changes between the two runs of a pair still moves those (CPU time too: shared cores and caches
   slow every instruction), so each run with claims also times, inside the process, the CPU time
   the process (all its threads: numpy's BLAS threads work for claims) spends while in
   ``store.claims.add_article`` (everything claims add to storing an article):
   claims time / (total CPU time - claims time) of one run is the in-run ratio, its two sides
   measured under the same load. Its median over the runs is the figure to read.
2. At scale: the dev record (stored without claims) is copied with ``store.bulk.replicate`` until it
   holds ``--attributions`` attributions; each stored report then gets a claim of its own (the worst
   case for the search: one centroid per report; random unit vectors, so nothing merges). Then
   ``--articles`` PolNeAR train articles, analysed beforehand, are stored with claims: the first add
   (which loads the centroids) and the median of the rest, with and without claims, and peak RSS.

Usage: .venv/bin/python benchmarks/bench_claims.py [--pairs N] [--attributions 100000] [--articles 8]
       [--ingest-only | --scale-only]
"""
from __future__ import annotations

import argparse
import os
import random
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import datetime, timezone
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
POLNEAR = REPO.parent / "shared" / "data" / "polnear"
BIN = Path(sys.executable).parent


def ingest(text_dir: Path, db: Path, claims: int) -> dict:
    """Wall and CPU seconds (workers included), peak RSS (MB), load average before and the CPU
    seconds spent grouping claims, of one `sayso ingest` process (run by ``_ingest_child``)."""
    env = {**os.environ, "SAYSO_CLAIMS": str(claims)}
    load = os.getloadavg()[0]
    t = time.perf_counter()
    with tempfile.TemporaryFile() as out:
        p = subprocess.Popen([sys.executable, __file__, "--_ingest-child", str(text_dir), str(db)], env=env,
                             stdout=out, stderr=subprocess.PIPE)
        _, status, usage = os.wait4(p.pid, 0)
        wall = time.perf_counter() - t
        if os.waitstatus_to_exitcode(status) != 0:
            raise SystemExit(f"sayso ingest failed: {p.stderr.read().decode()[-2000:]}")
        out.seek(0)
        claims_cpu = float(out.read().decode().split()[-1])
    return {"wall": wall, "cpu": usage.ru_utime + usage.ru_stime, "rss": usage.ru_maxrss / 1024, "load": load,
            "claims": claims_cpu}


def _ingest_child(text_dir: str, db: str) -> None:
    """`sayso ingest TEXT_DIR --db DB` in this process; prints the process CPU seconds (all
    threads) spent while in ``store.claims.add_article`` last."""
    from sayso.cli import main as cli
    from sayso.store import claims

    spent = [0.0]
    add = claims.add_article

    def timed(*args, **kwargs):
        t = time.process_time()
        try:
            return add(*args, **kwargs)
        finally:
            spent[0] += time.process_time() - t
    claims.add_article = timed
    try:
        cli.main(["ingest", text_dir, "--db", db], standalone_mode=False)
    finally:
        print(f"\n{spent[0]:.3f}")


def bench_ingest(text_dir: Path, pairs: int, tmp: Path) -> Path:
    runs: dict[int, list[dict]] = {0: [], 1: []}
    for i in range(pairs):
        for claims in ((0, 1) if i % 2 == 0 else (1, 0)):
            runs[claims].append(r := ingest(text_dir, tmp / f"ingest-{claims}-{i}.db", claims))
            print(f"  pair {i + 1}, claims {'on ' if claims else 'off'}: wall {r['wall']:6.1f} s  cpu {r['cpu']:6.1f} s  "
                  f"peak RSS {r['rss']:4.0f} MB  (load {r['load']:.1f})", flush=True)
    n = len(list(text_dir.glob("*.txt")))
    for claims, label in ((0, "without claims"), (1, "with claims   ")):
        med = {k: statistics.median(r[k] for r in runs[claims]) for k in ("wall", "cpu")}
        print(f"ingest {n} PolNeAR dev articles, {label}: median wall {med['wall']:6.1f} s, cpu {med['cpu']:6.1f} s; "
              f"peak RSS {max(r['rss'] for r in runs[claims]):.0f} MB")
    ratio = {k: [b[k] / a[k] - 1 for a, b in zip(runs[0], runs[1])] for k in ("cpu", "wall")}
    inrun = [r["claims"] / (r["cpu"] - r["claims"]) for r in runs[1]]
    print(f"paired runs: claims cost {100 * statistics.median(ratio['cpu']):+.1f}% of ingest CPU time "
          f"({', '.join(f'{100 * x:+.1f}%' for x in ratio['cpu'])}), {100 * statistics.median(ratio['wall']):+.1f}% "
          f"of wall time ({', '.join(f'{100 * x:+.1f}%' for x in ratio['wall'])})")
    print(f"claims cost: {100 * statistics.median(inrun):+.1f}% of ingest CPU time, in-run median of {pairs} "
          f"({', '.join(f'{100 * x:+.1f}%' for x in inrun)}; claims {statistics.median(r['claims'] for r in runs[1]):.1f} s "
          f"per run) (target <= 15%); memory {max(r['rss'] for r in runs[1]):.0f} MB (< 1536)")
    return tmp / "ingest-0-0.db"


def _fill_claims(db: Path) -> int:
    """One claim per stored report (attribution content of 4+ words), random unit centroids."""
    import numpy as np

    from sayso.claims import index
    from sayso.store import db as dbmod

    dim = index.compactor(index.load_encoder().dim).dim
    rng = np.random.default_rng(1)
    conn = dbmod.connect(db)
    conn.execute("PRAGMA synchronous = OFF")
    rows = conn.execute("SELECT id, article_id, content_text FROM attributions").fetchall()
    rows = [r for r in rows if len(r["content_text"].split()) >= 4]
    now = datetime.now(timezone.utc).isoformat(timespec="seconds")
    conn.execute("BEGIN")
    for start in range(0, len(rows), 5000):
        chunk = rows[start:start + 5000]
        vecs = rng.standard_normal((len(chunk), dim)).astype(np.float32)
        vecs /= np.linalg.norm(vecs, axis=1, keepdims=True)
        for r, v in zip(chunk, vecs):
            cid = conn.execute("INSERT INTO claims (statement, n_reports, n_articles, vector_sum, created_at) "
                               "VALUES (?, 1, 1, ?, ?)", (r["content_text"][:200], v.tobytes(), now)).lastrowid
            conn.execute("INSERT INTO claim_reports (claim_id, article_id, attribution_id, text, similarity, stance, "
                         "stance_confidence, origin_key, origin_name, origin_type) VALUES (?, ?, ?, ?, 1, 'supports', "
                         "0.5, 'speaker:x', 'x', 'person')", (cid, r["article_id"], r["id"], r["content_text"]))
    conn.execute("UPDATE claims_state SET version = ?", (random.getrandbits(62),))
    conn.execute("COMMIT")
    conn.close()
    return len(rows)


def bench_scale(base_db: Path, attributions: int, n_articles: int, tmp: Path) -> None:
    import shutil

    from sayso.ingest import read_paths
    from sayso.pipeline import Pipeline
    from sayso.settings import Settings
    from sayso.store import Store, bulk

    db = tmp / "scale.db"
    shutil.copy(base_db, db)
    with Store(db, claims=False) as s:
        have = s.stats()["attributions"]
    copies = max(0, -(-attributions // max(have, 1)) - 1)
    total = bulk.replicate(db, copies)["attributions"]
    t = time.perf_counter()
    reports = _fill_claims(db)
    print(f"record: {total:,} attributions, {reports:,} claims (one per report; filled in {time.perf_counter() - t:.0f} s)")
    files = sorted((POLNEAR / "train" / "text").glob("*.txt"))[:2 * n_articles]
    pipe = Pipeline(Settings.load())
    analyzed = list(pipe.analyze_many(a for a in read_paths([str(f) for f in files], Settings.load())
                                      if not isinstance(a, Exception)))
    timing: dict[bool, list[float]] = {True: [], False: []}
    with Store(db, claims=True) as on, Store(db, claims=False) as off:
        for i, a in enumerate(analyzed):
            store = on if i % 2 == 0 else off
            t = time.perf_counter()
            store.add(a)
            timing[store is on].append(time.perf_counter() - t)
    first, rest = timing[True][0], timing[True][1:]
    print(f"first add with claims (loads {reports:,} centroids): {first:.2f} s")
    print(f"add one article at this size: with claims median {statistics.median(rest) * 1000:.0f} ms, "
          f"without {statistics.median(timing[False]) * 1000:.0f} ms "
          f"(articles of {sum(len(a.attributions) for a in analyzed) / len(analyzed):.0f} attributions on average)")
    print(f"peak RSS of this process: {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:.0f} MB")


def main() -> None:
    if len(sys.argv) == 4 and sys.argv[1] == "--_ingest-child":
        return _ingest_child(sys.argv[2], sys.argv[3])
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--text-dir", default=str(POLNEAR / "dev" / "text"))
    ap.add_argument("--pairs", type=int, default=5, help="ingest pairs (without, with claims) to take the median of")
    ap.add_argument("--attributions", type=int, default=100_000)
    ap.add_argument("--articles", type=int, default=8, help="articles stored with claims at scale (as many without)")
    ap.add_argument("--scale-only", action="store_true", help="skip the ingest comparison (part 2 only)")
    ap.add_argument("--ingest-only", action="store_true", help="skip the store at scale (part 1 only)")
    a = ap.parse_args()
    print(f"load before: {os.getloadavg()[0]:.2f}")
    with tempfile.TemporaryDirectory() as tmp:
        if a.scale_only:
            base = Path(tmp) / "ingest-0-0.db"
            ingest(Path(a.text_dir), base, 0)
        else:
            base = bench_ingest(Path(a.text_dir), a.pairs, Path(tmp))
        if not a.ingest_only:
            bench_scale(base, a.attributions, a.articles, Path(tmp))
    print(f"load after: {os.getloadavg()[0]:.2f}")


if __name__ == "__main__":
    main()
