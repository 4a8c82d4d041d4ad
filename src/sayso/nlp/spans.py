"""Source, cue and content spans read off the dependency parse of a cue token.

Spans are built as sets of token indices, then cut into contiguous character fragments
(split at line breaks, trimmed of edge punctuation) so that offsets always point into
``doc.text``.
"""
from __future__ import annotations

from collections.abc import Iterable

from ..lexicon import MEDIA_NOUNS, NAMING_LEMMAS, NOT_OWNER_PREPS, NOUN_PREPS, QUOTE_CHARS, SEEM_LEMMAS, TOPIC_LEMMAS, VERB_PREPS
from ..model import Span
from .quotes import Quote
from .tokens import text_of

__all__ = ["outer_span", "cue_tokens", "source_tokens", "content_candidates", "fragments", "quote_index"]

SUBJ = ("nsubj", "csubj")  # the subject of a passive is what is said, not who says it
COMP = ("ccomp", "xcomp", "dobj", "attr", "oprd", "dative")
HEAD_DEPS = ("parataxis", "ccomp")
REPORTED_DEPS = ("ccomp", "xcomp", "dobj", "attr", "advcl", "conj", "oprd")
EDGE_PUNCT = {",", ";", ":", "—", "–", "-", "―", "(", ")", "--"}


def quote_index(doc, quotes: list[Quote]) -> list[int]:
    """For each token, the index of the quote it lies in, or -1."""
    out = [-1] * len(doc)
    qi = 0
    for t in doc:
        while qi < len(quotes) and quotes[qi].end <= t.idx:
            qi += 1
        if qi < len(quotes) and quotes[qi].start <= t.idx:
            out[t.i] = qi
    return out


def subtree_ids(tok, skip: Iterable = ()) -> set[int]:
    skip_ids = {s.i for s in skip}
    out: set[int] = set()
    stack = [tok]
    while stack:
        t = stack.pop()
        if t.i in skip_ids:
            continue
        out.add(t.i)
        stack.extend(t.children)
    return out


def cue_tokens(tok) -> set[int]:
    """The cue: the word, its particles and the "to" of "according to"/"pointed to"."""
    ids = {tok.i}
    for c in tok.children:
        if c.dep_ in ("prt", "neg") or (c.dep_ == "aux" and c.i == tok.i - 1 and c.lemma_ == "have"):
            ids.add(c.i)
        elif c.dep_ == "prep" and tok.lemma_ == "accord" and c.lower_ == "to":
            ids.add(c.i)
    return ids


def clause_ids(root) -> set[int]:
    """A reported clause without what trails it after a comma or semicolon: a participle of another
    cue (``…, adding that …``) or a further clause (``…; they only learned …``)."""
    doc = root.doc
    skip = []
    for c in root.children:
        if c.i <= root.i or c.left_edge.i == 0:
            continue
        before = doc[c.left_edge.i - 1].text
        if (before == "," and c.dep_ == "advcl" and c.tag_ == "VBG") or (before == ";" and c.dep_ in ("conj", "parataxis", "ccomp")):
            skip.append(c)
    return subtree_ids(root, skip=skip)


def _child(tok, *deps: str, lower: tuple[str, ...] = ()):
    """The first child of ``tok`` with one of ``deps`` (never a punctuation token: the parser makes
    a wire-copy ``’’`` the subject of ``said`` in ``"…,’’ said X``)."""
    for c in tok.children:
        if c.dep_ in deps and (not lower or c.lower_ in lower) and not c.is_punct:
            return c
    return None


def _agent(tok):
    """The ``by X`` of a passive verb or a noun (``reporting by the Post``)."""
    prep = _child(tok, "agent") or (_child(tok, "prep", lower=("by",)) if tok.pos_ in ("NOUN", "PROPN") else None)
    return _child(prep, "pobj") if prep is not None else None


