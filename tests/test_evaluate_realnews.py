"""The hand-labelled real-news set and its scorer (issue 11, second slice)."""
import pytest

from sayso.evaluate import realnews


def _span(s, e, text="x"):
    return {"start": s, "end": e, "text": text}


def test_the_set_is_split_and_every_label_checks_its_own_text():
    articles, labels = realnews.load()
    parts = {a["split"] for a in articles}
    assert parts == {"tune", "test"} and sum(a["split"] == "test" for a in articles) >= 20
    ids = {a["article"] for a in articles}
    for lab in labels:
        assert lab["article"] in ids
        assert lab["content"] and all(c["end"] - c["start"] == len(c["text"]) for c in lab["content"])
        assert not lab["real"] or lab["speakers"], lab


def test_an_output_is_scored_by_its_spans_and_a_new_one_is_unjudged():
    label = {"article": "a", "cue": _span(10, 14), "content": [_span(15, 40)], "real": True,
             "speakers": ["PG&E officials", "PG&E"]}
    fake = {"article": "a", "cue": _span(50, 55), "content": [_span(56, 70)], "real": False, "speakers": []}
    right = {"cue": _span(10, 14), "content": [_span(15, 38)], "confidence": 0.95, "speaker": {"name": "PG&E"}}
    wrong = {**right, "speaker": {"name": "The utility"}}
    action = {"cue": _span(50, 55), "content": [_span(56, 70)], "confidence": 0.65, "speaker": None}
    new = {"cue": _span(80, 84), "content": [_span(85, 90)], "confidence": 0.7, "speaker": None}
    r = realnews.score([([right, action, new], [label, fake])])
    assert (r["judged"], r["real"], r["right_speaker"], r["unjudged"], r["recall"]) == (2, 1, 1, 1, 1.0)
    assert realnews.score([([wrong], [label, fake])])["precision_speaker"] == 0.0
    floored = realnews.score([([right, action], [label, fake])], min_confidence=0.7)
    assert (floored["precision"], floored["recall"]) == (1.0, 1.0)


@pytest.mark.slow
def test_precision_on_the_test_part_at_the_default_floor(corpus):
    corpus("html-articles")
    r = realnews.evaluate(split="test")
    assert r["articles"] >= 20
    assert r["precision"] >= 0.85 and r["precision_speaker"] >= 0.78
    assert r["recall"] >= 0.75
    bands = {b["band"]: b for b in r["bands"]}
    assert bands["0.9-1.0"]["precision"] > bands["0.6-0.7"]["precision"]
