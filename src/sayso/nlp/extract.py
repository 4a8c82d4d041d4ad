"""The attribution extractor: a learned cue classifier plus parse-based source and content spans.

``extract_attributions(doc)`` is a pure function over a parsed spaCy ``Doc``. Each token that
may head a cue is scored by a linear model trained on PolNeAR (``models/attribution.json``);
for each cue above the threshold the source and content are read off the dependency parse
and the quotations of the text (see :mod:`.spans`, :mod:`.quotes`).
"""
from __future__ import annotations

import json
import logging
import math
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from ..errors import ModelError
from ..model import Attribution, Span
from .features import DASHES, cue_features, is_candidate
from .quotes import Quote, find_quotes
from .spans import content_candidates, cue_tokens, extend_to_quotes, fragments, quote_index, source_tokens

__all__ = ["extract_attributions", "load_model", "CueModel", "MODEL_PATH"]

log = logging.getLogger(__name__)

MODEL_PATH = Path(__file__).parent / "models" / "attribution.json"


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


@lru_cache(maxsize=2)
def load_model(path: str | Path = MODEL_PATH) -> CueModel:
    """The trained cue model (raises ModelError when missing or unreadable)."""
    try:
        with open(path, encoding="utf-8") as f:
            return CueModel.from_dict(json.load(f)["cue"])
    except (OSError, ValueError, KeyError) as e:
        raise ModelError(f"cannot load the attribution model {path}: {e}. "
                         f"Retrain it with `sayso train`.") from e


def extract_attributions(doc, *, model: CueModel | None = None) -> list[Attribution]:
    """Attributions (source, cue, content, kind, confidence) of a parsed ``Doc``, in text order."""
    model = model or load_model()
    quotes = find_quotes(doc.text)
    qidx = quote_index(doc, quotes)
    out = []
    for tok in doc:
        if not is_candidate(tok):
            continue
        p = model.prob(cue_features(tok, qidx))
        if p < model.threshold:
            continue
        att = build_attribution(tok, quotes, qidx)
        if att is not None:
            out.append(att.replace(confidence=round(model.calibrated(p), 4)))
    return sorted(out, key=lambda a: (a.content[0].start if a.content else a.cue.start))


def build_attribution(tok, quotes: list[Quote], qidx: list[int]) -> Attribution | None:
    """The attribution headed by the cue token ``tok``, or None when it has no content."""
    if tok.text == ":" or tok.text in DASHES:
        return _punct_attribution(tok, quotes, qidx)
    doc = tok.doc
    cue_ids = cue_tokens(tok)
    src_ids = source_tokens(tok) - cue_ids
    content: set[int] = set()
    for _, ids in content_candidates(tok, quotes, qidx):
        ids = ids - cue_ids - src_ids
        if any(not doc[i].is_punct for i in ids):
            content = ids
            break
    if not content:
        content = _adjacent_quote(tok, quotes, qidx)
    content = extend_to_quotes(content, doc, quotes, qidx) - cue_ids - src_ids
    frags = fragments(doc, content)
    if not frags:
        return None
    return Attribution(source=_one_span(doc, src_ids), cue=_one_span(doc, cue_ids), content=frags,
                       kind=_kind(frags, quotes))


def _adjacent_quote(tok, quotes: list[Quote], qidx: list[int]) -> set[int]:
    """A quotation just before (``"…," said X``) or just after (``X said: "…"``) the cue."""
    doc = tok.doc
    sent = tok.sent
    for j in list(range(tok.i - 1, max(sent.start, tok.i - 6) - 1, -1)) + list(range(tok.i + 1, min(len(doc), tok.i + 4))):
        if qidx[j] >= 0:
            q = quotes[qidx[j]]
            span = doc.char_span(q.start, q.end, alignment_mode="expand")
            return set(range(span.start, span.end)) if span is not None else set()
    return set()


def _punct_attribution(tok, quotes, qidx) -> Attribution | None:
    """``NAME: words…`` (interview transcripts, headlines) and ``"…" ― Name`` attributions."""
    doc = tok.doc
    line_start = tok.i
    while line_start > 0 and "\n" not in doc[line_start - 1].text + doc[line_start - 1].whitespace_:
        line_start -= 1
    line_end = tok.i + 1
    while line_end < len(doc) and "\n" not in doc[line_end - 1].whitespace_ and not doc[line_end].is_space:
        line_end += 1
    if tok.text == ":":
        src, content = set(range(line_start, tok.i)), set(range(tok.i + 1, line_end))
    else:
        src, content = set(range(tok.i + 1, line_end)), set(range(line_start, tok.i))
        if not content:
            content = _adjacent_quote(tok, quotes, qidx)
    frags = fragments(doc, content)
    if not frags or not src:
        return None
    return Attribution(source=_one_span(doc, src), cue=_one_span(doc, {tok.i}), content=frags,
                       kind=_kind(frags, quotes))


def _one_span(doc, ids: set[int]) -> Span | None:
    frags = fragments(doc, ids)
    if not frags:
        return None
    return Span.of(doc.text, frags[0].start, frags[-1].end)


def _kind(frags: tuple[Span, ...], quotes: list[Quote]) -> str:
    inside = total = 0
    for f in frags:
        for q in quotes:
            inside += max(0, min(f.end, q.end) - max(f.start, q.start))
        total += f.end - f.start
    if total and inside >= 0.9 * total:
        return "direct"
    return "mixed" if inside else "indirect"
