"""The hand-labelled stance/type dev set: well-formed, sacred offsets (its figures are gated in
test_accuracy_gate.py)."""
import pytest

from sayso.evaluate import labels
from sayso.model import FRAMINGS, SOURCE_TYPES, STANCES


@pytest.fixture(scope="module")
def rows():
    return labels.load_labels()


def test_at_least_150_labelled_attributions_from_samples_and_polnear(rows):
    assert len(rows) >= 150
    assert {r["corpus"] for r in rows} == {"sample", "polnear-dev"}
    assert len({r["id"] for r in rows}) == len(rows)


def test_every_label_is_known_and_every_class_is_present(rows):
    assert {r["stance"] for r in rows} == set(STANCES)
    assert {r["framing"] for r in rows} == set(FRAMINGS)
    assert {r["type"] for r in rows} <= set(SOURCE_TYPES)


def test_offsets_point_at_their_text(rows, corpus):
    shared = corpus("polnear").parent.parent
    texts = {}
    for r in rows:
        path = labels.article_path(r, shared)
        text = texts.setdefault(path, path.read_text(encoding="utf-8"))
        for role in ("source", "cue", "content"):
            for f in r[role]:
                assert text[f["start"]:f["end"]] == f["text"], (r["id"], role)


def test_per_class_scores():
    r = labels.per_class(["a", "a", "b"], ["a", "b", "b"], ["a", "b"])
    assert r["classes"]["a"] == {"precision": 1.0, "recall": 0.5, "f1": 0.667, "support": 2, "predicted": 1}
    assert r["accuracy"] == 0.667

