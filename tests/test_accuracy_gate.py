"""The accuracy gate: PolNeAR dev figures may not drop more than 0.01 below the pinned ones
(data/pinned/polnear_dev.json, written by ``benchmarks/eval_polnear.py DIR --pin FILE``), and the
reference scorer agrees with ours on the same predictions."""
import json

import pytest

from conftest import reference_polnear_scores

from sayso.evaluate.polnear import evaluate, extract_corpus, load_gold
from pathlib import Path

pytestmark = pytest.mark.slow

PINNED = Path(__file__).resolve().parent.parent / "data" / "pinned" / "polnear_dev.json"
TOLERANCE = 0.01


@pytest.fixture(scope="module")
def dev_run(corpus, nlp):
    dev, meta = corpus("polnear") / "dev", corpus("polnear") / "metadata.tsv"
    preds = extract_corpus(load_gold(dev, meta), nlp)
    return dev, meta, preds, evaluate(dev, preds, metadata=meta)


def test_dev_figures_hold(dev_run):
    *_, res = dev_run
    pinned = json.loads(PINNED.read_text(encoding="utf-8"))
    assert res["documents"] == pinned.pop("documents")
    drops = {k: (v, res[k]["f1"]) for k, v in pinned.items() if res[k]["f1"] < v - TOLERANCE}
    assert not drops, f"dev figures dropped (pinned, now): {drops}"


def test_reference_scorer_agrees(dev_run, corpus, tmp_path):
    dev, meta, preds, res = dev_run
    assert reference_polnear_scores(corpus("tools"), dev, meta, preds, tmp_path) == res
