"""Features shared by the stance models at training and at run time (numpy only).

Hashing instead of a fitted vocabulary keeps training and inference identical and the shipped
files small; the IDF of each bucket is learnt at training and shipped with the weights. Words and
word pairs are hashed with crc32; character n-grams, the hot spot of ``claim_stances``, with a
rolling hash computed for a whole batch of texts at once in numpy (``char_gram_ids``).
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
    return [float(sum(map(REFUTE.__contains__, ws))), float(sum(map(HEDGE.__contains__, ws))),
            float(t.endswith("?")), float("?" in t), len(ws) / 10.0]


_GOLDEN = np.uint64(0x9E3779B97F4A7C15)


def char_gram_ids(texts: list[str], dim: int, lo: int = 2, hi: int = 5) -> tuple[np.ndarray, np.ndarray]:
    """(text index, hashed bucket) of every character ``lo``-``hi``-gram inside word boundaries
    of each text (as scikit-learn's ``char_wb``: every window of each lower-cased word padded
    with spaces). All texts at once in numpy: code points of the padded words separated by NULs,
    a rolling polynomial hash per window length, windows holding a NUL dropped."""
    pieces = ["\0".join(f" {w} " for w in (t or "").replace("\0", " ").lower().split()) for t in texts]
    lengths = [len(p) + 1 for p in pieces]
    c = np.frombuffer(("\0" + "\0".join(pieces) + "\0").encode("utf-32-le"), dtype="<u4").astype(np.uint64)
    row_of = np.repeat(np.arange(-1, len(texts)), [1] + lengths)  # the leading NUL is row -1
    nul = np.concatenate([[0], np.cumsum(c == 0)])
    h, rows, ids = c, [], []
    with np.errstate(over="ignore"):
        for n in range(2, min(hi, len(c)) + 1):
            h = h[:-1] * np.uint64(1_000_003) + c[n - 1:]
            if n >= lo:
                pos = np.flatnonzero(nul[n:] == nul[:len(nul) - n])
                rows.append(row_of[pos])
                ids.append((((h[pos] ^ np.uint64(n)) * _GOLDEN) >> np.uint64(32)) % np.uint64(dim))
    return np.concatenate(rows), np.concatenate(ids).astype(np.int64)


def stack_ids(id_rows: list[np.ndarray]) -> tuple[np.ndarray, np.ndarray]:
    """(row index, bucket) pairs of a list of bucket arrays, one array per row."""
    rows = np.repeat(np.arange(len(id_rows), dtype=np.int64), [len(a) for a in id_rows])
    return rows, np.concatenate(id_rows or [np.zeros(0, np.int64)]).astype(np.int64)


def sparse_tfidf(rows: np.ndarray, ids: np.ndarray, n: int, idf: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """(row, column, value) of the L2-normalised sub-linear TF-IDF of ``n`` hashed rows, sorted
    by row, from the (row, bucket) of every gram (repeats count): the same weighting as
    ``tfidf(hashed_counts(...), idf)`` without building dense rows."""
    dim = len(idf)
    keys = rows * dim + ids
    keys = np.sort(keys.astype(np.uint32) if n * dim < 2 ** 32 else keys)
    first = np.flatnonzero(np.r_[True, keys[1:] != keys[:-1]])
    counts = np.diff(np.r_[first, len(keys)])
    r, c = np.divmod(keys[first].astype(np.int64), dim)
    v = ((1.0 + np.log(counts)) * idf[c]).astype(np.float32)
    norm = np.sqrt(np.bincount(r, weights=v * v, minlength=n))
    return r, c, (v / np.where(norm == 0, 1.0, norm)[r]).astype(np.float32)


def idf_of_ids(rows: np.ndarray, ids: np.ndarray, n: int, dim: int) -> np.ndarray:
    """Smoothed IDF (as scikit-learn's) of hashed buckets over ``n`` rows given as (row, bucket)."""
    df = np.bincount(np.unique(rows * dim + ids) % dim, minlength=dim)
    return (np.log((1 + n) / (1 + df)) + 1).astype(np.float32)


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
