"""Who a source is: names, pronouns and descriptions resolved to one speaker within the article.

"he said" -> the person last mentioned as a subject; "the envoy" -> the person whose role says
envoy; "Witkoff" -> "Steve Witkoff"; "the Kremlin" -> Russia (government); "three officials
familiar with intelligence matters" -> anonymous, count 3, with that descriptor.
"""
from __future__ import annotations

from dataclasses import replace

from spacy.tokens import Doc
from spacy.tokens import Span as SpacySpan

from ..lexicon import (ANONYMOUS_NOUNS, BODY_NOUNS, CITING_LEMMAS, COUNTRY, DOCUMENT_NOUNS, FIRST_PERSON,
                       GROUP_PRONOUNS, MEDIA_NOUNS, NOT_BODIES, ORG_NOUNS, PERSON_HEADS, PERSON_PRONOUNS, TITLES, UTTERANCES)
from ..model import Attribution, Span, Speaker
from ..nlp.tokens import text_of, tokens_span
from .groups import anonymous_group
from .nominal import ad_campaign, bare_definite, earlier_org, earlier_same_noun, sentences_back
from .names import is_no_name, tidy_name
from .people import People
from .types import classify

UNKNOWN = Speaker(name="unknown", type="unknown", confidence=0.0)


def person_speaker(people: People, mention: tuple[int, int, str], source: Span | None,
                   confidence: float) -> Speaker:
    s, e, name = mention
    p = people.persons[name]
    fullest = next(((a, b) for a, b in p.mentions if people.doc[a:b].text == name), (s, e))
    spans = [x for x in (source, tokens_span(people.doc, s, e), tokens_span(people.doc, *fullest)) if x]
    mentions = tuple(dict.fromkeys(spans))
    return Speaker(name=name, type="person", mentions=mentions, confidence=round(confidence, 2),
                   role=p.role, affiliation=p.affiliation, group=p.group)


def _named_person(people: People, span: SpacySpan) -> tuple[int, int, str] | None:
    """The person a source phrase names as its speaker (not an owner or a prepositional object)."""
    root = span.root
    hit = people.mention_at(root.i)
    if hit:
        return hit
    for child in root.children:  # "Secretary Clinton", "the aide, Elizabeth Lauten": not "Clinton supporters"
        if child.dep_ == "compound" and root.pos_ == "NOUN" and root.lower_ not in TITLES:
            continue
        if child.dep_ in ("appos", "compound", "conj") and people.mention_at(child.i):
            return people.mention_at(child.i)
    if root.dep_ == "appos" and people.mention_at(root.head.i):  # "Ms. Lauten — a former aide"
        return people.mention_at(root.head.i)
    after = _person_after(people, span)
    if after:
        return after
    for t in span:
        hit = people.mention_at(t.i)
        if not hit:
            continue
        tok, ok = t, True
        while tok != root and tok.head != tok and tok.i >= span.start:
            if tok.dep_ in ("pobj", "dobj", "compound") and tok.head != root or tok.dep_ == "pobj":
                ok = False
            if tok.dep_ in ("poss", "compound") and tok.head == root and root.lemma_.lower() not in UTTERANCES:
                ok = False  # "Hillary Clinton's campaign" is the campaign; "Trump's statement" is Trump
            tok = tok.head
        if ok and t.dep_ != "pobj":
            return hit
    return None


def _person_after(people: People, span: SpacySpan) -> tuple[int, int, str] | None:
    """"CPUC" that the parser split from "President Marybel Batjer" after it: the person named
    right after a proper-noun source, over a title, as a subject of the same verb."""
    doc, root = span.doc, span.root
    k = span.end
    while k < min(len(doc), span.end + 3) and not people.mention_at(k) and doc[k].dep_ == "compound":
        k += 1
    after = people.mention_at(k) if k < len(doc) and root.pos_ == "PROPN" else None
    if after and any(doc[m].dep_ in ("nsubj", "nsubjpass") and doc[m].head == root.head for m in range(*after[:2])):
        return after
    return None


