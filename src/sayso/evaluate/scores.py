"""Per-class precision, recall and F1 of labelled predictions (FNC-1 and Emergent stance)."""
from __future__ import annotations


def per_class(gold: list[str], pred: list[str], labels: tuple[str, ...]) -> dict[str, dict]:
    """``{label: {precision, recall, f1, support}}`` for each label."""
    out = {}
    for c in labels:
        tp = sum(g == c and p == c for g, p in zip(gold, pred))
        npred, ngold = sum(p == c for p in pred), sum(g == c for g in gold)
        prec, rec = (tp / npred if npred else 0.0), (tp / ngold if ngold else 0.0)
        out[c] = {"precision": prec, "recall": rec, "f1": 2 * prec * rec / (prec + rec) if prec + rec else 0.0,
                  "support": ngold}
    return out
