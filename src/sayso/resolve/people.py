"""The people an article names: each person's fullest name, every mention of them, their roles.

"Witkoff", "Steve Witkoff" and "Donald Trump's special envoy to the Middle East, Steve Witkoff"
are one person whose canonical name is the fullest form the article uses ("Steve Witkoff").
"""
from __future__ import annotations

from dataclasses import dataclass, field

from spacy.tokens import Doc

from ..lexicon import (COUNTRY, FEMALE_NAMES, FEMALE_TITLES, MALE_NAMES, MALE_TITLES, QUOTE_TOKENS,
                       TITLE_WORDS)
from .describe import affiliation_of, roles_of, strip_name
from .names import looks_like_company
from .groups import (is_candidate, is_legislator, named_campaigns, office_place, party_at, party_members,
                     person_group, principal_text, title_words)

_SUBJECT = {"nsubj", "nsubjpass"}
_WINDOW = 4  # sentences a pronoun may look back


@dataclass
class Person:
    name: str
    mentions: list[tuple[int, int]] = field(default_factory=list)  # token ranges
    roles: list[str] = field(default_factory=list)
    gender: str | None = None  # "f" or "m" when a first name or title says so
    party: str | None = None  # "Republican", "Democratic" when the article marks it
    group: str | None = None  # the collective they speak for ("Republican lawmakers")

    @property
    def role(self) -> str | None:
        return self.roles[0] if self.roles else None

    @property
    def affiliation(self) -> str | None:
        """The country the roles name, else the party's members ("Democrats") when the text says."""
        return next((a for a in map(affiliation_of, self.roles) if a), None) or party_members(self.party)

    def role_words(self) -> set[str]:
        words = {w.lower().strip(",.’'") for r in self.roles for w in r.split()}
        return words | {TITLE_WORDS[w] for w in words if w in TITLE_WORDS}


def _first_gender(first: str) -> str | None:
    return "f" if first in FEMALE_NAMES else "m" if first in MALE_NAMES else None


def _gender(doc: Doc, name: str, mentions: list[tuple[int, int]]) -> str | None:
    first = name.split()[0].lower()
    titles = {doc[s - 1].lower_ for s, _ in mentions if s > 0}
    if first in FEMALE_NAMES or titles & FEMALE_TITLES:
        return "f"
    if first in MALE_NAMES or titles & MALE_TITLES:
        return "m"
    return None


def _with_nickname(doc: Doc, s: int, e: int) -> tuple[int, int]:
    """'William "Mo" Cowan' as one name when the tagger stopped inside the nickname."""
    k = s + 1
    if k < len(doc) and doc[k].text in QUOTE_TOKENS and k + 3 < len(doc) and doc[k + 2].text in QUOTE_TOKENS \
            and doc[k + 1].text[:1].isupper() and doc[k + 3].pos_ == "PROPN" and e <= k + 3:
        return s, k + 4
    return s, e


def _misspelt(word: str, full: dict[tuple[str, str], str]) -> list[tuple[tuple[str, str], str]]:
    """Full names whose surname differs from ``word`` by one letter (a typo in the article)."""
    if len(word) < 5:
        return []
    return [(k, v) for k, v in full.items() if len(k[1]) == len(word) and k[1][0] == word[0]
            and sum(a != b for a, b in zip(k[1], word)) == 1]


def _is_subject(doc: Doc, s: int, e: int) -> bool:
    if e < len(doc) and doc[e].pos_ in ("VERB", "AUX") and doc[e].tag_ not in ("VBG", "VBN"):
        return True  # "... Pete Hegseth declined", however the parser attached the name
    for t in doc[s:e]:
        if t.head.i < s or t.head.i >= e or t.head == t:
            tok = t
            while tok.dep_ in ("appos", "compound", "conj") and tok.head != tok:
                tok = tok.head
            return tok.dep_ in _SUBJECT
    return False


