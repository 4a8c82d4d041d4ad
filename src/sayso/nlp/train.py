"""Train the attribution model on a PolNeAR-layout directory and tune it on another.

``train(train_dir, dev_dir, out_dir)`` parses both compartments with the extractor's spaCy
pipeline, then:

1. fits the stage-one cue model (logistic regression over :func:`~.features.cue_features`;
   label: the token heads a gold cue);
2. builds every candidate attribution of the train tokens above the stage-one floor (each half
   of train pruned by a cue model fitted on the other half, so that the pool looks like unseen
   text) and fits the stage-two model on them (label: content and source both match a gold
   attribution with Dice >= 0.5, the reference scorer's criterion);
3. on dev, picks the threshold with the best attribution-with-source F1 and calibrates the
   confidence (binned precision, made monotone);
4. writes ``out_dir/attribution.json.gz`` (deterministic: the same data give the same bytes).

On 2 cores it takes about 3 minutes (most of it parsing) and 2.1 GB of memory.
"""
from __future__ import annotations

import logging
import time
from pathlib import Path

from ..errors import ModelError
from ..evaluate.polnear import (GoldDoc, dice, load_gold, match_attributions, nonspace_chars, predictions_to_frags,
                               score)
from .build import build_all
from .extract import MODEL_PATH, AttributionModel, CueModel, save_model, scored_candidates, select
from .features import attribution_features, cue_features, is_candidate
from .quotes import find_quotes
from .spans import quote_index

__all__ = ["train", "train_on_docs", "cue_labels", "featurize", "fit_cue_model", "stage_two_data", "tune"]

log = logging.getLogger(__name__)

C = 0.3  # inverse regularisation of the stage-one (cue) model
C2 = 0.3  # ... and of the stage-two (attribution) model
FLOOR = 0.06  # stage-one score below which no attribution is built (0.03 and 0.10 score lower on dev)
PRUNE = 0.03  # weights smaller than this are dropped (no loss on dev; a third of the size)
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


def featurize(docs, golds) -> tuple[list[list[str]], list[int], list[int]]:
    """Cue features and labels of every candidate token, and the index of its document."""
    X, y, where = [], [], []
    for k, (doc, (_, atts)) in enumerate(zip(docs, golds)):
        pos = cue_labels(doc, atts)
        qidx = quote_index(doc, find_quotes(doc.text))
        for tok in doc:
            if is_candidate(tok):
                X.append(cue_features(tok, qidx))
                y.append(int(tok.i in pos))
                where.append(k)
    return X, y, where


def fit_cue_model(X: list[list[str]], y: list[int], c: float = C) -> CueModel:
    try:  # only training needs scikit-learn (the `train` extra); inference reads plain weights
        from sklearn.feature_extraction import DictVectorizer
        from sklearn.linear_model import LogisticRegression
    except ImportError as e:
        raise ModelError(f"training needs scikit-learn ({e}); install it with `pip install 'sayso[train]'`") from e

    vec = DictVectorizer()
    M = vec.fit_transform({f: 1 for f in x} for x in X).tocsr()
    M.indices = M.indices.astype("int32")
    M.indptr = M.indptr.astype("int32")
    clf = LogisticRegression(C=c, solver="liblinear", max_iter=200, random_state=0)
    clf.fit(M, y)
    names = vec.get_feature_names_out()
    weights = {str(n): round(float(w), 3) for n, w in zip(names, clf.coef_[0]) if abs(w) >= PRUNE}
    return CueModel(weights, round(float(clf.intercept_[0]), 4))


def stage_two_data(docs, golds, cues: list[CueModel], floor: float) -> tuple[list[list[str]], list[int]]:
    """Features of every attribution built above the floor (document k pruned by ``cues[k]``),
    labelled by whether gold has it (content and source Dice >= 0.5 with a gold attribution)."""
    X, y = [], []
    for doc, (text, gatts), cue in zip(docs, golds, cues):
        gsets = [(nonspace_chars(text, g["content"]), nonspace_chars(text, g["source"])) for g in gatts]
        quotes = find_quotes(text)
        qidx = quote_index(doc, quotes)
        for tok in doc:
            if not is_candidate(tok):
                continue
            feats = cue_features(tok, qidx)
            if cue.prob(feats) < floor:
                continue
            for rank, built in enumerate(build_all(tok, quotes, qidx)):
                a = built.attribution
                pc = nonspace_chars(text, [(c.start, c.end) for c in a.content])
                ps = nonspace_chars(text, [(a.source.start, a.source.end)] if a.source else [])
                hit = any(bool(pc) and dice(pc, g) >= 0.5 and (dice(ps, gs) >= 0.5 if (ps or gs) else True)
                          for g, gs in gsets)
                X.append(feats + attribution_features(tok, built, rank))
                y.append(int(hit))
    return X, y


