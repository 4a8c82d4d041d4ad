"""Which texts state the same claim.

Interface (stable): ``SAME_CLAIM`` is the cosine similarity (of ``encode`` vectors) from which
two texts are taken to state the same claim; ``cluster(vectors) -> list[int]`` groups a batch
(label per row, labels 0..k-1 in order of first appearance) with average linkage cut at
``SAME_CLAIM``; ``nearest(vector, centroids) -> (index, similarity)`` is what incremental
assignment uses.
"""
from __future__ import annotations

import numpy as np

SAME_CLAIM = 0.35


def nearest(vector: np.ndarray, centroids: np.ndarray) -> tuple[int, float]:
    """Index and cosine similarity of the closest (unit-normalised) centroid; (-1, 0.0) if none."""
    if len(centroids) == 0:
        return -1, 0.0
    sims = centroids @ vector
    i = int(np.argmax(sims))
    return i, float(sims[i])


def cluster(vectors: np.ndarray, threshold: float = SAME_CLAIM) -> list[int]:
    """Average-linkage agglomerative clustering cut at ``threshold`` (O(n^2) memory: batches)."""
    n = len(vectors)
    if n == 0:
        return []
    sims = vectors @ vectors.T
    members = {i: [i] for i in range(n)}
    while len(members) > 1:
        keys = list(members)
        best, pair = threshold, None
        for a_i, a in enumerate(keys):
            for b in keys[a_i + 1:]:
                s = float(sims[np.ix_(members[a], members[b])].mean())
                if s >= best:
                    best, pair = s, (a, b)
        if pair is None:
            break
        a, b = pair
        members[a] += members.pop(b)
    label_of = {}
    for root, rows in members.items():
        for r in rows:
            label_of[r] = root
    order: dict[int, int] = {}
    return [order.setdefault(label_of[i], len(order)) for i in range(n)]
