"""The benchmark record builder (``store.bulk.replicate``): copies make a sound sayso store whose kept
totals, claims and indexes are what storing every copy one by one would give."""
from __future__ import annotations

import sqlite3

import numpy as np
import pytest

from sayso.store import Store, bulk, queries
from webdata import build_db, kept_and_recounted

COPIES, STORY = 5, 2


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    path = build_db(tmp_path_factory.mktemp("bulk") / "b.db")
    conn = sqlite3.connect(path)
    base = {t: conn.execute(f"SELECT count(*) FROM {t}").fetchone()[0]
            for t in ("articles", "attributions", "spans", "claims", "claim_reports")}
    base_sums = {r[0]: (np.frombuffer(r[1], dtype=np.float32), r[2])
                 for r in conn.execute("SELECT id, vector_sum, n_vectors FROM claims")}
    conn.close()
    totals = bulk.replicate(path, COPIES, story=STORY, on_step=lambda name: None)
    return path, base, base_sums, totals


def test_every_row_is_copied_and_the_file_is_sound(built):
    path, base, _, totals = built
    assert totals["articles"] == base["articles"] * (COPIES + 1)
    assert totals["attributions"] == base["attributions"] * (COPIES + 1)
    assert totals["claim_reports"] == base["claim_reports"] * (COPIES + 1)
    stories = -(-(COPIES + 1) // STORY)
    assert totals["claims"] == base["claims"] * stories  # one set of claims per story
    conn = sqlite3.connect(path)
    assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    assert conn.execute("PRAGMA foreign_key_check").fetchall() == []
    assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    for fts in ("attributions_fts", "articles_fts"):
        conn.execute(f"INSERT INTO {fts} ({fts}) VALUES ('integrity-check')")  # raises when unsound
    # the indexes and triggers are back, as the migrations made them
    assert {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'trigger'")} >= {
        "attributions_counted", "attributions_added", "articles_added", "claim_reports_deleted", "attributions_faceted"}
    # every copy's search facets are its own (its date differs from its article's)
    assert conn.execute("SELECT count(*) FROM attributions at JOIN attributions_fts f ON f.rowid = at.id "
                        f"WHERE f.facets IS ({queries.facets_sql('at')})").fetchone()[0] == totals["attributions"]
    conn.close()


def test_kept_totals_and_claim_counts_equal_a_recount(built):
    kept, recounted = kept_and_recounted(built[0])
    assert kept == recounted


def test_copies_of_one_story_are_wire_copies_reporting_the_same_claims(built):
    path, _, base_sums, _ = built
    conn = sqlite3.connect(path)
    # every copy is a copy of the first article of its story (or is that first article)
    rows = conn.execute("SELECT s.article_id, s.copy_of, a.key, c.key FROM article_signatures s "
                        "JOIN articles a ON a.id = s.article_id LEFT JOIN articles c ON c.id = s.copy_of").fetchall()
    firsts = [r for r in rows if r[1] is None]
    assert firsts and all(r[3].split("~")[0] == r[2].split("~")[0] for r in rows if r[1] is not None)
    # a claim's centroid is its base claim's: the vector sum grows with the copies it counts
    for cid, blob, n_vectors in conn.execute("SELECT id, vector_sum, n_vectors FROM claims"):
        base_vec, base_n = base_sums[(cid - 1) % len(base_sums) + 1]
        assert np.allclose(np.frombuffer(blob, dtype=np.float32) / n_vectors, base_vec / base_n, atol=1e-6)
    conn.close()


def test_the_copies_are_served_like_stored_articles(built):
    path = built[0]
    with Store(path, readonly=True) as store:
        found = store.quotes(text="Russians", limit=100)
        assert len({q["article_key"] for q in found}) == COPIES + 1  # the base article and each copy
        assert len(found) % (COPIES + 1) == 0
        dates = sorted({q["article_date"] for q in store.quotes(limit=100)})
        assert len(dates) > COPIES  # each copy moved back by a week
        cards = store.claims(limit=5)
        assert cards and len(cards[0]["articles"]) == STORY  # a story's copies report its claims
        assert store.count_quotes(stance="asserts") == store.stats()["by_stance"]["asserts"]
