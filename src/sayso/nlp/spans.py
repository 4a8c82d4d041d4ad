"""Source, cue and content spans read off the dependency parse of a cue token.

Spans are built as sets of token indices, then cut into contiguous character fragments
(split at line breaks, trimmed of edge punctuation) so that offsets always point into
``doc.text``.
"""
from __future__ import annotations

from collections.abc import Iterable

from ..model import Span
from .quotes import Quote

__all__ = ["cue_tokens", "source_tokens", "content_candidates", "fragments", "quote_index"]

SUBJ = ("nsubj", "nsubjpass", "csubj")
COMP = ("ccomp", "xcomp", "dobj", "attr", "oprd", "dative")
EDGE_PUNCT = {",", ";", ":", "—", "–", "-", "―", "(", ")", "--"}
QUOTE_CHARS = set("\"“”„‟«»'`‘’")


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


def _subject(tok, depth: int = 0):
    for c in tok.children:
        if c.dep_ in SUBJ:
            return c
    for c in tok.children:
        if c.dep_ == "agent":
            for g in c.children:
                if g.dep_ == "pobj":
                    return g
    if depth < 3 and tok.dep_ in ("xcomp", "conj", "advcl") and tok.head is not tok:
        return _subject(tok.head, depth + 1)
    return None


def source_tokens(tok) -> set[int]:
    """The source of a cue token: its subject, the agent of a passive, the object of "according to"."""
    if tok.lemma_ == "accord":
        for c in tok.children:
            if c.dep_ == "prep":
                for g in c.children:
                    if g.dep_ == "pobj":
                        return subtree_ids(g)
    if tok.pos_ in ("NOUN", "PROPN"):
        for c in tok.children:
            if c.dep_ == "poss":
                return subtree_ids(c, skip=[x for x in c.children if x.dep_ == "case"])
        if tok.head.pos_ in ("VERB", "AUX") and tok.dep_ in ("dobj", "pobj", "attr"):
            subj = _subject(tok.head if tok.dep_ != "pobj" else tok.head.head)
            if subj is not None:
                return subtree_ids(subj)
    subj = _subject(tok)
    if subj is None or subj.pos_ == "PRON" and subj.lower_ in ("it", "there", "what", "that", "which"):
        return set()
    return subtree_ids(subj)


def content_candidates(tok, quotes: list[Quote], qidx: list[int]) -> list[tuple[str, set[int]]]:
    """Candidate content token sets for a cue token, most specific first."""
    doc = tok.doc
    out = []
    for c in tok.children:
        if c.dep_ in ("ccomp", "xcomp") and not (c.dep_ == "xcomp" and c.i < tok.i):
            out.append((c.dep_, subtree_ids(c)))
    for c in tok.children:
        if c.dep_ in ("dobj", "attr", "oprd") and c.i > tok.i:
            out.append((c.dep_, subtree_ids(c)))
    if tok.dep_ in ("parataxis", "ccomp", "advcl", "conj") and tok.head.i < tok.i:
        ids = subtree_ids(tok.head, skip=[tok])
        out.append(("head", {i for i in ids if doc[i].dep_ not in ("cc",) or i > tok.i}))
    if tok.lemma_ == "accord" or tok.dep_ in ("prep", "advcl"):
        root = tok.head
        while root.dep_ not in ("ROOT",) and root.head is not root and root.pos_ not in ("VERB", "AUX"):
            root = root.head
        skip = tok if tok.lemma_ != "accord" or tok.head.pos_ not in ("VERB", "AUX") else tok
        out.append(("clause", subtree_ids(root, skip=[skip])))
    return out


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
    text = doc.text
    out = []
    for run in runs:
        toks = [doc[i] for i in run if not doc[i].is_space]
        while toks and (toks[0].text in EDGE_PUNCT or toks[0].dep_ == "cc"):
            toks = toks[1:]
        while toks and (toks[-1].text in EDGE_PUNCT or toks[-1].dep_ == "cc" or
                        (toks[-1].text in (".", "?", "!") and not _quoted_end(toks))):
            toks = toks[:-1]
        if toks:
            s, e = toks[0].idx, toks[-1].idx + len(toks[-1].text)
            out.append(Span.of(text, s, e))
    return tuple(out)


def _quoted_end(toks) -> bool:
    """A final period stays when the fragment is a quotation (it sits inside the marks)."""
    return toks[0].text[:1] in QUOTE_CHARS
