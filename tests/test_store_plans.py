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


#: How words with filters run: "ranked", facets in the FTS query, the selective ones scored with the
#: words; "kept", facets in the FTS query, none scored (as broad facets in a big store: the page is
#: scored on the words and keeps the rows that match every facet); "sql", filters checked in SQL.
MODES = {"ranked": {}, "kept": {"FACET_COST": 0.0}, "sql": {"FACETS": False}}
#: "scored": as "kept", but counting the walk finds it dearer than scoring every facet, which it
#: then does; "complement": every stance, type and outlet asked as NOT the other values.
OTHER_MODES = {"scored": {"FACET_COST": 1e9, "_rows": lambda conn: 0}, "complement": {"COMPLEMENT": -1.0}}
#: A plan step that reads attribution or article rows (the facets paths read the FTS index only).
ROWS = re.compile(r"^(SCAN|SEARCH) (at|ar|attributions|articles)\b")


@pytest.mark.parametrize("mode", MODES)
@pytest.mark.parametrize("few", [True, False], ids=["few-kept", "many-kept"])
@pytest.mark.parametrize("filters", COMBOS, ids=lambda f: "+".join(f) or "none")
def test_words_with_any_filters_read_the_fts_index_first(store, filters, few, mode, monkeypatch):
    for name, value in MODES[mode].items():
        monkeypatch.setattr(queries, name, value)
    if not few:  # as when the other filters keep more than FEW rows: no row-id span
        monkeypatch.setattr(queries, "FEW", 0)
    plan = store.query_plan(text="Russians", **filters)
    in_sql = [k for k in filters if k == "claim" or mode == "sql"]  # the others are facets in the FTS query
    for name in ("page", "count"):
        steps = [s for s in plan[name] if not s.startswith("CO-ROUTINE")]
        assert steps[0].startswith("SCAN attributions_fts VIRTUAL TABLE"), _show(plan)
        if in_sql and few:  # FTS5 reads only the row ids between the first and last row kept
            assert "><" in steps[0].split(":", 1)[1], _show(plan)
        if not in_sql:  # words and facets: the FTS index alone, no attribution row read
            assert not any(ROWS.match(s) for s in steps), _show(plan)
    if not in_sql and not any("SUBQUERY" in s for s in plan["page"]):  # FTS5 gives rank order itself
        assert not any("TEMP B-TREE" in s for s in plan["page"]), _show(plan)
    if mode == "kept" and filters and not in_sql:  # scored on the words, kept when every facet matches
        assert any(re.match(r"SCAN k VIRTUAL TABLE", s) for s in plan["page"]), _show(plan)
    assert not any(SCAN.match(s) for lines in plan.values() for s in lines), _show(plan)


#: More values of each filter than FILTERS: speakers by id and by a name nobody has, an unknown
#: outlet, single days, open and odd date bounds (month 00 and 13, day 31 of a short month).
MORE = [{"speaker": 1}, {"speaker": "Nobody Atall"}, {"outlet": "Nowhere"}, {"outlet": "cnbc"},
        {"source_type": "government"}, {"stance": "denies"}, {"date_from": "2026"}, {"date_to": "2026-01-15"},
        {"date_from": "2026-03-11", "date_to": "2026-03-11"}, {"date_from": "2026-02-20"}, {"date_from": "2025-13"}, {"date_to": "2026-00"},
        {"date_from": "2026-02-31"}, {"date_from": "2027"}, {"date_to": "1999"}, {"date_from": "2026-02-00"}]


@pytest.mark.parametrize("mode", ["ranked", "kept", "scored", "complement"])
@pytest.mark.parametrize("words", ["Russians", "the", "they", "nowhere"])
def test_facets_give_what_the_sql_filters_give(store, words, mode, monkeypatch):
    for name, value in {**MODES, **OTHER_MODES}[mode].items():
        monkeypatch.setattr(queries, name, value)
    for filters in [*COMBOS, *MORE]:
        with monkeypatch.context() as m:
            m.setattr(queries, "FACETS", False)
            want = ([q["id"] for q in store.quotes(text=words, **filters)], store.count_quotes(text=words, **filters))
        got = [q["id"] for q in store.quotes(text=words, **filters)], store.count_quotes(text=words, **filters)
        assert got == want, filters
        rows, total = store.quotes_and_count(text=words, **filters, cap=2)
        assert ([q["id"] for q in rows], total) == (want[0], min(want[1], 3)), filters
        assert [q["id"] for q in store.quotes(text=words, **filters, limit=2, offset=1)] == want[0][1:3], filters


def _days(first: str, last: str):
    import datetime

    day, end = datetime.date.fromisoformat(first), datetime.date.fromisoformat(last)
    while day <= end:
        yield day
        day += datetime.timedelta(days=1)


@pytest.mark.parametrize("bounds", [("2016", "2016"), ("2016-03", "2016-03"), ("2015-12-30", "2017-01-02"),
                                    ("2016-02-15", None), (None, "2016-05-03"), ("2016-00", "2016-13"),
                                    ("2016-02-30", "2016-02-31"), ("2016-04-00", "2016-04-31"), ("2017", "2016"),
                                    ("2016-01-31", "2016-03")])
