"""FNC-1 stance evaluation: ``sayso evaluate fnc1 --stances S.csv --bodies B.csv --predictions OUT.csv``.

Input in the FNC-1 layout (``Headline, Body ID[, Stance]`` and ``Body ID, articleBody``);
predictions written in the same layout (``Headline, Body ID, Stance``) by the shipped model
(``claims.bodystance``). With a gold ``Stance`` column, scores macro-F1 over the four classes,
per-class F1 and the challenge's weighted score (0.25 for getting related/unrelated right, 0.75
more for the right stance of a related pair), also as a share of the best possible score.
"""
from __future__ import annotations

from ..errors import InputError
from .csvio import read_rows, write_rows
from .scores import per_class

LABELS = ("agree", "disagree", "discuss", "unrelated")


def score(gold: list[str], pred: list[str]) -> dict:
    """Macro-F1, per-class precision/recall/F1, accuracy and the FNC-1 weighted score."""
    per = per_class(gold, pred, LABELS)
    weighted = best = 0.0
    for g, p in zip(gold, pred):
        best += 0.25 + (0.75 if g != "unrelated" else 0.0)
        if (g == "unrelated") == (p == "unrelated"):
            weighted += 0.25
            if g != "unrelated" and g == p:
                weighted += 0.75
    return {"pairs": len(gold), "macro_f1": sum(per[c]["f1"] for c in LABELS) / len(LABELS),
            "accuracy": sum(g == p for g, p in zip(gold, pred)) / max(len(gold), 1),
            "per_class": per, "weighted_score": weighted, "weighted_max": best,
            "weighted_relative": weighted / best if best else 0.0}


def evaluate(stances_csv, bodies_csv, predictions=None) -> dict:
    """Predict every pair with the shipped model; write them; score when gold is present."""
    from ..claims.bodystance import Body, load_model
    from ..claims.encode import load_encoder

    rows, header = read_rows(stances_csv, ("Headline", "Body ID"))
    body_rows, _ = read_rows(bodies_csv, ("Body ID", "articleBody"))
    texts = {r["Body ID"]: r["articleBody"] for r in body_rows}
    missing = sorted({r["Body ID"] for r in rows} - set(texts))
    if missing:
        raise InputError(stances_csv, f"{len(missing)} Body ID(s) not found in {bodies_csv}, e.g. {missing[0]!r}")
    enc = load_encoder()
    bodies = {bid: Body(texts[bid], enc) for bid in sorted({r["Body ID"] for r in rows})}
    pred = load_model().predict([r["Headline"] for r in rows], [bodies[r["Body ID"]] for r in rows])
    if predictions:
        write_rows(predictions, ["Headline", "Body ID", "Stance"],
                   [[r["Headline"], r["Body ID"], p] for r, p in zip(rows, pred)])
    result = {"pairs": len(rows), "predictions": str(predictions) if predictions else None}
    if "Stance" in header:
        bad = sorted({r["Stance"] for r in rows} - set(LABELS))
        if bad:
            raise InputError(stances_csv, f"unknown Stance value(s) {', '.join(map(repr, bad))} (expected {', '.join(LABELS)})")
        result["scores"] = score([r["Stance"] for r in rows], pred)
    return result


def format_report(result: dict) -> str:
    lines = [f"FNC-1: {result['pairs']} pairs" + (f", predictions in {result['predictions']}" if result["predictions"] else "")]
    s = result.get("scores")
    if s:
        lines.append(f"macro-F1 {s['macro_f1']:.3f}   accuracy {s['accuracy']:.3f}   weighted score "
                     f"{s['weighted_score']:.2f} / {s['weighted_max']:.2f} ({s['weighted_relative']:.3f})")
        for c in LABELS:
            p = s["per_class"][c]
            lines.append(f"  {c:<10} F1 {p['f1']:.3f}  P {p['precision']:.3f}  R {p['recall']:.3f}  n {p['support']}")
    return "\n".join(lines)
