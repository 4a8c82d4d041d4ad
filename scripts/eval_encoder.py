"""Emergent grouping figures of a candidate claim encoder file (for choosing one; needs scikit-learn).

    .venv/bin/python scripts/eval_encoder.py src/sayso/claims/models/encoder.npz [OTHER.npz ...]

For each file: B-cubed F1 on all Emergent train headlines with average linkage (the rule of
``group.cluster``) at a threshold chosen by 5-fold GroupKFold on claimId (each fold's threshold
is the best on the other four folds; the figure on all of train uses the median of the five
choices), the held-out fold mean, and, for reference only, the best threshold on all of train
(optimistic) for the joined encoding and for its semantic view alone.
"""
from __future__ import annotations

import csv
import json
import sys
from pathlib import Path

import numpy as np

from sayso.claims.encode import Encoder
from sayso.evaluate.grouping import average_linkage, bcubed_f1

GRID = np.round(np.arange(0.2, 0.4, 0.0125), 4)
SEM_GRID = np.round(np.arange(0.2, 0.75, 0.025), 4)
DEFAULT_CSV = Path(__file__).resolve().parents[1].parent / "shared" / "data" / "emergent" / "train.csv"


def figures(vecs: np.ndarray, gold: np.ndarray, grid=GRID) -> dict:
    from sklearn.model_selection import GroupKFold

    chosen, held = [], []
    for tr, te in GroupKFold(5).split(vecs, groups=gold):
        t = max(grid, key=lambda t: bcubed_f1(list(gold[tr]), average_linkage(vecs[tr], t)))
        chosen.append(float(t))
        held.append(bcubed_f1(list(gold[te]), average_linkage(vecs[te], t)))
    t = float(np.median(chosen))
    best = {float(g): bcubed_f1(list(gold), average_linkage(vecs, g)) for g in grid}
    bt = max(best, key=best.get)
    return {"cv_thresholds": chosen, "heldout_mean": round(float(np.mean(held)), 4),
            "heldout": [round(h, 4) for h in held], "threshold": t,
            "all_train": round(bcubed_f1(list(gold), average_linkage(vecs, t)), 4),
            "best_on_train": [bt, round(best[bt], 4)]}


def evaluate(path: str, csv_path: str = str(DEFAULT_CSV), semantic: bool = True) -> dict:
    rows = list(csv.DictReader(open(csv_path, encoding="utf-8")))
    heads = [r["articleHeadline"] for r in rows]
    gold = np.array([r["claimId"] for r in rows])
    enc = Encoder(path)
    vecs = enc.encode(heads)
    out = {"file": path, "joined": figures(vecs, gold)}
    if semantic:
        sem = vecs[:, : enc.semantic_dim]
        sem = sem / np.maximum(np.linalg.norm(sem, axis=1, keepdims=True), 1e-9)
        f = figures(sem, gold, SEM_GRID)
        out["semantic_best_on_train"] = f["best_on_train"]
        out["semantic_heldout_mean"] = f["heldout_mean"]
    return out


if __name__ == "__main__":
    for p in sys.argv[1:]:
        print(json.dumps(evaluate(p)), flush=True)
