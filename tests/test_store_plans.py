"""Every combination of words and filters is answered from an index: the FTS index first when there
are words, else an index of the attribution rows in the order shown. Checked on SQLite's own plan."""
from __future__ import annotations

import itertools
import re

import pytest

from sayso.store import Store, queries
from webdata import build_db

FILTERS = {"speaker": "Witkoff", "outlet": "CNBC", "source_type": "person", "stance": "asserts",
           "date_from": "2026-01", "date_to": "2026-03", "claim": 1}
COMBOS = [dict(c) for n in range(len(FILTERS) + 1) for c in itertools.combinations(FILTERS.items(), n)]
#: A plan step that reads a whole table of attributions or articles.
SCAN = re.compile(r"^SCAN (at|ar|attributions|articles)\b")


@pytest.fixture(scope="module")
def store(tmp_path_factory):
    with Store(build_db(tmp_path_factory.mktemp("plans") / "p.db")) as s:
        yield s


def _show(plan: dict) -> str:
    return "\n".join(f"{k}: {line}" for k, lines in plan.items() for line in lines)


@pytest.mark.parametrize("few", [True, False], ids=["few-kept", "many-kept"])
@pytest.mark.parametrize("filters", COMBOS, ids=lambda f: "+".join(f) or "none")
def test_words_with_any_filters_read_the_fts_index_first(store, filters, few, monkeypatch):
    if not few:  # as when the other filters keep more than FEW rows: no row-id span
        monkeypatch.setattr(queries, "FEW", 0)
    plan = store.query_plan(text="Russians", **filters)
    for name in ("page", "count"):
        steps = [s for s in plan[name] if not s.startswith("CO-ROUTINE")]
        assert steps[0].startswith("SCAN attributions_fts VIRTUAL TABLE"), _show(plan)
        if filters and few:  # FTS5 reads only the row ids between the first and last row kept
            assert "><" in steps[0].split(":", 1)[1], _show(plan)
    if not filters:  # FTS5 gives rank order itself; with filters only the rows kept are sorted
        assert not any("TEMP B-TREE" in s for s in plan["page"]), _show(plan)
    assert not any(SCAN.match(s) for lines in plan.values() for s in lines), _show(plan)


def test_words_with_filters_give_the_same_results_with_and_without_a_span(store, monkeypatch):
    for filters in COMBOS:
        spanned = [q["id"] for q in store.quotes(text="Russians", **filters)]
        with monkeypatch.context() as m:
            m.setattr(queries, "FEW", 0)
            assert [q["id"] for q in store.quotes(text="Russians", **filters)] == spanned, filters
            assert store.count_quotes(text="Russians", **filters) == len(spanned)


@pytest.mark.parametrize("filters", COMBOS[1:], ids=lambda f: "+".join(f))
def test_filters_without_words_never_scan_the_attributions(store, filters):
    plan = store.query_plan(**filters)
    assert not any(SCAN.match(s) for lines in plan.values() for s in lines), _show(plan)


def test_the_unfiltered_list_walks_the_date_index_and_stops_at_the_page(store):
    plan = store.query_plan()
    assert re.match(r"SCAN at USING (COVERING )?INDEX attributions_newest$", plan["page"][0]), _show(plan)
    assert not any("TEMP B-TREE" in s for s in plan["page"]), _show(plan)
    # the count reads at most cap + 1 index entries
    assert store.count_quotes(cap=3) == 4 and store.count_quotes() == 8


@pytest.mark.parametrize("filters", [{}, {"stance": "asserts"}, {"source_type": "person"}, {"outlet": "CNBC"},
                                     {"date_from": "2026-01"}, {"date_to": "2026-03"}])
def test_one_filter_without_words_needs_no_sort(store, filters):
    plan = store.query_plan(**filters)
    assert not any("TEMP B-TREE" in s for s in plan["page"]), _show(plan)


