"""Features of a token as a possible attribution cue (a bag of named indicator features)."""
from __future__ import annotations

__all__ = ["is_candidate", "cue_features", "DASHES"]

DASHES = {"―", "—", "–", "--"}
CANDIDATE_POS = {"VERB", "AUX", "NOUN", "ADP", "ADJ", "PROPN"}


def is_candidate(tok) -> bool:
    """Tokens that may head a cue: content words, prepositions, colons and dashes."""
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
    for c in tok.children:
        if c.dep_ in ("nsubj", "nsubjpass"):
            kind = c.ent_type_ or ("PRON_" + c.lower_ if c.pos_ == "PRON" else c.pos_)
            return [f"subj={kind}", f"subj_lemma={c.lemma_.lower()}", f"subjdep={c.dep_}"]
    return ["no_subj"]


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
