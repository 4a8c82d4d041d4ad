"""Finding what was said: full text, speakers across articles, outlets, dates, types and stances."""
from __future__ import annotations

import pytest

from sayso.errors import NotFound, SaysoError
from sayso.store import Store
from sayso.store.queries import fts_query
from test_store import article_a, article_b, article_c


@pytest.fixture(scope="module")
def store(tmp_path_factory):
    with Store(tmp_path_factory.mktemp("search") / "sayso.db") as s:
        for make in (article_a, article_b, article_c):
            s.add(make())
        yield s


def contents(rows) -> list[str]:
    return [r["content"] for r in rows]


def test_text_search_ranks_matches_and_marks_them_in_a_snippet(store):
    rows = store.quotes(text="intelligence")
    assert rows and all("intelligence" in (r["content"] + r["source"]).lower() for r in rows)
    assert rows[0]["snippet"] == "the Russians assured them they were not passing [intelligence]"
    assert rows[0]["article_key"] == "a" and rows[0]["article_outlet"] == "CNBC"
    marked = store.quotes(text="hope", marks=("<mark>", "</mark>"))
    assert [r["snippet"] for r in marked] == ["Let's <mark>hope</mark> they are not"]


def test_every_word_of_a_query_must_match_and_prefixes_work(store):
    assert contents(store.quotes(text="talks Riyadh")) == ["talks would resume next week in Riyadh"]
    assert store.quotes(text="talks Moscow") == []
    assert contents(store.quotes(text="relev*")) == ['the countries … "have no relevance."']


@pytest.mark.parametrize("query", [
    '"', "'", "O'Brien's", "NEAR AND OR", "-not", "a:b", "(", ")", "*", '"unclosed', "^start",
    "content:hope", "NOT", "hope OR", "AND", "{x}", "💥", "Robert'); DROP TABLE attributions;--",
])
def test_user_text_with_quotes_and_operators_never_breaks_search(store, query):
    rows = store.quotes(text=query)
    assert store.count_quotes(text=query) == len(rows)
    assert store.stats()["attributions"] == 9


def test_operators_in_a_query_are_searched_as_words(store):
    assert store.quotes(text="O'Brien's")[0]["source"] == "The senator"
    assert store.quotes(text='"NEAR AND OR -not"')[0]["source"] == "The senator"


@pytest.mark.parametrize("empty", ["", "   ", '"', "*", None])
def test_an_empty_query_lists_everything_newest_first(store, empty):
    rows = store.quotes(text=empty)
    assert len(rows) == store.count_quotes() == 9
    assert [r["article_key"] for r in rows] == ["b"] * 3 + ["a"] * 4 + ["c"] * 2
    assert all(r["snippet"] is None for r in rows)
    assert fts_query(empty) is None


def test_speaker_surname_finds_every_statement_in_every_article(store):
    rows = store.quotes(speaker="Witkoff")
    assert sorted(r["article_key"] for r in rows) == ["a", "a", "b"]
    assert {r["speaker_name"] for r in rows} == {"Steve Witkoff"}
    assert store.count_quotes(speaker="steve witkoff") == store.count_quotes(speaker="WITKOFF") == 3
    assert store.quotes(speaker="Witk") == []  # whole words, not fragments
    (witkoff,) = store.speakers(name="Witkoff")
    assert witkoff["n_quotes"] == 3 and witkoff["n_articles"] == 2
    assert witkoff["outlets"] == ["CNBC", "Washington Post"]
    assert "Witkoff" in witkoff["aliases"]
    assert witkoff["descriptions"] == ["special envoy", "U.S."]
    assert {"kind": "role", "text": "special envoy", "n": 1} in witkoff["description_details"]


def test_anonymous_sources_stay_separate_across_articles(store):
    anonymous = store.speakers(type="anonymous")
    assert [(s["name"], s["n_articles"]) for s in anonymous] == [("three officials", 1)] * 2
    assert store.count_quotes(source_type="anonymous") == 2


def test_unresolved_sources_are_found_by_their_source_text(store):
    (row,) = store.quotes(speaker="senator")
    assert row["speaker_id"] is None and row["speaker_type"] == "unknown" and row["source"] == "The senator"


