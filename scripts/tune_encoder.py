"""Fit the claim encoder's static word vectors to MiniLM sentence embeddings (tokenlearn-style,
model2vec's second stage), run once, offline, in the scratch environment with torch:

    /tmp/envenv/bin/python scripts/teacher_sentences.py --shared ../shared --out /tmp/enc/teacher
    /tmp/envenv/bin/python scripts/tune_encoder.py src/sayso/claims/models/encoder.npz \
        /tmp/enc/teacher OUT.npz [--epochs 4 --l2 1.0 --lr 0.003 --seed 0]

Starting from the word vectors of ENCODER (``scripts/build_encoder.py``), it trains them so that
the encoder's semantic view of each teacher sentence (the IDF-weighted sum of its words' vectors,
stop words left out, exactly as ``sayso.claims.encode`` computes it) points where the teacher's
sentence embedding does, centred on the mean teacher embedding of the corpus (cosine loss), with
an L2 pull towards the starting vectors (``--l2``, per sentence batch, on the rows it touches) so
that words seen rarely or never keep their place. 5% of the sentences (seeded) are held out; the
epoch with the lowest held-out loss is kept. Everything else in ENCODER (vocabulary, IDF, stop
words, lexical view, weights) is copied unchanged; the vectors are stored as int8 with a per-row
scale, as ``build_encoder.py`` does. Deterministic for a given seed and thread count.
"""
from __future__ import annotations

import argparse
import glob
import os
import re
import time

import numpy as np

WORD = re.compile(r"[A-Za-z0-9]+(?:['’][a-z]+)?")  # the same as sayso.claims.encode


def load_teacher(folder: str):
    texts, embs = [], []
    for p in sorted(glob.glob(os.path.join(folder, "chunk_*.npz"))):
        with np.load(p) as z:
            texts += [str(t) for t in z["texts"]]
            embs.append(z["emb"])
    return texts, np.concatenate(embs).astype(np.float32)


def tokenise(texts, index, stop, idf):
    ids, offsets, weights = [], [], []
    for t in texts:
        offsets.append(len(ids))
        for w in (w.lower() for w in WORD.findall(t)):
            if w in stop:
                continue
            i = index.get(w)
            if i is not None:
                ids.append(i)
                weights.append(idf[i])
    return (np.asarray(ids, dtype=np.int64), np.asarray(offsets, dtype=np.int64),
            np.asarray(weights, dtype=np.float32))


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("encoder")
    ap.add_argument("teacher")
    ap.add_argument("out")
    ap.add_argument("--epochs", type=int, default=4)
    ap.add_argument("--lr", type=float, default=0.003)
    ap.add_argument("--l2", type=float, default=1.0)
    ap.add_argument("--batch", type=int, default=128)
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--no-centre", action="store_true", help="regress the raw teacher embedding")
    args = ap.parse_args()

    import torch
    torch.manual_seed(args.seed)
    torch.set_num_threads(2)
    z = dict(np.load(args.encoder, allow_pickle=False))
    vocab = [str(w) for w in z["words"]]
    index = {w: i for i, w in enumerate(vocab)}
    stop = frozenset(str(w) for w in z["stop"])
    e0 = z["vectors"].astype(np.float32) * z["scale"][:, None]
    # work at unit average row norm so that lr and l2 mean the same whatever the stored scale
    unit = float(np.mean(np.linalg.norm(e0, axis=1)))
    e0 = e0 / unit

    texts, target = load_teacher(args.teacher)
    if not args.no_centre:
        target = target - target.mean(axis=0)
    target /= np.linalg.norm(target, axis=1, keepdims=True)
    rng = np.random.default_rng(args.seed)
    order = rng.permutation(len(texts))
    n_val = len(texts) // 20
    splits = {"val": order[:n_val], "train": order[n_val:]}
    data = {}
    for name, rows in splits.items():
        ids, offs, w = tokenise([texts[i] for i in rows], index, stop, z["idf"])
        data[name] = (ids, offs, w, target[rows])
    print(f"{len(texts)} sentences ({len(splits['train'])} train, {n_val} held out), "
          f"{len(np.unique(data['train'][0]))} distinct words in training", flush=True)

    E0 = torch.from_numpy(e0)
    E = torch.nn.Parameter(E0.clone())
    opt = torch.optim.Adam([E], lr=args.lr)

    def batches(name, bs, shuffle):
        ids, offs, w, t = data[name]
        n = len(offs)
        idx = rng.permutation(n) if shuffle else np.arange(n)
        ends = np.r_[offs[1:], len(ids)]
        for s in range(0, n, bs):
            rows = idx[s:s + bs]
            parts = [np.arange(offs[r], ends[r]) for r in rows]
            lens = np.array([len(p) for p in parts])
            flat = np.concatenate(parts) if len(parts) else np.zeros(0, dtype=np.int64)
            yield (torch.from_numpy(ids[flat]), torch.from_numpy(np.r_[0, np.cumsum(lens)[:-1]]),
                   torch.from_numpy(w[flat]), torch.from_numpy(t[rows]), torch.from_numpy(lens > 0))

    def loss_of(Emat, b):
        ids, offs, w, t, has = b
        s = torch.nn.functional.embedding_bag(ids, Emat, offs, mode="sum", per_sample_weights=w)
        cos = torch.nn.functional.cosine_similarity(s[has], t[has], dim=1)
        return (1 - cos).mean(), ids

    def val_loss(Emat):
        with torch.no_grad():
            tot, n = 0.0, 0
            for b in batches("val", 1024, False):
                l, _ = loss_of(Emat, b)
                k = int(b[4].sum())
                tot, n = tot + float(l) * k, n + k
        return tot / n

    best = (val_loss(E0), 0, E0.clone())
    print(f"epoch 0: held-out cosine loss {best[0]:.4f}", flush=True)
    for epoch in range(1, args.epochs + 1):
        t0 = time.process_time()
        for b in batches("train", args.batch, True):
            loss, ids = loss_of(E, b)
            rows = torch.unique(ids)
            reg = ((E[rows] - E0[rows]) ** 2).sum(dim=1).mean() if len(rows) else 0.0
            opt.zero_grad()
            (loss + args.l2 * reg).backward()
            opt.step()
        v = val_loss(E.detach())
        print(f"epoch {epoch}: held-out cosine loss {v:.4f} ({time.process_time() - t0:.0f} s CPU)", flush=True)
        if v < best[0]:
            best = (v, epoch, E.detach().clone())
    print(f"kept epoch {best[1]} (held-out loss {best[0]:.4f})", flush=True)
    vectors = best[2].numpy().astype(np.float64) * unit
    scale = np.abs(vectors).max(axis=1) / 127.0
    scale[scale == 0] = 1.0
    z["vectors"] = np.round(vectors / scale[:, None]).astype(np.int8)
    z["scale"] = scale.astype(np.float32)
    np.savez_compressed(args.out, **z)


if __name__ == "__main__":
    main()
