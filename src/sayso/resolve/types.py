"""Source types of noun phrases: anonymous, organisation, government, media, document, person.

``classify(phrase)`` looks at the phrase's head word, its modifiers and the entities inside it.
Names of people and pronouns are resolved elsewhere (``speakers``); this module types the rest.
"""
from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Span as SpacySpan
from spacy.tokens import Token

from ..lexicon import (ANONYMOUS_NOUNS, COUNTRY, DOCUMENT_NOUNS, GOVERNMENT_PHRASES, GOVERNMENT_WORDS,
                       MEDIA_NAME_WORDS, MEDIA_NOUNS, NOT_MEDIA_WORDS, NUMBER_WORDS, ORG_NOUNS, ROLE_NOUNS,
                       VAGUE_COUNTS)
from ..nlp.tokens import slice_tokens
from .names import looks_like_company


@dataclass(frozen=True)
class SourceInfo:
    """What a source phrase says about its speaker."""

    type: str
    name: str
    count: int | None = None
    descriptor: str | None = None
    affiliation: str | None = None
    role_word: str | None = None  # "the envoy" -> "envoy": resolve to a person with that role
    owner: int | None = None  # token index of the owner of a document ("Trump's statement")
    confidence: float = 0.6


_text = slice_tokens


def _strip_the(s: str) -> str:
    """A name without its leading article ("the Kremlin" -> "Kremlin", "a new poll" -> "new poll")."""
    low = s.lower()
    for det in ("the ", "a ", "an "):
        if low.startswith(det) and len(s) > len(det):
            return s[len(det):]
    return s


def _head_phrase(root: Token, span: SpacySpan) -> tuple[int, int]:
    """Token range from the phrase's left edge to its head ("three officials")."""
    left = max(root.left_edge.i, span.start)
    while left < root.i and root.doc[left].pos_ in ("PUNCT", "SPACE"):
        left += 1
    return left, root.i + 1


def country_of(text: str) -> str | None:
    """Canonical country for a name, demonym, capital or seat ("the Kremlin" -> "Russia")."""
    t = text.lower().strip().rstrip(".,").replace("’s", "").replace("'s", "")
    return COUNTRY.get(t) or COUNTRY.get(_strip_the(t)) or COUNTRY.get(t + ".")


def _count(root: Token) -> int | None:
    for c in root.lefts:
        w = c.lower_
        if w in VAGUE_COUNTS:
            return None
        if c.dep_ in ("nummod", "det", "quantmod") or c.like_num:
            if w.isdigit():
                return int(w)
            if w in NUMBER_WORDS:
                return NUMBER_WORDS[w]
    return None


def _affiliation(root: Token) -> str | None:
    """Country, organisation or body a group of people belongs to ("U.S. officials", "for X")."""
    for c in root.lefts:
        if c.dep_ in ("compound", "amod", "nmod", "poss") and (c.ent_type_ or c.pos_ in ("PROPN", "NOUN")):
            country = country_of(c.text)
            if country:
                return country
            if c.pos_ in ("PROPN", "NOUN") and c.lower_ not in ANONYMOUS_NOUNS:
                return _text(c.doc, c.left_edge.i, c.i + 1)
    for prep in root.rights:
        if prep.dep_ == "prep" and prep.lower_ in ("for", "at", "with", "in", "of", "from", "to"):
            for obj in prep.children:
                if obj.dep_ == "pobj" and (obj.ent_type_ or obj.pos_ == "PROPN"):
                    return country_of(obj.text) or _text(obj.doc, obj.left_edge.i, obj.right_edge.i + 1)
    return None


def _descriptor(root: Token, limit: int) -> str | None:
    """The people-describing phrase without its count: "officials familiar with intelligence matters"."""
    doc = root.doc
    left = root.left_edge.i
    while left < root.i and (doc[left].dep_ in ("det", "nummod", "quantmod", "punct") or doc[left].like_num):
        left += 1
    right = root.i + 1
    for t in doc[root.i + 1: min(root.right_edge.i + 1, limit)]:
        if t.text in (",", ".", ";", ":", "—", "–", "(", "“", "”", "\"") or t.is_space:
            break
        right = t.i + 1
    if right - left <= 1 and left == root.i:
        return None
    return _text(doc, left, right)


def _is_media(tokens) -> bool:
    words = {t.lower_.strip(".") for t in tokens}
    return bool(words & MEDIA_NAME_WORDS) and not words & NOT_MEDIA_WORDS


