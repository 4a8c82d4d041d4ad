"""Score attributions against a PolNeAR-layout directory, with the reference scorer's definitions.

A compartment directory holds ``text/*.txt`` and ``attributions/*_ANNOTATOR.ann`` (brat
standoff). The gold annotation of a text is that of the first annotator listed for it in
``metadata.tsv`` (found at ``DIR/metadata.tsv`` or ``DIR/../metadata.tsv``) whose file exists;
without a metadata file, the single ``.ann`` file of each text is used.

Metrics (micro over the corpus), as ``shared/tools/polnear_score.py`` defines them:

* exact, per role: a fragment counts when start/end equal a gold fragment of that role
  (surrounding whitespace trimmed on both sides);
* overlap, per role: non-space characters shared with gold spans of that role;
* attribution: a predicted attribution matches a gold one when their content characters
  overlap with Dice >= 0.5 (one-to-one, greedy by overlap); *with source* additionally needs
  the sources to overlap with Dice >= 0.5 (or both to be absent).
"""
from __future__ import annotations

import csv
import logging
from collections import defaultdict
from collections.abc import Iterable
from pathlib import Path

from ..errors import InputError
from ..model import Attribution

__all__ = ["ROLES", "GoldDoc", "load_gold", "score", "evaluate", "extract_corpus", "format_report", "predictions_to_frags",
           "nonspace_chars", "dice"]

log = logging.getLogger(__name__)

ROLES = ("source", "cue", "content")
Frag = tuple[int, int]
#: One attribution as role -> list of trimmed (start, end) fragments.
FragAtt = dict[str, list[Frag]]
#: A gold text and its attributions.
GoldDoc = tuple[str, list[FragAtt]]


def trim(text: str, s: int, e: int) -> Frag | None:
    """``(s, e)`` without surrounding whitespace, or None when nothing is left."""
    while s < e and text[s].isspace():
        s += 1
    while e > s and text[e - 1].isspace():
        e -= 1
    return (s, e) if e > s else None


def find_metadata(compartment_dir: str | Path) -> Path | None:
    d = Path(compartment_dir)
    for p in (d / "metadata.tsv", d.parent / "metadata.tsv"):
        if p.is_file():
            return p
    return None


def _annotator_order(metadata: Path) -> dict[str, list[str]]:
    with open(metadata, newline="", encoding="utf-8") as f:
        return {row["filename"]: row["annotators"].split("|") for row in csv.DictReader(f, delimiter="\t")}


def _gold_file(d: Path, stem: str, order: dict[str, list[str]] | None) -> Path | None:
    if order is not None:
        for a in order.get(stem, []):
            p = d / "attributions" / f"{stem}_{a}.ann"
            if p.exists():
                return p
        return None
    found = sorted((d / "attributions").glob(f"{stem}_*.ann"))
    return found[0] if len(found) == 1 else None


def parse_ann(text: str, lines: Iterable[str]) -> list[FragAtt]:
    """The attributions of one brat ``.ann`` file (an attribution needs content or a cue)."""
    spans: dict[str, list[Frag]] = {}
    atts: list[FragAtt] = []
    for line in lines:
        parts = line.rstrip("\n").split("\t")
        if parts[0].startswith("T") and len(parts) >= 2:
            _, _, offs = parts[1].partition(" ")
            frags = []
            for piece in offs.split(";"):
                s, e = piece.split()
                t = trim(text, int(s), int(e))
                if t:
                    frags.append(t)
            spans[parts[0]] = frags
        elif parts[0].startswith("E") and len(parts) >= 2:
            att: FragAtt = {r: [] for r in ROLES}
            for kv in parts[1].split():
                k, _, tid = kv.partition(":")
                k = k.rstrip("0123456789").lower()
                if k in ROLES and tid in spans:
                    att[k].extend(spans[tid])
            if att["content"] or att["cue"]:
                atts.append(att)
    return atts


def load_gold(compartment_dir: str | Path, metadata: str | Path | None = None) -> dict[str, GoldDoc]:
    """Texts and gold attributions of a PolNeAR-layout directory, keyed by text file stem."""
    d = Path(compartment_dir)
    if not (d / "text").is_dir() or not (d / "attributions").is_dir():
        raise InputError(str(d), "not a PolNeAR-layout directory (needs text/ and attributions/)")
    meta = Path(metadata) if metadata else find_metadata(d)
    order = _annotator_order(meta) if meta else None
    gold: dict[str, GoldDoc] = {}
    for p in sorted((d / "text").glob("*.txt")):
        ann = _gold_file(d, p.stem, order)
        if ann is None:
            continue
        text = p.read_text(encoding="utf-8")
        with open(ann, encoding="utf-8") as f:
            gold[p.stem] = (text, parse_ann(text, f))
    return gold


def _as_frags(text: str, spans) -> list[Frag]:
    out = []
    for sp in spans:
        if sp is not None:
            t = trim(text, sp.start, sp.end)
            if t:
                out.append(t)
    return out


def predictions_to_frags(text: str, atts: Iterable[Attribution]) -> list[FragAtt]:
    """Attributions as the scorer sees them: trimmed fragments per role."""
    return [{"source": _as_frags(text, [a.source]), "cue": _as_frags(text, [a.cue]),
             "content": _as_frags(text, a.content)} for a in atts]


def nonspace_chars(text: str, frags: list[Frag]) -> set:
    """The offsets of the non-space characters the fragments cover."""
    return {i for s, e in frags for i in range(s, e) if not text[i].isspace()}


def dice(a: set, b: set) -> float:
    """Dice overlap of two sets of character offsets (two empty sets agree: 1.0)."""
    if not a and not b:
        return 1.0
    return 2 * len(a & b) / (len(a) + len(b))


