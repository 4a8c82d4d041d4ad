"""Main-text quality of sayso's HTML reader on the article-extraction benchmark pages.

Reads every ``html/*.html.gz`` of ``../shared/data/html-articles`` through
``sayso.ingest.read_path`` (the real reader: gzip, decoding, trafilatura with sayso's options)
and scores the stored ``Article.text`` against ``ground-truth.json`` ``articleBody``.

Scores, as in scrapinghub/article-extraction-benchmark (``evaluate.py``): texts are tokenised into
words (``\\w+``); true and predicted bags of word 4-gram shingles are matched (tp = shared, counted
with multiplicity), tp/fp/fn are summed over all pages, then P, R, F1. The same with single words
is printed as well. Published for trafilatura 2.0 on this set: F1 0.958.

Usage: .venv/bin/python benchmarks/bench_html.py [DATA_DIR] [--trafilatura-default]
"""
from __future__ import annotations

import json
import re
import sys
import time
from collections import Counter
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
DEFAULT_DIR = REPO.parent / "shared" / "data" / "html-articles"
TOKEN = re.compile(r"\w+")


def shingles(text: str, n: int) -> Counter:
    words = TOKEN.findall(text or "")
    return Counter(tuple(words[i:i + n]) for i in range(max(len(words) - n + 1, 0)))


def match(true: str, pred: str, n: int) -> tuple[int, int, int]:
    t, p = shingles(true, n), shingles(pred, n)
    tp = sum((t & p).values())
    return tp, sum(p.values()) - tp, sum(t.values()) - tp


def prf(tp: int, fp: int, fn: int) -> tuple[float, float, float]:
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def sayso_texts(html_dir: Path) -> dict[str, str]:
    from sayso.ingest import read_path
    out = {}
    for item in read_path(html_dir):
        if hasattr(item, "text"):
            out[item.id] = item.text
        else:
            print(f"error: {item}", file=sys.stderr)
    return out


def default_texts(html_dir: Path) -> dict[str, str]:
    """trafilatura.extract with its default options, for comparison with the published figure."""
    import gzip
    import trafilatura
    return {p.name.removesuffix(".html.gz"): trafilatura.extract(gzip.open(p).read()) or ""
            for p in sorted(html_dir.glob("*.html.gz"))}


def score(truth: dict, texts: dict[str, str]) -> dict[str, tuple[float, float, float]]:
    result = {}
    for name, n in (("word 4-gram shingles (benchmark)", 4), ("words", 1)):
        sums = [0, 0, 0]
        for key, gt in truth.items():
            for i, v in enumerate(match(gt["articleBody"], texts.get(key, ""), n)):
                sums[i] += v
        result[name] = prf(*sums)
    return result


def main(argv: list[str]) -> None:
    args = [a for a in argv if not a.startswith("--")]
    data = Path(args[0]) if args else DEFAULT_DIR
    truth = json.loads((data / "ground-truth.json").read_text(encoding="utf-8"))
    start = time.perf_counter()
    texts = default_texts(data / "html") if "--trafilatura-default" in argv else sayso_texts(data / "html")
    took = time.perf_counter() - start
    empty = sum(1 for k in truth if not texts.get(k))
    print(f"{len(truth)} pages, {len(texts)} read, {empty} without text, {took:.1f} s")
    for name, (p, r, f) in score(truth, texts).items():
        print(f"{name:34s} P {p:.3f}  R {r:.3f}  F1 {f:.3f}")


if __name__ == "__main__":
    main(sys.argv[1:])
