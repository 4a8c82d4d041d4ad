"""Count, on PolNeAR train, how often each verb or noun lemma heads a gold cue.

    .venv/bin/python scripts/build_cue_lexicon.py ../shared/data/polnear/train src/sayso/nlp/models/cue_lemmas.json

Every token tagged VERB or NOUN is counted under its lemma; it counts as a cue when it lies inside
a gold cue span. The file keeps ``{lemma: [as cue, in all]}`` for lemmas seen at least
``MIN_SEEN`` times (a few KB); :mod:`sayso.nlp.speech` reads it to tell speech and cognition
("said", "argued", "believes") from actions ("agreed to inject", "shelved its plans").
Tagging only (no parser): about two minutes on two cores.
"""
from __future__ import annotations

import json
import sys
from collections import Counter
from pathlib import Path

MIN_SEEN = 5


def count(train_dir: str) -> dict[str, list[int]]:
    from sayso.evaluate.polnear import load_gold
    from sayso.nlp import load_nlp_base

    nlp = load_nlp_base()
    gold = load_gold(train_dir)
    cue, seen = Counter(), Counter()
    docs = nlp.pipe(((text, atts) for text, atts in gold.values()), as_tuples=True,
                    disable=["parser", "ner", "sayso_paragraphs"], batch_size=32)
    for doc, atts in docs:
        cues = {i for att in atts for f in att["cue"] for i in range(f[0], f[1])}
        for tok in doc:
            if tok.pos_ in ("VERB", "NOUN"):
                lemma = tok.lemma_.lower()
                seen[lemma] += 1
                cue[lemma] += tok.idx in cues
    return {lemma: [cue[lemma], n] for lemma, n in sorted(seen.items()) if n >= MIN_SEEN}


def main(argv: list[str]) -> None:
    train_dir, out = argv[1], Path(argv[2])
    table = count(train_dir)
    out.write_text(json.dumps(table, sort_keys=True, separators=(",", ":")) + "\n", encoding="utf-8")
    print(f"{len(table)} lemmas -> {out} ({out.stat().st_size // 1024} KB)")


if __name__ == "__main__":
    main(sys.argv)