def prf(tp: int, npred: int, ngold: int) -> dict:
    p = tp / npred if npred else 0.0
    r = tp / ngold if ngold else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return {"p": round(p, 4), "r": round(r, 4), "f1": round(f, 4)}


def _role_counts(text: str, gatts: list[FragAtt], patts: list[FragAtt], r: str, ex: list, ov: list) -> None:
    g: dict[Frag, int] = defaultdict(int)
    p: dict[Frag, int] = defaultdict(int)
    for a in gatts:
        for fr in a[r]:
            g[fr] += 1
    for a in patts:
        for fr in a[r]:
            p[fr] += 1
    ex[0] += sum(min(c, g.get(k, 0)) for k, c in p.items())
    ex[1] += sum(p.values())
    ex[2] += sum(g.values())
    gc = set().union(*[nonspace_chars(text, a[r]) for a in gatts])
    pc = set().union(*[nonspace_chars(text, a[r]) for a in patts])
    ov[0] += len(gc & pc)
    ov[1] += len(pc)
    ov[2] += len(gc)


def match_attributions(text: str, gatts: list[FragAtt], patts: list[FragAtt]) -> list[tuple[int, int, bool]]:
    """One-to-one matches (pred index, gold index, source ok), greedy by content Dice >= 0.5."""
    def key(a: FragAtt) -> set:
        return nonspace_chars(text, a["content"]) or {("cue", i) for i in nonspace_chars(text, a["cue"])}
    gk, pk = [key(a) for a in gatts], [key(a) for a in patts]
    pairs = sorted(((dice(pc, gc), i, j) for i, pc in enumerate(pk) for j, gc in enumerate(gk)
                    if pc and gc), reverse=True)
    used_p, used_g, out = set(), set(), []
    for d, i, j in pairs:
        if d < 0.5 or i in used_p or j in used_g:
            continue
        used_p.add(i)
        used_g.add(j)
        ps, gs = nonspace_chars(text, patts[i]["source"]), nonspace_chars(text, gatts[j]["source"])
        out.append((i, j, (not ps and not gs) or bool(ps and gs and dice(ps, gs) >= 0.5)))
    return out


def score(gold: dict[str, GoldDoc], preds: dict[str, list[FragAtt]]) -> dict:
    """The reference scorer's metrics for fragment predictions keyed by text stem."""
    ex = {r: [0, 0, 0] for r in ROLES}
    ov = {r: [0, 0, 0] for r in ROLES}
    att, att_src, missing = [0, 0, 0], 0, 0
    for stem, (text, gatts) in gold.items():
        patts = preds.get(stem)
        if patts is None:
            missing += 1
            patts = []
        for r in ROLES:
            _role_counts(text, gatts, patts, r, ex[r], ov[r])
        matches = match_attributions(text, gatts, patts)
        att[0] += len(matches)
        att_src += sum(ok for _, _, ok in matches)
        att[1] += len(patts)
        att[2] += len(gatts)
    res = {"documents": len(gold), "documents_without_prediction": missing,
           "gold_attributions": att[2], "predicted_attributions": att[1]}
    for r in ROLES:
        res[f"{r}_exact"] = prf(*ex[r])
        res[f"{r}_overlap"] = prf(*ov[r])
    res["attribution"] = prf(att[0], att[1], att[2])
    res["attribution_with_source"] = prf(att_src, att[1], att[2])
    return res


def evaluate(compartment_dir: str | Path, predictions: dict[str, list[Attribution]] | None = None, *,
             pipeline=None, metadata: str | Path | None = None, min_confidence: float = 0.0) -> dict:
    """Score ``predictions`` (text stem -> attributions), or the pipeline's own, on a directory.
    No confidence floor unless ``min_confidence`` is given: this measures the extractor."""
    gold = load_gold(compartment_dir, metadata)
    if predictions is None:
        predictions = predict(gold, pipeline)
    if min_confidence:
        predictions = {stem: [a for a in atts if a.confidence >= min_confidence] for stem, atts in predictions.items()}
    frags = {stem: predictions_to_frags(gold[stem][0], atts) for stem, atts in predictions.items() if stem in gold}
    return score(gold, frags)


def predict(gold: dict[str, GoldDoc], pipeline=None) -> dict[str, list[Attribution]]:
    """Run the pipeline over the gold texts."""
    from ..model import Article
    if pipeline is None:
        from ..pipeline import Pipeline
        pipeline = Pipeline()
    arts = (Article(id=stem, text=text) for stem, (text, _) in gold.items())
    return {a.article.id: list(a.attributions) for a in pipeline.analyze_many(arts)}


def extract_corpus(gold: dict[str, GoldDoc], nlp=None) -> dict[str, list[Attribution]]:
    """The extractor's attributions for every gold text (no speaker resolution: faster)."""
    from ..nlp import load_nlp
    from ..nlp.extract import extract_attributions
    nlp = nlp or load_nlp()
    stems = list(gold)
    docs = nlp.pipe((gold[s][0] for s in stems), batch_size=16)
    return {stem: extract_attributions(doc) for stem, doc in zip(stems, docs)}


def format_report(result: dict) -> str:
    """The metrics as the reference scorer prints them."""
    lines = [f"documents {result['documents']} (no prediction: {result['documents_without_prediction']}), "
             f"gold attributions {result['gold_attributions']}, predicted {result['predicted_attributions']}"]
    keys = [f"{r}_{m}" for m in ("exact", "overlap") for r in ROLES] + ["attribution", "attribution_with_source"]
    for k in keys:
        v = result[k]
        lines.append(f"{k:26s} P {v['p']:.3f}  R {v['r']:.3f}  F1 {v['f1']:.3f}")
    return "\n".join(lines)