def tune(docs, golds: list[GoldDoc], stems: list[str], model: AttributionModel) -> tuple[AttributionModel, dict]:
    """The threshold with the best attribution-with-source F1 on dev, and a calibration table."""
    cands = [scored_candidates(doc, model) for doc in docs]
    gold = dict(zip(stems, golds))
    best = None
    for th in THRESHOLDS:
        preds = {s: predictions_to_frags(g[0], [a for _, a in select(c, th)]) for s, g, c in zip(stems, golds, cands)}
        res = score(gold, preds)
        key = res["attribution_with_source"]["f1"]
        if best is None or key > best[0]:
            best = (key, th, res)
    _, th, res = best
    kept = [select(c, th) for c in cands]
    table = reliability(kept, golds, th)
    calib = monotone([(b["upper"], b["precision"], b["n"]) for b in table if b["n"]])
    att = CueModel(model.attribution.weights, model.attribution.bias, th, calib)
    return AttributionModel(model.cue, att, model.floor), {"threshold": th, "dev": res, "reliability": table}


def monotone(bins: list[tuple[float, float, int]]) -> tuple[tuple[float, float], ...]:
    """(upper bound, precision) per bin, made non-decreasing by pooling adjacent violators (weighted by n),
    so that a higher score never gets a lower confidence."""
    pools: list[list] = []  # [upper bounds, weighted precision sum, n]
    for upper, p, n in bins:
        pools.append([[upper], p * n, n])
        while len(pools) > 1 and pools[-2][1] / pools[-2][2] > pools[-1][1] / pools[-1][2]:
            ups, w, k = pools.pop()
            pools[-1][0] += ups
            pools[-1][1] += w
            pools[-1][2] += k
    return tuple((u, round(w / k, 4)) for ups, w, k in pools for u in ups)


def reliability(kept_per_doc, golds: list[GoldDoc], th: float) -> list[dict]:
    """Binned precision of the kept attributions by raw score: the basis of the confidence."""
    counts = {b: [0, 0] for b in BINS}
    for kept, (text, gatts) in zip(kept_per_doc, golds):
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
    """Fit on ``train_dir``, tune on ``dev_dir``, write ``out_dir/attribution.json.gz``; returns the report."""
    from . import load_nlp_base
    t0 = time.time()
    nlp = nlp or load_nlp_base()
    tr, dv = load_gold(train_dir, metadata), load_gold(dev_dir, metadata)
    log.info("parsing %d train and %d dev texts", len(tr), len(dv))
    tr_docs, dv_docs = parse(nlp, list(tr.values())), parse(nlp, list(dv.values()))
    report = train_on_docs(tr_docs, list(tr.values()), dv_docs, list(dv.values()), list(dv), out_dir)
    report["seconds"] = round(time.time() - t0, 1)
    return report


def train_on_docs(tr_docs, tr_golds, dv_docs, dv_golds, dv_stems, out_dir, c: float = C, c2: float = C2) -> dict:
    """Fit both stages on parsed train docs, tune on parsed dev docs, write the model; returns the report."""
    X, y, where = featurize(tr_docs, tr_golds)
    log.info("stage one: %d candidates (%d cues)", len(y), sum(y))
    cue = fit_cue_model(X, y, c)
    folds = [fit_cue_model([x for x, w in zip(X, where) if w % 2 != k], [v for v, w in zip(y, where) if w % 2 != k], c)
             for k in (0, 1)]  # cross-fitted: each half is pruned by a model that never saw it
    X2, y2 = stage_two_data(tr_docs, tr_golds, [folds[k % 2] for k in range(len(tr_docs))], FLOOR)
    log.info("stage two: %d built attributions (%d in gold)", len(y2), sum(y2))
    att = fit_cue_model(X2, y2, c2)
    model, report = tune(dv_docs, dv_golds, dv_stems, AttributionModel(cue, att, FLOOR))
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    save_model(model, out / MODEL_PATH.name)
    report.update({"stage_one": [len(y), sum(y)], "stage_two": [len(y2), sum(y2)],
                   "features": len(cue.weights) + len(att.weights)})
    return report
