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
from .text import text_of

REFUSE_CUES = {"refuse", "refusal"}
DECLINE_CUES = {"decline"}
SILENT_CUES = {"comment", "say", "respond", "answer", "discuss", "confirm", "elaborate", "reply",
               "return", "specify", "disclose", "address", "identify", "release", "reveal", "name",
               "provide", "share", "speak", "explain", "detail"}
QUESTION_CUES = {"ask", "question", "wonder", "query", "inquire", "doubt", "challenge"}
DENY_CUES = {"deny", "dispute", "reject", "refute", "rebut", "contradict", "disavow", "debunk"}
REASSURE_CUES = {"assure", "insist", "maintain", "stress", "reiterate", "swear", "promise", "vow",
                 "guarantee", "reassure", "emphasize", "emphasise"}
DISMISS_CUES = {"dismiss", "downplay", "minimize", "minimise", "belittle", "shrug", "brush", "scoff",
                "ridicule", "deride", "mock", "discount", "wave", "laugh", "ignore", "disregard"}
HEDGE_CUES = {"hope", "believe", "think", "suggest", "speculate", "guess", "suspect", "estimate",
              "feel", "reckon", "assume", "hint", "imply", "predict", "expect", "fear", "worry",
              "wish", "seem", "appear"}
BELIEF_CUES = {"think", "believe"}
HEDGE_WORDS = {"may", "might", "could", "perhaps", "maybe", "possibly", "probably", "likely",
               "unlikely", "apparently", "seemingly", "presumably", "hopefully", "possible"}
HEDGE_VERBS = {"hope", "appear", "seem", "wish"}
FIRST_PERSON_BELIEF = {"think", "believe", "guess", "suppose", "suspect"}
MODALS = {"may", "might", "could", "would"}
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
                       r"for certain|let[’']s hope)\b",
                       re.I)
_STOP_TOP = {"relcl", "acl", "advcl"}


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
            words.append(_tok_span(t))
        elif lemma in FIRST_PERSON_BELIEF and any(c.dep_ == "nsubj" and c.lower_ in ("i", "we") for c in t.children):
            words.append(_tok_span(t))
    found = sorted(words + _content_matches(att, _HEDGE_RE), key=lambda s: (s.start, -s.end))
    return [s for k, s in enumerate(found) if not any(o.start <= s.start and s.end <= o.end for o in found[:k])]


def _label(doc: Doc, att: Attribution) -> tuple[str, list[Span], str]:
    cue = _cue_words(doc, att)
    lemmas = {_lemma(t) for t in cue}
    content = [t for c in att.content for t in _tokens(doc, c)]
    inside = {t.i for t in content}
    neg_cue = _negated(cue)
    if hit := _declines(doc, att, cue):
        return "declines", [_tok_span(t) for t in hit], "refuses to comment"
    if hit := _asks(att, cue):
        return "questions", [_tok_span(t) for t in hit], "asks or doubts"
    if att.content and text_of(doc)[att.content[-1].end - 1: att.content[-1].end + 1].strip().startswith("?"):
        c = att.content[-1]
        return "questions", [Span(c.end - 1, c.end, "?")] if c.text.endswith("?") else [], "a question"
    if neg_cue and (hit := [t for t in cue if _lemma(t) in BELIEF_CUES]):
        return "denies", [_tok_span(t) for t in neg_cue + hit], "does not believe it"
    if hit := [t for t in cue if t.tag_ == "MD" and t.lower_ in MODALS and not neg_cue]:
        return "hedges", [_tok_span(t) for t in hit], "only a possibility"
    if hit := [t for t in cue if _lemma(t) in DENY_CUES]:
        return "denies", [_tok_span(t) for t in hit], "denies it"
    content_neg = [t for t in _negated(content) if _top_level(t, inside)]
    if content_neg and (hit := [t for t in cue if _lemma(t) in REASSURE_CUES]):
        return "denies", [_tok_span(t) for t in hit + content_neg[:1]], "insists it is not so"
    if hit := _content_matches(att, _DENY_RE):
        return "denies", hit[:2], "calls it untrue"
    if (hit := [t for t in cue if _lemma(t) in DISMISS_CUES]) or {"play", "down"} <= lemmas:
        return "dismisses", [_tok_span(t) for t in (hit or cue)], "plays it down"
    if hit := _content_matches(att, _DISMISS_RE):
        return "dismisses", hit[:2], "plays it down"
    if not neg_cue and (hit := [t for t in cue if _lemma(t) in HEDGE_CUES and t.dep_ != "aux"]):
        return "hedges", [_tok_span(t) for t in hit], "presents it as belief or hope"
    if hit := _content_hedges(att, content, inside):
        return "hedges", hit[:2], "presents it as uncertain"
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
