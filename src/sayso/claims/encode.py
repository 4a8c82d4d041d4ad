"""Texts -> L2-normalised vectors for claim similarity (cosine = dot product).

Interface (stable): ``load_encoder() -> Encoder``; ``Encoder.encode(texts) -> np.ndarray`` of
shape ``(len(texts), Encoder.dim)``, float32, rows of unit length (all-zero for empty text).
The encoder is loaded once and is safe to share between threads for reads.

This first version hashes word unigrams and bigrams (a baseline to be replaced by the model
chosen on Emergent; see issue 8).
"""
from __future__ import annotations

import re
import zlib
from functools import lru_cache

import numpy as np

_WORD = re.compile(r"[A-Za-z0-9]+(?:['’][a-z]+)?")
_STOP = frozenset("a an the of to in on for and or but is are was were be been has have had "
                  "that this it its by with as at from will would said says".split())


class Encoder:
    """Hashed bag of words and bigrams (baseline)."""

    dim = 2 ** 16

    def _features(self, text: str) -> list[str]:
        words = [w.lower() for w in _WORD.findall(text or "")]
        words = [w for w in words if w not in _STOP]
        return words + [f"{a} {b}" for a, b in zip(words, words[1:])]

    def encode(self, texts: list[str]) -> np.ndarray:
        out = np.zeros((len(texts), self.dim), dtype=np.float32)
        for i, text in enumerate(texts):
            for f in self._features(text):
                out[i, zlib.crc32(f.encode()) % self.dim] += 1.0
            norm = np.linalg.norm(out[i])
            if norm:
                out[i] /= norm
        return out


@lru_cache(maxsize=1)
def load_encoder() -> Encoder:
    """The shipped encoder, loaded once per process."""
    return Encoder()
