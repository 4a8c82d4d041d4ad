"""Attributions nested in another's content, which PolNeAR annotates too.

The stage-two model scores inner attributions low (most nested candidates are not attributions,
and keeping them by score lowers PolNeAR dev F1), so three precise constructions are read instead:

* a reporting verb heading the clause another cue reports: ``Witkoff said [Russian officials had
  denied the allegations]`` gives (Russian officials, had denied, the allegations) too;
* ``X, citing Y, suggested Z``: Y is the source X relies on, so (Y, citing, Z) is added (dropping
  the model's (X, citing, Y) reading instead costs 0.002 attribution-with-source F1 on dev);
* ``"…," said Trump in an interview, according to TIME. "…"``: the clause ``according to`` reports
  is itself a reporting verb with a source, so that speaker's own attribution is added, with the
  quotation that continues after the sentence (which the outer one took).
"""
from __future__ import annotations

from ..lexicon import CITING_LEMMAS, NESTED_INNER_LEMMAS
from ..model import Attribution

__all__ = ["nested"]


def _cue_token(doc, att: Attribution):
    span = doc.char_span(att.cue.start, att.cue.end, alignment_mode="expand") if att.cue else None
    return span.root if span is not None and len(span) else None


def nested(doc, cands: list[tuple[float, Attribution, int]], kept: list[tuple[float, Attribution]]) -> list[tuple[float, Attribution]]:
    """``kept`` with the nested attributions of the constructions above."""
    by_cue: dict[int, tuple[float, Attribution]] = {}
    for p, att, i in cands:
        if i not in by_cue or p > by_cue[i][0]:
            by_cue[i] = (p, att)
    heads: dict[int, tuple[float, Attribution]] = {}
    for p, att in kept:
        tok = _cue_token(doc, att)
        if tok is not None:
            heads[tok.i] = (p, att)
    out = list(kept)
    for i, (p, att) in heads.items():
        out += _inner(doc, doc[i], p, att, cands)
        out += _citing(doc, doc[i], p, att)
        for q, inner in _according(doc, doc[i], p, att, cands, heads):
            h = doc[i].head.i
            if h in heads:  # the kept inner attribution, continued
                out = [(q0, inner if a is heads[h][1] else a) for q0, a in out]
            else:
                out.append((q, inner))
    return out


#: a verb reported by ``according to`` is read as the inner speaker's cue only when it is a cue this
#: often on PolNeAR train (``said``, ``told``, ``wrote`` …; not ``won`` or ``plans``)
REPORTING_SHARE = 0.5


def _according(doc, tok, p: float, att: Attribution, cands, heads) -> list[tuple[float, Attribution]]:
    """``"…," said X …, according to Y`` -> X's own attribution of the quotation, and of what
    continues it in the quotations the outer attribution took after the sentence. Only a direct
    quotation: with a ``that`` clause (``X said that …, according to Y``) the one case on PolNeAR
    dev is not annotated so."""
    from .speech import speech_share
    head = tok.head
    if (tok.lemma_ != "accord" or head is tok or head.pos_ != "VERB"
            or speech_share(head.lemma_.lower()) < REPORTING_SHARE):
        return []
    if head.i in heads:  # the model kept the inner one: it only gains the continuation
        best = heads[head.i]
        if best[1].source is None or best[1].kind != "direct":
            return []
    else:
        best = max(((q, a) for q, a, i in cands if i == head.i and a.source is not None and a.kind == "direct"),
                   key=lambda x: x[0], default=None)
    if best is None or best[1].cue is None:
        return []
    inner = best[1]
    taken = [s for s in (inner.source, inner.cue, *inner.content) if s is not None]
    extra = tuple(c for c in att.content if not any(c.start < s.end and s.start < c.end for s in taken)
                  and c.start > inner.cue.end)
    return [(p * 0.8, inner.replace(content=inner.content + extra))]


def _inner(doc, tok, p: float, att: Attribution, cands) -> list[tuple[float, Attribution]]:
    out = []
    for c in tok.children:
        if c.dep_ != "ccomp" or c.lemma_.lower() not in NESTED_INNER_LEMMAS or c.i < tok.i:
            continue
        best = max(((q, a) for q, a, i in cands if i == c.i and a.source is not None), key=lambda x: x[0], default=None)
        if best is not None:
            out.append((p * 0.8, best[1]))
    return out


def _citing(doc, tok, p: float, att: Attribution) -> list[tuple[float, Attribution]]:
    """``reporting by X, citing Y, suggested Z`` -> (Y, citing, Z)."""
    from .spans import outer_span, subtree_ids
    from .tokens import tokens_span
    src = att.source
    if src is None:
        return []
    span = doc.char_span(src.start, src.end, alignment_mode="expand")
    toks = list(span) if span is not None else []
    toks += [c for t in toks for c in t.children if c.i >= span.end]  # "X, citing Y," trails the source
    for t in toks:
        obj = next((c for c in t.children if c.dep_ == "dobj"), None)
        if t.lemma_.lower() in CITING_LEMMAS and t.tag_ == "VBG" and obj is not None:
            ids = subtree_ids(obj)
            return [(p * 0.9, att.replace(source=outer_span(doc, ids), cue=tokens_span(doc, t.i, t.i + 1)))]
    return []