def _entity_info(root: Token) -> SourceInfo | None:
    ent = next((e for e in root.doc.ents if e.start <= root.i < e.end), None)
    if ent is None:
        return None
    name = _strip_the(ent.text).removesuffix("’s").removesuffix("'s")
    if ent.label_ in ("ORG", "WORK_OF_ART", "PRODUCT") and _is_media(ent):
        return SourceInfo("media", name, confidence=0.85)
    if ent.label_ in ("GPE", "NORP", "ORG", "LOC") and country_of(ent.text):
        return SourceInfo("government", country_of(ent.text), affiliation=country_of(ent.text), confidence=0.8)
    if ent.label_ == "GPE":
        return SourceInfo("government", name, confidence=0.7)
    if ent.label_ == "ORG":
        low = name.lower()
        if low in GOVERNMENT_PHRASES or any(w in GOVERNMENT_WORDS for w in low.split()[-1:]):
            return SourceInfo("government", name, affiliation=None, confidence=0.75)
        return SourceInfo("organisation", name, confidence=0.75)
    if ent.label_ == "NORP":
        return SourceInfo("organisation", name, confidence=0.6)
    return None


def classify(span: SpacySpan) -> SourceInfo:
    """Type a source phrase that is not a person's name or a pronoun."""
    root = span.root
    whole = country_of(span.text)
    if whole:
        return SourceInfo("government", whole, affiliation=whole, confidence=0.85)
    low = _strip_the(span.text.lower())
    if any(low.startswith(p) or low.endswith(p) for p in GOVERNMENT_PHRASES):
        return SourceInfo("government", _strip_the(span.text), affiliation=_affiliation(root), confidence=0.8)
    words = {root.lemma_.lower(), root.lower_}
    definite = any(c.lower_ in ("the", "this", "that") for c in root.lefts)
    if definite and root.tag_ == "NN" and words & ROLE_NOUNS:
        return SourceInfo("person", _name(span), role_word=root.lemma_.lower(), confidence=0.4)
    if root.pos_ == "PROPN" and (info := _entity_info(root)):
        return info
    if words & ANONYMOUS_NOUNS:
        return _anonymous(span, root)
    if words & DOCUMENT_NOUNS:
        return SourceInfo("document", _name(span), owner=_owner(root), confidence=0.7)
    return _entity_info(root) or _by_head(span, root, words)


def _name(span: SpacySpan) -> str:
    """The phrase from its left edge to its head, without a leading article."""
    return _strip_the(_text(span.doc, *_head_phrase(span.root, span)))


def _owner(root: Token) -> int | None:
    """Token index of who a document belongs to ("Trump's statement", "a letter from X")."""
    owner = next((c.i for c in root.children if c.dep_ == "poss"), None)
    objects = [o for p in root.rights if p.dep_ == "prep" and p.lower_ in ("by", "from", "of")
               for o in p.children if o.dep_ == "pobj"]
    if owner is None:
        owner = next((o.i for o in objects if o.ent_type_ or o.pos_ == "PROPN"), None)
    if owner is None:  # "a video of his remarks" -> his
        owner = next((c.i for o in objects for c in o.children if c.dep_ == "poss"), None)
    return owner


def _by_head(span: SpacySpan, root: Token, words: set[str]) -> SourceInfo:
    """Type by the head noun alone: media, government, a role, an organisation, else unknown."""
    if words & MEDIA_NOUNS or (root.pos_ == "PROPN" and _is_media([root])):
        return SourceInfo("media", _name(span), confidence=0.6)
    if words & GOVERNMENT_WORDS:
        aff = _affiliation(root)
        name = aff if aff and aff in COUNTRY.values() else _name(span)
        return SourceInfo("government", name, affiliation=aff, confidence=0.7)
    if words & ROLE_NOUNS:
        return SourceInfo("person", _name(span), role_word=root.lemma_.lower(), confidence=0.4)
    if words & ORG_NOUNS:
        return SourceInfo("organisation", _name(span), affiliation=_affiliation(root), confidence=0.6)
    if looks_like_company(span):  # "WeWork declined to comment"
        return SourceInfo("organisation", span.text.strip(), confidence=0.5)
    if root.pos_ == "PROPN" and root.text[:1].isupper() and not root.ent_type_:
        return SourceInfo("person", span.text.strip(), confidence=0.3)  # a name the tagger missed
    return SourceInfo("unknown", span.text.strip(), confidence=0.2)


def _anonymous(span: SpacySpan, root: Token) -> SourceInfo:
    doc = root.doc
    count = _count(root)
    aff = _affiliation(root)
    limit = root.sent.end
    desc = _descriptor(root, limit)
    i, j = _head_phrase(root, span)
    plural = root.tag_ in ("NNS", "NNPS")
    bare = not any(c.dep_ in ("amod",) and c.lower_ not in COUNTRY for c in root.lefts) and not list(root.rights)
    if plural and count is None and bare and aff in COUNTRY.values() and root.lemma_ == "official":
        return SourceInfo("government", aff, affiliation=aff, confidence=0.75)
    return SourceInfo("anonymous", _text(doc, i, j), count=count, descriptor=desc,
                      affiliation=aff, confidence=0.75)