def test_filters_by_outlet_date_type_stance_and_article_combine(store):
    assert {r["article_key"] for r in store.quotes(outlet="cnbc")} == {"a", "c"}  # "cnbc" and "CNBC" are one
    assert {r["article_key"] for r in store.quotes(date_from="2025-03-06")} == {"b"}
    assert {r["article_key"] for r in store.quotes(date_to="2025-03-05")} == {"a", "c"}
    assert {r["article_key"] for r in store.quotes(date_from="2025", date_to="2025-03")} == {"a", "b"}
    assert contents(store.quotes(stance="denies")) == ["the report"]
    assert [r["speaker_name"] for r in store.quotes(source_type="government")] == ["Russia"]
    assert store.count_quotes(article="b", stance="asserts") == 1
    assert store.count_quotes(outlet="CNBC", text="hope", speaker="Witkoff") == 1
    assert store.quotes(outlet="x' OR 1=1 --") == []


def test_pages_do_not_overlap(store):
    first, second = store.quotes(limit=5), store.quotes(limit=5, offset=5)
    assert len(first) == 5 and len(second) == 4
    assert not {r["id"] for r in first} & {r["id"] for r in second}


@pytest.mark.parametrize("bad", [
    {"stance": "shouts"}, {"source_type": "alien"}, {"date_from": "March"}, {"limit": -1},
])
def test_bad_filters_get_a_clear_error(store, bad):
    with pytest.raises(SaysoError):
        store.quotes(**bad)


def test_speaker_page_has_statements_across_articles_newest_first(store):
    w = store.speaker("Witkoff")
    assert w["name"] == "Steve Witkoff" and w["type"] == "person"
    assert [s["article_date"] for s in w["statements"]] == ["2025-03-07", "2025-03-05", "2025-03-05"]
    assert store.speaker(w["id"])["name"] == "Steve Witkoff"
    assert store.speaker("the Kremlin")["name"] == "Russia"  # an alias
    with pytest.raises(NotFound):
        store.speaker("Nobody Atall")
    with pytest.raises(SaysoError, match="ambiguous"):
        store.speaker("officials")


def test_outlets_show_articles_top_speakers_and_anonymous_share(store):
    assert [(o["name"], o["n_articles"]) for o in store.outlets()] == [("CNBC", 2), ("Washington Post", 1)]
    cnbc = store.outlet("cnbc")
    assert [a["key"] for a in cnbc["articles"]] == ["a", "c"]
    assert cnbc["top_speakers"][0]["name"] == "Steve Witkoff" and cnbc["top_speakers"][0]["n_quotes"] == 2
    assert cnbc["n_quotes"] == 6 and cnbc["anonymous_share"] == round(1 / 6, 4)
    with pytest.raises(NotFound):
        store.outlet("Nowhere Times")


def test_stats_count_everything_by_type_stance_and_kind(store):
    s = store.stats()
    assert (s["articles"], s["attributions"], s["outlets"]) == (3, 9, 2)
    assert s["speakers"] == 5  # Witkoff, Russia, Hegseth and two groups of anonymous officials
    assert s["by_source_type"] == {"person": 3 + 1, "anonymous": 2, "unknown": 2, "government": 1}
    assert s["by_kind"] == {"indirect": 7, "direct": 1, "mixed": 1}
    assert s["by_stance"]["asserts"] == 3 and s["by_stance"]["none"] == 2


def test_articles_can_be_listed_and_searched(store):
    assert [a["key"] for a in store.articles()] == ["b", "a", "c"]
    assert [a["key"] for a in store.articles(text="Kremlin")] == ["a"]
    assert store.articles(text="Riyadh")[0]["n_quotes"] == 3


def test_counts_match_the_unpaged_listings(store):
    """count_articles / count_speakers give the totals the API pages report."""
    assert store.count_articles() == len(store.articles(limit=10_000))
    assert store.count_speakers() == len(store.speakers(limit=10_000))
    for t in ("person", "anonymous"):
        assert store.count_speakers(type=t) == len(store.speakers(type=t, limit=10_000))
    assert store.count_articles(text="zzzz-no-such-word") == 0