class SpeakerResolver:
    """Resolves the sources of one article; remembers earlier speakers for "they" and "it"."""

    def __init__(self, doc: Doc, attributions: list[Attribution] = (), *, authors: tuple[str, ...] = (),
                 outlet: str | None = None):
        self.doc = doc
        self.authors = authors
        self.outlet = outlet
        self.people = People(doc)
        self.history: list[tuple[int, Speaker]] = []  # (token index, speaker)
        self._content = sorted((c.start, c.end) for a in attributions for c in a.content)

    def _in_content(self, k: int) -> bool:
        """Whether token k sits inside reported content (mentions there are seldom antecedents)."""
        idx = self.doc[k].idx
        return any(s <= idx < e for s, e in self._content)

    def resolve(self, att: Attribution, outer: Speaker | None = None) -> Speaker:
        src = att.source
        if src is None:
            return self._sourceless(att)
        span = self.doc.char_span(src.start, src.end, alignment_mode="expand")
        if span is None or len(span) == 0:
            return Speaker(name=src.text, type="unknown", mentions=(src,), confidence=0.1)
        if is_no_name(src.text):  # "Wednesday", "No details": a misparse, not a speaker
            return Speaker(name="unknown", type="unknown", mentions=(src,), confidence=0.1)
        speaker = self._resolve(span, src, outer)
        name = tidy_name(speaker.name, span)
        if name != speaker.name:
            speaker = Speaker(**{**_fields(speaker), "name": name})
        self.history.append((span.root.i, speaker))
        return speaker

    def _resolve(self, span: SpacySpan, src: Span, outer: Speaker | None) -> Speaker:
        root = span.root
        word = root.lower_
        together = self._coordinated(span, src)
        if together is not None:
            return together
        named = _named_person(self.people, span)
        if named:
            exact = self.doc[named[0]:named[1]].text == named[2]
            return person_speaker(self.people, named, src, 0.95 if exact else 0.9)
        if word in ("who", "which", "that") and root.head.dep_ in ("relcl", "acl") and len(span) <= 2:
            noun = root.head.head  # "Ms. Lauten, who wrote ..." -> Ms. Lauten
            a, b = noun.left_edge.idx, noun.idx + len(noun.text)
            return self._resolve(self.doc[noun.left_edge.i: noun.i + 1], Span(a, b, text_of(self.doc)[a:b]), outer)
        if word in FIRST_PERSON and len(span) <= 2:
            if outer is not None:
                return Speaker(**{**_fields(outer), "mentions": (src, *outer.mentions), "confidence": 0.7})
            return self._writer(word, src)
        if word in PERSON_PRONOUNS | {"his"} and len(span) <= 2:
            gender = "f" if word in ("she", "her") else "m" if word in ("he", "him", "his") else None
            speakers = {j: sp.name for j, sp in self.history if sp.type == "person"}
            found = self.people.antecedent(root.i, gender=gender, speakers=speakers, blocked=self._in_content)
            if found:
                return person_speaker(self.people, found[0], src, found[1])
            return Speaker(name=src.text, type="person", mentions=(src,), confidence=0.1)
        if word in GROUP_PRONOUNS and len(span) <= 2:
            return self._group_antecedent(root.i, src)
        named = _appositive_name(span)
        if named is not None:  # "The group that owns most of her music, Big Machine, says"
            speaker = self._described(named, src)
            if speaker.type in ("person", "unknown") and root.lemma_.lower() in ORG_NOUNS | BODY_NOUNS:
                speaker = replace(speaker, type="organisation")  # the head noun says what it is
            return speaker
        return self._described(span, src)

    def _coordinated(self, span: SpacySpan, src: Span) -> Speaker | None:
        """"Witkoff and Jared Kushner discussed": two named people speak together, as one speaker
        named by both full names (so neither is credited alone)."""
        heads = [span.root, *(t for t in span.root.conjuncts if span.start <= t.i < span.end)]
        if len(heads) < 2:
            return None
        found = [self.people.mention_at(t.i) for t in heads]
        if not all(found):
            return None
        names = list(dict.fromkeys(m[2] for m in sorted(found)))
        if len(names) < 2:
            return None
        groups = {self.people.persons[n].group for n in names}
        mentions = (src, *(tokens_span(self.doc, m[0], m[1]) for m in sorted(found)))
        return Speaker(name=" and ".join(names), type="person", mentions=mentions, confidence=0.85,
                       count=len(names), group=groups.pop() if len(groups) == 1 else None)

    def _writer(self, word: str, src: Span) -> Speaker:
        """"I" or "we" outside any quote: the author (an opinion piece) or the outlet."""
        if word in ("we", "us"):
            return Speaker(name=self.outlet or "the outlet", type="media", mentions=(src,), confidence=0.3)
        name = self.authors[0] if self.authors else "the author"
        return Speaker(name=name, type="person", mentions=(src,), confidence=0.3)

    def _sourceless(self, att: Attribution) -> Speaker:
        """No source span: the subject of the cue verb, else the speaker just before a bare quote."""
        subj = self._implicit_subject(att)
        if subj is not None:
            a, b = subj[0].idx, subj[-1].idx + len(subj[-1].text)
            speaker = self._resolve(subj, Span(a, b, text_of(self.doc)[a:b]), None)
            self.history.append((subj.root.i, speaker))
            return Speaker(**{**_fields(speaker), "confidence": round(speaker.confidence * 0.8, 2)})
        if att.cue is None and att.content:
            start = att.content[0].start
            before = [(j, sp) for j, sp in self.history if self.doc[j].idx < start]
            if before:
                j, sp = max(before, key=lambda x: x[0])
                if text_of(self.doc).count("\n\n", self.doc[j].idx, start) <= 1 and sp.type != "unknown":
                    return Speaker(**{**_fields(sp), "confidence": 0.3})
        return UNKNOWN

    def _implicit_subject(self, att: Attribution) -> SpacySpan | None:
        if att.cue is None:
            return None
        cue = self.doc.char_span(att.cue.start, att.cue.end, alignment_mode="expand")
        if cue is None or len(cue) == 0:
            return None
        if _passive(cue.root):  # "He is accused of ...": the accused is no speaker; "by critics" is
            agent = next((o for c in cue.root.children if c.dep_ == "agent" for o in c.children if o.dep_ == "pobj"), None)
            return self.doc[agent.left_edge.i: agent.right_edge.i + 1] if agent is not None else None
        k = cue.start - 1
        while k > 0 and self.doc[k].pos_ in ("ADV", "AUX", "PART"):
            k -= 1
        near = self.people.mention_at(k) if k >= 0 else None
        if near:  # "... Pete Hegseth declined", whatever the parse says
            return self.doc[near[0]: near[1]]
        tok = cue.root
        for _ in range(3):
            subj = [c for c in tok.children if c.dep_ in ("nsubj", "nsubjpass")]
            if subj:
                s = subj[0]
                if self._in_content(s.i) or s.lower_ in ("it", "there"):
                    return None
                return self.doc[s.left_edge.i: s.right_edge.i + 1]
            if tok.dep_ not in ("advcl", "xcomp", "conj") or tok.head == tok:
                break
            tok = tok.head
        lead = self.people.leading(cue.start, self._in_content)
        return self.doc[lead[0]: lead[1]] if lead else None

    def _described(self, span: SpacySpan, src: Span) -> Speaker:
        root = span.root
        if bare_definite(root):  # "the group", "the spokesperson": the fuller mention before
            found = self._definite(span, src)
            if found is not None:
                return found
        info = classify(span)
        if info.owner is not None:
            hit = self.people.mention_at(info.owner) or self._pronoun_owner(info.owner)
            if hit:
                return person_speaker(self.people, hit, src, 0.8)
            tok = self.doc[info.owner]
            owner = classify(self.doc[tok.left_edge.i: tok.i + 1])
            if owner.type not in ("unknown",):
                info, root = owner, tok  # "the lawsuit from Nebraska": Nebraska speaks
        if info.role_word or (info.type == "unknown" and _description_of_person(root)):
            words = [info.role_word] if info.role_word else [t.lower_ for t in span if t.pos_ == "NOUN"]
            found = next(filter(None, (self.people.with_role(w, root.i) for w in words)), None)
            found = found or next(filter(None, (self.people.with_role_after(w, root.i) for w in words)), None)
            if found is None and not _specific(root):  # "the chairman of the party" is no one named yet
                found = self.people.prominent(root.i)
            if found:
                return person_speaker(self.people, found[0], src, found[1])
        if info.type == "document" and info.descriptor is None:
            info = self._earlier_document(span, info)
        return Speaker(name=info.name, type=info.type, mentions=(src,), confidence=info.confidence,
                       affiliation=info.affiliation, count=info.count, descriptor=info.descriptor,
                       group=self._group(root, info))

    def _definite(self, span: SpacySpan, src: Span) -> Speaker | None:
        root = span.root
        spoke = self._earlier_body_speaker(root, src)
        if spoke is not None:
            return spoke
        org = earlier_org(self.doc, root.i)
        if org:
            name = self.doc[org[0]:org[1]]
            info = classify(name)
            return Speaker(name=info.name, type=info.type, mentions=(src, tokens_span(self.doc, *org)),
                           confidence=0.6, affiliation=info.affiliation)
        if root.lemma_.lower() in ANONYMOUS_NOUNS:
            prev = earlier_same_noun(self.doc, root.i)
            if prev is not None:
                a, b = prev.left_edge.i, prev.right_edge.i + 1
                info = classify(self.doc[a:b])
                return Speaker(name=info.name, type=info.type, mentions=(src, tokens_span(self.doc, a, b)),
                               confidence=0.6, affiliation=info.affiliation, count=info.count,
                               descriptor=info.descriptor, group=self._group(prev, info))
        return None

    def _earlier_body_speaker(self, root, src: Span) -> Speaker | None:
        """"the company says" right after the company spoke: that speaker, if it was a named body
        within the last few sentences ("Big Machine says ... But the company says ...")."""
        if root.lemma_.lower() not in ORG_NOUNS | BODY_NOUNS:
            return None
        first = sentences_back(self.doc, root.i, 2)
        for j, sp in reversed(self.history):
            if first <= j < root.i and sp.type in ("organisation", "government", "media") and \
                    sp.name.lower() != root.lower_ and sp.name.lower() not in ORG_NOUNS | BODY_NOUNS:
                return Speaker(**{**_fields(sp), "mentions": (src, *sp.mentions[:1]), "confidence": 0.6})
        return None

    def _pronoun_owner(self, k: int) -> tuple[int, int, str] | None:
        """"a video of his remarks": the person "his" refers to."""
        word = self.doc[k].lower_
        if word not in ("his", "her"):
            return None
        found = self.people.antecedent(k, gender="m" if word == "his" else "f", blocked=self._in_content)
        return found[0] if found else None

    def _group(self, root, info) -> str | None:
        """The collective an unnamed source speaks for (campaign of an ad, officials of a body)."""
        if info.type == "document":
            return ad_campaign(self.doc, self.people, root.i)
        if info.type == "anonymous":
            return anonymous_group(root.lemma_.lower(), info.affiliation)
        words = {w.lower() for w in info.name.split()}
        if info.type == "government" and info.name not in COUNTRY.values() and root.pos_ == "PROPN" and (
                not words & NOT_BODIES or "white" in words):
            return f"{info.name} officials"  # "the State Department noted" speaks for its officials
        return None

    def _earlier_document(self, span: SpacySpan, info):
        """"The ad says" -> the fuller mention of that ad earlier on ("a new Romney campaign ad")."""
        root = span.root
        if not any(c.lower_ in ("the", "this", "that") for c in root.lefts):
            return info
        lemma = root.lemma_.lower()
        for t in reversed(self.doc[: span.start]):
            if t.lemma_.lower() == lemma and t.pos_ == "NOUN" and any(
                    c.dep_ in ("compound", "amod", "poss", "nmod") for c in t.lefts):
                left = min(c.left_edge.i for c in t.lefts if c.dep_ != "det") if list(t.lefts) else t.i
                a, b = self.doc[left].idx, t.idx + len(t.text)
                owner = next((c.text for c in t.lefts if c.dep_ in ("compound", "poss") and c.pos_ == "PROPN"), None)
                return replace(info, descriptor=text_of(self.doc)[a:b], affiliation=info.affiliation or owner)
        return info

    def _group_antecedent(self, i: int, src: Span) -> Speaker:
        """"they said" / "it said": the last non-person speaker within a few sentences."""
        sent_start = self.doc[i].sent.start
        for j, sp in reversed(self.history):
            named = sp.type != "unknown" or (sp.name.lower() not in {"unknown"} | GROUP_PRONOUNS and
                                             self.doc[j].tag_ in ("NNS", "NNPS"))  # "the authors" ... "they"
            if j < i and sent_start - j < 120 and sp.type != "person" and named:
                return Speaker(**{**_fields(sp), "mentions": (src, *sp.mentions[:1]), "confidence": 0.5})
        return Speaker(name=src.text, type="unknown", mentions=(src,), confidence=0.1)


