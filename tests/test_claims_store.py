"""Claims in the store, with hand-made articles (no spaCy): incremental grouping, atomicity,
deletion, the per-process centroid cache, wire copies and provenance."""
import sqlite3

import numpy as np
import pytest

from sayso.claims import copies, index, provenance
from sayso.errors import StoreError
from sayso.model import AnalyzedArticle, Article, Attribution, Span, Speaker, Stance
from sayso.store import Store

CLAIM = "Russia has been providing Iran with intelligence to help Tehran target American forces"
OTHER = "the city budget would pay for three new playgrounds and longer opening hours at the pools"


def analyzed(id, text_after, *, speaker="Kaja Kallas", type="person", stance="asserts", outlet="Paper",
             title=None, date="2026-03-10", body=""):
    text = f"{speaker} said that {text_after}. {body}"
    src = Span.of(text, 0, len(speaker))
    cue = Span.of(text, len(speaker) + 1, len(speaker) + 5)
    content = Span.of(text, len(speaker) + 6, len(speaker) + 11 + len(text_after))
    att = Attribution(src, cue, (content,), speaker=Speaker(speaker, type, descriptor=None),
                      stance=Stance(stance))
    return AnalyzedArticle(Article(id=id, text=text, title=title, date=date, outlet=outlet), (att,))


@pytest.fixture
def store(tmp_path):
    with Store(tmp_path / "c.db", claims=True) as s:
        yield s


def test_same_claim_joins_and_unrelated_starts_its_own(store):
    store.add(analyzed("a", CLAIM, outlet="CNBC"))
    store.add(analyzed("b", CLAIM, speaker="Russia", type="government", stance="denies", outlet="Reuters"))
    store.add(analyzed("c", OTHER, speaker="Jane Doe", outlet="Gazette"))
    (top, rest) = store.claims(limit=10)
    assert top["articles"] == ["a", "b"] and top["deniers"] == ["Russia"] and top["supporters"] == ["Kaja Kallas"]
    assert top["independent_origins"] == 1 and top["outlets"] == 2
    assert rest["articles"] == ["c"]
    assert store.count_claims(min_articles=2) == 1


def test_a_failed_article_leaves_no_claims_and_the_cache_recovers(store, monkeypatch):
    from sayso.store import claims as claim_store
    store.add(analyzed("a", CLAIM))

    def boom(*a, **k):
        raise sqlite3.OperationalError("disk I/O error")
    monkeypatch.setattr(claim_store, "_recount", boom)
    with pytest.raises(StoreError):
        store.add(analyzed("b", CLAIM, speaker="Kallas aide"))
    monkeypatch.undo()
    assert store.count_claims() == 1 and store.count_articles() == 1
    store.add(analyzed("c", CLAIM, speaker="Jane Doe"))
    (card,) = store.claims()
    assert card["articles"] == ["a", "c"] and len(card["reports"]) == 2


def test_deleting_an_article_takes_its_reports_and_repairs_the_claim(store, tmp_path):
    store.add(analyzed("a", CLAIM))
    store.add(analyzed("b", CLAIM, speaker="Jane Doe"))
    with sqlite3.connect(tmp_path / "c.db") as conn:  # e.g. a reanalysis removing the article
        conn.execute("PRAGMA foreign_keys = ON")
        conn.execute("DELETE FROM attributions_fts WHERE rowid IN (SELECT t.id FROM attributions t "
                     "JOIN articles a ON a.id = t.article_id WHERE a.key = 'b')")
        conn.execute("DELETE FROM articles_fts WHERE rowid = (SELECT id FROM articles WHERE key = 'b')")
        conn.execute("DELETE FROM articles WHERE key = 'b'")
    (card,) = store.claims()
    assert card["articles"] == ["a"] and len(card["reports"]) == 1
    store.add(analyzed("c", OTHER))  # the next write repairs the claim's centroid and counts
    with sqlite3.connect(tmp_path / "c.db") as conn:
        assert conn.execute("SELECT COUNT(*) FROM claims WHERE dirty = 1").fetchone()[0] == 0
        assert conn.execute("SELECT n_reports, n_articles FROM claims WHERE statement LIKE 'Russia%'").fetchone() == (1, 1)


