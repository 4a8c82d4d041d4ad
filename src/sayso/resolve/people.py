"""The people an article names: each person's fullest name, every mention of them, their roles.

"Witkoff", "Steve Witkoff" and "Donald Trump's special envoy to the Middle East, Steve Witkoff"
are one person whose canonical name is the fullest form the article uses ("Steve Witkoff").
"""
from __future__ import annotations

from dataclasses import dataclass, field

from spacy.tokens import Doc

from .describe import affiliation_of, roles_of, strip_name
from .gazetteer import COUNTRY

_SUBJECT = {"nsubj", "nsubjpass"}
_WINDOW = 4  # sentences a pronoun may look back


@dataclass
class Person:
    name: str
    mentions: list[tuple[int, int]] = field(default_factory=list)  # token ranges
    roles: list[str] = field(default_factory=list)

    @property
    def role(self) -> str | None:
        return self.roles[0] if self.roles else None

    @property
    def affiliation(self) -> str | None:
        return next((a for a in map(affiliation_of, self.roles) if a), None)

    def role_words(self) -> set[str]:
        return {w.lower().strip(",.’'") for r in self.roles for w in r.split()}


def _is_subject(doc: Doc, s: int, e: int) -> bool:
    for t in doc[s:e]:
        if t.head.i < s or t.head.i >= e or t.head == t:
            tok = t
            while tok.dep_ in ("appos", "compound", "conj") and tok.head != tok:
                tok = tok.head
            return tok.dep_ in _SUBJECT
    return False


class People:
    """Person clusters of one article, built once from the named entities."""

    def __init__(self, doc: Doc):
        self.doc = doc
        self.persons: dict[str, Person] = {}
        self.by_token: dict[int, str] = {}
        self.timeline: list[tuple[int, int, str, bool]] = []  # (start, end, name, is_subject)
        self._build()

    def _raw_mentions(self) -> list[tuple[int, int]]:
        found = []
        for ent in self.doc.ents:
            if ent.label_ != "PERSON":
                continue
            s, e = strip_name(self.doc, ent.start, ent.end)
            words = [t for t in self.doc[s:e] if not t.is_punct and not t.is_space]
            if not words or self.doc[s:e].text.lower() in COUNTRY or not words[-1].text[:1].isupper():
                continue
            found.append((s, e))
        return found

    def _build(self) -> None:
        doc = self.doc
        raw = self._raw_mentions()
        full: dict[tuple[str, str], str] = {}
        for s, e in sorted(raw, key=lambda r: -(r[1] - r[0])):
            if e - s >= 2:
                key = (doc[s].lower_, doc[e - 1].lower_)
                full.setdefault(key, doc[s:e].text)
        for s, e in sorted(raw):
            self._add(s, e, self._canonical(s, e, full))
        surnames = {self.doc[s:e][-1].lower_ for p in self.persons.values() for s, e in p.mentions}
        taken = set(self.by_token)
        for t in doc:  # names the tagger missed ("Witkoff" tagged ORG)
            if t.i in taken or t.pos_ != "PROPN" or t.lower_ not in surnames:
                continue
            if t.ent_type_ in ("GPE", "NORP", "LOC") or (t.dep_ == "compound" and t.head.pos_ == "NOUN"):
                continue
            self._add(t.i, t.i + 1, self._canonical(t.i, t.i + 1, full))
        for p in self.persons.values():
            for s, e in p.mentions:
                for r in roles_of(doc, s, e):
                    if r not in p.roles:
                        p.roles.append(r)
        self.timeline.sort()

    def _canonical(self, s: int, e: int, full: dict[tuple[str, str], str]) -> str:
        doc = self.doc
        if e - s >= 2:
            return full.get((doc[s].lower_, doc[e - 1].lower_), doc[s:e].text)
        word = doc[s].lower_
        last = [(k, v) for k, v in full.items() if k[1] == word]
        first = [(k, v) for k, v in full.items() if k[0] == word]
        options = last or first
        if not options:
            return doc[s:e].text
        if len(options) == 1:
            return options[0][1]
        before = [(st, n) for st, _, n, _ in self.timeline if st < s and n in {v for _, v in options}]
        return max(before)[1] if before else options[0][1]

    def _add(self, s: int, e: int, name: str) -> None:
        p = self.persons.setdefault(name, Person(name))
        p.mentions.append((s, e))
        for i in range(s, e):
            self.by_token[i] = name
        self.timeline.append((s, e, name, _is_subject(self.doc, s, e)))

    def mention_at(self, i: int) -> tuple[int, int, str] | None:
        """The name mention covering token i."""
        for s, e, name, _ in self.timeline:
            if s <= i < e:
                return s, e, name
        return None

    def antecedent(self, i: int, sources: frozenset[int] = frozenset()) -> tuple[tuple[int, int, str], float] | None:
        """The person a pronoun at token i most likely refers to, with a confidence.

        Subjects and earlier sources (token indices in ``sources``) are preferred."""
        sents = self.doc[i].sent
        first_sent = sents.start
        for _ in range(_WINDOW):
            if first_sent == 0:
                break
            first_sent = self.doc[first_sent - 1].sent.start
        earlier = [m for m in self.timeline if first_sent <= m[0] and m[1] <= i]
        for s, e, name, subj in reversed(earlier):
            if subj or any(s <= k < e for k in sources):
                return (s, e, name), 0.8 if s >= sents.start or s >= first_sent else 0.65
        if earlier:
            s, e, name, _ = earlier[-1]
            return (s, e, name), 0.55
        return None

    def with_role(self, word: str, i: int) -> tuple[tuple[int, int, str], float] | None:
        """The person most recently mentioned before token i whose roles contain ``word``."""
        for s, e, name, _ in reversed([m for m in self.timeline if m[1] <= i]):
            if word in self.persons[name].role_words():
                return (s, e, name), 0.7
        return None
