"""Speaker accuracy on BASIL: who said each named-speaker quote, with the reference definitions.

A BASIL directory holds ``articles/YEAR/*.json`` and ``annotations/YEAR/*_ann.json``. The text of
an article is its title, a blank line, then its paragraphs (sentences joined by spaces) separated
by blank lines, as ``shared/tools/basil_eval.py`` builds it. A quote counts when its annotation
has ``quote == "yes"`` and a speaker not starting with ``other``; it is *covered* when an
attribution's content overlaps it, and *correct* when such an attribution's speaker matches:
the last word of the canonical name (``Michael_Steele`` -> ``steele``), or all its words, is
among the words of the speaker object and the source text.
"""
from __future__ import annotations

import ast
import json
import logging
import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from ..errors import InputError
from ..model import Article, Attribution

__all__ = ["Quote", "article_text", "load", "speaker_words", "name_words", "score", "evaluate",
           "format_report", "prediction_line"]

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Quote:
    start: int
    end: int
    speaker: str  # canonical BASIL name, e.g. "Michael_Steele"
    text: str


def _as_list(v):
    return v if isinstance(v, list) else ast.literal_eval(v)


def article_text(record: dict) -> str:
    """Title, blank line, paragraphs of sentences: the reference scorer's article text."""
    paras = _as_list(record["body-paragraphs"])
    return record["title"] + "\n\n" + "\n\n".join(" ".join(s for s in p) for p in paras) + "\n"


def name_words(s: str) -> list[str]:
    """Lower-case words of a name, as the reference scorer normalises them."""
    return re.sub(r"[^a-z ]", " ", s.lower().replace("_", " ")).split()


def _strings(v) -> Iterator[str]:
    if isinstance(v, str):
        yield v
    elif isinstance(v, dict):
        for x in v.values():
            yield from _strings(x)
    elif isinstance(v, (list, tuple)):
        for x in v:
            yield from _strings(x)


def speaker_words(att: Attribution | dict) -> set[str]:
    """Words of the speaker object and the source text of one attribution."""
    d = att.to_dict() if isinstance(att, Attribution) else att
    vals = list(_strings(d.get("speaker")))
    src = d.get("source")
    if isinstance(src, dict) and src.get("text"):
        vals.append(src["text"])
    return set(name_words(" ".join(vals)))


def load(basil_dir: str | Path) -> Iterator[tuple[Article, list[Quote]]]:
    """Each annotated article with its named-speaker quotes located in the article text."""
    root = Path(basil_dir)
    anns = sorted(root.glob("annotations/*/*_ann.json"))
    if not anns:
        raise InputError(str(root), "no BASIL annotations found (expected annotations/YEAR/*_ann.json)")
    for ann_path in anns:
        stem = ann_path.name[: -len("_ann.json")]
        art_path = root / "articles" / ann_path.parent.name / f"{stem}.json"
        try:
            record = json.loads(art_path.read_text(encoding="utf-8"))
            ann = json.loads(ann_path.read_text(encoding="utf-8"))
        except (OSError, ValueError) as e:
            raise InputError(str(art_path), f"cannot read BASIL article: {e}") from e
        text = article_text(record)
        quotes = []
        for p in _as_list(ann["phrase-level-annotations"]):
            if p.get("quote") != "yes" or not p.get("speaker") or p["speaker"].startswith("other"):
                continue
            i = text.find(p["txt"])
            if i >= 0:
                quotes.append(Quote(i, i + len(p["txt"]), p["speaker"], p["txt"]))
        yield Article(id=stem, text=text, title=record.get("title"), date=record.get("date"),
                      outlet=record.get("source"), url=record.get("url"), format="basil"), quotes


def judge(quote: Quote, atts: list[Attribution | dict]) -> tuple[bool, bool]:
    """(covered, correct) for one quote against one article's attributions."""
    want = name_words(quote.speaker)
    covered = correct = False
    for a in atts:
        d = a.to_dict() if isinstance(a, Attribution) else a
        if any(c["start"] < quote.end and c["end"] > quote.start for c in d.get("content") or []):
            covered = True
            have = speaker_words(d)
            if want and (want[-1] in have or all(w in have for w in want)):
                correct = True
    return covered, correct


def score(items: list[tuple[Article, list[Quote], list[Attribution]]], *, examples: int = 0) -> dict:
    """Counts and shares over (article, quotes, predicted attributions) triples."""
    total = covered = correct = 0
    missed: list[dict] = []
    for article, quotes, atts in items:
        for q in quotes:
            hit, ok = judge(q, atts)
            total += 1
            covered += hit
            correct += ok
            if not ok and len(missed) < examples:
                missed.append({"article": article.id, "speaker": q.speaker, "quote": q.text[:160],
                               "covered": hit})
    return {
        "named_quotes": total, "covered": covered, "correct_speaker": correct,
        "coverage": round(covered / total, 4) if total else 0.0,
        "speaker_accuracy": round(correct / total, 4) if total else 0.0,
        "accuracy_when_covered": round(correct / covered, 4) if covered else 0.0,
        "missed": missed,
    }


def evaluate(basil_dir: str | Path, *, pipeline=None, examples: int = 20, keep_predictions: bool = False) -> dict:
    """Run sayso over a BASIL directory and score speakers of named quotes."""
    if pipeline is None:
        from ..pipeline import Pipeline
        pipeline = Pipeline()
    loaded = list(load(basil_dir))
    results = pipeline.analyze_many(a for a, _ in loaded)
    items = [(a, q, list(r.attributions)) for (a, q), r in zip(loaded, results)]
    log.info("BASIL: %d articles analysed", len(items))
    out = score(items, examples=examples)
    out["articles"] = len(items)
    if keep_predictions:
        out["predictions"] = [prediction_line(a, atts) for a, _, atts in items]
    return out


def prediction_line(article: Article, atts: list[Attribution]) -> dict:
    """One prediction line in the layout the reference scorer reads."""
    return {"id": article.id, "attributions": [a.to_dict() for a in atts]}


def format_report(result: dict) -> str:
    """A short human-readable report."""
    lines = [
        f"BASIL named-speaker quotes: {result['named_quotes']} in {result.get('articles', '?')} articles",
        f"  covered by an attribution: {result['covered']} ({result['coverage']:.1%})",
        f"  correct speaker:           {result['correct_speaker']} ({result['speaker_accuracy']:.1%})",
        f"  correct when covered:      {result['accuracy_when_covered']:.1%}",
    ]
    for m in result.get("missed", [])[:10]:
        state = "wrong speaker" if m["covered"] else "not found"
        lines.append(f"  - {state}: {m['speaker']}: {m['quote'][:80]!r}")
    return "\n".join(lines)