def _nearest_subject(tok, deps: tuple[str, ...]):
    """The subject of ``tok`` nearest to it: after a quotation of several sentences the parser often
    takes a word of the quotation as a second subject (``"… Full panic mode," said Leslie Wimes``
    has both ``mode`` and ``Wimes``), and the speaker is the one next to the verb."""
    subs = [c for c in tok.children if c.dep_ in deps and not c.is_punct]
    return min(subs, key=lambda c: abs(c.i - tok.i)) if subs else None


def _subject(tok, depth: int = 0, passive_ok: bool = False):
    agent = _agent(tok)
    if agent is not None:
        return agent
    subj = _nearest_subject(tok, SUBJ + ("nsubjpass",) if passive_ok else SUBJ)
    if subj is not None:
        return subj
    left = _subject_clause(tok)
    if left is not None:
        return left[1]
    if depth < 3 and tok.dep_ in ("xcomp", "conj", "advcl", "pcomp", "prep") and tok.head is not tok:
        head = tok.head
        if tok.dep_ == "advcl" and tok.tag_ == "VBG" and head.dep_ == "ccomp" and head.head is not head:
            head = head.head  # "X said he …, arguing that …": X argues, not he
        return _subject(head, depth + 1, passive_ok=tok.dep_ == "xcomp")  # "X can be heard yelling"
    if depth and tok.dep_ == "acl" and tok.head.pos_ in ("NOUN", "PROPN"):
        return tok.head
    return None


def _subject_clause(tok):
    """``(clause, subject)`` when the parser read a long subject as a clause the verb reports: in
    ``The aide, Elizabeth Lauten, who has …, and at the time was a spokeswoman for …, wrote an open
    letter`` it makes ``was`` a ccomp of ``wrote`` and leaves ``wrote`` with no subject. Only a
    clause that ends in a comma right before the verb, opens with no ``that`` and whose subject
    carries an appositive or a relative clause is read so."""
    if tok.pos_ != "VERB" or tok.i < 2 or tok.doc[tok.i - 1].text != ",":
        return None
    for c in tok.children:
        if c.dep_ != "ccomp" or c.i > tok.i or c.right_edge.i != tok.i - 2 or any(g.dep_ == "mark" for g in c.children):
            continue
        subj = next((g for g in c.children if g.dep_ == "nsubj" and g.pos_ in ("NOUN", "PROPN")), None)
        if subj is not None and any(g.dep_ in ("appos", "relcl") for g in subj.children):
            return c, subj
    return None


def _noun_source(tok) -> set[int]:
    by = _agent(tok) or _child(_child(tok, "prep", lower=("from",)) or tok, "pobj")
    if by is not None and by is not tok:
        return subtree_ids(by)
    poss = _child(tok, "poss")
    if poss is not None:
        return subtree_ids(poss)
    media = [c for c in tok.children if c.dep_ in ("compound", "amod", "nmod") and c.lower_ in MEDIA_NOUNS]
    if media:  # "media reports that …": the media, not the subject of the verb they hang from
        return set().union(*(subtree_ids(c) for c in media))
    comp = [c for c in tok.children if c.dep_ == "compound" and c.pos_ == "PROPN" and c.ent_type_ in ("PERSON", "ORG", "NORP", "GPE")]
    if comp:  # headline nouns: "Clinton Plan", "Trump claims"
        return set().union(*(subtree_ids(c) for c in comp))
    if tok.head.pos_ in ("VERB", "AUX") and tok.dep_ in ("dobj", "attr"):
        subj = _subject(tok.head)
        return subtree_ids(subj) if subj is not None else set()
    if tok.dep_ == "pobj" and tok.head.head.pos_ in ("VERB", "AUX") and tok.head.lower_ not in NOT_OWNER_PREPS:
        subj = _subject(tok.head.head)
        return subtree_ids(subj) if subj is not None else set()
    return set()


