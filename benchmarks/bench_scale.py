"""Throughput of ``sayso ingest`` on the same inputs: 1 worker, N local workers, a local Dask cluster.

Each configuration runs the real command as its own process over the same files into a new
database, timed from start to exit (model loading and spawning included). The Dask cluster
(N worker processes of one thread each, bound to 127.0.0.1) is started before its run, as a
user's cluster would be; its workers still load the model inside the timed run. Peak memory is
each process's high-water resident set (VmHWM), sampled from /proc while it runs; CPU seconds
add up every process of the run (writer and workers), a figure contention barely moves. The machine's
load average is printed with each figure: on a shared machine the figures are depressed.

Usage: .venv/bin/python benchmarks/bench_scale.py [TEXT_DIR] [--articles 200] [--workers N] [--no-dask] [--no-writer]
"""
from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
DEFAULT_DIR = REPO.parent / "shared" / "data" / "polnear" / "train" / "text"
SAYSO = str(Path(sys.executable).parent / "sayso")


def _hwm_mb(pid: int) -> float | None:
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    except OSError:
        return None
    return None


def _descendants(pid: int) -> list[int]:
    kids, todo = [], [pid]
    while todo:
        p = todo.pop()
        try:
            children = Path(f"/proc/{p}/task/{p}/children").read_text().split()
        except OSError:
            continue
        kids += [int(c) for c in children]
        todo += [int(c) for c in children]
    return kids


class Sampler(threading.Thread):
    """Peak memory of a process and each of its descendants, sampled every 0.2 s."""

    def __init__(self, pid: int):
        super().__init__(daemon=True)
        self.pid, self.peaks, self.stop = pid, {}, threading.Event()

    def run(self):
        while not self.stop.is_set():
            for p in [self.pid, *_descendants(self.pid)]:
                mb = _hwm_mb(p)
                if mb:
                    self.peaks[p] = max(self.peaks.get(p, 0), mb)
            time.sleep(0.2)


def ingest(inputs: Path, db: Path, *args: str) -> dict:
    load_before = os.getloadavg()[0]
    with tempfile.TemporaryFile("w+") as err:
        t = time.perf_counter()
        p = subprocess.Popen([SAYSO, "ingest", str(inputs), "--db", str(db), *args],
                             stdout=subprocess.DEVNULL, stderr=err, text=True)
        sampler = Sampler(p.pid)
        sampler.start()
        _, status, usage = os.wait4(p.pid, 0)  # usage includes the worker processes it waited for
        wall = time.perf_counter() - t
        sampler.stop.set()
        sampler.join()
        err.seek(0)
        message = err.read()
    if os.waitstatus_to_exitcode(status) != 0:
        sys.exit(f"sayso ingest {' '.join(args)} failed:\n{message}")
    peaks = sampler.peaks
    parent = peaks.pop(p.pid, 0.0)
    return {"seconds": round(wall, 1), "cpu_seconds": round(usage.ru_utime + usage.ru_stime, 1),
            "writer_peak_mb": round(parent), "worker_peak_mb": round(max(peaks.values())) if peaks else None,
            "load_before": round(load_before, 2), "load_after": round(os.getloadavg()[0], 2),
            "summary": message.strip().splitlines()[-1]}


def _cpu_and_peak() -> tuple[float, float]:
    import resource

    r = resource.getrusage(resource.RUSAGE_SELF)
    return r.ru_utime + r.ru_stime, _hwm_mb(os.getpid()) or 0.0


def dask_run(inputs: Path, db: Path, n: int) -> dict:
    from distributed import Client, LocalCluster

    with LocalCluster(n_workers=n, threads_per_worker=1, processes=True, host="127.0.0.1",
                      dashboard_address=None) as cluster, Client(cluster) as client:
        before = client.run(_cpu_and_peak)
        result = ingest(inputs, db, "--dask", cluster.scheduler_address)
        after = client.run(_cpu_and_peak)
    result["worker_peak_mb"] = round(max(peak for _, peak in after.values()))
    result["cpu_seconds"] = round(result["cpu_seconds"] + sum(after[w][0] - before[w][0] for w in after), 1)
    return result


def writer_only(inputs: Path, tmp: Path, n: int) -> dict:
    """How fast the one writer stores already-analysed articles: Parquet shards into a new store."""
    r = subprocess.run([SAYSO, "extract", str(inputs), "--to", "parquet", str(tmp / "shards"), "--workers", str(n)],
                       capture_output=True, text=True)
    if r.returncode != 0:
        sys.exit(f"sayso extract --to parquet failed:\n{r.stderr}")
    return ingest(tmp / "shards", tmp / "from-shards.db")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("text_dir", nargs="?", default=str(DEFAULT_DIR))
    ap.add_argument("--articles", type=int, default=200)
    ap.add_argument("--workers", type=int, default=os.cpu_count() or 2)
    ap.add_argument("--no-dask", action="store_true")
    ap.add_argument("--no-writer", action="store_true", help="skip the writer-only run (it analyses once more)")
    args = ap.parse_args()

    files = sorted(Path(args.text_dir).glob("*.txt"))[:args.articles]
    words = sum(len(f.read_text(encoding="utf-8").split()) for f in files)
    n = args.workers
    with tempfile.TemporaryDirectory() as tmp:
        inputs = Path(tmp, "in")
        inputs.mkdir()
        for f in files:
            shutil.copy(f, inputs / f.name)
        runs = {"workers 1": ingest(inputs, Path(tmp, "w1.db"), "--workers", "1"),
                f"workers {n}": ingest(inputs, Path(tmp, f"w{n}.db"), "--workers", str(n))}
        if not args.no_dask:
            runs[f"dask {n}x1"] = dask_run(inputs, Path(tmp, "dask.db"), n)
        writer = None if args.no_writer else writer_only(inputs, Path(tmp), n)
    base = runs["workers 1"]["seconds"]
    print(f"{len(files)} articles, {words:,} words, {os.cpu_count()} cores\n")
    print("| run | seconds | articles/s | words/s | speed-up | CPU s, all processes | writer peak MB | "
          "peak MB per worker | load (1 min) before/after |")
    print("|---|---|---|---|---|---|---|---|---|")
    for name, r in runs.items():
        r.update(articles_per_s=round(len(files) / r["seconds"], 2), words_per_s=round(words / r["seconds"]),
                 speedup=round(base / r["seconds"], 2))
        print(f"| {name} | {r['seconds']} | {r['articles_per_s']} | {r['words_per_s']:,} | {r['speedup']}x | "
              f"{r['cpu_seconds']} | {r['writer_peak_mb']} | {r['worker_peak_mb'] or '-'} | {r['load_before']} / {r['load_after']} |")
    if writer:
        print(f"\nthe writer alone (`sayso ingest SHARDS`, nothing to analyse): {writer['seconds']} s, "
              f"{round(len(files) / writer['seconds'], 1)} articles/s, load {writer['load_before']}")
    print()
    print(json.dumps({"articles": len(files), "words": words, "runs": runs, "writer_only": writer}, indent=1))


if __name__ == "__main__":
    main()