def _place(t) -> bool:
    """A token tagged as a place, unless it is a lone one-word "place" a person's surname may be
    ("Fleck said": the tagger's GPE for a coach named before)."""
    if t.ent_type_ in ("NORP", "LOC"):
        return True
    if t.ent_type_ != "GPE":
        return False
    lone = t.ent_iob_ == "B" and (t.i + 1 == len(t.doc) or t.doc[t.i + 1].ent_iob_ != "I")
    return not lone or t.lower_ in COUNTRY


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
            s, e = _with_nickname(self.doc, *strip_name(self.doc, ent.start, ent.end))
            words = [t for t in self.doc[s:e] if not t.is_punct and not t.is_space]
            if not words or self.doc[s:e].text.lower() in COUNTRY or not words[-1].text[:1].isupper() \
                    or looks_like_company(self.doc[s:e]):
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
            if _place(t) or (t.dep_ == "compound" and t.head.pos_ == "NOUN"):
                continue  # a lone surname the tagger took for a place is still the person ("Fleck said")
            self._add(t.i, t.i + 1, self._canonical(t.i, t.i + 1, full))
        for p in self.persons.values():
            p.gender = _gender(doc, p.name, p.mentions)
            for s, e in p.mentions:
                for r in roles_of(doc, s, e):
                    if r not in p.roles:
                        p.roles.append(r)
        self.timeline.sort()
        self._groups()

    def _groups(self) -> None:
        """Party and group of each person, then spokespeople take their principal's group."""
        doc = self.doc
        campaigns = named_campaigns(doc)
        for p in self.persons.values():
            titles: set[str] = set()
            for s, e in p.mentions:
                titles |= title_words(doc, s, e)
                p.party = p.party or party_at(doc, s, e)
            office = next(filter(None, (office_place(doc, s, e) for s, e in p.mentions)), None)
            p.group = person_group(p.party, is_legislator(titles, p.roles), is_candidate(p.roles, titles),
                                   p.name.split()[-1], campaigns=campaigns, office_of=office)
        for p in self.persons.values():
            principal = principal_text(p.roles)
            if not principal:
                continue
            boss = next((q for q in self.persons.values() if q is not p
                         and q.name.split()[-1] in principal.split()), None)
            p.group = (boss.group or boss.name) if boss else principal.removeprefix("the ")

    def _canonical(self, s: int, e: int, full: dict[tuple[str, str], str]) -> str:
        doc = self.doc
        if e - s >= 2:
            return full.get((doc[s].lower_, doc[e - 1].lower_), doc[s:e].text)
        word = doc[s].lower_
        last = [(k, v) for k, v in full.items() if k[1] == word]
        first = [(k, v) for k, v in full.items() if k[0] == word]
        options = last or first
        title = doc[s - 1].lower_ if s > 0 else ""
        if title in FEMALE_TITLES or title in MALE_TITLES:  # "Mr. Obama" is not Malia Obama
            g = "f" if title in FEMALE_TITLES else "m"
            options = [(k, v) for k, v in options if _first_gender(k[0]) in (None, g)]
        if not options:
            options = _misspelt(word, full)  # "Cowen" for "William Cowan"
        if not options:
            return doc[s:e].text
        if len(options) == 1:
            return options[0][1]
        names = {v for _, v in options}
        sent = doc[s].sent.start
        recent = [(st, n) for st, _, n, _ in self.timeline if sent <= st < s and n in names]
        if recent:  # "Malia Obama ... Obama" in one sentence
            return max(recent)[1]
        first_seen = [(st, n) for st, _, n, _ in self.timeline if st < s and n in names]
        return min(first_seen)[1] if first_seen else options[0][1]

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

    def _window_start(self, i: int) -> int:
        first = self.doc[i].sent.start
        for _ in range(_WINDOW):
            if first == 0:
                break
            first = self.doc[first - 1].sent.start
        return first

    def _main_subject(self, e: int) -> bool:
        """A name right before its sentence's main verb ("... Pete Hegseth declined to comment")."""
        return e < len(self.doc) and self.doc[e].dep_ == "ROOT" and self.doc[e].pos_ in ("VERB", "AUX")

    def _strong(self, s: int, e: int, subj: bool) -> bool:
        """A subject, or the first person named in its sentence (not as an object of a preposition)."""
        if subj:
            return True
        head = max(self.doc[s:e], key=lambda t: t.head.i < s or t.head.i >= e)
        if head.dep_ in ("pobj", "poss") or (head.dep_ == "compound" and head.head.pos_ == "NOUN"):
            return False
        sent = self.doc[s].sent
        return not any(sent.start <= m[0] < s for m in self.timeline)

    def antecedent(self, i: int, *, gender: str | None = None, speakers: dict[int, str] | None = None,
                   blocked=lambda k: False) -> tuple[tuple[int, int, str], float] | None:
        """The person a pronoun at token i most likely refers to, with a confidence.

        Earlier speakers (token -> name) and strong mentions (subjects, first named in a sentence)
        outside reported content (``blocked(token)``) win, the most recent first."""
        first = self._window_start(i)
        ok = lambda n: gender is None or self.persons[n].gender in (None, gender)  # noqa: E731
        fits = [m for m in self.timeline if m[1] <= i and ok(m[2])]
        near = [m for m in fits if first <= m[0]]
        strong = [(s, (s, e, n)) for s, e, n, subj in near
                  if (self._main_subject(e) or not blocked(s)) and self._strong(s, e, subj)]
        for j, name in (speakers or {}).items():
            if first <= j < i and name in self.persons and ok(name):
                strong.append((j, self._mention_near(name, j)))
        if strong:  # the latest sentence; within it, a speaker before a mere subject
            speaker_at = set((speakers or {}))
            j, mention = max(strong, key=lambda x: (self.doc[x[0]].sent.start, x[0] in speaker_at, x[0]))
            return mention, 0.8 if j >= self.doc[i].sent.start or j >= first else 0.65
        if near:
            return near[-1][:3], 0.55
        if fits:  # nobody nearby: the person the article has named most so far
            counts: dict[str, int] = {}
            for m in fits:
                counts[m[2]] = counts.get(m[2], 0) + 1
            name = max(counts, key=lambda n: (counts[n], -min(m[0] for m in fits if m[2] == n)))
            return [m for m in fits if m[2] == name][-1][:3], 0.35
        return None

    def _mention_near(self, name: str, j: int) -> tuple[int, int, str]:
        """The mention of ``name`` closest before token j (or its first mention)."""
        before = [m for m in self.timeline if m[2] == name and m[0] <= j]
        m = before[-1] if before else next(m for m in self.timeline if m[2] == name)
        return m[:3]

    def leading(self, i: int, blocked=lambda k: False) -> tuple[int, int, str] | None:
        """The first person named as a subject-like mention in token i's sentence, before i."""
        sent = self.doc[i].sent
        for s, e, name, subj in self.timeline:
            if sent.start <= s and e <= i and not blocked(s) and self._strong(s, e, subj):
                return s, e, name
        return None

    def prominent(self, i: int) -> tuple[tuple[int, int, str], float] | None:
        """The person a bare description most likely means: the last strong mention before i."""
        found = self.antecedent(i)
        return (found[0], min(found[1], 0.45)) if found else None

    def with_role(self, word: str, i: int) -> tuple[tuple[int, int, str], float] | None:
        """The person most recently mentioned before token i whose roles contain ``word``."""
        for s, e, name, _ in reversed([m for m in self.timeline if m[1] <= i]):
            if word in self.persons[name].role_words():
                return (s, e, name), 0.7
        return None

    def with_role_after(self, word: str, i: int, sentences: int = 2) -> tuple[tuple[int, int, str], float] | None:
        """The first person named in the next few sentences after token i whose roles contain
        ``word``: a speaker introduced after the quote ("A transit chief says ... Police Chief Ed
        Alvarez told reporters")."""
        sent = self.doc[i].sent
        end = sent.end
        for _ in range(sentences):
            if end >= len(self.doc):
                break
            end = self.doc[end].sent.end
        for s, e, name, _ in self.timeline:
            if i < s and e <= end and word in self.persons[name].role_words():
                return (s, e, name), 0.6
        return None
