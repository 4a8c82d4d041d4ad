"""Emergent evaluation: ``sayso evaluate emergent FILE.csv --predictions OUT.csv``.

Input columns ``id, articleHeadline`` (``claimHeadline`` may be absent or blank; gold
``articleHeadlineStance`` and ``claimId`` optional). Writes ``id, stance, group``: the stance
(for / against / observing) of each headline toward its claim, from the shipped stance model, and
the claim group computed from the article headlines alone (``claims.encode`` + ``claims.group``).
Prediction reads only ``claimHeadline`` and ``articleHeadline``; ``claimId`` is read for scoring
only. With gold columns, prints stance accuracy and macro-F1 and the B-cubed F1 of the groups.
"""
from __future__ import annotations

from collections import defaultdict

from ..errors import InputError
from .csvio import read_rows, write_rows
from .scores import per_class

STANCES = ("for", "against", "observing")


def predict(rows: list[dict]) -> list[tuple[str, int]]:
    """(stance, group) per row, from ``claimHeadline`` and ``articleHeadline`` only."""
    from ..claims.encode import load_encoder
    from ..claims.group import cluster
    from ..claims.stance import load_model

    heads = [r["articleHeadline"] or "" for r in rows]
    claims = [(r.get("claimHeadline") or "") for r in rows]
    groups = cluster(load_encoder().encode(heads))
    stances = [label for label, _ in load_model().predict(list(zip(claims, heads)))]
    return list(zip(stances, groups))


def bcubed(pred: list, gold: list) -> dict:
    """B-cubed precision, recall and F1 of a clustering against gold clusters."""
    members_p, members_g = defaultdict(set), defaultdict(set)
    for i, (p, g) in enumerate(zip(pred, gold)):
        members_p[p].add(i)
        members_g[g].add(i)
    prec = rec = 0.0
    for i, (p, g) in enumerate(zip(pred, gold)):
        both = len(members_p[p] & members_g[g])
        prec += both / len(members_p[p])
        rec += both / len(members_g[g])
    n = max(len(pred), 1)
    prec, rec = prec / n, rec / n
    return {"precision": prec, "recall": rec, "f1": 2 * prec * rec / (prec + rec) if prec + rec else 0.0,
            "groups": len(members_p), "gold_groups": len(members_g)}


def stance_scores(gold: list[str], pred: list[str]) -> dict:
    f1s = {c: s["f1"] for c, s in per_class(gold, pred, STANCES).items()}
    return {"accuracy": sum(g == p for g, p in zip(gold, pred)) / max(len(gold), 1),
            "macro_f1": sum(f1s.values()) / len(STANCES), "f1": f1s}


def evaluate(path, predictions=None) -> dict:
    rows, header = read_rows(path, ("id", "articleHeadline"))
    if not rows:
        raise InputError(path, "no rows")
    out = predict([{k: r.get(k) for k in ("claimHeadline", "articleHeadline")} for r in rows])
    if predictions:
        write_rows(predictions, ["id", "stance", "group"], [[r["id"], s, g] for r, (s, g) in zip(rows, out)])
    result: dict = {"rows": len(rows), "predictions": str(predictions) if predictions else None}
    if "articleHeadlineStance" in header:
        gold = [r["articleHeadlineStance"] for r in rows]
        bad = sorted(set(gold) - set(STANCES))
        if bad:
            raise InputError(path, f"unknown articleHeadlineStance value(s) {', '.join(map(repr, bad))} (expected {', '.join(STANCES)})")
        result["stance"] = stance_scores(gold, [s for s, _ in out])
    if "claimId" in header:
        result["grouping"] = bcubed([g for _, g in out], [r["claimId"] for r in rows])
    return result


def format_report(result: dict) -> str:
    lines = [f"Emergent: {result['rows']} headlines" + (f", predictions in {result['predictions']}" if result["predictions"] else "")]
    if "stance" in result:
        s = result["stance"]
        lines.append(f"stance accuracy {s['accuracy']:.3f}   macro-F1 {s['macro_f1']:.3f}   (F1 "
                     + ", ".join(f"{c} {v:.3f}" for c, v in s["f1"].items()) + ")")
    if "grouping" in result:
        g = result["grouping"]
        lines.append(f"grouping B-cubed F1 {g['f1']:.3f}   P {g['precision']:.3f}   R {g['recall']:.3f}   "
                     f"{g['groups']} groups ({g['gold_groups']} gold)")
    return "\n".join(lines)
