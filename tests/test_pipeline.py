"""The pipeline: long texts are parsed in pieces without losing offsets, attributions or chains."""
import pytest

from sayso.model import Article
from sayso.pipeline import Pipeline, _pieces
from sayso.settings import Settings

from conftest import SAMPLE_REPORT


def test_pieces_cover_the_text_and_cut_at_paragraphs():
    text = ("A paragraph of some words.\n\n" * 400) + "tail"
    pieces = _pieces(text, 1000)
    assert pieces[0][0] == 0 and pieces[-1][1] == len(text) and pieces[-1][2]
    assert all(a[1] == b[0] for a, b in zip(pieces, pieces[1:]))
    assert all(e - s <= 1000 for s, e, _ in pieces)
    assert all(text[e - 1] == "\n" for s, e, last in pieces if not last)
    assert _pieces("x" * 2500, 1000) == [(0, 1000, False), (1000, 2000, False), (2000, 2500, True)]


@pytest.mark.slow
def test_a_long_article_in_pieces_keeps_every_attribution_at_its_offsets(pipeline):
    report = SAMPLE_REPORT.read_text(encoding="utf-8")
    text = "\n\n".join([report] * 4)
    whole = pipeline.analyze(Article(id="r", text=report))
    chunked = Pipeline(Settings.load(chunk_chars=len(report) + 10))
    chunked.nlp = pipeline.nlp
    result = chunked.analyze(Article(id="long", text=text))
    atts = result.attributions
    assert len(atts) == 4 * len(whole.attributions)
    for att in atts:
        spans = [att.source, att.cue, *att.content]
        spans += list(att.speaker.mentions) if att.speaker else []
        spans += list(att.stance.triggers) if att.stance else []
        for sp in filter(None, spans):
            assert text[sp.start:sp.end] == sp.text
        assert att.via is None or 0 <= att.via < len(atts)
    hope = [a for a in atts if any("Let’s hope they are not" in c.text for c in a.content)]
    assert len(hope) == 4 and {a.speaker.name for a in hope} == {"Steve Witkoff"}
    # chains stay inside their own copy of the report
    n = len(whole.attributions)
    assert [a.via for a in atts[n:2 * n]] == [None if v is None else v + n for v in (a.via for a in atts[:n])]