def source_tokens(tok, qidx: list[int] | None = None) -> set[int]:
    """The source of a cue token: its subject, the agent of a passive, the object of "according to".
    With the quote index ``qidx``, a subject inside a quotation is no source of a cue outside it
    (the parser makes a quoted word the subject of ``said`` in ``"…," said X``)."""
    if tok.lemma_ == "accord":
        pobj = _child(_child(tok, "prep") or tok, "pobj")
        return subtree_ids(pobj) if pobj is not None else set()
    if tok.pos_ in ("NOUN", "PROPN"):
        return _noun_source(tok)
    if tok.pos_ == "ADP":
        pobj = _child(tok, "pobj")
        return source_np(pobj) if pobj is not None else set()
    subj = _subject(tok)
    if subj is not None and qidx is not None and qidx[subj.i] >= 0 and qidx[tok.i] < 0:
        subj = None
    if subj is None and tok.dep_ == "acl" and tok.head.pos_ in ("NOUN", "PROPN", "PRON"):
        return subtree_ids(tok.head, skip=[tok])
    if subj is None and tok.dep_ == "amod" and tok.head.i > tok.i and tok.head.pos_ == "PROPN":
        return source_np(tok.head) - {tok.i}  # '"…." added Lauten': the verb read as a modifier of the name
    if subj is None:
        after = _child(tok, "dobj", "attr", "npadvmod", "appos")
        if after is not None and after.left_edge.i == tok.i + 1 and after.pos_ in ("PROPN", "NOUN"):
            return source_np(after)
        return _stranded_subject(tok)
    if subj.lower_ == "there" or _expletive(tok, subj):
        return set()
    return source_np(subj)


def _stranded_subject(tok) -> set[int]:
    """A subject the parser hung on the phrase before it (``…, which are viewed as Iran's allies, U.S.
    Defense Secretary Pete Hegseth declined to comment``: ``Hegseth`` an appositive of ``allies``)."""
    before = tok.doc[tok.i - 1] if tok.i else None
    if before is None or before.pos_ not in ("PROPN", "NOUN") or before.dep_ not in ("appos", "conj"):
        return set()
    return source_np(before) if before.head.i < before.left_edge.i else set()


def _expletive(tok, subj) -> bool:
    """``it`` before a copula or a verb of seeming with a clause after it (``it is obvious that …``,
    ``it appeared that …``): PolNeAR gives these attributions no source."""
    return (subj.lower_ == "it" and subj.i < tok.i and tok.lemma_ in SEEM_LEMMAS
            and any(c.dep_ == "ccomp" and c.i > tok.i for c in tok.children))


def source_np(root) -> set[int]:
    """A source noun phrase without a participle clause trailing it after a comma (``Trump, speaking
    to a veterans group, said``). Appositives (``Flynn, a top Trump surrogate,``), brackets
    (``(D-Mass.)``) and ``, who …`` clauses stay: PolNeAR keeps them (dropping brackets costs 0.007
    source-exact F1 on dev; resolving ``who`` to its antecedent costs 0.005 attribution-with-source,
    as gold marks ``who`` itself; a ``, who …`` clause is kept about as often as dropped, train 262 vs 234),
    except one that reports something itself (``Mr. Kamin, who emphasized that …, said``): train
    drops 30 of those 35."""
    doc = root.doc
    skip = [c for c in root.children if c.i > root.i and c.left_edge.i > 0 and _trailing(c, doc[c.left_edge.i - 1])]
    return subtree_ids(root, skip=skip)


def _trailing(c, before) -> bool:
    if before.text != ",":
        return False
    if c.dep_ == "relcl":
        return any(t.dep_ == "ccomp" for t in c.subtree)
    return c.dep_ in ("acl", "advcl") and c.tag_ in ("VBG", "VBN")


