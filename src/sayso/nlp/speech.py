"""Speech or action: lowers the confidence of attributions whose cue reports a deed, not words.

On real news pages the extractor reads actions as speech ("the company agreed to inject $6
billion", "the firm shelved its plans", "Trump released a letter"), almost all at a confidence
of 0.6-0.7 that PolNeAR dev calibrated but real pages do not bear out. This post-step, run
after :func:`~sayso.nlp.extract.extract_attributions` and before resolution, leaves the
extractor and its weights alone and only lowers ``confidence`` where:

* the cue's head lemma is seldom a cue on PolNeAR train (``models/cue_lemmas.json``, counted
  by ``scripts/build_cue_lexicon.py``: how often each verb or noun lemma lies inside a gold
  cue) and the content is neither a quotation nor a ``that`` clause; or
* the cue is a colon after a short label and the "content" is a title with no closing stop
  (``The Latest: Man stabbed ...``, ``(Graphic: Global assets in 2019 - here)``).

Pure function over the parsed ``Doc``; spans and order are never changed.
"""
from __future__ import annotations

import json
from functools import lru_cache
from pathlib import Path

from spacy.tokens import Doc

from ..lexicon import QUOTE_CHARS
from ..model import Attribution

__all__ = ["LEXICON_PATH", "speech_share", "is_action", "weigh_speech", "ACTION_FACTOR", "MIN_SHARE"]

LEXICON_PATH = Path(__file__).parent / "models" / "cue_lemmas.json"
#: a lemma inside a gold cue less often than this (add-one smoothed) reads as an action
MIN_SHARE = 0.25
#: the share assumed for a lemma never seen (about the share of all verb and noun tokens that are cues)
PRIOR = 0.05
#: an action reading keeps this share of its confidence
ACTION_FACTOR = 0.6
_CLAUSE_MARKS = frozenset({"that", "whether", "if", "how", "why", "what", "when", "where", "who"})


@lru_cache(maxsize=1)
def _lexicon() -> dict[str, tuple[int, int]]:
    with open(LEXICON_PATH, encoding="utf-8") as f:
        return {k: tuple(v) for k, v in json.load(f).items()}


def speech_share(lemma: str) -> float:
    """How often ``lemma`` is (part of) a cue on PolNeAR train, smoothed toward :data:`PRIOR`: a
    lemma political news never uses as a cue, or never uses at all, reads as an action."""
    cue, seen = _lexicon().get(lemma, (0, 0))
    return (cue + 2 * PRIOR) / (seen + 2)


def _cue_head(doc: Doc, att: Attribution):
    span = doc.char_span(att.cue.start, att.cue.end, alignment_mode="expand")
    if span is None or len(span) == 0:
        return None
    words = [t for t in span if t.pos_ in ("VERB", "NOUN")]
    return words[0] if words else span.root


def _quoted(att: Attribution) -> bool:
    text = att.content[0].text.lstrip()
    return text[:1] in QUOTE_CHARS


def _reported(doc: Doc, att: Attribution) -> bool:
    """Whether the content is words: a quotation, or a clause opened by "that"/"whether"/... or a finite verb."""
    if _quoted(att):
        return True
    first = att.content[0]
    span = doc.char_span(first.start, first.end, alignment_mode="expand")
    if span is None or len(span) == 0:
        return False
    if span[0].lower_ in _CLAUSE_MARKS:
        return True
    root = span.root
    return root.pos_ in ("VERB", "AUX") and root.tag_ != "VBG" and any(
        c.dep_ in ("nsubj", "nsubjpass", "expl") for c in root.children) and root.tag_ not in ("TO", "VB")


def _title_label(doc: Doc, att: Attribution) -> bool:
    """A colon cue after a short label whose "content" is a title: no stop closes it."""
    if att.cue.text.strip() not in (":", "-", "–", "—"):
        return False
    tail = " ".join(c.text for c in att.content).rstrip()
    quoted = tail[:1] in QUOTE_CHARS
    return not quoted and tail[-1:] not in ".!?\"”’'" and (att.source is None or len(att.source.text) <= 40)


def is_action(doc: Doc, att: Attribution) -> bool:
    """Whether the attribution reads a deed (or a title) as speech."""
    if att.cue is None or not att.content:
        return False
    if _title_label(doc, att):
        return True
    head = _cue_head(doc, att)
    if head is None or head.pos_ not in ("VERB", "NOUN"):
        return False
    share = speech_share(head.lemma_.lower())
    if share < MIN_SHARE / 2:  # "bet that", "makes it tougher": not words even before a clause
        return not _quoted(att)
    return share < MIN_SHARE and not _reported(doc, att)


def weigh_speech(doc: Doc, atts: list[Attribution]) -> list[Attribution]:
    """The same attributions, an action reading's confidence multiplied by :data:`ACTION_FACTOR`."""
    return [a.replace(confidence=round(a.confidence * ACTION_FACTOR, 4)) if is_action(doc, a) else a for a in atts]
