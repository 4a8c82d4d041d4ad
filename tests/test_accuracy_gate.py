"""The accuracy gate: PolNeAR dev, BASIL and the labelled stance/type set may not fall more than
``gate.TOLERANCE`` (0.002) below the figures pinned in data/pinned/*.json (written by
``benchmarks/pin_figures.py``, which never lowers a pin without ``--allow-lower``), and the reference
scorer agrees with ours on the same predictions."""
import pytest

from conftest import reference_polnear_scores

from sayso.errors import SaysoError
from sayso.evaluate import gate
from sayso.evaluate.polnear import evaluate, extract_corpus, load_gold


@pytest.fixture(scope="module")
def dev_run(corpus, nlp):
    dev, meta = corpus("polnear") / "dev", corpus("polnear") / "metadata.tsv"
    preds = extract_corpus(load_gold(dev, meta), nlp)
    return dev, meta, preds, evaluate(dev, preds, metadata=meta)


def _gate(name: str, result: dict) -> None:
    measured = gate.figures(name, result)
    dropped = gate.drops(name, measured, gate.load_pins(name))
    assert not dropped, f"{name} figures dropped (pinned, now): {dropped}"


@pytest.mark.slow
def test_polnear_dev_figures_hold(dev_run):
    _gate("polnear_dev", dev_run[-1])


@pytest.mark.slow
def test_reference_scorer_agrees(dev_run, corpus, tmp_path):
    dev, meta, preds, res = dev_run
    assert reference_polnear_scores(corpus("tools"), dev, meta, preds, tmp_path) == res


@pytest.mark.slow
def test_basil_speaker_accuracy_holds(corpus, pipeline):
    from sayso.evaluate import basil
    _gate("basil", basil.evaluate(corpus("basil"), pipeline=pipeline))


@pytest.mark.slow
def test_stance_framing_and_type_accuracy_hold(corpus, nlp):
    from sayso.evaluate import labels
    _gate("labels", labels.evaluate(nlp=nlp, shared=corpus("polnear").parent.parent))


def test_every_pin_is_close_to_what_the_readme_reports():
    assert gate.load_pins("polnear_dev")["attribution_with_source"] >= 0.70
    assert gate.load_pins("basil")["speaker_accuracy"] >= 0.86
    pins = gate.load_pins("labels")
    assert pins["stance"] >= 0.93 and pins["type"] >= 0.88 and pins["framing"] >= 0.99


def test_a_drop_beyond_the_tolerance_fails_and_rounding_noise_does_not():
    pinned = {"speaker_accuracy": 0.8, "coverage": 0.886, "named_quotes": 140}
    assert gate.drops("basil", {**pinned, "speaker_accuracy": 0.799}, pinned) == {}
    assert gate.drops("basil", {**pinned, "speaker_accuracy": 0.797}, pinned) == {"speaker_accuracy": (0.8, 0.797)}
    assert gate.drops("basil", {**pinned, "named_quotes": 139}, pinned) == {"named_quotes": (140, 139)}


def test_a_pin_is_never_lowered_without_the_flag(tmp_path):
    pinned = {"stance": 0.935, "framing": 0.994, "type": 0.888, "n": 169}
    gate.write_pins("labels", pinned, directory=tmp_path)
    with pytest.raises(SaysoError, match="would lower stance 0.935 -> 0.93.*--allow-lower"):
        gate.write_pins("labels", {**pinned, "stance": 0.93}, directory=tmp_path)
    assert gate.load_pins("labels", tmp_path) == pinned
    gate.write_pins("labels", {**pinned, "stance": 0.95}, directory=tmp_path)  # raising is always allowed
    gate.write_pins("labels", {**pinned, "stance": 0.93}, directory=tmp_path, allow_lower=True)
    assert gate.load_pins("labels", tmp_path)["stance"] == 0.93