def test_kept_totals_equal_a_recount_after_adds_and_deletes(tmp_path):
    import sqlite3

    from webdata import cnbc_article, kept_and_recounted, sample_report, xss_article

    path = tmp_path / "t.db"
    with Store(path) as store:
        for a in (sample_report(), cnbc_article(), xss_article()):
            store.add(a)
    conn = sqlite3.connect(path)
    conn.execute("PRAGMA foreign_keys = ON")
    conn.execute("DELETE FROM articles WHERE article_id = 'cnbc_witkoff'")  # cascades to its attributions
    conn.commit()
    conn.close()
    kept, recounted = kept_and_recounted(path)
    assert kept == recounted
    assert sum(n for what, _, n in kept["totals"] if what == "kind") == 7


CLAIM_FILTERS = [{"text": "Russians"}, {"text": "Witkoff"}, {"text": "nowhere"}, {"article": "cnbc_witkoff"},
                 {"speaker": "Witkoff"}, {"text": "Russians", "speaker": "Witkoff"}, {}]


@pytest.mark.parametrize("filters", CLAIM_FILTERS, ids=lambda f: "+".join(f"{k}={v}" for k, v in f.items()) or "none")
def test_claim_filters_give_the_same_claims_from_the_reports_or_walking_the_claims(store, filters, monkeypatch):
    from sayso.store import claim_cards

    few = ([c["id"] for c in store.claims(**filters)], store.count_claims(**filters), store.count_claims(**filters, cap=1))
    monkeypatch.setattr(claim_cards, "FEW", 0)  # as for a word or speaker in thousands of reports
    assert ([c["id"] for c in store.claims(**filters)], store.count_claims(**filters),
            store.count_claims(**filters, cap=1)) == few
    assert few[2] == min(few[1], 2)


@pytest.mark.parametrize("filters", [{"text": "Russians"}, {"article": 2}, {"speaker": 1}])
def test_claim_filters_naming_few_reports_read_their_claims_by_id(store, filters):
    from sayso.store import claim_cards

    conn = store._conn
    where, args = claim_cards._where(conn, filters.get("text"), filters.get("article"), filters.get("speaker"), 1)
    plan = [r[3] for r in conn.execute(f"EXPLAIN QUERY PLAN SELECT c.id FROM claims c WHERE {where} "
                                       "ORDER BY c.n_articles DESC, c.n_reports DESC, c.id LIMIT 20", args)]
    assert any(s.startswith("SEARCH c USING INTEGER PRIMARY KEY") for s in plan), "\n".join(plan)
    assert not any(s.startswith("SCAN c") for s in plan), "\n".join(plan)


def test_a_pool_reuses_claim_summaries_until_their_claim_changes(tmp_path, monkeypatch):
    from sayso.store import claim_cards
    from sayso.store.pool import ReadPool
    from webdata import build_db, cnbc_article, sample_report, xss_article

    built = []
    real = claim_cards.summaries
    monkeypatch.setattr(claim_cards, "summaries", lambda conn, ids: built.extend(ids) or real(conn, ids))
    path = build_db(tmp_path / "cards.db", [sample_report(), xss_article()])
    pool = ReadPool(path, size=2)
    with pool.read() as a:
        first = a.claim_summaries(limit=50)
        with pool.read() as b:  # another connection of the pool shares the summaries
            again = b.claim_summaries(limit=50)
    assert again == first and sorted(built) == sorted(c["id"] for c in first)  # built once
    with Store(path) as writer:
        writer.add(cnbc_article())
    built.clear()
    with pool.read() as a:
        after = a.claim_summaries(limit=50)
    changed = {c["id"] for c in after} - {c["id"] for c in first if c in after}
    assert len(after) > len(first) and set(built) == changed  # only the claims the write touched
    pool.close()


def test_a_warmed_pool_answers_claim_pages_without_building(tmp_path, monkeypatch):
    from sayso.store import claim_cards
    from sayso.store.pool import ReadPool
    from webdata import build_db, sample_report, xss_article

    path = build_db(tmp_path / "warm.db", [sample_report(), xss_article()])
    pool = ReadPool(path, size=2)
    pool.warm()
    assert pool.warmed.wait(30)
    monkeypatch.setattr(claim_cards, "summaries", lambda conn, ids: pytest.fail(f"built {ids} again"))
    monkeypatch.setattr(claim_cards, "details", lambda conn, i: pytest.fail(f"built charts of {i} again"))
    with pool.read() as store:
        listed = store.claim_summaries(limit=50)
        views = [store.claim_view(c["id"]) for c in listed]
    assert listed and all(v["reports_total"] == c["reports_total"] for v, c in zip(views, listed))
    pool.close()


