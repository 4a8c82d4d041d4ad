"""Definite descriptions and campaign material that point back to something named earlier.

"The group has drafted ..." -> the organisation last named ("St. Louis Tea Party");
"the spokesperson said" -> the fuller "A spokesperson for Google" before it;
"the advertisement says" -> the campaign the article ties the ad to ("Mitt Romney's Medicare ad",
"The Romney campaign retorted with an ad of its own") -> "Romney campaign".
Pure functions over a parsed ``Doc``; token indices in, token indices or names out.
"""
from __future__ import annotations

from spacy.tokens import Doc, Token

from ..lexicon import AD_NOUNS, BODY_NOUNS, ORG_NOUNS
from .people import People

_LOOKBACK_SENTS = 4
_AD_WINDOW = 600  # tokens either side searched for the ad's owner


def bare_definite(root: Token) -> bool:
    """"the group", "the spokesperson", "the news agency": a definite head with no other modifier
    than common nouns."""
    lefts = list(root.lefts)
    return (len(lefts) >= 1 and lefts[0].lower_ in ("the", "this", "that")
            and all(c.dep_ == "compound" and c.pos_ == "NOUN" for c in lefts[1:])
            and not list(root.rights) and root.tag_ in ("NN", "NNP"))


def sentences_back(doc: Doc, i: int, n: int) -> int:
    first = doc[i].sent.start
    for _ in range(n):
        if first == 0:
            break
        first = doc[first - 1].sent.start
    return first


def earlier_org(doc: Doc, i: int) -> tuple[int, int] | None:
    """The last organisation named within a few sentences before token i ("the group")."""
    if doc[i].lemma_.lower() not in ORG_NOUNS | BODY_NOUNS:
        return None
    first = sentences_back(doc, i, _LOOKBACK_SENTS)
    ents = [e for e in doc.ents if e.label_ == "ORG" and first <= e.start and e.end <= i]
    if not ents:
        return None
    last_sent = max(doc[e.start].sent.start for e in ents)  # its latest sentence; the most prominent first
    near = [e for e in ents if doc[e.start].sent.start == last_sent]
    best = min(near, key=lambda e: (_SALIENCE.get(e.root.dep_, 1), -e.start))
    return best.start, best.end


#: how prominent a name is by its role in the sentence: subjects (and what stands in apposition
#: to one) first, objects of prepositions and possessors last
_SALIENCE = {"nsubj": 0, "nsubjpass": 0, "appos": 0, "dobj": 1, "pobj": 2, "poss": 2, "compound": 2}


def earlier_same_noun(doc: Doc, i: int) -> Token | None:
    """The last modified mention of the same noun before token i ("A spokesperson for Google")."""
    lemma = doc[i].lemma_.lower()
    first = sentences_back(doc, i, _LOOKBACK_SENTS)
    for t in reversed(doc[first:i]):
        if t.lemma_.lower() == lemma and t.pos_ == "NOUN" and not bare_definite(t) and (
                any(c.dep_ in ("compound", "amod", "poss", "nmod") for c in t.lefts)
                or any(c.dep_ == "prep" for c in t.rights)):
            return t
    return None


def _campaign_of(doc: Doc, people: People, tok: Token) -> str | None:
    """"Romney" of "Romney campaign" / "Mitt Romney's" -> "Romney campaign"."""
    hit = people.mention_at(tok.i)
    if hit:  # the possessor itself where the tagger ran the name on ("Mitt Romney's Medicare")
        return f"{tok.text if tok.dep_ == 'poss' else hit[2].split()[-1]} campaign"
    if tok.lower_ == "campaign":
        owner = next((c for c in tok.lefts if c.dep_ in ("compound", "poss") and c.pos_ == "PROPN"), None)
        return _campaign_of(doc, people, owner) if owner is not None else None
    if tok.pos_ == "PROPN" and tok.ent_type_ == "PERSON" and tok.dep_ == "poss":
        return f"{tok.text} campaign"
    return None


def _ad_owner(doc: Doc, people: People, ad: Token) -> str | None:
    """The campaign behind one mention of an ad, from its modifiers or the clause's subject."""
    mods = [t for t in doc[ad.left_edge.i: ad.i] if t.dep_ in ("poss", "compound", "nmod")]
    for c in sorted(mods, key=lambda c: c.dep_ != "poss"):  # "Mitt Romney's Medicare ad": Romney
        if c.lower_ not in ("its", "their"):
            found = _campaign_of(doc, people, c)
            if found:
                return found
    head = ad
    for _ in range(3):  # "The Romney campaign retorted with an ad of its own"
        if head.pos_ in ("VERB", "AUX"):
            subj = next((c for c in head.children if c.dep_ in ("nsubj", "nsubjpass")), None)
            return _campaign_of(doc, people, subj) if subj is not None else None
        head = head.head
    return None


def ad_campaign(doc: Doc, people: People, i: int) -> str | None:
    """The campaign an ad at token i belongs to: its own modifiers, else the nearest mention of an
    ad before it whose owner is stated, else the nearest after it."""
    if doc[i].lower_ not in AD_NOUNS:
        return None
    own = _ad_owner(doc, people, doc[i])
    if own:
        return own
    before = [t for t in doc[max(0, i - _AD_WINDOW): i] if t.lower_ in AD_NOUNS]
    after = [t for t in doc[i + 1: i + _AD_WINDOW] if t.lower_ in AD_NOUNS]
    for t in [*reversed(before), *after]:
        found = _ad_owner(doc, people, t)
        if found:
            return found
    return None
