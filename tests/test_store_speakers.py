"""One speaker row per real-world source, whatever order the articles arrive in."""
from __future__ import annotations

import pytest

from sayso.model import AnalyzedArticle, Article, Attribution, Span, Speaker
from sayso.store import Store
from sayso.store.speakers import normalise
from test_store import article_a, article_b


def said(id: str, name: str, type: str = "person") -> AnalyzedArticle:
    """A one-line article in which ``name`` says something."""
    text = f"{name} said it was {id}."
    src, cue = Span.of(text, 0, len(name)), Span.of(text, len(name) + 1, len(name) + 5)
    content = Span.of(text, len(name) + 6, len(text) - 1)
    speaker = Speaker(name, type, mentions=(src,))
    return AnalyzedArticle(Article(id=id, text=text), (Attribution(src, cue, (content,), speaker=speaker),))


@pytest.mark.parametrize("order", [(article_a, article_b), (article_b, article_a)])
def test_surname_and_full_name_are_one_speaker_in_either_order(tmp_path, order):
    with Store(tmp_path / "s.db") as store:
        for make in order:
            store.add(make())
        (w,) = store.speakers(name="Witkoff")
        assert w["name"] == "Steve Witkoff" and w["n_quotes"] == 3
        assert store.count_quotes(speaker="Steve Witkoff") == 3


def test_a_surname_shared_by_two_people_joins_neither(tmp_path):
    with Store(tmp_path / "s.db") as store:
        for n, name in enumerate(["John Smith", "Jane Smith", "Smith"]):
            store.add(said(f"x{n}", name))
        assert sorted(s["name"] for s in store.speakers()) == ["Jane Smith", "John Smith", "Smith"]
        assert store.count_quotes(speaker="Smith") == 3
        assert store.count_quotes(speaker="Jane Smith") == 1


def test_names_match_whatever_their_case_spacing_or_leading_article(tmp_path):
    with Store(tmp_path / "s.db") as store:
        store.add(said("one", "The  Kremlin", "government"))
        store.add(said("two", "the kremlin", "government"))
        (k,) = store.speakers()
        assert k["n_articles"] == 2
    assert normalise("  The U.S.  State’s Department ") == "u.s. state's department"


def test_two_store_objects_on_one_file_share_the_record(tmp_path):
    with Store(tmp_path / "s.db") as one, Store(tmp_path / "s.db") as two:
        assert one.add(article_a()) == ("a", True)
        assert two.add(article_a()) == ("a", False)
        assert two.add(article_b())[1] and one.stats()["articles"] == 2


def test_the_group_a_speaker_speaks_for_is_kept(tmp_path):
    text = "Rep. Dana Rohrabacher, R-Calif., said it was off base."
    src, cue = Span.of(text, 0, 32), Span.of(text, 34, 38)
    speaker = Speaker("Dana Rohrabacher", "person", mentions=(src,), group="Republican lawmakers")
    art = AnalyzedArticle(Article(id="g", text=text),
                          (Attribution(src, cue, (Span.of(text, 39, 53),), speaker=speaker),))
    with Store(tmp_path / "s.db") as store:
        store.add(art)
        (s,) = store.speakers()
        details = store.speaker(s["id"])["description_details"]
        assert {"kind": "group", "text": "Republican lawmakers", "n": 1} in details
