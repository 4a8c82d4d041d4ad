"""Confidence and selection, without a spaCy model: calibration is monotone, duplicates are dropped."""
from sayso.model import Attribution, Span
from sayso.nlp.extract import CueModel, select
from sayso.nlp.train import monotone

TEXT = "Smith said the plan failed, and Jones said so too."


def _att(s, e):
    return Attribution(None, Span.of(TEXT, 6, 10), (Span.of(TEXT, s, e),))


def test_calibration_never_lowers_confidence_for_a_higher_score():
    calib = monotone([(0.5, 0.66, 186), (0.6, 0.63, 152), (0.7, 0.76, 157), (1.0, 0.96, 584)])
    values = [q for _, q in calib]
    assert values == sorted(values)
    assert [u for u, _ in calib] == [0.5, 0.6, 0.7, 1.0]
    model = CueModel({}, calibration=calib)
    assert model.calibrated(0.45) == model.calibrated(0.55) <= model.calibrated(0.65) <= model.calibrated(0.99)


def test_model_scores_are_probabilities():
    model = CueModel({"lem=say": 3.0, "bias": -1.0}, bias=0.5)
    assert 0.9 < model.prob(["lem=say", "bias"]) < 1.0
    assert model.prob(["unknown"]) == model.prob([])
    assert 0.0 < model.prob(["lem=say"] * 100) <= 1.0  # no overflow


def test_select_keeps_the_best_of_overlapping_contents_and_one_per_cue():
    cands = [(0.9, _att(11, 26), 1), (0.8, _att(15, 26), 2),  # same content, another cue: dropped
             (0.7, _att(42, 49), 1),                          # same cue as a better one: dropped
             (0.6, _att(32, 49), 3), (0.2, _att(0, 5), 4)]    # below the threshold: dropped
    kept = select(cands, 0.3)
    assert [p for p, _ in kept] == [0.9, 0.6]
