"""Features shared by the stance models at training and at run time (numpy only).

Hashing (crc32) instead of a fitted vocabulary keeps training and inference identical and the
shipped files small; the IDF of each bucket is learnt at training and shipped with the weights.
"""
from __future__ import annotations

import re
import zlib

import numpy as np

from .encode import words

REFUTE = frozenset(
    "fake fraud hoax false deny denies denied denying not despite nope doubt doubts bogus debunk "
    "debunks debunked prank pranks retract retracts retracted no never isn't aren't wasn't didn't "
    "doesn't don't won't hasn't haven't untrue myth rejects rejected dismisses dismissed refute "
    "refutes refuted satire satirical hoaxes rumour rumor baseless wrong misleading".split())
HEDGE = frozenset(
    "reportedly allegedly alleged claim claims claimed may might could possibly apparently suggest "
    "suggests purportedly rumored rumoured report reports reported says said according unconfirmed "
    "unverified believed appears seems if whether perhaps likely".split())
_SENTENCE = re.compile(r"(?<=[.!?])\s+(?=[A-Z\"'“])")


def sentences(text: str) -> list[str]:
    """Sentences of a body of text (a light splitter; empty list for empty text)."""
    return [s for s in _SENTENCE.split((text or "").strip()) if s]


def cues(text: str) -> list[float]:
    """Refutation and hedge cue counts, question marks and length of one text."""
    ws = words(text)
    t = (text or "").strip()
    return [float(sum(w in REFUTE for w in ws)), float(sum(w in HEDGE for w in ws)),
            float(t.endswith("?")), float("?" in t), len(ws) / 10.0]


def _word_char_grams(word: str, lo: int, hi: int) -> list[str]:
    w = f" {word} "
    grams = []
    for n in range(lo, hi + 1):
        grams.extend(w[i:i + n] for i in range(len(w) - n + 1))
        if n >= len(w):
            break
    return grams


def char_grams(text: str, lo: int = 2, hi: int = 5) -> list[str]:
    """Character n-grams inside word boundaries (as scikit-learn's ``char_wb``)."""
    return [g for w in (text or "").lower().split() for g in _word_char_grams(w, lo, hi)]


_WORD_BUCKETS: dict[int, dict[str, np.ndarray]] = {}
_CACHE_MAX = 200_000


def char_gram_ids(text: str, dim: int) -> np.ndarray:
    """Hashed buckets of ``char_grams(text)``, hashed once per distinct word and then cached."""
    cache = _WORD_BUCKETS.setdefault(dim, {})
    parts = []
    for w in (text or "").lower().split():
        ids = cache.get(w)
        if ids is None:
            if len(cache) >= _CACHE_MAX:
                cache.clear()
            ids = cache[w] = bucket_ids(_word_char_grams(w, 2, 5), dim)
        parts.append(ids)
    return np.concatenate(parts) if parts else np.zeros(0, dtype=np.int64)


def sparse_tfidf(id_rows: list[np.ndarray], idf: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """(row, column, value) of the L2-normalised sub-linear TF-IDF of hashed rows, sorted by row.

    ``id_rows[i]`` holds the bucket of every gram of text ``i`` (repeats count); the same
    weighting as ``tfidf(hashed_counts(...), idf)`` without building dense rows."""
    dim = len(idf)
    rows = np.repeat(np.arange(len(id_rows), dtype=np.int64), [len(a) for a in id_rows])
    keys, counts = np.unique(rows * dim + np.concatenate(id_rows or [np.zeros(0, np.int64)]), return_counts=True)
    r, c = np.divmod(keys, dim)
    v = ((1.0 + np.log(counts)) * idf[c]).astype(np.float32)
    norm = np.sqrt(np.bincount(r, weights=v * v, minlength=len(id_rows)))
    return r, c, (v / np.where(norm == 0, 1.0, norm)[r]).astype(np.float32)


def idf_of_ids(id_rows: list[np.ndarray], dim: int) -> np.ndarray:
    """Smoothed IDF (as scikit-learn's) of hashed buckets, each row given by its bucket ids."""
    df = np.bincount(np.concatenate([np.unique(a) for a in id_rows] or [np.zeros(0, np.int64)]), minlength=dim)
    return (np.log((1 + len(id_rows)) / (1 + df)) + 1).astype(np.float32)


def word_grams(text: str) -> list[str]:
    """Word unigrams and bigrams."""
    ws = words(text)
    return ws + [f"{a} {b}" for a, b in zip(ws, ws[1:])]


def bucket_ids(grams: list[str], dim: int) -> np.ndarray:
    """The hashed bucket of each gram."""
    return np.fromiter((zlib.crc32(g.encode()) % dim for g in grams), dtype=np.int64, count=len(grams))


def hashed_counts(grams: list[str], dim: int) -> np.ndarray:
    """Sub-linear term frequencies of ``grams`` hashed into ``dim`` buckets."""
    out = np.zeros(dim, dtype=np.float32)
    if grams:
        np.add.at(out, bucket_ids(grams, dim), 1.0)
        nz = out > 0
        out[nz] = 1.0 + np.log(out[nz])
    return out


def tfidf(counts: np.ndarray, idf: np.ndarray) -> np.ndarray:
    """Rows of ``counts`` weighted by ``idf`` and L2-normalised."""
    x = counts * idf
    norm = np.linalg.norm(x, axis=-1, keepdims=True)
    return x / np.where(norm == 0, 1.0, norm)


def idf_of(counts: np.ndarray) -> np.ndarray:
    """Smoothed IDF (as scikit-learn's) of hashed buckets from a matrix of counts."""
    df = (counts > 0).sum(axis=0)
    return (np.log((1 + len(counts)) / (1 + df)) + 1).astype(np.float32)