def test_the_summary_cache_is_bounded_and_keyed_by_each_claims_stamp():
    from sayso.store.claim_cards import STALE_OK
    from sayso.store.core import CardCache

    cache = CardCache(size=2)
    built, queued = [], []
    cache.on_stale = lambda kind, ids: queued.extend(ids)

    def build(ids):
        built.extend(ids)
        return [{"id": i} for i in ids]

    stamps = {i: (i, 10, 5) for i in (1, 2, 3)}  # (id, reports, articles, ...)
    assert [c["id"] for c in cache.get("s", stamps, [1, 2, 9], build)] == [1, 2] and built == [1, 2]
    cache.get("s", stamps, [1, 2], build)
    assert built == [1, 2]  # both reused
    cache.get("s", stamps, [3], build)  # a third passes the size: the least recently used (1) goes
    cache.get("s", stamps, [2, 3], build)
    assert built == [1, 2, 3]
    cache.get("s", stamps, [1], build)
    assert built == [1, 2, 3, 1]
    cache.get("s", {**stamps, 1: (1, 11, 5)}, [1, 3], build)  # claim 1 changed: only it is built again
    assert built == [1, 2, 3, 1, 1] and queued == []
    big = {3: (3, STALE_OK + 1, 9)}  # a big claim changed: shown as it was, rebuilt in the background
    assert cache.get("s", big, [3], build) == [{"id": 3}] and built == [1, 2, 3, 1, 1] and queued == [3]
    cache.put("s", big, {3: {"id": 3, "new": True}})
    assert cache.get("s", big, [3], build) == [{"id": 3, "new": True}] and queued == [3]
    cache.on_stale = None  # no background builder: a stale summary is never shown
    assert cache.get("s", {3: (3, STALE_OK + 2, 9)}, [3], build) == [{"id": 3}] and built[-1] == 3


SUMMARY_QUERIES = {"facets": ("_FACETS", [1]), "timeline": ("_TIMELINE", [1]), "matrix": ("_MATRIX", [1]),
                   "report page": ("_REPORT_PAGE", [1, 50, 0])}


@pytest.mark.parametrize("name", SUMMARY_QUERIES)
def test_claim_summary_queries_read_one_claims_reports_by_index(store, name):
    """A summary, a chart or a page of reports reads the claim's reports through the claim index and
    every other table by key: never a scan, and a page of reports does not sort all of them."""
    from sayso.store import claim_cards

    attr, args = SUMMARY_QUERIES[name]
    sql = getattr(claim_cards, attr).format(ids="?")
    plan = [r[3] for r in store._conn.execute(f"EXPLAIN QUERY PLAN {sql}", args)]
    assert any(re.match(r"SEARCH (r|claim_reports) USING (COVERING )?INDEX claim_reports_claim \(claim_id=\?\)", s)
               for s in plan), plan
    assert not any(s.startswith("SCAN") and s != "SCAN p" for s in plan), plan  # p: the page's ids only
    if name == "report page":  # the page's ids come in index order: no sort before the LIMIT
        inner = sql[sql.index("(SELECT id") + 1:sql.index(") p")]
        steps = [r[3] for r in store._conn.execute(f"EXPLAIN QUERY PLAN {inner}", args)]
        assert steps == ["SEARCH claim_reports USING COVERING INDEX claim_reports_claim (claim_id=?)"], steps


def test_a_claims_stamp_is_one_index_seek(store):
    from sayso.store import claim_cards

    plan = [r[3] for r in store._conn.execute("EXPLAIN QUERY PLAN SELECT c.id, (SELECT max(q.id) FROM claim_reports q "
                                              "WHERE q.claim_id = c.id) FROM claims c WHERE c.id IN (?, ?)", [1, 2])]
    assert any(s.startswith("SEARCH c USING INTEGER PRIMARY KEY") for s in plan), plan
    assert any("SEARCH q USING COVERING INDEX claim_reports_claim" in s for s in plan), plan
    assert claim_cards.stamps(store._conn, [1])[1][0] == 1
