"""Features of a token as a possible attribution cue (a bag of named indicator features)."""
from __future__ import annotations

from ..lexicon import DASHES

__all__ = ["is_candidate", "cue_features", "FEATURE_SCHEMA"]

#: the names and meaning of the features below (and of ``.build``'s attribution features); a trained
#: model records it and refuses to load under another one. Bump it with any change to a feature.
FEATURE_SCHEMA = 2

CANDIDATE_POS = {"VERB", "AUX", "NOUN", "ADP", "ADJ", "PROPN"}


def is_candidate(tok) -> bool:
    """Tokens that may head a cue: content words, prepositions, colons and dashes."""
    if tok.is_space:
        return False
    return tok.pos_ in CANDIDATE_POS or tok.text == ":" or tok.text in DASHES


def _child_deps(tok) -> set[str]:
    return {c.dep_ for c in tok.children}


def _quote_context(tok, qidx: list[int]) -> list[str]:
    doc, i = tok.doc, tok.i
    f = []
    if qidx[i] >= 0:
        f.append("in_quote")
    left = [qidx[j] for j in range(max(0, i - 4), i)]
    right = [qidx[j] for j in range(i + 1, min(len(doc), i + 5))]
    if any(q >= 0 for q in left[-2:]):
        f.append("quote_left2")
    elif any(q >= 0 for q in left):
        f.append("quote_left4")
    if any(q >= 0 for q in right[:2]):
        f.append("quote_right2")
    elif any(q >= 0 for q in right):
        f.append("quote_right4")
    return f


def _subject_feats(tok) -> list[str]:
    subs = [c for c in tok.children if c.dep_ in ("nsubj", "nsubjpass")]
    if not subs:
        return ["no_subj"]
    c = min(subs, key=lambda c: abs(c.i - tok.i))  # the nearest, as the source is read (.spans)
    kind = c.ent_type_ or ("PRON_" + c.lower_ if c.pos_ == "PRON" else c.pos_)
    return [f"subj={kind}", f"subj_lemma={c.lemma_.lower()}", f"subjdep={c.dep_}"]


def cue_features(tok, qidx: list[int]) -> list[str]:
    """Indicator features of ``tok`` as a cue."""
    lem = tok.lemma_.lower()
    deps = _child_deps(tok)
    head = tok.head
    f = [
        "bias", f"lem={lem}", f"pos={tok.pos_}", f"tag={tok.tag_}", f"dep={tok.dep_}",
        f"lem_dep={lem}|{tok.dep_}", f"lem_tag={lem}|{tok.tag_}",
        f"head_lem={head.lemma_.lower()}", f"head_dep={tok.dep_}|{head.pos_}",
        f"prev={tok.nbor(-1).lower_ if tok.i > 0 else '<s>'}",
        f"next={tok.nbor(1).lower_ if tok.i + 1 < len(tok.doc) else '</s>'}",
        f"shape={tok.shape_[:4]}",
    ]
    f += [f"cdep={d}" for d in deps]
    f += [f"lem_cdep={lem}|{d}" for d in deps if d in ("ccomp", "xcomp", "dobj", "nsubj", "prep", "agent", "dative")]
    f += [f"prep={c.lower_}" for c in tok.children if c.dep_ == "prep"]
    f += [f"lem_prep={lem}|{c.lower_}" for c in tok.children if c.dep_ == "prep"]
    f += [f"mark={g.lower_}" for c in tok.children if c.dep_ == "ccomp" for g in c.children if g.dep_ == "mark"]
    q = _quote_context(tok, qidx)
    f += q + [f"lem_{x}={lem}" for x in q]
    f += _subject_feats(tok)
    if tok.text == ":" or tok.text in DASHES:
        f += _punct_feats(tok)
    return f


def _punct_feats(tok) -> list[str]:
    doc = tok.doc
    start = tok.i
    while start > 0 and "\n" not in doc[start - 1].text + doc[start - 1].whitespace_:
        start -= 1
    n_left = tok.i - start
    f = [f"p_nleft={min(n_left, 6)}", f"p_text={tok.text}"]
    left = doc[start:tok.i]
    if left and all(t.is_upper or not t.is_alpha for t in left):
        f.append("p_left_upper")
    if left and all(t.ent_type_ == "PERSON" or t.is_punct for t in left):
        f.append("p_left_person")
    return f


def _bucket(n: int) -> str:
    return "0" if n == 0 else "1" if n == 1 else "2-3" if n < 4 else "4-8" if n < 9 else "9-20" if n < 21 else "21+"


def attribution_features(tok, built, rank: int = 0) -> list[str]:
    """Features of the attribution built from ``tok``: where its content came from, what its source is."""
    doc, att = tok.doc, built.attribution
    lem = tok.lemma_.lower()
    n_content = sum(len(c.text.split()) for c in att.content)
    f = [f"how={built.how}", f"lem_how={lem}|{built.how}", f"rank={min(rank, 3)}", f"how_rank={built.how}|{min(rank, 3)}", f"kind={att.kind}", f"lem_kind={lem}|{att.kind}",
         f"clen={_bucket(n_content)}", f"nfrag={min(len(att.content), 3)}",
         f"content_side={'left' if att.content[-1].end <= tok.idx else 'right' if att.content[0].start > tok.idx else 'around'}"]
    f += _content_feats(tok, att, lem)
    if built.source_ids:
        src = [doc[i] for i in built.source_ids]
        root = min(src, key=lambda t: sum(1 for _ in t.ancestors))
        kind = root.ent_type_ or ("PRON_" + root.lower_ if root.pos_ == "PRON" else root.pos_)
        f += [f"src={kind}", f"lem_src={lem}|{kind}", f"slen={_bucket(len(src))}",
              f"src_side={'left' if root.i < tok.i else 'right'}", f"src_lem={root.lemma_.lower()}",
              f"src_dep={root.dep_}", f"how_src={built.how}|{kind}"]
    else:
        f += ["no_src", f"lem_nosrc={lem}"]
    return f


def _content_feats(tok, att, lem: str) -> list[str]:
    doc = tok.doc
    first = att.content[0]
    span = doc.char_span(first.start, first.end, alignment_mode="expand")
    if span is None or not len(span):
        return []
    root = span.root
    has_verb = any(t.pos_ in ("VERB", "AUX") for t in span)
    return [f"c_first={span[0].lower_ if span[0].is_stop or span[0].is_punct else span[0].pos_}",
            f"c_root={root.pos_}|{root.dep_}", f"c_verb={has_verb}", f"lem_cverb={lem}|{has_verb}",
            f"c_rootrel={'child' if root.head.i == tok.i else 'head' if tok.head.i == root.i else 'other'}"]
