"""How a source stands toward what it reports, and how the writer frames it.

Rules, in the ordered table ``STANCE_RULES``, first match wins: declines (declined to comment) >
questions (asked whether, a question mark) > denies (denied, "not true") > dismisses (downplayed,
"no relevance", "even if") > hedges (hope, may, suggest, "not sure") > asserts. The words they look
for are in :mod:`sayso.lexicon`. Framing comes from the cue verb: neutral
("said"), endorsing ("confirmed", "revealed") or distancing ("claimed", "alleged", "insisted").
Every decision keeps the words that triggered it as spans of the article.
"""
from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from spacy.tokens import Doc, Token

from ..lexicon import (BELIEF_CUES, DECLINE_CUES, DENY_CUES, DENY_PHRASES, DISMISS_CUES, DISMISS_PHRASES,
                       DISTANCING, DISTANCING_ADVERBS, ENDORSING, FIRST_PERSON_BELIEF, HEDGE_CUES, HEDGE_PHRASES,
                       HEDGE_VERBS, HEDGE_WORDS, MODALS, QUESTION_CUES, REASSURE_CUES, REFUSE_CUES, SILENT_CUES)
from ..model import Attribution, Span, Stance
from ..nlp.tokens import text_of, token_span

_STOP_TOP = {"relcl", "acl", "advcl"}


def _tokens(doc: Doc, span: Span | None) -> list[Token]:
    if span is None:
        return []
    s = doc.char_span(span.start, span.end, alignment_mode="expand")
    return list(s) if s is not None else []


def _cue_words(doc: Doc, att: Attribution) -> list[Token]:
    """The cue and the words that govern its meaning (negation, "to comment", "down")."""
    toks = _tokens(doc, att.cue)
    if not toks:
        return []
    head = doc.char_span(att.cue.start, att.cue.end, alignment_mode="expand").root
    extra = [c for c in head.children if c.dep_ in ("neg", "xcomp", "prt", "aux", "advmod")]
    extra += [g for c in extra if c.dep_ == "xcomp" for g in c.children if g.dep_ == "neg"]
    return list(dict.fromkeys(toks + extra))


def _top_level(t: Token, inside: set[int]) -> bool:
    """Whether a content word belongs to the reported claim, not to a relative clause inside it."""
    tok = t
    while tok.i in inside and tok.head != tok:
        if tok.dep_ in _STOP_TOP:
            return False
        tok = tok.head
    return True


def _content_matches(att: Attribution, pattern: re.Pattern) -> list[Span]:
    out = []
    for c in att.content:
        for m in pattern.finditer(c.text):
            out.append(Span(c.start + m.start(), c.start + m.end(), m.group(0)))
    return out


def _negated(tokens: list[Token]) -> list[Token]:
    return [t for t in tokens if t.dep_ == "neg" or t.lower_ in ("not", "n't", "n’t", "never")]


def _lemma(t: Token) -> str:
    lemma = t.lemma_.lower()
    return "hope" if t.lower_.startswith("hope") and t.pos_ in ("VERB", "NOUN") else lemma


def _declines(doc: Doc, att: Attribution, cue: list[Token]) -> list[Token]:
    """"refused to release", "declined to comment", "did not respond": the words, or []."""
    if hit := [t for t in cue if _lemma(t) in REFUSE_CUES]:
        return hit
    for t in cue:
        if _lemma(t) in DECLINE_CUES:
            comps = [c for c in t.children if c.dep_ in ("xcomp", "dobj", "ccomp")]
            first = att.content[0].text.split()[:2] if att.content else []
            said = first[:1] == ["to"] and len(first) > 1 and first[1].lower() in SILENT_CUES | {"make"}
            if said or any(c.lemma_.lower() in SILENT_CUES for c in comps) or (not comps and not att.content):
                return [t]
    neg = _negated(cue)
    if neg and (hit := [t for t in cue if _lemma(t) in SILENT_CUES]):
        return neg + hit
    return []


def _asks(att: Attribution, cue: list[Token]) -> list[Token]:
    """"asked whether", "questioned": the words, or [] (a request "asked X to do" is not a question)."""
    hit = [t for t in cue if _lemma(t) in QUESTION_CUES]
    if not hit:
        return []
    request = any(c.dep_ == "xcomp" for t in hit for c in t.children)
    if _lemma(hit[0]) == "ask" and (request or (att.content and att.content[0].text.lower().startswith("to "))):
        return []
    return hit


def _content_hedges(att: Attribution, content: list[Token], inside: set[int]) -> list[Span]:
    words = []
    for t in content:
        if not _top_level(t, inside):
            continue
        lemma = _lemma(t)
        if lemma in HEDGE_WORDS or (lemma in HEDGE_VERBS and t.pos_ == "VERB"):
            words.append(token_span(t))
        elif lemma in FIRST_PERSON_BELIEF and any(c.dep_ == "nsubj" and c.lower_ in ("i", "we") for c in t.children):
            words.append(token_span(t))
    found = sorted(words + _content_matches(att, HEDGE_PHRASES), key=lambda s: (s.start, -s.end))
    return [s for k, s in enumerate(found) if not any(o.start <= s.start and s.end <= o.end for o in found[:k])]


@dataclass(frozen=True)
class _Facts:
    """What the stance rules read of one attribution."""

    doc: Doc
    att: Attribution
    cue: list[Token]  # the cue and the words that govern it
    lemmas: set[str]
    content: list[Token]
    inside: set[int]  # token indices of the content
    neg_cue: list[Token]  # negations of the cue


