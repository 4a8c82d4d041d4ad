"""Every combination of words and filters is answered from an index: the FTS index first when there
are words, else an index of the attribution rows in the order shown. Checked on SQLite's own plan."""
from __future__ import annotations

import itertools
import re

import pytest

from sayso.store import Store
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


@pytest.mark.parametrize("filters", COMBOS, ids=lambda f: "+".join(f) or "none")
def test_words_with_any_filters_read_the_fts_index_first(store, filters):
    plan = store.query_plan(text="Russians", **filters)
    for name in ("page", "count"):
        steps = [s for s in plan[name] if not s.startswith("CO-ROUTINE")]
        assert steps[0].startswith("SCAN attributions_fts VIRTUAL TABLE"), _show(plan)
    assert not any("TEMP B-TREE" in s for s in plan["page"]), _show(plan)  # FTS5 gives rank order itself
    assert not any(SCAN.match(s) for lines in plan.values() for s in lines), _show(plan)


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
