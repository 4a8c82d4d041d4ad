"""PolNeAR dev misses by category: where the extractor's recall goes.

    .venv/bin/python benchmarks/polnear_misses.py ../shared/data/polnear/dev [--examples 3]

Each gold attribution is put in one category, first match wins:

* ``found`` / ``wrong_source``: a prediction matches its content (Dice >= 0.5), with / without the source;
* ``partial``: a prediction overlaps its content, but below Dice 0.5;
* ``cue_not_candidate``: its cue head is no candidate token (part of speech);
* ``cue_pruned``: the stage-one model scores its cue head below the floor;
* ``no_candidate``: the cue is built, but no built candidate matches it (the candidate rules miss it);
* ``candidate_lost``: a built candidate matches it, but selection drops it (threshold, another
  candidate of the same cue, or a better-scored overlapping content).

``cue_*``/``no_candidate`` misses are further split by the shape of the gold attribution (no cue,
source in another sentence, content before the cue, quoted, nominal cue, ...), the lemma of the
cue head is counted, and a few examples are printed per category.
"""
import argparse
import random
from collections import Counter, defaultdict

from sayso.evaluate.polnear import (dice, load_gold, match_attributions, nonspace_chars, predictions_to_frags)
from sayso.nlp import load_nlp
from sayso.nlp.build import build_all
from sayso.nlp.extract import extract_attributions, load_model
from sayso.nlp.features import cue_features, is_candidate
from sayso.nlp.quotes import find_quotes
from sayso.nlp.spans import quote_index


def _head(doc, frags):
    spans = [doc.char_span(s, e, alignment_mode="expand") for s, e in frags]
    spans = [s for s in spans if s is not None and len(s)]
    return spans[0].root if spans else None


def shape(doc, text, g, quotes) -> list[str]:
    """Coarse traits of a gold attribution."""
    out = []
    cue = _head(doc, g["cue"])
    content = _head(doc, g["content"])
    src = _head(doc, g["source"])
    if cue is None:
        return ["no_cue"]
    out.append(f"pos={cue.pos_}")
    if not g["source"]:
        out.append("no_source")
    elif src is not None and src.sent != cue.sent:
        out.append("source_other_sentence")
    if content is not None and content.sent != cue.sent:
        out.append("content_other_sentence")
    if g["content"] and g["content"][-1][1] <= g["cue"][0][0]:
        out.append("content_before_cue")
    cchars = nonspace_chars(text, g["content"])
    qchars = {i for q in quotes for i in range(q.start, q.end)}
    if cchars and len(cchars & qchars) >= 0.9 * len(cchars):
        out.append("quoted")
    if len(g["cue"]) > 1 or len(text[g["cue"][0][0]:g["cue"][-1][1]].split()) > 1:
        out.append("multiword_cue")
    return out


def categorise(doc, text, gatts, preds, model):
    quotes = find_quotes(text)
    qidx = quote_index(doc, quotes)
    pf = predictions_to_frags(text, preds)
    matched = {j: ok for _, j, ok in match_attributions(text, gatts, pf)}
    pchars = [nonspace_chars(text, p["content"]) for p in pf]
    built_cache = {}
    for j, g in enumerate(gatts):
        gc, gs = nonspace_chars(text, g["content"]), nonspace_chars(text, g["source"])
        if j in matched:
            yield ("found" if matched[j] else "wrong_source"), g, []
            continue
        if gc and any(gc & p for p in pchars):
            yield "partial", g, shape(doc, text, g, quotes)
            continue
        cue = _head(doc, g["cue"])
        traits = shape(doc, text, g, quotes)
        if cue is None or not is_candidate(cue):
            yield "cue_not_candidate", g, traits + ([f"lem={cue.lemma_.lower()}"] if cue is not None else [])
            continue
        traits.append(f"lem={cue.lemma_.lower()}")
        if model.cue.prob(cue_features(cue, qidx)) < model.floor:
            yield "cue_pruned", g, traits
            continue
        if cue.i not in built_cache:
            built_cache[cue.i] = list(build_all(cue, quotes, qidx))
        ok = False
        for b in built_cache[cue.i]:
            a = b.attribution
            pc = nonspace_chars(text, [(c.start, c.end) for c in a.content])
            ps = nonspace_chars(text, [(a.source.start, a.source.end)] if a.source else [])
            if pc and dice(pc, gc) >= 0.5 and dice(ps, gs) >= 0.5:
                ok = True
        yield ("candidate_lost" if ok else "no_candidate"), g, traits


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("compartment")
    ap.add_argument("--examples", type=int, default=3, help="examples printed per category")
    ap.add_argument("--category", help="print the examples of this category only")
    a = ap.parse_args()
    gold = load_gold(a.compartment)
    nlp, model = load_nlp(), load_model()
    cats, traits, lemmas = Counter(), defaultdict(Counter), defaultdict(Counter)
    examples = defaultdict(list)
    for (stem, (text, gatts)), doc in zip(gold.items(), nlp.pipe((t for t, _ in gold.values()), batch_size=16)):
        for cat, g, tr in categorise(doc, text, gatts, extract_attributions(doc), model):
            cats[cat] += 1
            for t in tr:
                (lemmas if t.startswith("lem=") else traits)[cat][t] += 1
            examples[cat].append((stem, {r: " | ".join(text[s:e] for s, e in g[r])[:160] for r in g}))
    n = sum(cats.values())
    print(f"{n} gold attributions")
    for cat, k in cats.most_common():
        print(f"\n{cat:18s} {k:5d}  {k / n:.3f}")
        print("   traits: " + ", ".join(f"{t} {c}" for t, c in traits[cat].most_common(10)))
        if lemmas[cat]:
            print("   cue lemmas: " + ", ".join(f"{t[4:]} {c}" for t, c in lemmas[cat].most_common(15)))
        if cat != "found" and a.category in (None, cat):
            for stem, ex in random.Random(0).sample(examples[cat], min(a.examples, len(examples[cat]))):
                print(f"   [{stem[:30]}] S: {ex['source']!r}  C: {ex['cue']!r}  T: {ex['content']!r}")


if __name__ == "__main__":
    main()
