"""Precision and recall on real news pages, judged by hand (``sayso/data/realnews``).

``articles.jsonl`` names 27 pages of ``$SAYSO_SHARED/data/html-articles`` (6 for tuning, 21 for
testing), each with the SHA-256 of the text sayso's HTML reader gives. ``labels.jsonl`` holds one
line per judged attribution: its spans (offsets into that text), whether it is a real attribution
and, if so, the names a right speaker may carry. Every attribution sayso output when the set was
labelled is there, plus the real ones it missed (``found_when_labelled: false``); rules in
``docs/labelling.md``.

Scoring is keyed on spans, so a changed model is re-scored without new labels: an output whose
cue overlaps a label's cue and whose content overlaps its content (or, without a cue, whose
content has Dice >= 0.5 with it) is that label; an output matching no label is *unjudged* and
counted apart. Precision is real / judged outputs, precision with the right speaker counts only
real outputs whose speaker name holds all the words of one accepted name; recall is the share of
real labels some output matches.
"""
from __future__ import annotations

import gzip
import hashlib
import json
import logging
import re
from collections import defaultdict
from pathlib import Path

from ..errors import InputError
from ..model import Attribution
from ..settings import Settings

__all__ = ["DEFAULT_DIR", "BANDS", "load", "match", "speaker_right", "score", "evaluate", "format_report"]

log = logging.getLogger(__name__)

DEFAULT_DIR = Path(__file__).resolve().parent.parent / "data" / "realnews"
BANDS = ((0.0, 0.6), (0.6, 0.7), (0.7, 0.8), (0.8, 0.9), (0.9, 1.01))


def load(directory: str | Path = DEFAULT_DIR) -> tuple[list[dict], list[dict]]:
    """``(articles, labels)`` of the labelled set."""
    directory = Path(directory)

    def rows(name):
        with open(directory / name, encoding="utf-8") as f:
            return [json.loads(line) for line in f if line.strip()]
    return rows("articles.jsonl"), rows("labels.jsonl")


def read_article(row: dict, corpus: Path, settings: Settings):
    """The article sayso reads from the page, warning when its text is not the labelled one."""
    from ..ingest.html import html_article
    from ..ingest.source import Origin

    path = corpus / row["file"]
    try:
        html = gzip.decompress(path.read_bytes()).decode("utf-8", "replace")
    except OSError as e:
        raise InputError(str(path), f"cannot read the page ({e})") from None
    article = html_article(html, Origin(str(path), row["article"], settings), id=row["article"])
    if hashlib.sha256(article.text.encode("utf-8")).hexdigest() != row["sha256"]:
        log.warning("%s: the HTML reader's text differs from the labelled one; spans are re-found by their text",
                    row["article"])
    return article


def _relocated(span: dict | None, text: str) -> dict | None:
    """The span at its offsets, else at the nearest place its text occurs (a changed reader)."""
    if span is None or text[span["start"]:span["end"]] == span["text"]:
        return span
    hits = [m.start() for m in re.finditer(re.escape(span["text"]), text)]
    if not hits:
        return None
    start = min(hits, key=lambda k: abs(k - span["start"]))
    return {"start": start, "end": start + len(span["text"]), "text": span["text"]}


def _chars(spans) -> set[int]:
    return {i for s in spans for i in range(s["start"], s["end"])}


def _overlap(a: dict | None, b: dict | None) -> bool:
    return a is not None and b is not None and a["start"] < b["end"] and b["start"] < a["end"]


def match(output: dict, label: dict) -> bool:
    """Whether an output attribution (``to_dict`` layout) is the labelled one."""
    mine, theirs = _chars(output["content"]), _chars(label["content"])
    if output["cue"] is not None and label["cue"] is not None:
        return _overlap(output["cue"], label["cue"]) and bool(mine & theirs)
    return bool(mine) and 2 * len(mine & theirs) >= 0.5 * (len(mine) + len(theirs))


def _words(name: str) -> set[str]:
    return set(re.findall(r"[a-z0-9&]+", name.lower().replace("’", "'").replace("'s", ""))) - {"the"}


def speaker_right(output: dict, label: dict) -> bool:
    """Whether the output's speaker name holds every word of one accepted name."""
    have = _words(((output.get("speaker") or {}).get("name")) or "unknown")
    return any(_words(n) <= have for n in label["speakers"])


