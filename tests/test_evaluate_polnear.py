"""The PolNeAR scorer gives exactly the reference scorer's figures (shared/tools/polnear_score.py)."""

import pytest

from conftest import reference_polnear_scores

from sayso.errors import InputError
from sayso.evaluate.polnear import evaluate, format_report, load_gold
from sayso.model import Attribution, Span

TEXT = "Officials said the plan failed. “It is over,” Smith said. The sky is blue.\n"


def _ann(text: str) -> str:
    def t(i, role, s, e):
        return f"T{i}\t{role} {s} {e}\t{text[s:e]}\n"
    src1, cue1, con1 = (0, 9), (10, 14), (15, 30)
    con2, src2, cue2 = (32, 45), (46, 51), (52, 56)
    return (t(1, "Source", *src1) + t(2, "Cue", *cue1) + t(3, "Content", *con1)
            + "E1\tAttribution:T2 Cue:T2 Source:T1 Content:T3\n"
            + t(4, "Content", *con2) + t(5, "Source", *src2) + t(6, "Cue", *cue2)
            + "E2\tAttribution:T6 Cue:T6 Source:T5 Content:T4\n")


@pytest.fixture
def compartment(tmp_path):
    d = tmp_path / "dev"
    (d / "text").mkdir(parents=True)
    (d / "attributions").mkdir()
    (d / "text" / "a.txt").write_text(TEXT, encoding="utf-8")
    (d / "attributions" / "a_x1.ann").write_text(_ann(TEXT), encoding="utf-8")
    (d / "attributions" / "a_y2.ann").write_text("", encoding="utf-8")  # second annotator, not listed first
    (tmp_path / "metadata.tsv").write_text("compartment\tfilename\tannotators\ndev\ta\tx1|y2\n", encoding="utf-8")
    return d


def _span(s, e):
    return Span.of(TEXT, s, e)


def test_gold_is_the_first_listed_annotator(compartment):
    gold = load_gold(compartment)  # metadata.tsv found beside the compartment
    text, atts = gold["a"]
    assert len(atts) == 2
    assert [text[s:e] for s, e in atts[1]["content"]] == ["“It is over,”"]


def test_without_metadata_the_single_ann_file_is_gold(tmp_path, compartment):
    (tmp_path / "metadata.tsv").unlink()
    (compartment / "attributions" / "a_y2.ann").unlink()
    assert len(load_gold(compartment)["a"][1]) == 2


def test_not_a_polnear_directory(tmp_path):
    with pytest.raises(InputError, match="text/ and attributions/"):
        load_gold(tmp_path)


def test_perfect_and_partial_predictions(corpus, compartment, tmp_path):
    perfect = [Attribution(_span(0, 9), _span(10, 14), (_span(15, 30),)),
               Attribution(_span(46, 51), _span(52, 56), (_span(32, 45),))]
    partial = [Attribution(None, _span(10, 14), (_span(15, 31),)),  # content overlaps, source missing
               Attribution(_span(58, 65), _span(66, 68), (_span(58, 73),))]  # spurious
    for preds in (perfect, partial):
        ours = evaluate(compartment, {"a": preds})
        assert ours == reference_polnear_scores(corpus("tools"), compartment, tmp_path / "metadata.tsv", {"a": preds}, tmp_path)
    assert evaluate(compartment, {"a": perfect})["attribution_with_source"]["f1"] == 1.0
    res = evaluate(compartment, {"a": partial})
    assert res["attribution"]["f1"] == 0.5 and res["attribution_with_source"]["f1"] == 0.0
    assert "attribution_with_source" in format_report(res)


def test_agrees_with_reference_on_polnear_dev(corpus, tmp_path):
    """Gold of PolNeAR dev, damaged in several ways, scores the same under both scorers."""
    dev, meta = corpus("polnear") / "dev", corpus("polnear") / "metadata.tsv"
    gold = load_gold(dev, meta)
    preds = {}
    for k, (stem, (text, atts)) in enumerate(gold.items()):
        if k % 10 == 9:
            continue  # a document without predictions
        out = []
        for j, a in enumerate(atts):
            if j % 4 == 3:
                continue  # missed
            content = tuple(Span.of(text, s, e) for s, e in a["content"])
            if j % 5 == 1 and content:
                c = content[0]
                content = (Span.of(text, c.start, max(c.start + 1, (c.start + c.end) // 2)),) + content[1:]
            source = Span.of(text, *a["source"][0]) if a["source"] and j % 6 != 2 else None
            cue = Span.of(text, *a["cue"][0]) if a["cue"] else None
            out.append(Attribution(source, cue, content))
        preds[stem] = out
    ours = evaluate(dev, preds, metadata=meta)
    assert ours == reference_polnear_scores(corpus("tools"), dev, meta, preds, tmp_path)
    assert 0.3 < ours["attribution"]["f1"] < 1.0
