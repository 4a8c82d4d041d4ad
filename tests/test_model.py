"""The data model: spans carry their text, dicts follow the output contract."""
import pytest

from sayso.model import AnalyzedArticle, Article, Attribution, Span, Speaker, Stance

TEXT = "“We will win,” the senator said on Monday."


def test_span_of_carries_the_text_at_its_offsets():
    s = Span.of(TEXT, 15, 26)
    assert s.text == "the senator" == TEXT[s.start:s.end]


def test_span_outside_the_text_is_refused():
    with pytest.raises(ValueError, match="outside"):
        Span.of(TEXT, 10, 500)


def test_content_hash_is_identity_of_the_text():
    a = Article(id="a", text=TEXT, title="x")
    b = Article(id="b", text=TEXT, title="other title")
    c = Article(id="a", text=TEXT + " ")
    assert a.content_hash == b.content_hash != c.content_hash
    assert len(a.content_hash) == 64


def test_analyzed_article_dict_has_the_contract_fields():
    att = Attribution(source=Span.of(TEXT, 15, 26), cue=Span.of(TEXT, 27, 31),
                      content=(Span.of(TEXT, 1, 12),), kind="direct", confidence=0.91234,
                      speaker=Speaker(name="Jane Doe", type="person"),
                      stance=Stance(label="asserts", triggers=(Span.of(TEXT, 27, 31),)))
    d = AnalyzedArticle(Article(id="a", text=TEXT, credits=("CNBC",)), (att,)).to_dict()
    assert {"id", "path", "title", "date", "outlet", "credits", "attributions"} <= d.keys()
    a = d["attributions"][0]
    assert a["source"] == {"start": 15, "end": 26, "text": "the senator"}
    assert a["content"][0]["text"] == "We will win"
    assert a["confidence"] == 0.9123
    assert a["speaker"]["name"] == "Jane Doe"
    assert a["stance"]["triggers"][0]["text"] == "said"
    assert d["credits"] == ["CNBC"]
