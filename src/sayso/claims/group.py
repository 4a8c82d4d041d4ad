"""Which texts state the same claim.

Interface (stable): ``SAME_CLAIM`` is the cosine similarity (of ``encode`` vectors) from which
two texts are taken to state the same claim; ``cluster(vectors) -> list[int]`` groups a batch
(label per row, labels 0..k-1 in order of first appearance) with average linkage cut at
``SAME_CLAIM``; ``nearest(vector, centroids) -> (index, similarity)`` is what incremental
assignment uses.

``SAME_CLAIM`` was chosen by claim-disjoint cross-validation on Emergent headlines
(``benchmarks/eval_claims.py``), not on the figure reported in the README.
"""
from __future__ import annotations

import numpy as np

SAME_CLAIM = 0.2625


def nearest(vector: np.ndarray, centroids: np.ndarray) -> tuple[int, float]:
    """Index and cosine similarity of the closest (unit-normalised) centroid; (-1, 0.0) if none."""
    if len(centroids) == 0:
        return -1, 0.0
    sims = centroids @ vector
    i = int(np.argmax(sims))
    return i, float(sims[i])


def cluster(vectors: np.ndarray, threshold: float = SAME_CLAIM) -> list[int]:
    """Average-linkage agglomerative clustering cut at ``threshold``.

    Works on the n x n similarity matrix (O(n^2) memory: call it on batches of a few thousand)
    with Lance-Williams updates and a cached best partner per cluster, so a batch of 2,000 takes
    well under a second.
    """
    n = len(vectors)
    if n == 0:
        return []
    sims = np.asarray(vectors, dtype=np.float32) @ np.asarray(vectors, dtype=np.float32).T
    return _average_linkage(sims.astype(np.float64), threshold)


def _average_linkage(sims: np.ndarray, threshold: float) -> list[int]:
    n = len(sims)
    np.fill_diagonal(sims, -np.inf)
    size = np.ones(n)
    alive = np.ones(n, dtype=bool)
    root = np.arange(n)
    best = sims.max(axis=1)
    partner = sims.argmax(axis=1)
    while True:
        candidates = np.where(alive, best, -np.inf)
        a = int(np.argmax(candidates))
        if candidates[a] < threshold:
            break
        a, b = sorted((a, int(partner[a])))
        merged = (size[a] * sims[a] + size[b] * sims[b]) / (size[a] + size[b])
        size[a] += size[b]
        alive[b] = False
        root[root == b] = a
        merged[~alive] = -np.inf
        merged[a] = -np.inf
        sims[b, :] = sims[:, b] = -np.inf
        sims[a, :] = sims[:, a] = merged
        best[a], partner[a] = merged.max(), merged.argmax()
        best[b] = -np.inf
        stale = alive & ((partner == a) | (partner == b))
        stale[a] = False
        for i in np.nonzero(stale)[0]:
            best[i], partner[i] = sims[i].max(), sims[i].argmax()
        better = alive & (merged > best)
        better[a] = False
        best[better], partner[better] = merged[better], a
    order: dict[int, int] = {}
    return [order.setdefault(int(r), len(order)) for r in root]


def centroid(vectors: np.ndarray) -> np.ndarray:
    """Unit-length mean of a claim's member vectors (what ``nearest`` compares against)."""
    mean = np.asarray(vectors, dtype=np.float32).mean(axis=0)
    norm = float(np.linalg.norm(mean))
    return mean / norm if norm else mean