def score(items: list[tuple[list[dict], list[dict]]], *, min_confidence: float = 0.0) -> dict:
    """Counts per confidence band and overall over ``(outputs, labels)`` of each article."""
    bands = {b: defaultdict(int) for b in BANDS}
    real_labels = found = 0
    misses, wrong = [], []
    for outputs, labels in items:
        kept = [o for o in outputs if o["confidence"] >= min_confidence]
        for o in kept:
            band = bands[next(b for b in BANDS if b[0] <= o["confidence"] < b[1])]
            band["outputs"] += 1
            hit = next((lab for lab in labels if match(o, lab)), None)
            if hit is None:
                band["unjudged"] += 1
                continue
            band["judged"] += 1
            if hit["real"]:
                band["real"] += 1
                if speaker_right(o, hit):
                    band["right_speaker"] += 1
                else:
                    wrong.append(_example(o, hit))
            else:
                wrong.append(_example(o, hit))
        for lab in labels:
            if lab["real"]:
                real_labels += 1
                if any(match(o, lab) for o in kept):
                    found += 1
                else:
                    misses.append(_example(None, lab))
    rows = [{"band": f"{lo:.1f}-{min(hi, 1.0):.1f}", **_shares(dict(c))} for (lo, hi), c in bands.items() if c]
    total = defaultdict(int)
    for c in bands.values():
        for k, v in c.items():
            total[k] += v
    return {"min_confidence": min_confidence, "bands": rows, **_shares(dict(total)),
            "real_labels": real_labels, "found": found,
            "recall": round(found / real_labels, 4) if real_labels else 0.0,
            "errors": wrong, "missed": misses}


def _shares(c: dict) -> dict:
    judged = c.get("judged", 0)
    return {"outputs": c.get("outputs", 0), "judged": judged, "unjudged": c.get("unjudged", 0),
            "real": c.get("real", 0), "right_speaker": c.get("right_speaker", 0),
            "precision": round(c.get("real", 0) / judged, 4) if judged else 0.0,
            "precision_speaker": round(c.get("right_speaker", 0) / judged, 4) if judged else 0.0}


def _example(output: dict | None, label: dict) -> dict:
    d = output or label
    return {"article": label["article"], "cue": (d["cue"] or {}).get("text"),
            "content": " … ".join(c["text"] for c in d["content"])[:100],
            "judged": "missed" if output is None else ("wrong speaker" if label["real"] else "not an attribution"),
            "speaker": ((output or {}).get("speaker") or {}).get("name"), "want": label["speakers"][:1]}


def evaluate(*, split: str = "test", min_confidence: float | None = None, labels_dir: str | Path = DEFAULT_DIR,
             shared: str | Path | None = None, pipeline=None) -> dict:
    """Run sayso over the pages of one split (``test``, ``tune`` or ``all``) and score it."""
    settings = Settings.load()
    corpus = Path(shared) / "data" / "html-articles" if shared else settings.shared_dir / "data" / "html-articles"
    floor = settings.min_confidence if min_confidence is None else min_confidence
    articles, labels = load(labels_dir)
    chosen = [a for a in articles if split == "all" or a["split"] == split]
    if not chosen:
        raise InputError(str(labels_dir), f"no article in split {split!r} (test, tune or all)")
    if pipeline is None:
        from ..pipeline import Pipeline
        pipeline = Pipeline(settings)
    read = [read_article(a, corpus, settings) for a in chosen]
    by_article = defaultdict(list)
    for lab in labels:
        by_article[lab["article"]].append(lab)
    found = {r.article.id: r.attributions for r in pipeline.analyze_many(read)}  # a failed article has none
    items = []
    for article in read:
        labs = [_moved(lab, article.text) for lab in by_article[article.id]]
        items.append(([a.to_dict() for a in found.get(article.id, ())], [x for x in labs if x is not None]))
    out = score(items, min_confidence=floor)
    out.update(split=split, articles=len(chosen))
    return out


def _moved(label: dict, text: str) -> dict | None:
    content = [_relocated(c, text) for c in label["content"]]
    if any(c is None for c in content):
        return None
    return {**label, "cue": _relocated(label["cue"], text), "content": content}


def format_report(result: dict) -> str:
    lines = [f"Real news, {result['split']} part: {result['articles']} pages, floor {result['min_confidence']:.2f}",
             f"  {'confidence':<11}{'outputs':>8}{'judged':>8}{'P':>8}{'P+speaker':>11}{'unjudged':>10}"]
    for r in [*result["bands"], {"band": "all", **result}]:
        lines.append(f"  {r['band']:<11}{r['outputs']:>8}{r['judged']:>8}{r['precision']:>8.3f}"
                     f"{r['precision_speaker']:>11.3f}{r['unjudged']:>10}")
    lines.append(f"  recall: {result['found']} of {result['real_labels']} real attributions ({result['recall']:.3f})")
    for e in result["errors"][:15]:
        lines.append(f"  - {e['judged']}: {e['cue']!r} {e['content'][:60]!r} -> {e['speaker']!r}"
                     + (f" (want {e['want'][0]!r})" if e["want"] else ""))
    return "\n".join(lines)