def test_two_stores_on_one_file_see_each_others_claims(tmp_path):
    with Store(tmp_path / "c.db") as one, Store(tmp_path / "c.db") as two:
        one.add(analyzed("a", CLAIM))
        two.add(analyzed("b", CLAIM, speaker="Jane Doe"))
        one.add(analyzed("c", CLAIM, speaker="Tom Baker"))
        assert one.count_claims() == 1 and one.claims()[0]["articles"] == ["a", "b", "c"]


def test_claims_off_stores_articles_without_claims(tmp_path, monkeypatch):
    monkeypatch.setenv("SAYSO_CLAIMS", "0")
    with Store(tmp_path / "c.db") as s:
        s.add(analyzed("a", CLAIM))
        assert s.count_articles() == 1 and s.count_claims() == 0


def test_unknown_claim_ids_are_clear_errors(store):
    from sayso.errors import NotFound
    with pytest.raises(NotFound, match="claim 7: no such claim"):
        store.claim(7)
    with pytest.raises(NotFound, match="claim ids are numbers"):
        store.claim("seven")


#: Four headlines of two claims (a price of two Apple Watch models; the price of the top one) whose
#: similarities chain: placed one by one, the order they came in decided the claims.
PRICES = ["Steel Apple Watch to be priced at 500, the gold model at 5,000",
          "Piper Jaffray pegs the stainless steel Apple Watch at 499, Edition at 4,999",
          "High-end Apple Watch to start at 5,000, analyst says",
          "Gene Munster predicts 499 steel Apple Watch, 4,999 for 18k gold Edition"]


def test_stored_claims_do_not_depend_on_the_order_articles_arrive(tmp_path):
    from itertools import permutations

    from sayso.claims import group
    batch = group.cluster(index.encode(PRICES))
    want = sorted(sorted(i for i in range(4) if batch[i] == g) for g in set(batch))
    assert len(want) == 2
    for n, order in enumerate(permutations(range(4))):
        with Store(tmp_path / f"{n}.db", claims=True) as s:
            for i in order:
                s.add(AnalyzedArticle(Article(id=f"h{i}", text=PRICES[i], title=PRICES[i]), ()))
            claim_of = s.headline_claims()
        with sqlite3.connect(tmp_path / f"{n}.db") as conn:  # a claim is stated by one of its reports
            unstated = conn.execute("SELECT c.id, c.statement FROM claims c WHERE NOT EXISTS (SELECT 1 FROM "
                                    "claim_reports r WHERE r.claim_id = c.id AND r.text = c.statement)").fetchall()
        assert unstated == [], order
        got = sorted(sorted(i for i in range(4) if claim_of[f"h{i}"] == c) for c in set(claim_of.values()))
        assert got == want, order


def test_a_regrouped_cluster_keeps_the_claim_most_of_its_reports_come_from():
    # reports 0-2 were in claim 7, 3-5 in claim 9; now {0, 1, 3}, {2, 4} and {5}
    assert index.relabel([7, 7, 7, 9, 9, 9], [0, 0, 1, 0, 1, 2]) == {0: 7, 1: 9, 2: None}
    assert index.relabel([7, 7], [0, 1]) == {0: 7, 1: None}  # a split: the rest starts a claim


def test_minhash_finds_a_lightly_edited_copy_and_not_another_story():
    story = " ".join(f"word{i} of the wire story about the council and the budget" for i in range(40))
    edited = story.replace("word7 ", "a changed word ") + " The Associated Press contributed."
    a, b, c = copies.signature(story), copies.signature(edited), copies.signature(OTHER * 5 + " x y z q")
    assert copies.similarity(a, b) >= copies.COPY > copies.similarity(a, c)
    assert len(set(copies.band_keys(a)) & set(copies.band_keys(b))) > 0
    assert copies.signature("too short to judge") is None


