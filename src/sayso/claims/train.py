"""Train (and validate, split by claim) the claim-stance models; scikit-learn is needed here only.

``train(emergent_csv, fnc_stances, fnc_bodies, out_dir)`` writes ``stance.npz`` (Emergent
headline stance, used by ``claims.stance``) and ``fnc1.npz`` (FNC-1 body stance, used by
``sayso evaluate fnc1``). Deterministic: lbfgs logistic regressions, fixed splits, no sampling.
``validate(...)`` prints the split-by-claim figures reported in the README.
"""
from __future__ import annotations

import csv
import logging
from pathlib import Path

import numpy as np

from ..errors import SaysoError
from . import bodystance as B
from . import features as F
from . import stance as S

log = logging.getLogger(__name__)


def _read_csv(path, required: tuple[str, ...]) -> list[dict]:
    try:
        with open(path, encoding="utf-8", newline="") as f:
            rows = list(csv.DictReader(f))
    except (OSError, UnicodeDecodeError, csv.Error) as e:
        raise SaysoError(f"{path}: cannot read CSV ({e})") from e
    missing = [c for c in required if rows and c not in rows[0]]
    if not rows or missing:
        raise SaysoError(f"{path}: {'no rows' if not rows else 'missing column(s) ' + ', '.join(missing)}")
    return rows


def _lr(c: float = 1.0, class_weight=None, max_iter: int = 300):
    """lbfgs logistic regression, capped at ``max_iter`` iterations (deterministic either way)."""
    import warnings

    from sklearn.exceptions import ConvergenceWarning
    from sklearn.linear_model import LogisticRegression
    warnings.filterwarnings("ignore", category=ConvergenceWarning)
    return LogisticRegression(C=c, max_iter=max_iter, class_weight=class_weight)


# ---------------------------------------------------------------- Emergent headline stance
def emergent_matrix(rows: list[dict], idf: np.ndarray | None = None):
    """(X, idf) for Emergent rows: TF-IDF of hashed character n-grams + dense features."""
    from scipy.sparse import csr_matrix, hstack
    ids = S.char_ids([r["articleHeadline"] for r in rows])
    idf = F.idf_of_ids(*ids, len(rows), S.CHAR_DIM) if idf is None else idf
    i, j, v = F.sparse_tfidf(*ids, len(rows), idf)
    chars = csr_matrix((v, (i, j)), shape=(len(rows), S.CHAR_DIM))
    dense = np.stack([S.dense_features(r.get("claimHeadline", ""), r["articleHeadline"]) for r in rows])
    return hstack([chars, csr_matrix(dense)]).tocsr(), idf


def fit_emergent(rows: list[dict]) -> dict:
    X, idf = emergent_matrix(rows)
    model = _lr(1.0, max_iter=5000).fit(X, [r["articleHeadlineStance"] for r in rows])
    return {"classes": np.array(model.classes_), "idf": idf,
            "coef": model.coef_.astype(np.float32), "intercept": model.intercept_.astype(np.float32)}


def validate_emergent(rows: list[dict], folds: int = 10) -> dict:
    """Stance accuracy and macro-F1 with GroupKFold on claimId (no claim on both sides)."""
    from sklearn.metrics import accuracy_score, f1_score
    from sklearn.model_selection import GroupKFold
    gold = np.array([r["articleHeadlineStance"] for r in rows])
    pred = np.empty(len(rows), dtype=object)
    for tr, te in GroupKFold(folds).split(rows, groups=[r["claimId"] for r in rows]):
        m = fit_emergent([rows[i] for i in tr])
        X, _ = emergent_matrix([rows[i] for i in te], m["idf"])
        pred[te] = m["classes"][np.argmax(X @ m["coef"].T + m["intercept"], axis=1)]
    return {"accuracy": float(accuracy_score(gold, pred.astype(str))),
            "macro_f1": float(f1_score(gold, pred.astype(str), average="macro")),
            "majority": float(max(np.mean(gold == c) for c in set(gold))), "rows": len(rows)}


# ---------------------------------------------------------------- FNC-1 body stance
def fnc_features(stances: list[dict], bodies: dict[str, str]):
    """Per pair: similarity features, dense stance features, body and closest-sentence counts."""
    from scipy.sparse import csr_matrix, vstack
    cache = {bid: B.Body(text) for bid, text in bodies.items()}
    hvecs = {}
    from .encode import load_encoder
    enc = load_encoder()
    heads = sorted({r["Headline"] for r in stances})
    for h, v in zip(heads, enc.encode(heads)):
        hvecs[h] = v
    sims, dense, close = [], [], []
    for r in stances:
        s, d, c = B.pair_features(r["Headline"], hvecs[r["Headline"]], cache[r["Body ID"]])
        sims.append(s)
        dense.append(d)
        close.append(csr_matrix(c))
    return np.stack(sims), np.stack(dense), vstack(close).tocsr(), cache


def relatedness_matrix(stances, sims, cache: dict, idf_stem: np.ndarray) -> np.ndarray:
    """Per pair: the similarity features and the IDF-weighted word overlaps (``B.overlap_features``)."""
    heads = {h: B.stem_ids(h) for h in {r["Headline"] for r in stances}}
    over = [B.overlap_features(heads[r["Headline"]], cache[r["Body ID"]], idf_stem) for r in stances]
    return np.hstack([sims, np.stack(over) if over else np.zeros((0, 5), dtype=np.float32)])


