"""Texts -> L2-normalised vectors for claim similarity (cosine = dot product).

Interface (stable): ``load_encoder() -> Encoder``; ``Encoder.encode(texts) -> np.ndarray`` of
shape ``(len(texts), Encoder.dim)``, float32, rows of unit length (all-zero for empty text).
The encoder is loaded once and is safe to share between threads for reads.

The shipped encoder (``models/encoder.npz``, 12 MB) joins two views of a text, each of unit
length and weighted so that the cosine of two encodings is ``w * semantic + (1 - w) * lexical``:

- *semantic*: the IDF-weighted mean of static word vectors distilled from
  all-MiniLM-L6-v2 (``scripts/distill_encoder.py``, ``scripts/build_encoder.py``), so that
  "Moscow" and "Russia", "giving" and "providing" are close;
- *lexical*: IDF-weighted, lightly stemmed content words hashed into ``lexical_dim`` buckets,
  which keeps names and rare words (the entities a claim is about) decisive.

Chosen on Emergent (README, "Claims: models and figures"). Run time needs numpy only.
"""
from __future__ import annotations

import re
import zlib
from functools import lru_cache
from pathlib import Path

import numpy as np

MODEL = Path(__file__).parent / "models" / "encoder.npz"
_WORD = re.compile(r"[A-Za-z0-9]+(?:['’][a-z]+)?")
_SUFFIXES = ("'s", "’s", "ies", "es", "s", "ed", "ing", "ly")


def stem(word: str) -> str:
    """A light suffix stripper (plural, past, -ing, -ly) for the lexical view."""
    for suffix in _SUFFIXES:
        if word.endswith(suffix) and len(word) - len(suffix) >= 3:
            return word[: -len(suffix)] + ("y" if suffix == "ies" else "")
    return word


def words(text: str) -> list[str]:
    """Lower-cased word tokens, as the encoder sees them."""
    return [w.lower() for w in _WORD.findall(text or "")]


class Encoder:
    """Static MiniLM word vectors + hashed lexical features (see the module docstring)."""

    def __init__(self, path: Path | str = MODEL):
        with np.load(path, allow_pickle=False) as z:
            vocab = [str(w) for w in z["words"]]
            self._vectors = z["vectors"].astype(np.float32) * z["scale"][:, None]
            self._idf = z["idf"].astype(np.float32)
            self._unseen_idf = float(z["unseen_idf"])
            self._stop = frozenset(str(w) for w in z["stop"])
            self.lexical_dim = int(z["lexical_dim"])
            self.semantic_weight = float(z["semantic_weight"])
        self._index = {w: i for i, w in enumerate(vocab)}
        self.semantic_dim = self._vectors.shape[1]
        self.dim = self.semantic_dim + self.lexical_dim
        self._bucket: dict[str, int] = {}

    def _bucket_of(self, word: str) -> int:
        b = self._bucket.get(word)
        if b is None:
            b = self._bucket[word] = zlib.crc32(stem(word).encode()) % self.lexical_dim
        return b

    def _ids(self, text: str) -> tuple[list[int], list[float], list[int], list[float]]:
        """Vocabulary rows and IDF weights (semantic view), buckets and weights (lexical view)."""
        ids, weights, buckets, bweights, seen = [], [], [], [], set()
        for w in words(text):
            if w in self._stop:
                continue
            i = self._index.get(w)
            idf = self._idf[i] if i is not None else self._unseen_idf
            if i is not None:
                ids.append(i)
                weights.append(idf)
            if w not in seen:
                seen.add(w)
                buckets.append(self._bucket_of(w))
                bweights.append(idf)
        return ids, weights, buckets, bweights

    def encode(self, texts: list[str], *, batch_size: int = 256) -> np.ndarray:
        """One unit-length float32 row per text (all zeros for a text with no content word)."""
        out = np.zeros((len(texts), self.dim), dtype=np.float32)
        for start in range(0, len(texts), batch_size):
            self._batch(texts[start:start + batch_size], out[start:start + batch_size])
        return out

    def _batch(self, texts: list[str], out: np.ndarray) -> None:
        rows, ids, weights = [], [], []
        for r, text in enumerate(texts):
            i, w, b, bw = self._ids(text)
            rows += [r] * len(i)
            ids += i
            weights += w
            np.add.at(out[r, self.semantic_dim:], b, bw)
        if ids:
            contrib = self._vectors[ids] * np.asarray(weights, dtype=np.float32)[:, None]
            rows = np.asarray(rows)
            starts = np.flatnonzero(np.r_[True, rows[1:] != rows[:-1]])
            out[rows[starts], : self.semantic_dim] = np.add.reduceat(contrib, starts, axis=0)
        for part, weight in ((out[:, : self.semantic_dim], self.semantic_weight),
                             (out[:, self.semantic_dim:], 1.0 - self.semantic_weight)):
            norm = np.linalg.norm(part, axis=1, keepdims=True)
            part *= np.sqrt(weight) / np.where(norm == 0, 1.0, norm)
        norm = np.linalg.norm(out, axis=1, keepdims=True)
        out /= np.where(norm == 0, 1.0, norm)


@lru_cache(maxsize=1)
def load_encoder() -> Encoder:
    """The shipped encoder, loaded once per process."""
    return Encoder()