def test_the_centroid_index_is_average_linkage():
    vecs = index.encode([CLAIM, CLAIM + " in the Middle East", OTHER])
    assert vecs.shape[1] <= index.COMPACT_DIM
    assert np.allclose(np.linalg.norm(vecs, axis=1), 1, atol=1e-5)
    idx = index.CentroidIndex(vecs.shape[1])
    idx.put(1, vecs[0], 1)
    idx.join(1, vecs[1])
    cid, sim = idx.nearest(vecs[0])
    assert cid == 1 and sim == pytest.approx(float(vecs[0] @ (vecs[0] + vecs[1]) / 2), abs=1e-5)
    assert idx.nearest(vecs[2])[0] is None
    idx.put(2, vecs[2], 1)
    idx.drop(1)
    assert idx.ids == [2] and idx.nearest(vecs[2])[0] == 2


def test_anonymous_sources_key_on_the_outlet_that_published_them():
    text = "The Post, citing three officials familiar with the matter, reported that Russia helps Iran."
    officials = Attribution(Span.of(text, 17, 57), Span.of(text, 10, 16), (Span.of(text, 67, len(text) - 1),),
                            speaker=Speaker("three officials", "anonymous", count=3,
                                            descriptor="officials familiar with the matter"))
    post = Attribution(Span.of(text, 0, 8), Span.of(text, 59, 67), (Span.of(text, 67, len(text) - 1),),
                       speaker=Speaker("Washington Post", "media"), via=0)
    art = AnalyzedArticle(Article(id="x", text=text, outlet="CNBC"), (officials, post))
    fallback = provenance.article_origin(art, None, "x")
    for i in (0, 1):
        o = provenance.attribution_origin(art, i, fallback)
        assert o.key == "anonymous:washington post:officials familiar with the matter" and o.type == "anonymous"
    alone = AnalyzedArticle(art.article, (officials,))
    assert provenance.attribution_origin(alone, 0, fallback).key == "anonymous:cnbc:officials familiar with the matter"


def test_claim_commands_have_help_and_read_a_store(tmp_path):
    from click.testing import CliRunner

    from sayso.cli import main
    for cmd in (["claims"], ["claim"]):
        r = CliRunner().invoke(main, [*cmd, "--help"])
        assert r.exit_code == 0 and "Usage:" in r.output and "--db" in r.output
    with Store(tmp_path / "c.db") as s:
        s.add(analyzed("a", CLAIM, outlet="CNBC"))
        s.add(analyzed("b", CLAIM, speaker="Russia", type="government", stance="denies", outlet="Reuters"))
    r = CliRunner().invoke(main, ["claims", "--db", str(tmp_path / "c.db")])
    assert r.exit_code == 0 and "2 reports in 2 outlets, 1 independent origin" in r.output
    r = CliRunner().invoke(main, ["claims", "--db", str(tmp_path / "missing.db")])
    assert r.exit_code == 1 and "no such database" in r.output


def test_forgetting_an_articles_reports_before_reanalysis(store, tmp_path):
    from sayso.store import claims as claim_store
    from sayso.store import db as dbmod
    store.add(analyzed("a", CLAIM))
    store.add(analyzed("b", CLAIM, speaker="Jane Doe"))
    conn = dbmod.connect(tmp_path / "c.db")
    row = conn.execute("SELECT id FROM articles WHERE key = 'b'").fetchone()["id"]
    conn.execute("BEGIN")
    claim_store.forget_article(conn, row)
    conn.execute("COMMIT")
    conn.close()
    store.add(analyzed("c", OTHER))
    cards = {tuple(c["articles"]): c for c in store.claims()}
    assert ("a",) in cards and len(cards[("a",)]["reports"]) == 1