def _facts(doc: Doc, att: Attribution) -> _Facts:
    cue = _cue_words(doc, att)
    content = [t for c in att.content for t in _tokens(doc, c)]
    return _Facts(doc, att, cue, {_lemma(t) for t in cue}, content, {t.i for t in content}, _negated(cue))


def _cue_hits(f: _Facts, lemmas: set[str]) -> list[Token]:
    return [t for t in f.cue if _lemma(t) in lemmas]


def _spans(tokens: list[Token]) -> list[Span] | None:
    return [token_span(t) for t in tokens] if tokens else None


# Each rule returns the spans of the words that trigger it, or None when it does not apply.

def _declined(f: _Facts) -> list[Span] | None:
    return _spans(_declines(f.doc, f.att, f.cue))


def _asked(f: _Facts) -> list[Span] | None:
    return _spans(_asks(f.att, f.cue))


def _question_mark(f: _Facts) -> list[Span] | None:
    c = f.att.content[-1] if f.att.content else None
    if c is None or not text_of(f.doc)[c.end - 1: c.end + 1].strip().startswith("?"):
        return None
    return [Span(c.end - 1, c.end, "?")] if c.text.endswith("?") else []


def _disbelief(f: _Facts) -> list[Span] | None:
    hit = _cue_hits(f, BELIEF_CUES) if f.neg_cue else []
    return _spans(f.neg_cue + hit) if hit else None


def _modal_cue(f: _Facts) -> list[Span] | None:
    return _spans([t for t in f.cue if t.tag_ == "MD" and t.lower_ in MODALS and not f.neg_cue])


def _denial_cue(f: _Facts) -> list[Span] | None:
    return _spans(_cue_hits(f, DENY_CUES))


def _insists_not(f: _Facts) -> list[Span] | None:
    content_neg = [t for t in _negated(f.content) if _top_level(t, f.inside)]
    hit = _cue_hits(f, REASSURE_CUES) if content_neg else []
    return _spans(hit + content_neg[:1]) if hit else None


def _untrue(f: _Facts) -> list[Span] | None:
    return _content_matches(f.att, DENY_PHRASES)[:2] or None


def _dismissal_cue(f: _Facts) -> list[Span] | None:
    hit = _cue_hits(f, DISMISS_CUES)
    return _spans(hit or f.cue) if hit or {"play", "down"} <= f.lemmas else None


def _dismissive_words(f: _Facts) -> list[Span] | None:
    return _content_matches(f.att, DISMISS_PHRASES)[:2] or None


def _hedge_cue(f: _Facts) -> list[Span] | None:
    return None if f.neg_cue else _spans([t for t in f.cue if _lemma(t) in HEDGE_CUES and t.dep_ != "aux"])


def _uncertain_content(f: _Facts) -> list[Span] | None:
    return _content_hedges(f.att, f.content, f.inside)[:2] or None


#: The stance rules in order: the first that applies decides (label, its reason, the rule).
STANCE_RULES: tuple[tuple[str, str, Callable[[_Facts], list[Span] | None]], ...] = (
    ("declines", "refuses to comment", _declined),               # "declined to comment", "did not respond"
    ("questions", "asks or doubts", _asked),                     # "asked whether", "questioned"
    ("questions", "a question", _question_mark),                 # the content ends with "?"
    ("denies", "does not believe it", _disbelief),               # "does not think"
    ("hedges", "only a possibility", _modal_cue),                # "could say"
    ("denies", "denies it", _denial_cue),                        # "denied", "rejected"
    ("denies", "insists it is not so", _insists_not),            # "insisted it was not"
    ("denies", "calls it untrue", _untrue),                      # "not true", "baseless"
    ("dismisses", "plays it down", _dismissal_cue),              # "dismissed", "played down"
    ("dismisses", "plays it down", _dismissive_words),           # "no relevance", "even if"
    ("hedges", "presents it as belief or hope", _hedge_cue),     # "believes", "hopes"
    ("hedges", "presents it as uncertain", _uncertain_content),  # "may", "not sure", "I think"
)


def _label(doc: Doc, att: Attribution) -> tuple[str, list[Span], str]:
    facts = _facts(doc, att)
    for label, reason, rule in STANCE_RULES:
        triggers = rule(facts)
        if triggers is not None:
            return label, triggers, reason
    return "asserts", [], "states it"


def _framing(doc: Doc, att: Attribution) -> tuple[str, list[Span]]:
    cue = _cue_words(doc, att)
    if hit := [t for t in cue if t.lemma_.lower() in DISTANCING or t.lower_ in DISTANCING_ADVERBS]:
        return "distancing", [token_span(t) for t in hit]
    if hit := [t for t in cue if t.lemma_.lower() in ENDORSING]:
        return "endorsing", [token_span(t) for t in hit]
    return "neutral", []


def stance_of(doc: Doc, att: Attribution) -> Stance:
    """Stance label, framing, trigger spans and a one-line explanation for one attribution."""
    label, triggers, reason = _label(doc, att)
    framing, frame_triggers = _framing(doc, att)
    quoted = ", ".join(f"“{t.text}”" for t in triggers) or "no marked words"
    explanation = f"{label}: {reason} ({quoted})"
    if frame_triggers:
        explanation += f"; the writer's “{frame_triggers[0].text}” is {framing}"
    all_triggers = tuple(dict.fromkeys(triggers + frame_triggers))
    return Stance(label=label, framing=framing, triggers=all_triggers, explanation=explanation + ".")
