"""How a source stands toward what it reports, and how the writer frames it.

Rules, first match wins: declines (declined to comment) > questions (asked whether, a question
mark) > denies (denied, "not true") > dismisses (downplayed, "no relevance", "even if") >
hedges (hope, may, suggest, "not sure") > asserts. Framing comes from the cue verb: neutral
("said"), endorsing ("confirmed", "revealed") or distancing ("claimed", "alleged", "insisted").
Every decision keeps the words that triggered it as spans of the article.
"""
from __future__ import annotations

import re

from spacy.tokens import Doc, Token

from ..model import Attribution, Span, Stance

DECLINE_CUES = {"decline", "refuse"}
SILENT_CUES = {"comment", "say", "respond", "answer", "discuss", "confirm", "elaborate", "reply",
               "return", "specify", "disclose", "address"}
QUESTION_CUES = {"ask", "question", "wonder", "query", "inquire", "doubt", "challenge"}
DENY_CUES = {"deny", "dispute", "reject", "refute", "rebut", "contradict", "disavow", "debunk"}
REASSURE_CUES = {"assure", "insist", "maintain", "stress", "reiterate", "swear", "promise", "vow",
                 "guarantee", "reassure", "emphasize", "emphasise"}
DISMISS_CUES = {"dismiss", "downplay", "minimize", "minimise", "belittle", "shrug", "brush", "scoff",
                "ridicule", "deride", "mock", "discount", "wave", "laugh", "brush"}
HEDGE_CUES = {"hope", "believe", "think", "suggest", "speculate", "guess", "suspect", "estimate",
              "feel", "reckon", "assume", "hint", "imply", "predict", "expect", "fear", "worry",
              "caution", "warn"}
HEDGE_WORDS = {"may", "might", "could", "perhaps", "maybe", "possibly", "probably", "likely",
               "unlikely", "apparently", "seemingly", "presumably", "hope", "hopefully", "possible"}
ENDORSING = {"confirm", "reveal", "disclose", "acknowledge", "admit", "concede", "note", "observe",
             "show", "prove", "demonstrate", "find", "discover", "learn", "establish", "explain",
             "recognise", "recognize", "verify", "uncover", "expose", "clarify", "point"}
DISTANCING = {"claim", "allege", "insist", "purport", "contend", "maintain", "profess"}
DISTANCING_ADVERBS = {"reportedly", "allegedly", "supposedly", "purportedly", "ostensibly"}

_DENY_RE = re.compile(r"\b(not true|untrue|false|baseless|fake news|no truth|never happened|"
                      r"categorically|no evidence|unfounded|fabricat\w*|absurd)\b", re.I)
_DISMISS_RE = re.compile(r"\b(no relevance|not relevant|irrelevant|(does|do|did)(n[’']t| not) matter|"
                         r"no significance|not significant(ly)?|insignificant|overblown|exaggerated|"
                         r"no big deal|ridiculous|nonsense|so what|overwhelmed|even if|"
                         r"nothing to worry|not (worried|concerned)|no concern|"
                         r"(all|whatever|anything)\b[^.;]{0,40}\b(they|he|she|you|we) (want|like|wish)s?)\b",
                         re.I)
_HEDGE_RE = re.compile(r"\b(not sure|unsure|unclear|uncertain|(do|does|did)(n[’']t| not) know|"
                       r"for certain|let[’']s hope|whether|it seems|it appears|i think|we think|i believe)\b",
                       re.I)
_STOP_TOP = {"relcl", "acl"}


def _tokens(doc: Doc, span: Span | None) -> list[Token]:
    if span is None:
        return []
    s = doc.char_span(span.start, span.end, alignment_mode="expand")
    return list(s) if s is not None else []


def _tok_span(t: Token) -> Span:
    return Span(t.idx, t.idx + len(t.text), t.text)


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


def _label(doc: Doc, att: Attribution) -> tuple[str, list[Span], str]:
    cue = _cue_words(doc, att)
    lemmas = {t.lemma_.lower(): t for t in cue}
    content = [t for c in att.content for t in _tokens(doc, c)]
    inside = {t.i for t in content}
    neg_cue = _negated(cue)
    if hit := [t for t in cue if t.lemma_.lower() in DECLINE_CUES]:
        return "declines", [_tok_span(t) for t in hit], "refuses to comment"
    if neg_cue and (hit := [t for t in cue if t.lemma_.lower() in SILENT_CUES]):
        return "declines", [_tok_span(t) for t in neg_cue + hit], "would not say"
    if hit := [t for t in cue if t.lemma_.lower() in QUESTION_CUES]:
        return "questions", [_tok_span(t) for t in hit], "asks or doubts"
    if att.content and doc.text[att.content[-1].end - 1: att.content[-1].end + 1].strip().startswith("?"):
        c = att.content[-1]
        return "questions", [Span(c.end - 1, c.end, "?")] if c.text.endswith("?") else [], "a question"
    if hit := [t for t in cue if t.lemma_.lower() in DENY_CUES]:
        return "denies", [_tok_span(t) for t in hit], "denies it"
    content_neg = [t for t in _negated(content) if _top_level(t, inside)]
    if content_neg and (hit := [t for t in cue if t.lemma_.lower() in REASSURE_CUES]):
        return "denies", [_tok_span(t) for t in hit + content_neg[:1]], "insists it is not so"
    if hit := _content_matches(att, _DENY_RE):
        return "denies", hit[:2], "calls it untrue"
    if (hit := [t for t in cue if t.lemma_.lower() in DISMISS_CUES]) or "play" in lemmas and "down" in lemmas:
        return "dismisses", [_tok_span(t) for t in (hit or cue)], "plays it down"
    if hit := _content_matches(att, _DISMISS_RE):
        return "dismisses", hit[:2], "plays it down"
    if hit := [t for t in cue if t.lemma_.lower() in HEDGE_CUES and t.dep_ != "aux"]:
        return "hedges", [_tok_span(t) for t in hit], "presents it as belief or hope"
    words = [t for t in content if t.lemma_.lower() in HEDGE_WORDS and _top_level(t, inside)]
    if hit := [_tok_span(t) for t in words] + _content_matches(att, _HEDGE_RE):
        return "hedges", sorted(hit, key=lambda s: s.start)[:2], "presents it as uncertain"
    return "asserts", [], "states it"


def _framing(doc: Doc, att: Attribution) -> tuple[str, list[Span]]:
    cue = _cue_words(doc, att)
    if hit := [t for t in cue if t.lemma_.lower() in DISTANCING or t.lower_ in DISTANCING_ADVERBS]:
        return "distancing", [_tok_span(t) for t in hit]
    if hit := [t for t in cue if t.lemma_.lower() in ENDORSING]:
        return "endorsing", [_tok_span(t) for t in hit]
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
