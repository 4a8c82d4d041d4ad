"""Stance, framing and source type against the hand-labelled dev set (``sayso/data/labels``).

Each line of the labels file is one real attribution: article id, corpus, the gold source, cue
and content spans (offsets into the article text) and three hand-made labels: ``stance``,
``framing`` and ``type`` (rules in ``docs/labelling.md``). The gold spans are fed to
``resolve_attributions``, so the figures measure resolution and stance alone, not extraction.

The set ships inside the package with the one bundled article it labels (``articles/``); the
PolNeAR dev texts come from ``$SAYSO_SHARED/data/polnear/dev`` (their text belongs to the publishers).
"""
from __future__ import annotations

import json
from collections import Counter, defaultdict
from pathlib import Path

from ..errors import InputError
from ..model import FRAMINGS, SOURCE_TYPES, STANCES, Article, Attribution, Span
from ..settings import Settings

__all__ = ["DEFAULT_LABELS", "load_labels", "to_attribution", "per_class", "evaluate", "format_report"]

LABELS_DIR = Path(__file__).resolve().parent.parent / "data" / "labels"
DEFAULT_LABELS = LABELS_DIR / "stance_type_dev.jsonl"
TASKS = {"stance": STANCES, "framing": FRAMINGS, "type": SOURCE_TYPES}


def load_labels(path: str | Path = DEFAULT_LABELS) -> list[dict]:
    """The labelled attributions, checked for known labels."""
    rows = []
    with open(path, encoding="utf-8") as f:
        for n, line in enumerate(f, 1):
            if not line.strip():
                continue
            r = json.loads(line)
            for task, allowed in TASKS.items():
                if r.get(task) not in allowed:
                    raise InputError(f"{path}:{n}", f"{task} {r.get(task)!r} is not one of {allowed}")
            rows.append(r)
    return rows


def article_path(row: dict, shared: Path) -> Path:
    """Where the text of a labelled article lives."""
    if row["corpus"] == "sample":
        return LABELS_DIR / "articles" / f"{row['article']}.txt"
    if row["corpus"] == "polnear-dev":
        return shared / "data" / "polnear" / "dev" / "text" / f"{row['article']}.txt"
    raise InputError(row["id"], f"unknown corpus {row['corpus']!r}")


def _span(frags: list[dict], text: str) -> Span | None:
    """The first fragment of a source or cue, checked against the article text."""
    if not frags:
        return None
    f = frags[0]
    span = Span.of(text, f["start"], f["end"])
    if span.text != f["text"]:
        raise InputError(f"{f['start']}:{f['end']}", "label offsets do not match the article text")
    return span


def to_attribution(row: dict, text: str) -> Attribution:
    """The gold attribution of one labelled row (first source/cue fragment, all content)."""
    content = tuple(Span.of(text, c["start"], c["end"]) for c in row["content"])
    return Attribution(source=_span(row["source"], text), cue=_span(row["cue"], text), content=content)


def per_class(gold: list[str], pred: list[str], classes) -> dict:
    """Precision, recall, F1 and support per class, plus accuracy."""
    out = {}
    for c in classes:
        tp = sum(g == c and p == c for g, p in zip(gold, pred))
        n_pred, n_gold = pred.count(c), gold.count(c)
        prec = tp / n_pred if n_pred else 0.0
        rec = tp / n_gold if n_gold else 0.0
        f1 = 2 * prec * rec / (prec + rec) if prec + rec else 0.0
        out[c] = {"precision": round(prec, 3), "recall": round(rec, 3), "f1": round(f1, 3),
                  "support": n_gold, "predicted": n_pred}
    acc = sum(g == p for g, p in zip(gold, pred)) / len(gold) if gold else 0.0
    return {"classes": out, "accuracy": round(acc, 3), "n": len(gold)}


def predict(rows: list[dict], nlp, shared: Path) -> list[Attribution]:
    """Resolve every labelled attribution, article by article, from its gold spans."""
    from ..resolve import resolve_attributions

    by_article: dict[str, list[int]] = defaultdict(list)
    for i, r in enumerate(rows):
        by_article[(r["corpus"], r["article"])].append(i)
    out: list[Attribution | None] = [None] * len(rows)
    for (_, art_id), idx in by_article.items():
        path = article_path(rows[idx[0]], shared)
        if not path.is_file():
            raise InputError(path, "labelled article not found; the PolNeAR dev texts come from "
                                   "SAYSO_SHARED (or --shared): `make data` fetches them")
        text = path.read_text(encoding="utf-8")
        atts = [to_attribution(rows[i], text) for i in idx]
        resolved = resolve_attributions(nlp(text), atts, Article(id=art_id, text=text))
        for i, a in zip(idx, resolved):
            out[i] = a
    return out


def evaluate(labels: str | Path = DEFAULT_LABELS, *, nlp=None, shared: str | Path | None = None,
             keep_pairs: bool = False) -> dict:
    """Per-class precision/recall of stance, framing and source type on the labelled set."""
    if nlp is None:
        from ..nlp import load_nlp
        nlp = load_nlp()
    rows = load_labels(labels)
    preds = predict(rows, nlp, Path(shared) if shared else Settings.load().shared_dir)
    got = {"stance": [a.stance.label for a in preds], "framing": [a.stance.framing for a in preds],
           "type": [a.speaker.type for a in preds]}
    result = {task: per_class([r[task] for r in rows], got[task], TASKS[task]) for task in TASKS}
    result["n"] = len(rows)
    result["corpora"] = dict(Counter(r["corpus"] for r in rows))
    if keep_pairs:
        result["pairs"] = [{"id": r["id"], **{t: (r[t], got[t][i]) for t in TASKS}} for i, r in enumerate(rows)]
    return result


def format_report(result: dict) -> str:
    """Tables of precision and recall per class."""
    lines = [f"Labelled attributions: {result['n']} {result.get('corpora', '')}"]
    for task in TASKS:
        r = result[task]
        lines.append(f"{task}: accuracy {r['accuracy']:.3f}")
        lines.append(f"  {'class':<13}{'P':>7}{'R':>7}{'F1':>7}{'gold':>6}{'pred':>6}")
        for c, m in r["classes"].items():
            lines.append(f"  {c:<13}{m['precision']:>7.3f}{m['recall']:>7.3f}{m['f1']:>7.3f}"
                         f"{m['support']:>6}{m['predicted']:>6}")
    return "\n".join(lines)
