"""The collective a source speaks for (``Speaker.group``), read from the words around its name.

"Rep. Dana Rohrabacher, R-Calif." -> "Republican lawmakers"; "Representative Jackie Speier,
Democrat of California" -> "Democratic lawmakers"; "Republican presidential nominee Mitt Romney"
-> "Romney campaign"; "Obama" where the article speaks of "the Obama campaign" -> "Obama campaign";
"Nebraska Attorney General Jon Bruning" -> "Nebraska officials"; "Brendan Buck, a spokesman for
Speaker John A. Boehner" -> Boehner's group; "a Google spokesperson" -> "Google";
"State Department officials" -> "State Department officials".
Only what the text states: no outside list of who belongs to which party.
"""
from __future__ import annotations

import re

from spacy.tokens import Doc

from ..lexicon import CANDIDATE_WORDS, LEGISLATOR_WORDS, OFFICE_WORDS, PARTIES, SPOKES_WORDS
from ..nlp.tokens import text_of
from .describe import pre_title

_MARKER = re.compile(r"^\s*[,(]\s*([RDI])\s*[-–]\s*[A-Z]")  # ", D-N.Y." / "(R-Minn.)"
_PARTY_WORD = re.compile(r"\b(Republican|Democrat|Democratic|GOP)\b")
_MARKER_PARTY = {"R": "Republican", "D": "Democratic", "I": "independent"}
_OF_PLACE = re.compile(r"^\s*of\s+(?:[A-Z][\w.]*\s*){1,3}(?=[,(])")  # "Representative X of California,"
_STOP = re.compile(r"[);“”\"\n,]|\.\s")
_MAX_WORDS = 9  # words of a description after a name searched for a party word


def _after_segment(text: str, end: int) -> str:
    """The description just after a name (", a conservative Republican who ..."), else ""."""
    window = _OF_PLACE.sub("", text[end: end + 160], count=1).lstrip()
    return window if window.startswith((",", "(")) else ""


def party_at(doc: Doc, s: int, e: int) -> str | None:
    """The party the words around a name (tokens s..e-1) give it, if any."""
    text = text_of(doc)
    end = doc[e - 1].idx + len(doc[e - 1].text)
    seg = _after_segment(text, end)
    m = _MARKER.match(seg)
    if m:
        return _MARKER_PARTY[m.group(1)]
    stop = _STOP.search(seg, 1)
    words = seg[1: stop.start() if stop else len(seg)].split()[:_MAX_WORDS]
    for k, w in enumerate(words):  # not "who joins Republican Sen. Tim Scott": that is Scott's party
        m = _PARTY_WORD.fullmatch(w.strip(",.()"))
        if m and not (k + 1 < len(words) and words[k + 1][:1].isupper() and words[k + 1] != "of"):
            return PARTIES[m.group(1).lower()]
    pre = pre_title(doc, s, e)
    if pre:
        for t in doc[pre[0]: pre[1]]:
            if t.lower_ in PARTIES and t.text[:1].isupper():
                return PARTIES[t.lower_]
    return None


def title_words(doc: Doc, s: int, e: int) -> set[str]:
    """Lower-case title words just before a name ("Rep.", "Republican presidential nominee")."""
    pre = pre_title(doc, s, e)
    start = pre[0] if pre else max(s - 1, 0)
    return {t.lower_ for t in doc[start:s]}


def is_legislator(titles: set[str], roles: list[str]) -> bool:
    """A title or role that makes a person a member of a legislature ("Rep.", "Senator")."""
    role_words = {w.lower().strip(",.()") for r in roles for w in r.split()}
    if "speaker" in role_words and "house" not in role_words:  # "a speaker at the rally"
        role_words.discard("speaker")
    return bool((titles | role_words) & LEGISLATOR_WORDS) or "member of congress" in " ".join(roles).lower()


def is_candidate(roles: list[str], title_words: set[str]) -> bool:
    words = {w.lower().strip(",.") for r in roles for w in r.split()} | title_words
    return bool(words & CANDIDATE_WORDS)


def principal_text(roles: list[str]) -> str | None:
    """The text after "spokesman for" in a role: whom the spokesperson speaks for."""
    for r in roles:
        m = re.search(r"\b(?:spokes(?:man|woman|person)|press secretary)\s+(?:for|to)\s+(.+)", r, re.I)
        if m:
            return m.group(1)
    return None


def person_group(party: str | None, legislator: bool, candidate: bool, surname: str, *,
                 campaigns: frozenset[str] = frozenset(), office_of: str | None = None) -> str | None:
    """The group of a named person from what the article says about them: a legislator's party in
    the legislature, a candidate's (or a named "<surname> campaign"'s) campaign, the officials of the
    place a public office serves ("Nebraska Attorney General"), else the party."""
    if legislator:
        return f"{party} lawmakers" if party else "lawmakers"
    if candidate or surname in campaigns:
        return f"{surname} campaign"
    if office_of:
        return f"{office_of} officials"
    return party_members(party)


def party_members(party: str | None) -> str | None:
    """"Republican" -> "Republicans": the members of a party as a group."""
    return {"Republican": "Republicans", "Democratic": "Democrats"}.get(party or "")


def named_campaigns(doc: Doc) -> frozenset[str]:
    """Surnames the article names campaigns after ("The Obama campaign", "Romney's campaign")."""
    found = set()
    for t in doc:
        if t.lower_ == "campaign":
            found |= {c.text for c in t.lefts if c.dep_ in ("compound", "poss") and c.pos_ == "PROPN"}
    return frozenset(found)


def office_place(doc: Doc, s: int, e: int) -> str | None:
    """The place a public office in the title before a name serves: "Nebraska" of "Nebraska Attorney
    General Jon Bruning", "Scotts Bluff County" of "Scotts Bluff County Sheriff Mark Overman"."""
    pre = pre_title(doc, s, e)
    if not pre:
        return None
    words = list(doc[pre[0]: pre[1]])
    k = next((i for i, t in enumerate(words) if t.lower_.rstrip(".") in OFFICE_WORDS), None)
    place = words[:k] if k else []
    if not place or not all(t.pos_ == "PROPN" for t in place):
        return None
    if not any(t.ent_type_ in ("GPE", "LOC") or t.text in ("County", "City", "State") for t in place):
        return None
    return text_of(doc)[place[0].idx: place[-1].idx + len(place[-1].text)]


def anonymous_group(head_lemma: str, affiliation: str | None) -> str | None:
    """"a Google spokesperson" -> "Google"; "State Department officials" -> "State Department officials"."""
    if not affiliation:
        return None
    if head_lemma in SPOKES_WORDS:
        return affiliation
    plural = head_lemma if head_lemma.endswith("s") else head_lemma + "s"
    return f"{affiliation} {plural}"
