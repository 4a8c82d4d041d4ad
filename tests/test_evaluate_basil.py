"""BASIL speaker accuracy: our scorer agrees with the reference ``basil_eval.py``."""
import json
import shutil
import subprocess
import sys

import pytest

from sayso.errors import InputError
from sayso.evaluate import basil
from sayso.model import Article, Attribution, Span, Speaker

ARTICLE = {
    "title": "Perry speaks", "source": "fox", "date": "2012-01-01", "url": "u",
    "body-paragraphs": [["Rick Perry spoke on Monday.", "\"We will win,\" he said."],
                        ["\"They lost,\" an aide said."]],
}
ANN = {"phrase-level-annotations": [
    {"quote": "yes", "speaker": "Rick_Perry", "txt": "\"We will win,\""},
    {"quote": "yes", "speaker": "Obama_campaign", "txt": "\"They lost,\""},
    {"quote": "yes", "speaker": "other_source", "txt": "spoke on Monday"},
    {"quote": "no", "speaker": "", "txt": "Rick Perry"},
]}


@pytest.fixture()
def basil_dir(tmp_path):
    for sub in ("articles/2012", "annotations/2012"):
        (tmp_path / sub).mkdir(parents=True)
    (tmp_path / "articles/2012/abc_1.json").write_text(json.dumps(ARTICLE))
    (tmp_path / "annotations/2012/abc_1_ann.json").write_text(json.dumps(ANN))
    return tmp_path


def _predictions(article: Article) -> list[Attribution]:
    t = article.text
    q1, q2 = t.index("We will win"), t.index("They lost")
    return [
        Attribution(source=Span.of(t, t.index("he said"), t.index("he said") + 2), cue=None,
                    content=(Span.of(t, q1, q1 + 11),), speaker=Speaker(name="Rick Perry", type="person")),
        Attribution(source=Span.of(t, t.index("an aide"), t.index("an aide") + 7), cue=None,
                    content=(Span.of(t, q2, q2 + 9),), speaker=Speaker(name="an aide", type="anonymous")),
    ]


def test_article_text_and_named_quotes(basil_dir):
    ((article, quotes),) = list(basil.load(basil_dir))
    assert article.text.startswith("Perry speaks\n\nRick Perry spoke on Monday. \"We will win,\" he said.\n\n")
    assert [q.speaker for q in quotes] == ["Rick_Perry", "Obama_campaign"]
    for q in quotes:
        assert article.text[q.start:q.end] == q.text


def test_score_counts_covered_and_correct(basil_dir):
    ((article, quotes),) = list(basil.load(basil_dir))
    r = basil.score([(article, quotes, _predictions(article))], examples=5)
    assert (r["named_quotes"], r["covered"], r["correct_speaker"]) == (2, 2, 1)
    assert r["speaker_accuracy"] == 0.5 and r["coverage"] == 1.0
    assert r["missed"][0]["speaker"] == "Obama_campaign"
    assert "correct speaker" in basil.format_report(r)


def _reference(tools, basil_dir, tmp_path, lines) -> dict:
    tool = tools / "basil_eval.py"
    out = tmp_path / "texts"
    pred = tmp_path / "pred.jsonl"
    pred.write_text("".join(json.dumps(x) + "\n" for x in lines), encoding="utf-8")
    subprocess.run([sys.executable, str(tool), "prepare", str(basil_dir), str(out)], check=True)
    res = subprocess.run([sys.executable, str(tool), "score", str(basil_dir), str(out), str(pred)],
                         check=True, capture_output=True, text=True)
    return json.loads(res.stdout)


def test_agrees_with_the_reference_scorer(basil_dir, corpus, tmp_path):
    ((article, quotes),) = list(basil.load(basil_dir))
    preds = _predictions(article)
    ours = basil.score([(article, quotes, preds)])
    ref = _reference(corpus("tools"), basil_dir, tmp_path, [basil.prediction_line(article, preds)])
    assert ref == {k: ours[k] for k in ref}


def test_an_empty_directory_is_an_input_error(tmp_path):
    with pytest.raises(InputError, match="no BASIL annotations"):
        list(basil.load(tmp_path))


@pytest.mark.slow
def test_real_articles_through_the_pipeline_agree_with_the_reference(pipeline, corpus, tmp_path):
    src = corpus("basil")
    dest = tmp_path / "basil"
    anns = sorted((src / "annotations" / "2012").glob("*_ann.json"))[:12]
    for ann in anns:
        stem = ann.name[: -len("_ann.json")]
        for sub, name in (("annotations", ann.name), ("articles", f"{stem}.json")):
            (dest / sub / "2012").mkdir(parents=True, exist_ok=True)
            shutil.copy(src / sub / "2012" / name, dest / sub / "2012" / name)
    r = basil.evaluate(dest, pipeline=pipeline, keep_predictions=True)
    ref = _reference(corpus("tools"), dest, tmp_path, r["predictions"])
    assert ref == {k: r[k] for k in ref}
    assert r["named_quotes"] > 0