def _specific(root) -> bool:
    """A description that names its own body ("Austria's interior minister", "the chairman of the
    Conservative Party"): it is not just whoever was last mentioned."""
    return any(c.dep_ == "poss" and c.pos_ == "PROPN" for c in root.children) or any(
        c.dep_ == "prep" and c.lower_ in ("of", "for", "at") and any(o.pos_ == "PROPN" for o in c.subtree)
        for c in root.rights)


def _passive(tok) -> bool:
    """A passive cue verb ("was accused", "is believed"), but not "was quoted as saying"."""
    return tok.lemma_.lower() not in CITING_LEMMAS and any(c.dep_ in ("auxpass", "nsubjpass") for c in tok.children)


def _appositive_name(span: SpacySpan) -> SpacySpan | None:
    """The proper name set in apposition to a common-noun source ("The group, Workers Coalition")."""
    root = span.root
    if root.pos_ != "NOUN":
        return None
    words = [t for t in span if not t.is_punct]
    last = words[-1].i if words else span.start
    for c in span:  # the parser may hang it on the relative clause's object ("that runs the AMAs, Dick Clark ...")
        if c.dep_ == "appos" and c.pos_ == "PROPN" and (c.head == root or c.i == last) and c.i > root.i:
            left = min([c.i] + [x.left_edge.i for x in c.lefts if x.dep_ in ("compound", "amod", "det")])
            return span.doc[left: c.i + 1]
    return None


def _description_of_person(root) -> bool:
    """"The communications pro": a definite singular common noun that names no thing we know."""
    definite = root.doc[root.left_edge.i].lower_ in ("the", "this", "that")
    known = ANONYMOUS_NOUNS | DOCUMENT_NOUNS | MEDIA_NOUNS | ORG_NOUNS
    singular = root.tag_ == "NN" or (root.dep_ == "nsubj" and root.tag_ not in ("NNS", "NNPS", "PRP"))
    word = root.lower_
    human = word in PERSON_HEADS or word.endswith(("ist", "ian"))
    return definite and singular and human and not root.ent_type_ and root.lemma_.lower() not in known


def _fields(sp: Speaker) -> dict:
    return {f: getattr(sp, f) for f in Speaker.__dataclass_fields__}
