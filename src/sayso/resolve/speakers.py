"""Who a source is: names, pronouns and descriptions resolved to one speaker within the article.

"he said" -> the person last mentioned as a subject; "the envoy" -> the person whose role says
envoy; "Witkoff" -> "Steve Witkoff"; "the Kremlin" -> Russia (government); "three officials
familiar with intelligence matters" -> anonymous, count 3, with that descriptor.
"""
from __future__ import annotations

from spacy.tokens import Doc
from spacy.tokens import Span as SpacySpan

from ..model import Attribution, Span, Speaker
from .gazetteer import FIRST_PERSON, GROUP_PRONOUNS, PERSON_PRONOUNS
from .people import People
from .types import classify

UNKNOWN = Speaker(name="unknown", type="unknown", confidence=0.0)


def _span(doc: Doc, s: int, e: int) -> Span:
    a, b = doc[s].idx, doc[e - 1].idx + len(doc[e - 1].text)
    return Span(a, b, doc.text[a:b])


def person_speaker(people: People, mention: tuple[int, int, str], source: Span | None,
                   confidence: float) -> Speaker:
    s, e, name = mention
    p = people.persons[name]
    fullest = next(((a, b) for a, b in p.mentions if people.doc[a:b].text == name), (s, e))
    spans = [x for x in (source, _span(people.doc, s, e), _span(people.doc, *fullest)) if x]
    mentions = tuple(dict.fromkeys(spans))
    return Speaker(name=name, type="person", mentions=mentions, confidence=round(confidence, 2),
                   role=p.role, affiliation=p.affiliation)


def _named_person(people: People, span: SpacySpan) -> tuple[int, int, str] | None:
    """The person a source phrase names as its speaker (not an owner or a prepositional object)."""
    root = span.root
    hit = people.mention_at(root.i)
    if hit:
        return hit
    for child in root.children:
        if child.dep_ in ("appos", "compound", "conj") and people.mention_at(child.i):
            return people.mention_at(child.i)
    for t in span:
        hit = people.mention_at(t.i)
        if not hit:
            continue
        tok, ok = t, True
        while tok != root and tok.head != tok and tok.i >= span.start:
            if tok.dep_ in ("pobj", "poss", "dobj") and tok.head != root:
                ok = False
            tok = tok.head
        if ok and t.dep_ != "pobj":
            return hit
    return None


class SpeakerResolver:
    """Resolves the sources of one article; remembers earlier speakers for "they" and "it"."""

    def __init__(self, doc: Doc):
        self.doc = doc
        self.people = People(doc)
        self.history: list[tuple[int, Speaker]] = []  # (token index, speaker)

    def resolve(self, att: Attribution, outer: Speaker | None = None) -> Speaker:
        src = att.source
        if src is None:
            return UNKNOWN
        span = self.doc.char_span(src.start, src.end, alignment_mode="expand")
        if span is None or len(span) == 0:
            return Speaker(name=src.text, type="unknown", mentions=(src,), confidence=0.1)
        speaker = self._resolve(span, src, outer)
        self.history.append((span.root.i, speaker))
        return speaker

    def _resolve(self, span: SpacySpan, src: Span, outer: Speaker | None) -> Speaker:
        root = span.root
        word = root.lower_
        named = _named_person(self.people, span)
        if named:
            exact = self.doc[named[0]:named[1]].text == named[2]
            return person_speaker(self.people, named, src, 0.95 if exact else 0.9)
        if word in FIRST_PERSON and len(span) <= 2:
            if outer is not None:
                return Speaker(**{**_fields(outer), "mentions": (src, *outer.mentions), "confidence": 0.7})
            return Speaker(name=src.text, type="unknown", mentions=(src,), confidence=0.1)
        if word in PERSON_PRONOUNS and len(span) <= 2:
            found = self.people.antecedent(root.i, frozenset(j for j, sp in self.history if sp.type == "person"))
            if found:
                return person_speaker(self.people, found[0], src, found[1])
            return Speaker(name=src.text, type="person", mentions=(src,), confidence=0.1)
        if word in GROUP_PRONOUNS and len(span) <= 2:
            return self._group_antecedent(root.i, src)
        return self._described(span, src)

    def _described(self, span: SpacySpan, src: Span) -> Speaker:
        info = classify(span)
        if info.owner is not None:
            hit = self.people.mention_at(info.owner)
            if hit:
                return person_speaker(self.people, hit, src, 0.8)
            tok = self.doc[info.owner]
            owner = classify(self.doc[tok.left_edge.i: tok.i + 1])
            if owner.type not in ("unknown",):
                info = owner
        if info.role_word:
            found = self.people.with_role(info.role_word, span.root.i)
            if found:
                return person_speaker(self.people, found[0], src, found[1])
        return Speaker(name=info.name, type=info.type, mentions=(src,), confidence=info.confidence,
                       affiliation=info.affiliation, count=info.count, descriptor=info.descriptor)

    def _group_antecedent(self, i: int, src: Span) -> Speaker:
        """"they said" / "it said": the last non-person speaker within a few sentences."""
        sent_start = self.doc[i].sent.start
        for j, sp in reversed(self.history):
            if j < i and sent_start - j < 120 and sp.type not in ("person", "unknown"):
                return Speaker(**{**_fields(sp), "mentions": (src, *sp.mentions[:1]), "confidence": 0.5})
        return Speaker(name=src.text, type="unknown", mentions=(src,), confidence=0.1)


def _fields(sp: Speaker) -> dict:
    return {f: getattr(sp, f) for f in Speaker.__dataclass_fields__}
