"""How a report stands toward a claim: supports, denies, hedges, or observing.

Interface (stable): ``CLAIM_STANCES``; ``claim_stance(claim, report, attribution_stance=None)
-> (label, confidence)``, where ``claim`` is the claim's representative statement, ``report``
the attribution's content (or a headline) and ``attribution_stance`` the source's own stance
from ``resolve.stance`` (asserts, denies, hedges, dismisses, declines, questions) when the
report is an attribution. ``claim_stances(pairs, attribution_stances=None)`` is the batch form.

The model (``models/stance.npz``) is a logistic regression over hashed character n-grams of the
report, refutation/hedge cues and the report's negation relative to the claim, trained on
Emergent headlines (for / against / observing toward their claim; ``sayso train-claims``).
Its classes map to the product's: for -> supports, against -> denies, observing -> hedges when
the report carries a hedge cue (may, might, reportedly, allegedly, a question) else observing.
The attribution's own stance comes first: a source that denies or dismisses denies the claim
(the Kremlin "asserting" that a report is false is a denial), one that hedges or questions
hedges it.
"""
from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path

import numpy as np

from . import features as F

CLAIM_STANCES = ("supports", "denies", "hedges", "observing")
MODEL = Path(__file__).parent / "models" / "stance.npz"
CHAR_DIM = 2 ** 15
_TO_PRODUCT = {"for": "supports", "against": "denies", "observing": "observing"}
_HEDGED = re.compile(r"\b(may|might|could|reportedly|allegedly|possibly|perhaps|purportedly|"
                     r"unconfirmed|unverified|rumou?r(?:s|ed)?)\b|\?", re.I)


@lru_cache(maxsize=4096)
def _refutations(text: str) -> float:
    return F.cues(text)[0]


def negation_relation(claim: str, report: str, report_refutations: float | None = None) -> list[float]:
    """[report negates more than the claim, claim negates more than the report, claim given]."""
    if not (claim or "").strip():
        return [0.0, 0.0, 0.0]
    a = F.cues(report)[0] if report_refutations is None else report_refutations
    b = _refutations(claim)
    return [float(a > b), float(a < b), 1.0]


def dense_features(claim: str, report: str) -> np.ndarray:
    """The non-hashed features of one (claim, report) pair."""
    cues = F.cues(report)
    return np.array(cues + negation_relation(claim, report, cues[0]), dtype=np.float32)


def char_ids(texts: list[str]) -> tuple[np.ndarray, np.ndarray]:
    """(text index, bucket) of the hashed character n-grams of the texts (``features.char_gram_ids``)."""
    return F.char_gram_ids(texts, CHAR_DIM)


class StanceModel:
    """Emergent-trained headline/report stance (classes ``for``, ``against``, ``observing``)."""

    def __init__(self, path: Path | str = MODEL):
        with np.load(path, allow_pickle=False) as z:
            self.classes = [str(c) for c in z["classes"]]
            self.idf = z["idf"]
            self.coef = z["coef"]
            self.intercept = z["intercept"]

    def logits(self, pairs: list[tuple[str, str]]) -> np.ndarray:
        """Class scores, one row per (claim, report) pair: sparse TF-IDF of the report's hashed
        character n-grams (only its non-zero buckets are touched) plus the dense features."""
        r, c, v = F.sparse_tfidf(*char_ids([rep for _, rep in pairs]), len(pairs), self.idf)
        z = np.stack([np.bincount(r, weights=self.coef[k, c] * v, minlength=len(pairs))
                      for k in range(len(self.classes))], axis=1)
        dense = np.stack([dense_features(cl, rep) for cl, rep in pairs])
        return z + dense @ self.coef[:, CHAR_DIM:].T + self.intercept

    def proba(self, pairs: list[tuple[str, str]]) -> np.ndarray:
        """Class probabilities, one row per (claim, report) pair, columns as ``classes``."""
        if not pairs:
            return np.zeros((0, len(self.classes)), dtype=np.float32)
        z = self.logits(pairs)
        z -= z.max(axis=1, keepdims=True)
        p = np.exp(z)
        return p / p.sum(axis=1, keepdims=True)

    def predict(self, pairs: list[tuple[str, str]]) -> list[tuple[str, float]]:
        """(class, probability) per pair."""
        p = self.proba(pairs)
        return [(self.classes[int(i)], float(row[i])) for row, i in zip(p, p.argmax(axis=1))]


@lru_cache(maxsize=1)
def load_model() -> StanceModel:
    """The shipped stance model, loaded once per process."""
    return StanceModel()


def _product(label: str, conf: float, report: str, attribution_stance: str | None) -> tuple[str, float]:
    if attribution_stance in ("denies", "dismisses"):
        return "denies", max(conf if label == "against" else 0.0, 0.8)
    if attribution_stance in ("hedges", "questions"):
        return "hedges", 0.7
    if label == "observing" and _HEDGED.search(report or ""):
        return "hedges", conf
    if attribution_stance == "declines" and label != "against":
        return "observing", 0.6
    return _TO_PRODUCT[label], conf


def claim_stances(pairs: list[tuple[str, str]],
                  attribution_stances: list[str | None] | None = None) -> list[tuple[str, float]]:
    """``claim_stance`` for many (claim, report) pairs at once (one matrix product)."""
    stances = attribution_stances or [None] * len(pairs)
    if len(stances) != len(pairs):
        raise ValueError(f"{len(pairs)} pairs but {len(stances)} attribution stances")
    preds = load_model().predict([(c or "", r or "") for c, r in pairs])
    return [_product(lab, conf, r, s) for (lab, conf), (_, r), s in zip(preds, pairs, stances)]


def claim_stance(claim: str, report: str, attribution_stance: str | None = None) -> tuple[str, float]:
    """(label, confidence) of the report toward the claim; label one of ``CLAIM_STANCES``."""
    return claim_stances([(claim, report)], [attribution_stance])[0]
