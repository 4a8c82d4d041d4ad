"""Descriptions of people: roles from titles and appositives, and the affiliation they carry.

"U.S. Defense Secretary Pete Hegseth" -> role "U.S. Defense Secretary";
"Yuri Ushakov, an adviser to Russian President Vladimir Putin" -> role "an adviser to ...";
"Donald Trump's special envoy to the Middle East, Steve Witkoff," -> role "Donald Trump's ...".
All roles are text of the article (a slice between two token boundaries).
"""
from __future__ import annotations

from spacy.tokens import Doc

from ..lexicon import COUNTRY, DOCUMENT_NOUNS, HONORIFICS, TITLES
from ..nlp.tokens import slice_tokens

_MAX_ROLE = 14  # tokens
_STOP = {",", ".", ";", ":", "—", "–", "(", ")", "\"", "“", "”", "?", "!"}
_MOD_DEPS = {"compound", "amod", "nmod", "npadvmod", "poss"}


def strip_name(doc: Doc, start: int, end: int) -> tuple[int, int]:
    """Token range of a PERSON entity without possessive ending and leading titles."""
    while end > start and doc[end - 1].lower_ in ("'s", "’s", "'", "’", "s"):
        end -= 1
    while start < end - 1 and doc[start].lower_ in TITLES:
        start += 1
    return start, end


_text = slice_tokens


def pre_title(doc: Doc, start: int, end: int) -> tuple[int, int] | None:
    """Title words just before a name, in the same noun phrase ("Russian President")."""
    i = start
    head_region = range(start, end)
    while i > 0:
        t = doc[i - 1]
        if t.text in _STOP or t.pos_ in ("DET", "PART", "ADP", "VERB", "AUX", "PRON", "CCONJ", "SPACE"):
            break
        if t.dep_ not in _MOD_DEPS or not (t.head.i in head_region or start - 1 <= t.head.i < end):
            break
        if t.dep_ == "poss":
            break
        i -= 1
        head_region = range(i, end)
    if i == start:
        return None
    if not any(doc[k].lower_ in TITLES or doc[k].pos_ == "NOUN" for k in range(i, start)):
        return None
    if all(doc[k].lower_.rstrip(".") in HONORIFICS for k in range(i, start)):
        return None  # "Ms." is a courtesy, not a role
    return i, start


def _cut(doc: Doc, i: int, j: int) -> int:
    """End of a role starting at i: stop at punctuation, a verb or the length cap."""
    k = i
    while k < j and k - i < _MAX_ROLE and doc[k].text not in _STOP and doc[k].tag_ != "WDT":
        if doc[k].pos_ in ("VERB", "AUX") and k > i:
            break
        k += 1
    return k


def appositive_after(doc: Doc, start: int, end: int) -> tuple[int, int] | None:
    """"NAME, an adviser to X" -> the appositive after the name."""
    if end >= len(doc) - 1 or doc[end].text != ",":
        return None
    nxt = doc[end + 1]
    if nxt.pos_ not in ("DET", "ADJ", "NOUN", "PROPN", "NUM") or nxt.lower_ in ("who", "which"):
        return None
    sent_end = doc[end].sent.end
    k = _cut(doc, end + 1, sent_end)
    if k == end + 1:
        return None
    words = doc[end + 1: k]
    if not any(t.pos_ == "NOUN" for t in words) or any(t.ent_type_ == "PERSON" and t.dep_ != "pobj"
                                                       and t.head.i >= end and t.head.i < k
                                                       and t.i == end + 1 for t in words):
        return None
    if nxt.pos_ == "PROPN" and not any(t.lower_ in TITLES for t in words):
        return None
    return end + 1, k


def appositive_before(doc: Doc, start: int, end: int) -> tuple[int, int] | None:
    """"Trump's special envoy to the Middle East, Steve Witkoff, said" -> the phrase before."""
    if start < 2 or doc[start - 1].text != ",":
        return None
    if end < len(doc) and doc[end].text not in _STOP and not doc[end].is_space:
        return None
    i = start - 1
    while i > 0 and start - 1 - i < _MAX_ROLE:
        t = doc[i - 1]
        if t.is_space or t.text in _STOP or t.pos_ in ("VERB", "AUX", "PRON", "CCONJ", "SCONJ", "ADV"):
            break
        i -= 1
    while i < start - 1 and doc[i].pos_ == "ADP":
        return None  # "In a statement on Tuesday, NAME" is not a role
    head = next((doc[k] for k in range(i, start - 1) if doc[k].pos_ == "ADP"), None)
    stop = head.i if head is not None else start - 1
    nouns = [doc[k] for k in range(i, stop) if doc[k].pos_ == "NOUN" and not doc[k].ent_type_]
    if not nouns or nouns[-1].lower_ in DOCUMENT_NOUNS or i == start - 1:
        return None
    return i, start - 1


def roles_of(doc: Doc, start: int, end: int) -> list[str]:
    """Roles of a name at tokens start..end-1, most specific first."""
    roles = []
    for found in (appositive_after(doc, start, end), appositive_before(doc, start, end),
                  pre_title(doc, start, end)):
        if found:
            roles.append(_text(doc, *found))
    return roles


def affiliation_of(role: str) -> str | None:
    """A country named by the role's words ("U.S. Defense Secretary" -> "United States")."""
    words = role.replace("’s", " ").replace("'s", " ").split()
    for w in words:
        c = COUNTRY.get(w.lower().rstrip(",")) or COUNTRY.get(w.lower().strip(",."))
        if c and w[:1].isupper():
            return c
    return None
