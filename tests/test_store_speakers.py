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


# -- order independence ---------------------------------------------------------------------------

def _record(store: Store) -> tuple[list, dict]:
    """What must not depend on arrival order: the speaker list, and who each attribution is credited to."""
    import json

    speakers = [json.dumps(s, sort_keys=True) for s in store.speakers(limit=10_000)]
    credited = {}
    for a in store.articles(limit=10_000):
        for att in store.article(a["key"])["attributions"]:
            sp = att["speaker"]
            credited[(a["key"], att["index"])] = (sp["id"], sp["name"]) if sp else None
    return speakers, credited


ORDER_CASES = [said("a1", "Cruz"), said("a2", "Jeb Bush and Ted Cruz"), said("a3", "Ted Cruz"),
               said("a4", "-President Obama"), said("a5", "Obama"), said("a6", "the GOP front-runner", "unknown"),
               said("a7", "The GOP front-runner", "unknown"), said("a8", "Smith"), said("a9", "John Smith"),
               said("a10", "Jane Smith"), said("a11", "Smith")]


@pytest.mark.parametrize("seed", range(6))
def test_the_same_articles_in_any_order_give_the_same_speakers(tmp_path, seed):
    import random

    with Store(tmp_path / "first.db") as store:
        for a in ORDER_CASES:
            store.add(a)
        expected = _record(store)
    shuffled = list(ORDER_CASES)
    random.Random(seed).shuffle(shuffled)
    with Store(tmp_path / "other.db") as store:
        for a in shuffled:
            store.add(a)
        assert _record(store) == expected


def test_names_are_clean_one_row_per_descriptor_and_never_two_people(tmp_path):
    with Store(tmp_path / "s.db") as store:
        for a in ORDER_CASES:
            store.add(a)
        names = sorted(s["name"] for s in store.speakers(limit=100))
        assert names == ["GOP front-runner", "Jane Smith", "John Smith", "President Obama", "Smith", "Ted Cruz"] \
            or names == ["Jane Smith", "John Smith", "President Obama", "Smith", "Ted Cruz", "The GOP front-runner"]
        assert not any(n[0] in "-\"'“(" for n in names)
        (gop,) = store.speakers(name="GOP front-runner")
        assert gop["n_quotes"] == 2 and gop["name"] == "The GOP front-runner"
        (cruz,) = store.speakers(name="Cruz")
        assert cruz["name"] == "Ted Cruz" and cruz["n_quotes"] == 2  # "Cruz" and "Ted Cruz"; not the pair
        (pair,) = store.quotes(text="a2")
        assert pair["speaker_id"] is None and pair["source"] == "Jeb Bush and Ted Cruz"
        assert store.speakers(name="Smith", limit=10)[0]["name"] == "Smith"  # two Smiths: joins neither


@pytest.mark.slow
def test_a_corpus_stored_in_two_orders_gives_identical_speakers(tmp_path, shared, pipeline):
    from sayso.ingest import read_paths

    texts = sorted((shared / "data" / "polnear" / "dev" / "text").iterdir())[:30]
    analyzed = list(pipeline.analyze_many(a for a in read_paths([str(p) for p in texts]) if not isinstance(a, Exception)))
    records = []
    for name, order in (("forward", analyzed), ("reverse", analyzed[::-1])):
        with Store(tmp_path / f"{name}.db") as store:
            for a in order:
                store.add(a)
            records.append(_record(store))
    assert len(records[0][0]) > 50
    assert records[0] == records[1]
