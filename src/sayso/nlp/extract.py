"""The attribution extractor: two learned linear scorers over a parse, with parse-built spans.

``extract_attributions(doc)`` is a pure function over a parsed spaCy ``Doc``:

1. every token that may head a cue (verbs, nouns, "according to", colons, dashes) is scored by
   the stage-one *cue* model; tokens below a low floor are dropped (cheap pruning);
2. for each remaining token, :func:`.build.build_all` reads candidate attributions off the
   dependency parse and the quotations of the text (one per content candidate: complement
   clause, object, quotation, the clause an adverbial cue modifies, ...; the source is the
   subject, the agent, the object of "according to", a possessive ...);
3. the stage-two *attribution* model scores each candidate with the cue features plus features
   of the built spans; :func:`select` keeps the best candidate of each cue above the threshold
   and drops candidates whose content repeats a better one's (Dice >= 0.5).

Both models (``models/attribution.json.gz``) are trained on PolNeAR train and tuned on dev by
:mod:`.train`; the confidence is the binned precision of the stage-two score on dev.
"""
from __future__ import annotations

import gzip
import json
import logging
import math
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from ..errors import ModelError
from ..lexicon import DASHES
from ..model import Attribution
from .build import build_all
from .byline import quote_byline, transcript_turns
from .features import FEATURE_SCHEMA, attribution_features, cue_features, is_candidate
from .follow import continuations
from .furniture import drop_furniture
from .nested import nested
from .quotes import find_quotes
from .spans import quote_index
from .tokens import text_of

__all__ = ["extract_attributions", "load_model", "save_model", "scored_candidates", "select",
           "CueModel", "AttributionModel", "MODEL_PATH", "MODEL_VERSION"]

log = logging.getLogger(__name__)

MODEL_PATH = Path(__file__).parent / "models" / "attribution.json.gz"
MODEL_VERSION = 2  # the layout of the model file
BYLINE_SCORE = 0.9  # rule-read ``"…" ― Name`` attributions (see :mod:`.byline`)


@dataclass(frozen=True)
class CueModel:
    """A logistic model over indicator features, with a calibration table for its scores."""

    weights: dict
    bias: float = 0.0
    threshold: float = 0.5
    calibration: tuple = ()  # ((score upper bound, calibrated probability), ...)

    def prob(self, feats: list[str]) -> float:
        w = self.weights
        z = self.bias + sum(w.get(f, 0.0) for f in feats)
        return 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, z))))

    def calibrated(self, p: float) -> float:
        for bound, q in self.calibration:
            if p <= bound:
                return q
        return p

    @classmethod
    def from_dict(cls, d: dict) -> "CueModel":
        return cls(d["weights"], d.get("bias", 0.0), d.get("threshold", 0.5),
                   tuple(tuple(x) for x in d.get("calibration", ())))


@dataclass(frozen=True)
class AttributionModel:
    """Two stages: a cue scorer that prunes tokens cheaply, then a scorer of whole built attributions."""

    cue: CueModel
    attribution: CueModel
    floor: float = 0.03  # stage-one score below which a token is not built

    def to_dict(self) -> dict:
        def one(m: CueModel) -> dict:
            return {"weights": m.weights, "bias": m.bias, "threshold": m.threshold,
                    "calibration": [list(x) for x in m.calibration]}
        return {"version": MODEL_VERSION, "feature_schema": FEATURE_SCHEMA, "floor": self.floor,
                "cue": one(self.cue), "attribution": one(self.attribution)}


@lru_cache(maxsize=2)
def load_model(path: str | Path = MODEL_PATH) -> AttributionModel:
    """The trained model (raises ModelError when missing, unreadable, or made for other features)."""
    try:
        with gzip.open(path, "rt", encoding="utf-8") as f:
            d = json.load(f)
        found = (d.get("version"), d.get("feature_schema"))
        if found != (MODEL_VERSION, FEATURE_SCHEMA):
            raise ModelError(f"the attribution model {path} has file version {found[0]} and feature schema "
                             f"{found[1]}; this sayso reads version {MODEL_VERSION}, schema {FEATURE_SCHEMA}. "
                             "Retrain it with `sayso train` (or install the sayso it was trained with).")
        return AttributionModel(CueModel.from_dict(d["cue"]), CueModel.from_dict(d["attribution"]), d["floor"])
    except (OSError, ValueError, KeyError, EOFError, AttributeError) as e:
        raise ModelError(f"cannot load the attribution model {path}: {e}. "
                         f"Retrain it with `sayso train`.") from e


def save_model(model: AttributionModel, path: str | Path) -> None:
    """Write the model as gzipped JSON, byte-for-byte reproducible (no timestamp in the header)."""
    data = json.dumps(model.to_dict(), sort_keys=True).encode("utf-8")
    with open(path, "wb") as raw, gzip.GzipFile(fileobj=raw, mode="wb", filename="", mtime=0) as f:
        f.write(data)


def scored_candidates(doc, model: AttributionModel) -> list[tuple[float, Attribution, int]]:
    """Every attribution a token above the stage-one floor could head (one per content candidate),
    with its stage-two score and the cue token's index."""
    quotes = find_quotes(text_of(doc))
    qidx = quote_index(doc, quotes)
    out = []
    turns = transcript_turns(doc)
    for tok in doc:
        byline = quote_byline(tok, quotes) if tok.text.endswith(DASHES) else None
        if byline is not None:
            out.append((BYLINE_SCORE, byline, tok.i))
            continue
        if not is_candidate(tok):
            continue
        feats = cue_features(tok, qidx)
        if model.cue.prob(feats) < model.floor and tok.i not in turns:
            continue
        for rank, built in enumerate(build_all(tok, quotes, qidx)):
            p = model.attribution.prob(feats + attribution_features(tok, built, rank))
            if tok.i in turns:
                p = max(p, BYLINE_SCORE)
            out.append((p, built.attribution, tok.i))
    return out


def select(cands: list[tuple[float, Attribution, int]], threshold: float) -> list[tuple[float, Attribution]]:
    """The best candidate of each cue above the threshold, dropping any whose content mostly
    repeats (Dice >= 0.5) that of a better one. (Keeping nested candidates from this rule, or
    below the threshold when inside a kept content, lowers PolNeAR dev F1: see :mod:`.nested`.)"""
    kept: list[tuple[float, Attribution, set]] = []
    cues: set[int] = set()
    for p, att, cue in sorted(cands, key=lambda x: -x[0]):
        if p < threshold:
            break
        if cue in cues:
            continue
        chars = {i for c in att.content for i in range(c.start, c.end)}
        if any(4 * len(chars & k) >= len(chars) + len(k) for _, _, k in kept):
            continue
        cues.add(cue)
        kept.append((p, att, chars))
    return [(p, a) for p, a, _ in kept]


def extract_attributions(doc, *, model: AttributionModel | None = None) -> list[Attribution]:
    """Attributions (source, cue, content, kind, confidence) of a parsed ``Doc``, in text order."""
    model = model or load_model()
    cands = scored_candidates(doc, model)
    kept = nested(doc, cands, select(cands, model.attribution.threshold))
    out = [a.replace(confidence=round(model.attribution.calibrated(p), 4)) for p, a in kept]
    text = text_of(doc)
    out = drop_furniture(text, continuations(text, out, find_quotes(text)))
    return sorted(out, key=lambda a: (a.content[0].start, a.cue.start if a.cue else 0))
