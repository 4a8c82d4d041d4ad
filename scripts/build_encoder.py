"""Turn the distilled word vectors (scripts/distill_encoder.py) into the shipped claim encoder.

    .venv/bin/python scripts/build_encoder.py /tmp/words.npz src/sayso/claims/models/encoder.npz

Centres the vectors, removes their two main directions (which every word shares and which
otherwise make unrelated texts look alike), quantises each row to int8 with a per-row scale
(12 MB instead of 50), and stores the IDF weights and the stop-word list next to them.
Deterministic: the same input gives the same file.
"""
from __future__ import annotations

import sys

import numpy as np

# scikit-learn's English stop-word list, copied so that run time needs numpy only.
from sklearn.feature_extraction.text import ENGLISH_STOP_WORDS

REMOVE_COMPONENTS = 2
LEXICAL_DIM = 1024
SEMANTIC_WEIGHT = 0.5


def build(src: str, dst: str) -> None:
    z = np.load(src)
    vectors = z["vectors"].astype(np.float64)
    centred = vectors - vectors.mean(axis=0)
    _, _, vt = np.linalg.svd(centred[: min(len(centred), 20000)], full_matrices=False)
    top = vt[:REMOVE_COMPONENTS]
    cleaned = centred - centred @ top.T @ top
    scale = np.abs(cleaned).max(axis=1) / 127.0
    scale[scale == 0] = 1.0
    q = np.round(cleaned / scale[:, None]).astype(np.int8)
    ndocs = int(z["ndocs"])
    idf = np.log((ndocs + 1) / (z["df"].astype(np.float64) + 1)) + 1
    np.savez_compressed(
        dst, words=z["words"], vectors=q, scale=scale.astype(np.float32),
        idf=idf.astype(np.float32), unseen_idf=np.float32(np.log(ndocs + 1) + 1),
        stop=np.array(sorted(ENGLISH_STOP_WORDS)), lexical_dim=np.int32(LEXICAL_DIM),
        semantic_weight=np.float32(SEMANTIC_WEIGHT),
    )


if __name__ == "__main__":
    build(sys.argv[1], sys.argv[2])
