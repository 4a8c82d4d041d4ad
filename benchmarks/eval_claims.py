"""Split-by-claim figures of the claim models (the README's "Claims: models and figures").

    .venv/bin/python benchmarks/eval_claims.py [--shared ../shared] [--skip-fnc] [--skip-stance]

1. Grouping from headlines alone on all of Emergent train.csv: B-cubed F1 of the shipped encoder
   with average linkage at ``SAME_CLAIM`` (chosen by 5-fold GroupKFold on claimId: each fold's
   threshold is the best on the other folds' headlines), the held-out fold figures, and the
   plain TF-IDF baseline.
2. Emergent headline stance, 10-fold GroupKFold on claimId: accuracy and macro-F1.
3. FNC-1, 20% of the claims held out (their headlines and bodies unseen in training): macro-F1,
   per-class F1 and the weighted score.
4. Throughput on PolNeAR dev attribution-length texts: ``encode`` (texts/s) and ``claim_stances``
   (pairs/s; the first call, whose per-word n-gram cache starts empty, and the best of 3).
Needs scikit-learn (the ``train`` extra). Prints ``uptime`` with the speed figure.
"""
from __future__ import annotations

import argparse
import csv
import json
import os
import time
from pathlib import Path

import numpy as np


def grouping(path: Path) -> dict:
    from sklearn.feature_extraction.text import TfidfVectorizer
    from sklearn.model_selection import GroupKFold

    from sayso.claims.encode import load_encoder
    from sayso.claims.group import SAME_CLAIM, _average_linkage, cluster
    from sayso.evaluate.emergent import bcubed

    rows = list(csv.DictReader(open(path, encoding="utf-8")))
    heads = [r["articleHeadline"] for r in rows]
    gold = np.array([r["claimId"] for r in rows])
    vecs = load_encoder().encode(heads)
    grid = np.round(np.arange(0.2, 0.4, 0.0125), 4)
    chosen, held = [], []
    for tr, te in GroupKFold(5).split(vecs, groups=gold):
        t = max(grid, key=lambda t: bcubed(cluster(vecs[tr], t), list(gold[tr]))["f1"])
        chosen.append(float(t))
        held.append(bcubed(cluster(vecs[te], t), list(gold[te]))["f1"])
    tfidf = TfidfVectorizer(stop_words="english").fit_transform(heads)
    sims = (tfidf @ tfidf.T).toarray()
    base = {str(t): round(bcubed(_average_linkage(sims.copy(), t), list(gold))["f1"], 3) for t in (0.1, 0.125, 0.15)}
    return {"bcubed_all_train": bcubed(cluster(vecs), list(gold)), "same_claim": SAME_CLAIM,
            "cv_thresholds": chosen, "cv_heldout_f1_mean": float(np.mean(held)),
            "tfidf_average_linkage_f1_by_threshold": base}


def speed(shared: Path) -> dict:
    from sayso.claims.encode import load_encoder
    texts = []
    for p in sorted((shared / "data" / "polnear" / "dev" / "text").glob("*"))[:200]:
        sents = p.read_text(encoding="utf-8", errors="replace").split(". ")
        texts += [s for s in sents if len(s) > 30]
    from sayso.claims.stance import claim_stances, load_model
    enc = load_encoder()
    t0 = time.perf_counter()
    enc.encode(texts)
    dt = time.perf_counter() - t0
    pairs = [("Russia is giving Iran intelligence", t) for t in texts]
    load_model()
    runs = []
    for _ in range(4):
        t0 = time.perf_counter()
        claim_stances(pairs)
        runs.append(time.perf_counter() - t0)
    return {"texts": len(texts), "mean_chars": float(np.mean([len(t) for t in texts])),
            "texts_per_s": len(texts) / dt, "claim_stances_first_pairs_per_s": len(pairs) / runs[0],
            "claim_stances_best_pairs_per_s": len(pairs) / min(runs[1:]), "uptime": os.popen("uptime").read().strip()}


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--shared", default=str(Path(__file__).resolve().parents[1].parent / "shared"))
    ap.add_argument("--skip-fnc", action="store_true")
    ap.add_argument("--skip-stance", action="store_true")
    args = ap.parse_args()
    shared = Path(args.shared)
    data = shared / "data"
    from sayso.claims import train as T
    out = {"grouping": grouping(data / "emergent" / "train.csv")}
    print(json.dumps(out, indent=1), flush=True)
    if not args.skip_stance:
        rows = T._read_csv(data / "emergent" / "train.csv", ())
        out["emergent_stance_10fold_by_claim"] = T.validate_emergent(rows)
        print(json.dumps(out["emergent_stance_10fold_by_claim"], indent=1), flush=True)
    if not args.skip_fnc:
        stances, bodies = T.load_fnc(data / "fnc1" / "train_stances.csv", data / "fnc1" / "train_bodies.csv")
        out["fnc1_heldout_claims"] = T.validate_fnc(stances, bodies)
        print(json.dumps(out["fnc1_heldout_claims"], indent=1), flush=True)
    out["encode_speed"] = speed(shared)
    print(json.dumps(out["encode_speed"], indent=1))


if __name__ == "__main__":
    main()