def _object_content(tok) -> set[int]:
    c = _child(tok, "dobj", "attr", "oprd")
    if c is None or c.i < tok.i:
        return set()
    doc = tok.doc
    ids = subtree_ids(c, skip=[d for d in c.children if d.i > c.i and doc[d.left_edge.i - 1].text == ","
                               and (d.dep_ in ("relcl", "acl") or d.dep_ == "prep" and d.lower_ == "including")])
    for d in tok.children:
        if d.i > c.i and (d.dep_ in ("oprd", "xcomp", "ccomp") or d.dep_ == "prep" and d.lower_ == "as"):
            ids |= subtree_ids(d)
    return ids


def _prep_content(tok, preps: tuple[str, ...]) -> set[int]:
    for c in tok.children:
        if c.dep_ == "prep" and c.i > tok.i and c.lower_ in preps:
            obj = _child(c, "pobj", "pcomp")
            if obj is not None:
                return subtree_ids(obj)
    return set()


def _clause_content(tok) -> set[int]:
    """The clause an adverbial cue (``according to X``, ``in a statement``) modifies."""
    root = tok.head
    while root.dep_ != "ROOT" and root.head is not root and root.pos_ not in ("VERB", "AUX"):
        root = root.head
    return subtree_ids(root, skip=[tok])


def content_candidates(tok, quotes: list[Quote], qidx: list[int]) -> list[tuple[str, set[int]]]:
    """Candidate content token sets for a cue token, most specific first."""
    out = []
    subject_clause = _subject_clause(tok)
    for c in tok.children:
        if subject_clause is not None and c is subject_clause[0]:
            continue
        if c.dep_ == "ccomp" or c.dep_ in ("xcomp", "acl") and c.i > tok.i:
            out.append((c.dep_, clause_ids(c)))
    if _agent(tok) is not None and tok.pos_ in ("VERB", "AUX"):
        subj = _child(tok, "nsubjpass")
        if subj is not None:
            out.append(("passive", subtree_ids(subj)))
    out.append(("object", _object_content(tok)))
    if _agent(tok) is None and tok.pos_ in ("VERB", "AUX"):
        subj = _child(tok, "nsubjpass")
        if subj is not None:
            out.append(("passive_noagent", subtree_ids(subj)))
    if tok.dep_ in HEAD_DEPS and (tok.head.i < tok.i or tok.dep_ == "parataxis"):
        out.append(("head", subtree_ids(tok.head, skip=[tok])))
    out.append(("leading", _leading_clause(tok)))
    if tok.pos_ in ("NOUN", "PROPN"):
        out.append(("noun_prep", _prep_content(tok, NOUN_PREPS)))
    else:
        out.append(("verb_prep", _prep_content(tok, VERB_PREPS)))
    if tok.dep_ in ("relcl", "acl") and tok.head.pos_ in ("NOUN", "PROPN"):
        out.append(("modified", subtree_ids(tok.head, skip=[tok])))
    if tok.lemma_.lower() in NAMING_LEMMAS:
        out.append(("named", _named_quote(tok, quotes, qidx)))
    if tok.lemma_.lower() in TOPIC_LEMMAS:  # a topic is no content: "discussed several topics"
        out = [(k, ids) for k, ids in out if k not in ("object", "verb_prep") or _has_verb(tok.doc, ids)]
    if tok.head.dep_ == "prep" and tok.head.lower_ in NOT_OWNER_PREPS and tok.dep_ == "pobj":
        return [(k, ids) for k, ids in out if ids]  # "Despite the claims, officials …": not the claims' content
    if tok.lemma_ == "accord" or tok.dep_ in ("prep", "advcl") or tok.head.dep_ == "prep":
        out.append(("clause", _clause_content(tok.head if tok.head.dep_ == "prep" and tok.pos_ == "NOUN" else tok)))
    return [(k, ids) for k, ids in out if ids]


