"""Train the attribution model on a PolNeAR-layout directory and tune it on another.

``train(train_dir, dev_dir, out_dir)`` parses both compartments, fits the cue classifier
(logistic regression over :func:`~sayso.nlp.features.cue_features`) on train, picks the score
threshold that maximises attribution-with-source F1 on dev, calibrates the confidence on dev
(binned precision), and writes ``out_dir/attribution.json``.
"""
from __future__ import annotations

import json
import logging
import time
from pathlib import Path

from ..evaluate.polnear import GoldDoc, load_gold, predictions_to_frags, score, match_attributions
from .extract import CueModel, build_attribution
from .features import cue_features, is_candidate
from .quotes import find_quotes
from .spans import quote_index

__all__ = ["train", "cue_labels", "featurize", "fit_cue_model", "tune"]

log = logging.getLogger(__name__)

C = 0.3
THRESHOLDS = [x / 100 for x in range(20, 81, 2)]
BINS = (0.5, 0.6, 0.7, 0.8, 0.9, 1.0)


def cue_labels(doc, gold_atts) -> set[int]:
    """Indices of the tokens that head a gold cue."""
    out = set()
    for a in gold_atts:
        for s, e in a["cue"]:
            span = doc.char_span(s, e, alignment_mode="expand")
            if span is not None and len(span):
                out.add(span.root.i)
    return out


def featurize(docs, golds) -> tuple[list[list[str]], list[int]]:
    """Cue features and labels of every candidate token."""
    X, y = [], []
    for doc, (_, atts) in zip(docs, golds):
        pos = cue_labels(doc, atts)
        qidx = quote_index(doc, find_quotes(doc.text))
        for tok in doc:
            if is_candidate(tok):
                X.append(cue_features(tok, qidx))
                y.append(int(tok.i in pos))
    return X, y


def fit_cue_model(X: list[list[str]], y: list[int], c: float = C) -> CueModel:
    from sklearn.feature_extraction import DictVectorizer
    from sklearn.linear_model import LogisticRegression

    vec = DictVectorizer()
    M = vec.fit_transform({f: 1 for f in x} for x in X).tocsr()
    M.indices = M.indices.astype("int32")
    M.indptr = M.indptr.astype("int32")
    clf = LogisticRegression(C=c, solver="liblinear", max_iter=200)
    clf.fit(M, y)
    names = vec.get_feature_names_out()
    weights = {str(n): round(float(w), 4) for n, w in zip(names, clf.coef_[0]) if abs(w) >= 1e-3}
    return CueModel(weights, round(float(clf.intercept_[0]), 4))


def _scored_candidates(docs, model: CueModel):
    """Per doc: (probability, attribution) of every candidate a cue could head."""
    out = []
    for doc in docs:
        quotes = find_quotes(doc.text)
        qidx = quote_index(doc, quotes)
        cands = []
        for tok in doc:
            if is_candidate(tok):
                p = model.prob(cue_features(tok, qidx))
                if p >= min(THRESHOLDS):
                    att = build_attribution(tok, quotes, qidx)
                    if att is not None:
                        cands.append((p, att))
        out.append(cands)
    return out


def tune(docs, golds: list[GoldDoc], stems: list[str], model: CueModel) -> tuple[CueModel, dict]:
    """The threshold with the best attribution-with-source F1 on dev, and a calibration table."""
    cands = _scored_candidates(docs, model)
    gold = dict(zip(stems, golds))
    best = None
    for th in THRESHOLDS:
        preds = {s: predictions_to_frags(g[0], [a for p, a in c if p >= th]) for s, g, c in zip(stems, golds, cands)}
        res = score(gold, preds)
        key = res["attribution_with_source"]["f1"]
        if best is None or key > best[0]:
            best = (key, th, res)
    _, th, res = best
    table = reliability(cands, golds, th)
    calib = tuple((b["upper"], b["precision"]) for b in table if b["n"])
    return CueModel(model.weights, model.bias, th, calib), {"threshold": th, "dev": res, "reliability": table}


def reliability(cands, golds: list[GoldDoc], th: float) -> list[dict]:
    """Binned precision of the kept attributions by raw score: the basis of the confidence."""
    counts = {b: [0, 0] for b in BINS}
    for c, (text, gatts) in zip(cands, golds):
        kept = [(p, a) for p, a in c if p >= th]
        patts = predictions_to_frags(text, [a for _, a in kept])
        hits = {i for i, _, _ in match_attributions(text, gatts, patts)}
        for i, (p, _) in enumerate(kept):
            b = next(x for x in BINS if p <= x)
            counts[b][0] += 1
            counts[b][1] += i in hits
    lower = th
    table = []
    for b in BINS:
        n, k = counts[b]
        table.append({"lower": round(lower, 2), "upper": b, "n": n, "precision": round(k / n, 4) if n else None})
        lower = b
    return table


def parse(nlp, golds: list[GoldDoc]):
    return list(nlp.pipe((text for text, _ in golds), batch_size=16))


def train(train_dir: str | Path, dev_dir: str | Path, out_dir: str | Path, *, nlp=None,
          metadata: str | Path | None = None) -> dict:
    """Fit on ``train_dir``, tune on ``dev_dir``, write ``out_dir/attribution.json``; returns the report."""
    from . import load_nlp_base
    t0 = time.time()
    nlp = nlp or load_nlp_base()
    tr, dv = load_gold(train_dir, metadata), load_gold(dev_dir, metadata)
    log.info("parsing %d train and %d dev texts", len(tr), len(dv))
    tr_docs, dv_docs = parse(nlp, list(tr.values())), parse(nlp, list(dv.values()))
    report = train_on_docs(tr_docs, list(tr.values()), dv_docs, list(dv.values()), list(dv), out_dir)
    report["seconds"] = round(time.time() - t0, 1)
    return report


def train_on_docs(tr_docs, tr_golds, dv_docs, dv_golds, dv_stems, out_dir, c: float = C) -> dict:
    X, y = featurize(tr_docs, tr_golds)
    log.info("fitting the cue model on %d candidates (%d cues)", len(y), sum(y))
    model = fit_cue_model(X, y, c)
    model, report = tune(dv_docs, dv_golds, dv_stems, model)
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    payload = {"version": 1, "cue": {"weights": model.weights, "bias": model.bias,
                                     "threshold": model.threshold, "calibration": model.calibration}}
    (out / "attribution.json").write_text(json.dumps(payload, sort_keys=True), encoding="utf-8")
    report.update({"train_candidates": len(y), "train_cues": sum(y), "features": len(model.weights)})
    return report