def test_date_facets_cover_exactly_the_days_the_sql_filter_keeps(bounds):
    import datetime

    lo, hi = bounds
    first, last = datetime.date(2015, 11, 1), datetime.date(2017, 3, 31)
    lo_d = max(queries._first_day(lo) if lo else datetime.date.min, first)
    hi_d = min(queries._last_day(hi) if hi else datetime.date.max, last)
    terms = set(queries._cover(lo_d, hi_d))
    covered = {d for d in _days(str(first), str(last))
               if {f"zy{d.year}", f"zm{d:%Y%m}", f"zd{d:%Y%m%d}"} & terms}
    kept = {d for d in _days(str(first), str(last))
            if (lo is None or d.isoformat() >= lo) and (hi is None or d.isoformat() <= hi + "~")}
    assert covered == kept
    assert len(terms) <= 2 * 30 + 2 * 11 + 2  # whole years and months are one term each


def test_the_facets_column_follows_every_change_of_a_row(tmp_path):
    """Facets are written with the row, kept by a trigger when its speaker, stance, type, outlet or
    date changes, rebuilt by migration 0005 on an older store, and equal a recomputation."""
    import sqlite3

    from webdata import cnbc_article, sample_report, xss_article

    def out_of_sync(path) -> int:
        conn = sqlite3.connect(path)
        n = conn.execute("SELECT count(*) FROM attributions at LEFT JOIN attributions_fts f ON f.rowid = at.id "
                         f"WHERE f.facets IS NOT ({queries.facets_sql('at')})").fetchone()[0]
        assert conn.execute("SELECT count(*) FROM attributions").fetchone() == \
            conn.execute("SELECT count(*) FROM attributions_fts").fetchone()
        conn.close()
        return n

    path = build_db(tmp_path / "f.db", [sample_report(), cnbc_article()])
    assert out_of_sync(path) == 0
    conn = sqlite3.connect(path)
    sid = conn.execute("SELECT speaker_id FROM attributions WHERE speaker_id IS NOT NULL LIMIT 1").fetchone()[0]
    conn.execute("UPDATE attributions SET speaker_id = ?, stance = 'denies' WHERE id = 1", [sid])  # a relink
    conn.execute("UPDATE attributions SET speaker_id = NULL, speaker_type = 'media' WHERE id = 2")
    conn.execute("UPDATE attributions SET article_date = '2016-02-30', outlet_id = NULL WHERE id = 3")  # not a day
    conn.execute("UPDATE attributions SET article_date = NULL, stance = NULL WHERE id = 4")
    conn.commit()
    facets_kept = dict(conn.execute("SELECT rowid, facets FROM attributions_fts WHERE rowid <= 4"))
    # a stance no facet can name exactly ("Asserts" is the token zsasserts): stance filters go to SQL
    conn.execute("UPDATE attributions SET stance = 'Asserts' WHERE id = 5")
    conn.execute("INSERT INTO attribution_totals (what, value, n) VALUES ('stance', 'Asserts', 1)")
    conn.commit()
    facets = facets_kept
    conn.close()
    assert out_of_sync(path) == 0
    assert f"zp{sid}" in facets[1] and "zsdenies" in facets[1] and "zpnull" in facets[2] and "ztmedia" in facets[2]
    assert "zdx" in facets[3] and "zonone" in facets[3] and "zy" not in facets[4] and "zsnone" in facets[4]
    with Store(path) as s, pytest.MonkeyPatch.context() as m:  # rows without stance, outlet, speaker or date
        for words, filters in itertools.product(["the", "Russians", "Witkoff"], [*COMBOS, *MORE]):
            m.setattr(queries, "FACETS", False)
            want = [q["id"] for q in s.quotes(text=words, **filters)], s.count_quotes(text=words, **filters)
            for mode in ("ranked", "complement"):
                m.setattr(queries, "FACETS", True)
                for name, value in {**MODES, **OTHER_MODES}[mode].items():
                    m.setattr(queries, name, value)
                assert ([q["id"] for q in s.quotes(text=words, **filters)],
                        s.count_quotes(text=words, **filters)) == want, (words, filters, mode)
    with Store(path) as s:
        assert s.quotes(text="Russians", date_from="2016")  # a date facets cannot say: filtered in SQL
        s.replace(sample_report())  # re-analysis
        s.add(xss_article())
    assert out_of_sync(path) == 0
    conn = sqlite3.connect(path)  # the layout before migration 0005: three columns, no facets, no trigger
    conn.executescript("""
        DROP TRIGGER attributions_faceted;
        DROP VIEW attribution_facets;
        CREATE VIRTUAL TABLE old_fts USING fts5(content, source, speaker, tokenize = 'unicode61 remove_diacritics 2');
        INSERT INTO old_fts (rowid, content, source, speaker) SELECT rowid, content, source, speaker FROM attributions_fts;
        DROP TABLE attributions_fts;
        ALTER TABLE old_fts RENAME TO attributions_fts;
        DELETE FROM migrations WHERE name LIKE '0005%';
        PRAGMA user_version = 4;""")
    conn.close()
    with Store(path) as s:
        assert any(m["name"].startswith("0005") for m in s.migrations())
    assert out_of_sync(path) == 0


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


@pytest.mark.parametrize("words", ["zsasserts", "ztperson", "zo1", "ZY2026", "žm202603", "ｚｄ20260311", "zpnull*"])
def test_users_words_never_match_the_facet_tokens(store, words):
    assert store.quotes(text=words) == [] and store.count_quotes(text=words) == 0
    assert store.quotes_and_count(text=words, stance="asserts") == ([], 0)
