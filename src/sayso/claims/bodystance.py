"""FNC-1 style stance of an article body toward a headline: agree, disagree, discuss, unrelated.

Two logistic regressions (``models/fnc1.npz``, trained by ``sayso train-claims``): one decides
related vs unrelated from similarity features (claim-encoder cosine of the headline with the
body and with its closest sentences, share of the headline's content words found in the body,
and word overlaps weighted by an IDF of stems learnt on the training bodies: TF-IDF cosine,
IDF-weighted share, share of rare words and of word pairs found in the body),
the other decides agree / disagree / discuss for related pairs from hashed word n-grams of the
body and of its sentences closest to the headline, refutation and hedge cues, and the same
similarities, and refutation and negation features of the pair (``refutation_features``: denial
words in the body's sentences closest to the headline that share its words, negation of the
headline against those sentences, the headline's words negated in the body, the lead's denials).
Numpy only at run time.
"""
from __future__ import annotations

from functools import lru_cache
from pathlib import Path

import numpy as np

from . import features as F
from .encode import load_encoder, stem, words

MODEL = Path(__file__).parent / "models" / "fnc1.npz"
WORD_DIM = 2 ** 14
STEM_DIM = 2 ** 16
RARE_IDF = 4.0
TOP = 3
ON_TOPIC = 5            # closest sentences searched for denials of the headline
FNC_STANCES = ("agree", "disagree", "discuss", "unrelated")


# Denials: words and word pairs (hoax, debunked, "not true", "no evidence") that refute a story.
STRONG_REFUTE = frozenset(
    "hoax hoaxes fake faked false falsely untrue debunk debunked debunks debunking deny denies denied "
    "denying denial denials refute refuted refutes dismiss dismisses dismissed rumor rumour rumors rumours satire "
    "satirical prank pranks bogus fabricated fabrication myth misleading photoshopped doctored baseless unfounded "
    "retract retracted retraction parody spoof scam fictional".split())
REFUTE_PAIRS = frozenset({("no", "evidence"), ("not", "true"), ("not", "real"), ("never", "happened"),
                          ("no", "truth"), ("no", "proof")})
NEGATIONS = frozenset("not no never nobody nothing none neither nor without cannot".split())
HEAD_STOP = frozenset(
    "the a an of to in on for and or but is are was were be been has have had it its this that with by at from as "
    "after over into about says said will would can could may might new more than his her their they he she we you i".split())


def is_negation(w: str) -> bool:
    return w in NEGATIONS or w.endswith("n't") or w.endswith("n’t")


def denials(ws: list[str]) -> int:
    """Denial words and word pairs (``STRONG_REFUTE``, ``REFUTE_PAIRS``) among the words ``ws``."""
    return sum(w in STRONG_REFUTE for w in ws) + sum(p in REFUTE_PAIRS for p in zip(ws, ws[1:]))


class Body:
    """What the features need of one body, computed once per body."""

    def __init__(self, text: str, encoder=None):
        enc = encoder or load_encoder()
        self.text = text or ""
        self.sentences = F.sentences(self.text)[:60] or [self.text]
        self.vector = enc.encode([self.text])[0]
        self.sentence_vectors = enc.encode(self.sentences)
        self.stems = {stem(w) for w in words(self.text)}
        self.lead_stems = {stem(w) for w in words(" ".join(self.sentences[:3]))}
        self.word_counts = F.hashed_counts(F.word_grams(self.text), WORD_DIM)
        self.stem_ids = stem_ids(self.text)
        self.stem_set, self.stem_tf = np.unique(self.stem_ids, return_counts=True)
        self.stem_pairs = set(zip(self.stem_ids.tolist(), self.stem_ids[1:].tolist()))
        n = max(len(self.sentences), 1)
        self.cues = np.array(F.cues(self.text), dtype=np.float32) / np.array([n, n, n, n, 10 * n], dtype=np.float32)
        sw = [words(s) for s in self.sentences]
        self.sentence_stems = [{stem(w) for w in ws} for ws in sw]
        self.sentence_negations = np.array([sum(map(is_negation, ws)) for ws in sw], dtype=np.float32)
        self.sentence_denials = np.array([denials(ws) for ws in sw], dtype=np.float32)
        toks = [w for ws in sw for w in ws]
        neg_at = [i for i, w in enumerate(toks) if is_negation(w)]
        # stems of the words with a negation among the 3 words before them
        self.negated = {stem(toks[i]) for j in neg_at for i in range(j + 1, min(j + 4, len(toks)))}


def stem_ids(text: str) -> np.ndarray:
    """Hashed bucket of the light stem of each word of ``text``, in order."""
    return F.bucket_ids([stem(w) for w in words(text)], STEM_DIM)


def overlap_features(head: np.ndarray, body: Body, idf: np.ndarray) -> np.ndarray:
    """Word overlap of a headline (its ``stem_ids``) with a body, weighted by ``idf`` (of stems):
    [TF-IDF cosine, IDF-weighted share of headline words in the body, share of its rare words
    (IDF > ``RARE_IDF``) in the body, any rare word, share of its word pairs in the body]."""
    hs, htf = np.unique(head, return_counts=True)
    if not len(hs):
        return np.zeros(5, dtype=np.float32)
    hv = (1 + np.log(htf)) * idf[hs]
    bv = (1 + np.log(body.stem_tf)) * idf[body.stem_set]
    found = np.isin(hs, body.stem_set)
    pos = np.searchsorted(body.stem_set, hs[found])
    cos = float(hv[found] @ bv[pos]) / float(np.linalg.norm(hv) * np.linalg.norm(bv) or 1.0)
    rare = idf[hs] > RARE_IDF
    pairs = set(zip(head.tolist(), head[1:].tolist()))
    return np.array([cos, float(hv[found].sum() / hv.sum()), float(found[rare].mean()) if rare.any() else 0.0,
                     float(rare.any()), len(pairs & body.stem_pairs) / max(len(pairs), 1)], dtype=np.float32)