def fit_fnc(stances, sims, dense, close, cache) -> dict:
    y = np.array([r["Stance"] for r in stances])
    train_bodies = sorted({r["Body ID"] for r in stances})
    idf_stem = F.idf_of_ids(*F.stack_ids([cache[b].stem_ids for b in train_bodies]), len(train_bodies), B.STEM_DIM)
    rel = _lr(1.0, class_weight="balanced", max_iter=1000).fit(relatedness_matrix(stances, sims, cache, idf_stem),
                                                              y != "unrelated")
    body_counts = {bid: b.word_counts for bid, b in cache.items()}
    related = np.nonzero(y != "unrelated")[0]
    ids = sorted({stances[i]["Body ID"] for i in related})
    idf_body = F.idf_of(np.stack([body_counts[b] for b in ids]))
    idf_close = F.idf_of(close[related].toarray())
    X = _stance_matrix([stances[i] for i in related], dense[related], close[related], body_counts,
                       idf_body, idf_close)
    model = _lr(1.0, class_weight="balanced").fit(X, y[related])
    return {"rel_coef": rel.coef_.astype(np.float32), "rel_intercept": rel.intercept_.astype(np.float32),
            "idf_stem": idf_stem,
            "coef": model.coef_.astype(np.float32), "intercept": model.intercept_.astype(np.float32),
            "classes": np.array(model.classes_), "idf_body": idf_body, "idf_close": idf_close}


def _stance_matrix(rows, dense, close, body_counts, idf_body, idf_close):
    from scipy.sparse import csr_matrix, hstack
    bodies = np.stack([F.tfidf(body_counts[r["Body ID"]], idf_body) for r in rows])
    close = close.multiply(idf_close).tocsr()
    norms = np.sqrt(np.asarray(close.multiply(close).sum(axis=1))).ravel()
    close = csr_matrix(close.multiply(1 / np.where(norms == 0, 1, norms)[:, None]))
    return hstack([csr_matrix(bodies), close, csr_matrix(dense)]).tocsr()


def predict_fnc(m: dict, stances, sims, dense, close, cache) -> np.ndarray:
    related = (relatedness_matrix(stances, sims, cache, m["idf_stem"]) @ m["rel_coef"][0] + m["rel_intercept"][0]) >= 0
    body_counts = {bid: b.word_counts for bid, b in cache.items()}
    out = np.array(["unrelated"] * len(stances), dtype=object)
    idx = np.nonzero(related)[0]
    if len(idx):
        X = _stance_matrix([stances[i] for i in idx], dense[idx], close[idx], body_counts,
                           m["idf_body"], m["idf_close"])
        out[idx] = m["classes"][np.argmax(X @ m["coef"].T + m["intercept"], axis=1)]
    return out.astype(str)


def claim_components(stances: list[dict]) -> list[int]:
    """Group id per pair: headlines and bodies joined by related pairs (one Emergent claim each)."""
    parent: dict[str, str] = {}

    def find(x):
        parent.setdefault(x, x)
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x
    for r in stances:
        h, b = find("h:" + r["Headline"]), find("b:" + r["Body ID"])
        if r["Stance"] != "unrelated":
            parent[h] = b
    roots: dict[str, int] = {}
    return [roots.setdefault(find("b:" + r["Body ID"]), len(roots)) for r in stances]


def validate_fnc(stances, bodies, test_size: float = 0.2, feats=None) -> dict:
    """Hold out 20% of the claims: their headlines and bodies never appear in training."""
    from sklearn.model_selection import GroupShuffleSplit
    from ..evaluate.fnc1 import score
    feats = feats or fnc_features(stances, bodies)
    sims, dense, close, cache = feats
    groups = claim_components(stances)
    tr, te = next(GroupShuffleSplit(1, test_size=test_size, random_state=0).split(stances, groups=groups))
    test_bodies = {stances[i]["Body ID"] for i in te}
    test_heads = {stances[i]["Headline"] for i in te if stances[i]["Stance"] != "unrelated"}
    keep = [i for i in tr if stances[i]["Body ID"] not in test_bodies and stances[i]["Headline"] not in test_heads]
    tr = np.array(keep)
    te = np.array([i for i in te if stances[i]["Headline"] in test_heads])
    m = fit_fnc([stances[i] for i in tr], sims[tr], dense[tr], close[tr], cache)
    pred = predict_fnc(m, [stances[i] for i in te], sims[te], dense[te], close[te], cache)
    result = score([stances[i]["Stance"] for i in te], list(pred))
    result.update(train_pairs=len(tr), test_pairs=len(te))
    return result


def load_fnc(stances_csv, bodies_csv):
    stances = _read_csv(stances_csv, ("Headline", "Body ID", "Stance"))
    bodies = {r["Body ID"]: r["articleBody"] for r in _read_csv(bodies_csv, ("Body ID", "articleBody"))}
    missing = {r["Body ID"] for r in stances} - set(bodies)
    if missing:
        raise SaysoError(f"{stances_csv}: {len(missing)} Body ID(s) not in {bodies_csv}, e.g. {sorted(missing)[0]}")
    return stances, bodies


def train(emergent_csv, fnc_stances, fnc_bodies, out_dir, *, validate: bool = False) -> dict:
    """Fit both models on all their data and write them to ``out_dir``; optionally validate first."""
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    rows = _read_csv(emergent_csv, ("claimHeadline", "articleHeadline", "articleHeadlineStance", "claimId"))
    stances, bodies = load_fnc(fnc_stances, fnc_bodies)
    result: dict = {}
    if validate:
        result["emergent_stance_by_claim"] = validate_emergent(rows)
        log.info("emergent: %s", result["emergent_stance_by_claim"])
        result["fnc1_heldout_claims"] = validate_fnc(stances, bodies)
        log.info("fnc1: %s", result["fnc1_heldout_claims"])
    np.savez_compressed(out / "stance.npz", **fit_emergent(rows))
    np.savez_compressed(out / "fnc1.npz", **fit_fnc(stances, *fnc_features(stances, bodies)))
    result["written"] = [str(out / "stance.npz"), str(out / "fnc1.npz")]
    return result
