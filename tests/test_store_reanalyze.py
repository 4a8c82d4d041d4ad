"""Re-analysis replaces an article's attributions in place: same row and key, no orphan speakers."""
from __future__ import annotations

import sqlite3
from dataclasses import replace

from test_store import article_a, article_b, article_c

from sayso.model import AnalyzedArticle
from sayso.store import Store


def counts(db) -> dict:
    c = sqlite3.connect(db)
    q = lambda sql: c.execute(sql).fetchone()[0]  # noqa: E731
    out = {
        "orphan_speakers": q("SELECT count(*) FROM speakers s WHERE NOT EXISTS "
                             "(SELECT 1 FROM attributions a WHERE a.speaker_id = s.id)"),
        "fts_rows": q("SELECT count(*) FROM attributions_fts"),
        "attributions": q("SELECT count(*) FROM attributions"),
        "orphan_spans": q("SELECT count(*) FROM spans WHERE attribution_id NOT IN (SELECT id FROM attributions)"),
        "speakers": q("SELECT count(*) FROM speakers"),
        # every description count equals the attributions that carry it
        "bad_descriptions": q(
            "SELECT count(*) FROM speaker_descriptions d WHERE n != (SELECT count(*) FROM attributions a "
            "WHERE a.speaker_id = d.speaker_id AND ((d.kind = 'role' AND a.speaker_role IS NOT NULL) "
            "OR (d.kind = 'affiliation' AND a.speaker_affiliation IS NOT NULL) "
            "OR (d.kind = 'descriptor' AND a.speaker_descriptor IS NOT NULL) "
            "OR (d.kind = 'group' AND a.speaker_group IS NOT NULL)))"),
    }
    c.close()
    return out


def test_replacing_with_the_same_analysis_gives_the_same_record(tmp_path):
    db = tmp_path / "r.db"
    with Store(db) as store:
        for a in (article_a(), article_b(), article_c()):
            store.add(a)
        before = (store.quotes(limit=100), store.stats(), store.speakers(limit=100), store.article("a"))
        key, created = store.replace(article_a())
        assert (key, created) == ("a", False)
        after = (store.quotes(limit=100), store.stats(), store.speakers(limit=100), store.article("a"))
    strip = lambda rows: [{k: v for k, v in r.items() if k not in ("id", "speaker_id")} for r in rows]  # noqa: E731
    assert strip(after[0]) == strip(before[0])
    assert after[1] == before[1]
    assert after[3]["text"] == before[3]["text"] and after[3]["id"] == before[3]["id"]
    assert counts(db)["orphan_speakers"] == 0 and counts(db)["bad_descriptions"] == 0


def test_a_new_analysis_replaces_the_old_one_and_leaves_no_orphans(tmp_path):
    db = tmp_path / "r.db"
    with Store(db) as store:
        for a in (article_a(), article_b(), article_c()):
            store.add(a)
        row_before = store.article("a")
        # the new model finds only the Kremlin's denial in article a
        old = article_a()
        store.replace(AnalyzedArticle(old.article, old.attributions[3:]))
        row_after = store.article("a")
        assert row_after["key"] == "a" and row_after["id"] == row_before["id"]
        assert len(row_after["attributions"]) == 1
        names = {s["name"] for s in store.speakers(limit=100)}
        assert "Steve Witkoff" in names  # still cited by article b (as "Witkoff")
        assert store.count_quotes(speaker="Witkoff") == 1  # only b's now
        assert store.count_quotes(text="intelligence") == 0  # the old attributions left the index
        assert store.integrity_check() == "ok"
    c = counts(db)
    assert c == {**c, "orphan_speakers": 0, "orphan_spans": 0, "bad_descriptions": 0}
    assert c["fts_rows"] == c["attributions"] == 1 + 3 + 2


def test_replace_adds_an_article_not_stored_yet(tmp_path):
    with Store(tmp_path / "r.db") as store:
        key, created = store.replace(article_c())
        assert created and store.stats()["articles"] == 1
        assert [a.id for a in store.stored_articles(page=1)] == ["c"]


def test_stored_articles_read_back_as_they_were_read(tmp_path):
    with Store(tmp_path / "r.db") as store:
        for a in (article_a(), article_b(), article_c(url="https://x.example/c", path="c.txt", format="text")):
            store.add(a)
        got = list(store.stored_articles(page=2))
    assert got == [article_a().article, article_b().article,
                   # outlets are one row per name whatever the case: "cnbc" is the CNBC stored first
                   replace(article_c().article, url="https://x.example/c", path="c.txt", format="text",
                           outlet="CNBC")]


def claim_reports(store) -> list[tuple]:
    """(article, attribution index or -1 for the headline, stance) of every claim report."""
    cards = store.claims(limit=100)
    return sorted((r["article"], -1 if r.get("attribution") is None else r["attribution"], r["stance"])
                  for c in cards for r in c["reports"])


def test_re_analysis_redoes_the_claim_reports_of_the_article(tmp_path):
    db = tmp_path / "r.db"
    with Store(db, claims=True) as store:
        for a in (article_a(), article_b(), article_c()):
            store.add(a)
        before = claim_reports(store)
        assert any(r[0] == "a" for r in before)
        store.replace(article_a())
        assert claim_reports(store) == before  # the same analysis: the same reports, none doubled
        old = article_a()
        store.replace(AnalyzedArticle(old.article, old.attributions[3:]))
        after = claim_reports(store)
    kept = [r for r in after if r[0] == "a"]
    assert 0 < len(kept) < len([r for r in before if r[0] == "a"])
    assert [r for r in after if r[0] != "a"] == [r for r in before if r[0] != "a"]
    c = sqlite3.connect(db)
    assert c.execute("SELECT count(*) FROM claim_reports r WHERE r.attribution_id IS NOT NULL AND NOT EXISTS "
                     "(SELECT 1 FROM attributions a WHERE a.id = r.attribution_id)").fetchone()[0] == 0
    assert c.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
