"""Wire copies: near-duplicate article texts found with MinHash and LSH bands (numpy only).

A story republished with small edits (a new headline, a trimmed paragraph, another credit line)
shares most of its word 5-shingles with the original. ``signature(text)`` is a MinHash of those
shingles (``PERMUTATIONS`` seeded universal hashes); ``band_keys`` cuts it into ``BANDS`` bands
whose hashes index candidates, so finding the copies of a new article never compares it with
every stored one. ``similarity`` estimates the Jaccard similarity of two signatures; from
``COPY`` up, two articles are copies of one story. Written with numpy (about 40 lines) rather
than pinning ``datasketch``: the same algorithm, no new dependency, and signatures are plain
``uint32`` arrays that SQLite stores as blobs.
"""
from __future__ import annotations

import re
import zlib

import numpy as np

PERMUTATIONS = 128
BANDS = 32  # 4 rows per band: pairs with Jaccard 0.5 share a band with probability 0.87
SHINGLE = 5
COPY = 0.5  # estimated Jaccard similarity from which two texts are one story
MIN_SHINGLES = 20  # shorter texts (a headline alone) are never called copies

_WORD = re.compile(r"\w+")
_PRIME = (1 << 61) - 1
_rng = np.random.default_rng(20260311)
_A = _rng.integers(1, _PRIME, PERMUTATIONS, dtype=np.uint64)
_B = _rng.integers(0, _PRIME, PERMUTATIONS, dtype=np.uint64)


def shingles(text: str) -> set[int]:
    """CRC32 hashes of the lower-cased word ``SHINGLE``-grams of a text."""
    words = _WORD.findall(text.lower())
    grams = (" ".join(words[i:i + SHINGLE]) for i in range(max(len(words) - SHINGLE + 1, 0)))
    return {zlib.crc32(g.encode()) for g in grams}


def signature(text: str) -> np.ndarray | None:
    """The MinHash signature (``uint32[PERMUTATIONS]``), or None for a text too short to judge."""
    sh = shingles(text)
    if len(sh) < MIN_SHINGLES:
        return None
    x = np.fromiter(sh, dtype=np.uint64, count=len(sh))
    # (a*x + b) mod p, in 64 bits: x < 2^32 and a is folded below 2^31 so nothing overflows
    hashed = ((_A[:, None] >> np.uint64(30)) * x[None, :] + _B[:, None]) % np.uint64(_PRIME)
    return (hashed.min(axis=1) & np.uint64(0xFFFFFFFF)).astype(np.uint32)


def band_keys(sig: np.ndarray) -> list[int]:
    """One key per band: the CRC32 of its rows (stored with the band number beside it)."""
    rows = PERMUTATIONS // BANDS
    return [zlib.crc32(sig[b * rows:(b + 1) * rows].tobytes()) for b in range(BANDS)]


def similarity(a: np.ndarray, b: np.ndarray) -> float:
    """Estimated Jaccard similarity of the texts behind two signatures."""
    return float(np.mean(a == b))