def refutation_features(headline: str, sims: np.ndarray, body: Body) -> np.ndarray:
    """Does the body deny the headline? 20 features: the headline's negation and denial words;
    denials and negations in the body's ``ON_TOPIC`` sentences closest to the headline (by encoder
    cosine ``sims``) that share at least two of its content words (one if it has one), and their
    mismatch with the headline's negation; denials in the 3 closest and the 2 first sentences and
    in the whole body; the share of the headline's content words negated somewhere in the body."""
    ws = words(headline)
    content = [stem(w) for w in ws if len(w) > 2 and w not in HEAD_STOP and not is_negation(w)]
    hneg = float(any(map(is_negation, ws)))
    hstrong = float(denials(ws) > 0)
    order = np.argsort(-sims)[:ON_TOPIC]
    need = set(content)
    ontopic = [i for i in order if need and len(body.sentence_stems[i] & need) >= min(2, len(need))]
    on_strong = float(body.sentence_denials[ontopic].sum()) if ontopic else 0.0
    on_neg = float((body.sentence_negations[ontopic] > 0).mean()) if ontopic else 0.0
    top1_neg = float(body.sentence_negations[order[0]] > 0) if len(order) else 0.0
    top_strong = float(body.sentence_denials[order[:3]].sum())
    lead_strong, lead_neg = float(body.sentence_denials[:2].sum()), float(body.sentence_negations[:2].sum() > 0)
    body_strong = float(body.sentence_denials.sum()) / max(len(body.sentences), 1)
    any_strong = float(body.sentence_denials.sum() > 0)
    negated = sum(w in body.negated for w in content) / max(len(content), 1)
    return np.array([
        hneg, hstrong, np.log1p(on_strong), float(on_strong > 0), on_neg, top1_neg,
        float(hneg != top1_neg), hneg * (1 - on_neg), (1 - hneg) * on_neg,
        np.log1p(top_strong), np.log1p(lead_strong), lead_neg, body_strong * 5, any_strong,
        negated, float(negated > 0), hneg * any_strong, hstrong * any_strong,
        (1 - hneg) * float(on_strong > 0), float(len(ontopic) > 0)], dtype=np.float32)


def pair_features(headline: str, hvec: np.ndarray, body: Body) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """(similarity features, stance dense features, hashed counts of the closest sentences)."""
    sims = body.sentence_vectors @ hvec
    order = np.argsort(-sims)[:TOP]
    top = sims[order]
    content = [stem(w) for w in words(headline)]
    content = [w for w in content if len(w) > 2] or [""]
    share = sum(w in body.stems for w in content) / len(content)
    lead = sum(w in body.lead_stems for w in content) / len(content)
    sim = np.array([float(body.vector @ hvec), float(top[0]), float(top.mean()), share, lead,
                    share * float(top[0])], dtype=np.float32)
    close = " ".join(body.sentences[i] for i in order)
    dense = np.concatenate([sim, body.cues, F.cues(close), F.cues(headline),
                            refutation_features(headline, sims, body)]).astype(np.float32)
    return sim, dense, F.hashed_counts(F.word_grams(close), WORD_DIM)


class BodyStanceModel:
    def __init__(self, path: Path | str = MODEL):
        with np.load(path, allow_pickle=False) as z:
            self.rel_coef, self.rel_intercept = z["rel_coef"], z["rel_intercept"]
            self.idf_stem = z["idf_stem"]
            self.coef, self.intercept = z["coef"], z["intercept"]
            self.classes = [str(c) for c in z["classes"]]
            self.idf_body, self.idf_close = z["idf_body"], z["idf_close"]

    def predict(self, headlines: list[str], bodies: list[Body]) -> list[str]:
        """One FNC-1 label per (headline, body) pair."""
        enc = load_encoder()
        hvecs = enc.encode(headlines)
        out = []
        for h, hv, b in zip(headlines, hvecs, bodies):
            sim, dense, close = pair_features(h, hv, b)
            rel = np.concatenate([sim, overlap_features(stem_ids(h), b, self.idf_stem)])
            if float(rel @ self.rel_coef[0] + self.rel_intercept[0]) < 0:
                out.append("unrelated")
                continue
            x = np.concatenate([F.tfidf(b.word_counts, self.idf_body), F.tfidf(close, self.idf_close), dense])
            out.append(self.classes[int(np.argmax(self.coef @ x + self.intercept))])
        return out


@lru_cache(maxsize=1)
def load_model() -> BodyStanceModel:
    """The shipped FNC-1 model; ModelError (with what to do) when its file is missing."""
    from ..errors import ModelError
    if not MODEL.exists():
        raise ModelError(f"{MODEL}: FNC-1 stance model missing; build it with `sayso train-claims`")
    return BodyStanceModel()
