"""Score the extractor on a PolNeAR-layout directory; optionally pin the figures for the accuracy gate.

    .venv/bin/python benchmarks/eval_polnear.py ../shared/data/polnear/dev [--pin data/pinned/polnear_dev.json]
                                                [--allow-lower] [--jsonl preds.jsonl]

``--pin`` never lowers a pinned figure unless ``--allow-lower`` is given (see sayso.evaluate.gate).

``--jsonl`` writes the predictions in the reference scorer's input format, so that
``shared/tools/polnear_score.py DIR preds.jsonl --metadata …`` can check the figures.
"""
import argparse
import json
import sys
import time
from pathlib import Path

from sayso.errors import SaysoError
from sayso.evaluate import gate
from sayso.evaluate.polnear import (evaluate, extract_corpus, find_metadata, format_report, load_gold,
                                    match_attributions, predictions_to_frags)

def reliability(gold, preds, edges=(0.0, 0.5, 0.6, 0.7, 0.8, 0.9, 1.0)) -> list[tuple]:
    """(low, high, n, share matching a gold attribution, share matching with its source) per confidence bin."""
    bins = [[lo, hi, 0, 0, 0] for lo, hi in zip(edges, edges[1:])]
    for stem, atts in preds.items():
        text, gatts = gold[stem]
        m = {i: ok for i, _, ok in match_attributions(text, gatts, predictions_to_frags(text, atts))}
        for i, a in enumerate(atts):
            b = next(b for b in bins if a.confidence <= b[1])
            b[2] += 1
            b[3] += i in m
            b[4] += m.get(i, False)
    return [(lo, hi, n, k / n if n else 0.0, ks / n if n else 0.0) for lo, hi, n, k, ks in bins]


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("compartment")
    ap.add_argument("--metadata")
    ap.add_argument("--pin", help="write the F1 figures the accuracy gate checks to this JSON file")
    ap.add_argument("--allow-lower", action="store_true", help="with --pin: allow lowering a pinned figure")
    ap.add_argument("--jsonl", help="write the predictions as JSON Lines")
    a = ap.parse_args()
    meta = a.metadata or find_metadata(a.compartment)
    gold = load_gold(a.compartment, meta)
    t = time.time()
    preds = extract_corpus(gold)
    res = evaluate(a.compartment, preds, metadata=meta)
    print(format_report(res))
    print(f"({len(gold)} documents in {time.time() - t:.1f} s)")
    print("confidence   n     matched  with source")
    for lo, hi, n, k, ks in reliability(gold, preds):
        print(f"({lo:.1f}, {hi:.1f}] {n:5d}   {k:.3f}    {ks:.3f}")
    if a.jsonl:
        with open(a.jsonl, "w", encoding="utf-8") as f:
            for stem, atts in preds.items():
                f.write(json.dumps({"id": stem, "attributions": [x.to_dict() for x in atts]}) + "\n")
    if a.pin:
        try:
            gate.write_pins("polnear_dev", gate.figures("polnear_dev", res), path=Path(a.pin),
                            allow_lower=a.allow_lower)
        except SaysoError as e:
            sys.exit(f"error: {e}")


if __name__ == "__main__":
    main()