def _named_quote(tok, quotes: list[Quote], qidx: list[int]) -> set[int]:
    """The first quotation opening among the words a naming verb governs after it (``referred to a
    reporter in the scrum as a "jackass."``, ``called the plan "a disgrace"``): the speaker's own
    words inside narration."""
    if tok.pos_ != "VERB":
        return set()
    sub = subtree_ids(tok)
    for i in range(tok.i + 1, tok.sent.end):
        if i not in sub:
            continue
        q = qidx[i]
        if q >= 0 and quotes[q].start >= tok.idx:
            doc = tok.doc
            span = doc.char_span(quotes[q].start, quotes[q].end, alignment_mode="expand")
            return set(range(span.start, span.end)) if span is not None else set()
    return set()


def _leading_clause(tok) -> set[int]:
    """``Language unclear on whether …, experts say.``: the words before the comma that opens a
    reporting clause closing its sentence (the parser hangs them off the verb as anything but a
    clause)."""
    if tok.pos_ != "VERB" or any(c.dep_ in REPORTED_DEPS and c.i > tok.i for c in tok.children):
        return set()
    subj = _nearest_subject(tok, SUBJ)
    left = min(subj.left_edge.i, tok.i) if subj is not None else tok.i
    sent = tok.sent
    if left - 1 <= sent.start or tok.doc[left - 1].text != ",":
        return set()
    in_subj = subtree_ids(subj) if subj is not None else set()
    if any(t.pos_ in ("VERB", "AUX") and t.i not in in_subj for t in tok.doc[tok.i + 1:sent.end]):
        return set()  # the clause goes on: "…, he said, adding that …"
    return set(range(sent.start, left - 1))


def _has_verb(doc, ids: set[int]) -> bool:
    return any(doc[i].pos_ in ("VERB", "AUX") for i in ids)


def extend_to_quotes(ids: set[int], doc, quotes: list[Quote], qidx: list[int]) -> set[int]:
    """Grow a content token set to the whole of every quotation it reaches into."""
    qs = {qidx[i] for i in ids if qidx[i] >= 0}
    if not qs:
        return ids
    out = set(ids)
    for q in qs:
        span = doc.char_span(quotes[q].start, quotes[q].end, alignment_mode="expand")
        if span is not None:
            out.update(range(span.start, span.end))
    return out


def fragments(doc, ids: set[int], exclude: set[int] = frozenset()) -> tuple[Span, ...]:
    """Contiguous character fragments covering ``ids`` minus ``exclude``, split at line breaks."""
    keep = sorted(i for i in ids if i not in exclude)
    runs: list[list[int]] = []
    for i in keep:
        if runs and i == runs[-1][-1] + 1 and "\n" not in doc[i - 1].whitespace_ + doc[i].text:
            runs[-1].append(i)
        elif not doc[i].is_space:
            runs.append([i])
    text = text_of(doc)
    out = []
    for run in runs:
        toks = [doc[i] for i in run if not doc[i].is_space]
        while toks and (toks[0].text in EDGE_PUNCT or toks[0].dep_ == "cc"):
            toks = toks[1:]
        while toks and (toks[-1].text in EDGE_PUNCT and not _closes_bracket(toks) or toks[-1].dep_ == "cc" or
                        (toks[-1].text in (".", "?", "!") and not _quoted_end(toks))):
            toks = toks[:-1]
        if toks:
            s, e = toks[0].idx, toks[-1].idx + len(toks[-1].text)
            out.append(Span.of(text, s, e))
    return tuple(out)


def outer_span(doc, ids: set[int]) -> Span | None:
    """One span from the first to the last fragment of ``ids`` (what lies between included)."""
    frags = fragments(doc, ids)
    if not frags:
        return None
    return Span.of(text_of(doc), frags[0].start, frags[-1].end)


def _closes_bracket(toks) -> bool:
    return toks[-1].text == ")" and sum(t.text == "(" for t in toks) >= sum(t.text == ")" for t in toks)


def _quoted_end(toks) -> bool:
    """A final period stays when the fragment is a quotation (it sits inside the marks)."""
    return toks[0].text[:1] in QUOTE_CHARS
