"""The store keeps each article once and whole: idempotence, crashes, migrations, read-only use."""
from __future__ import annotations

import sqlite3
import subprocess
import sys
import textwrap

import pytest

from sayso.errors import NotFound, SaysoError, StoreError
from sayso.model import AnalyzedArticle, Article, Attribution, Span, Speaker, Stance
from sayso.store import Store
from sayso.store import writer

# -- hand-made analysed articles (no spaCy): spans found by their text --------------------------

TEXT_A = ('Steve Witkoff, the special envoy, said the Russians assured them they were not passing '
          'intelligence. "Let\'s hope they are not," Witkoff said. Three officials familiar with '
          'intelligence matters said Russia was providing information. The Kremlin denied the report.')
TEXT_B = ('Witkoff told reporters that talks would resume next week in Riyadh. Hegseth said the '
          'countries "have no relevance." Three officials said the plan was "dead on arrival."')
TEXT_C = ('The senator said "NEAR AND OR -not" is a "quote" with O\'Brien\'s words. '
          'A spokesperson declined to comment.')


def span(text: str, part: str | tuple[str, str]) -> Span:
    """The first ``part`` of ``text``, or ``(part, after)``: the first one after ``after``."""
    part, after = part if isinstance(part, tuple) else (part, "")
    start = text.index(part, text.index(after) + len(after))
    return Span(start, start + len(part), part)


def att(text, source, cue, content, *, who=None, type="person", stance=None, kind="indirect", **sp):
    """An attribution over ``text``; ``content`` is one substring or a list of fragments."""
    parts = [content] if isinstance(content, str) else content
    speaker = None
    if who:
        speaker = Speaker(who, type, mentions=(span(text, source),), confidence=0.9, **sp)
    st = Stance(stance, "neutral", (span(text, cue),), f"cue {cue!r}") if stance else None
    return Attribution(span(text, source) if source else None, span(text, cue),
                       tuple(span(text, p) for p in parts), kind, 0.8, speaker, st)


def article_a(**meta) -> AnalyzedArticle:
    t = TEXT_A
    meta = {"id": "a", "outlet": "CNBC", "date": "2025-03-05", "title": "Envoy hopes", **meta}
    return AnalyzedArticle(Article(text=t, authors=("Jo Reporter",), credits=("Reuters",), **meta), (
        att(t, "Steve Witkoff, the special envoy", "said",
            "the Russians assured them they were not passing intelligence",
            who="Steve Witkoff", stance="asserts", role="special envoy", affiliation="U.S."),
        att(t, ("Witkoff", "not,\" "), ("said", "not,\" "), "Let's hope they are not",
            who="Steve Witkoff", stance="hedges", kind="direct"),
        att(t, "Three officials familiar with intelligence matters", ("said", "matters "),
            "Russia was providing information", who="three officials", type="anonymous", count=3,
            descriptor="familiar with intelligence matters", stance="asserts"),
        att(t, "The Kremlin", "denied", "the report", who="Russia", type="government", stance="denies"),
    ))


def article_b(**meta) -> AnalyzedArticle:
    t = TEXT_B
    meta = {"id": "b", "outlet": "Washington Post", "date": "2025-03-07", "title": "Talks", **meta}
    return AnalyzedArticle(Article(text=t, **meta), (
        att(t, "Witkoff", "told reporters", "talks would resume next week in Riyadh",
            who="Witkoff", stance="asserts"),
        att(t, "Hegseth", ("said", "Hegseth"), ["the countries", '"have no relevance."'], who="Pete Hegseth",
            stance="dismisses", kind="mixed", role="Defense Secretary"),
        att(t, "Three officials", ("said", "Three officials"), 'the plan was "dead on arrival."',
            who="three officials", type="anonymous", count=3),
    ))


def article_c(**meta) -> AnalyzedArticle:
    t = TEXT_C
    meta = {"id": "c", "outlet": "cnbc", "date": "2024-12-01", **meta}
    return AnalyzedArticle(Article(text=t, **meta), (
        att(t, "The senator", "said", '"NEAR AND OR -not" is a "quote" with O\'Brien\'s words'),
        att(t, "A spokesperson", "declined", "to comment", stance="declines"),
    ))


@pytest.fixture
def db_path(tmp_path):
    return tmp_path / "sayso.db"


@pytest.fixture
def store(db_path):
    with Store(db_path) as s:
        yield s


def counts(store: Store) -> tuple[int, int, int]:
    s = store.stats()
    return s["articles"], s["attributions"], s["speakers"]


def orphans(db_path) -> dict:
    """Rows that would betray a half-written article."""
    with sqlite3.connect(db_path) as conn:
        q = lambda sql: conn.execute(sql).fetchone()[0]  # noqa: E731
        return {
            "spans": q("SELECT count(*) FROM spans WHERE attribution_id NOT IN (SELECT id FROM attributions)"),
            "fts": q("SELECT count(*) FROM attributions_fts") - q("SELECT count(*) FROM attributions"),
            "articles_fts": q("SELECT count(*) FROM articles_fts") - q("SELECT count(*) FROM articles"),
            "empty_articles": q(
                "SELECT count(*) FROM articles WHERE id NOT IN (SELECT article_id FROM attributions)"),
        }


# -- round trip and idempotence -------------------------------------------------------------------

def test_stored_article_reads_back_with_every_span_on_its_text(store):
    key, created = store.add(article_a())
    assert (key, created) == ("a", True)
    got = store.article("a")
    assert got["text"] == TEXT_A and got["outlet"] == "CNBC" and got["credits"] == ["Reuters"]
    assert got["authors"] == ["Jo Reporter"] and got["content_hash"] == article_a().article.content_hash
    assert [a["index"] for a in got["attributions"]] == [0, 1, 2, 3]
    for a in got["attributions"]:
        for s in [a["source"], a["cue"], *a["content"], *a["speaker"]["mentions"], *a["stance"]["triggers"]]:
            assert TEXT_A[s["start"]:s["end"]] == s["text"]
    first, _, anon, _ = got["attributions"]
    assert first["speaker"]["name"] == "Steve Witkoff" and first["speaker"]["role"] == "special envoy"
    assert {k: anon["speaker"][k] for k in ("type", "count", "descriptor")} == {
        "type": "anonymous", "count": 3, "descriptor": "familiar with intelligence matters"}
    assert got["attributions"][1]["stance"]["label"] == "hedges"


def test_discontinuous_content_keeps_its_fragments_in_order(store):
    store.add(article_b())
    mixed = store.article("b")["attributions"][1]
    assert [c["text"] for c in mixed["content"]] == ["the countries", '"have no relevance."']
    assert mixed["kind"] == "mixed"


def test_same_text_twice_is_stored_once(store):
    assert store.add(article_a()) == ("a", True)
    before = counts(store)
    assert store.add(article_a()) == ("a", False)
    assert store.add(article_a(id="renamed", outlet="Other")) == ("a", False)  # identity is the text
    assert counts(store) == before
    assert store.count_quotes() == 4
    assert store.has(article_a().article.content_hash) and not store.has(article_b().article.content_hash)


def test_same_id_different_text_gets_its_own_key(store):
    store.add(article_a())
    key, created = store.add(article_b(id="a"))
    assert created and key.startswith("a-") and store.article(key)["title"] == "Talks"
    assert store.article("a")["title"] == "Envoy hopes"


def test_articles_are_found_by_hash_prefix_or_row_id_and_missing_ones_say_so(store):
    store.add(article_a())
    h = article_a().article.content_hash
    assert store.article(h[:8])["key"] == "a"
    assert store.article(store.article("a")["row_id"])["key"] == "a"
    with pytest.raises(NotFound, match="no article 'zzz'"):
        store.article("zzz")
    with pytest.raises(NotFound):
        store.article(h[:7] + "0")  # too short to be a prefix and not a key


class FixedHash(Article):
    """An article whose hash is chosen by the test, to make two hashes share a prefix."""

    @property
    def content_hash(self) -> str:
        return self.title


def test_ambiguous_hash_prefix_names_the_candidates(store):
    for n, h in enumerate(["deadbeef" + "1" * 56, "deadbeef" + "2" * 56]):
        store.add(AnalyzedArticle(FixedHash(id=f"x{n}", text=f"text {n}", title=h)))
    with pytest.raises(SaysoError, match="ambiguous.*x0, x1"):
        store.article("deadbeef")
    assert store.article("deadbeef1")["key"] == "x0"


# -- one transaction per article -------------------------------------------------------------------

def test_a_failure_mid_article_leaves_no_half_article(store, db_path, monkeypatch):
    store.add(article_a())
    before = counts(store)
    real, calls = writer.insert_span, []

    def failing(*args):
        calls.append(args)
        if len(calls) == 4:  # the article row and a first attribution are already written
            raise sqlite3.OperationalError("disk I/O error (simulated)")
        real(*args)

    monkeypatch.setattr(writer, "insert_span", failing)
    with pytest.raises(StoreError, match="simulated"):
        store.add(article_b())
    assert counts(store) == before
    with pytest.raises(NotFound):
        store.article("b")
    assert orphans(db_path) == {"spans": 0, "fts": 0, "articles_fts": 0, "empty_articles": 0}
    assert store.integrity_check() == "ok"
    monkeypatch.setattr(writer, "insert_span", real)
    assert store.add(article_b()) == ("b", True)  # nothing left behind blocks a retry


CRASHING_WRITER = textwrap.dedent("""
    import os, sys
    sys.path[:0] = [{tests!r}]
    from test_store import article_a, article_b
    from sayso.store import Store, writer
    store = Store({db!r})
    store.add(article_a())
    real, calls = writer.insert_span, []
    def die(*args):
        calls.append(1)
        if len(calls) == 5:
            os._exit(9)  # the process dies mid-transaction, as under kill -9
        real(*args)
    writer.insert_span = die
    store.add(article_b())
""")


def test_a_process_killed_mid_write_leaves_earlier_articles_intact(db_path):
    from pathlib import Path
    script = CRASHING_WRITER.format(tests=str(Path(__file__).parent), db=str(db_path))
    proc = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=60)
    assert proc.returncode == 9, proc.stderr
    with Store(db_path) as store:
        assert store.integrity_check() == "ok"
        assert [a["key"] for a in store.articles()] == ["a"]
        assert store.article("a")["text"] == TEXT_A and store.count_quotes() == 4
        assert orphans(db_path)["spans"] == 0 and orphans(db_path)["fts"] == 0
        assert store.add(article_b()) == ("b", True)


def test_spans_that_miss_their_text_are_refused_before_anything_is_written(store):
    bad = AnalyzedArticle(Article(id="bad", text="He said yes."),
                          (Attribution(Span(0, 2, "She"), Span(3, 7, "said"), (Span(8, 11, "yes"),)),))
    with pytest.raises(StoreError, match="does not match the article text"):
        store.add(bad)
    assert counts(store) == (0, 0, 0)


# -- migrations --------------------------------------------------------------------------------------

def test_migrations_are_applied_once_and_recorded(db_path):
    with Store(db_path) as store:
        first = store.migrations()
        store.add(article_a())
    with Store(db_path) as store:
        assert store.migrations() == first
        assert store.count_quotes() == 4
    names = [m["name"] for m in first]
    assert names[:2] == ["0001_initial", "0002_speaker_group"] and "0003_claims" in names and "0004_serving" in names
    assert names == sorted(names) and first[0]["applied_at"]
    with sqlite3.connect(db_path) as conn:
        assert conn.execute("PRAGMA user_version").fetchone()[0] == int(names[-1][:4])
        assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"


def test_a_database_from_a_newer_sayso_is_refused(db_path):
    Store(db_path).close()
    with sqlite3.connect(db_path) as conn:
        conn.execute("INSERT INTO migrations VALUES ('0099_from_the_future', '2030-01-01')")
    for readonly in (False, True):
        with pytest.raises(StoreError, match="newer sayso.*0099_from_the_future"):
            Store(db_path, readonly=readonly)


def test_a_file_that_is_not_a_database_is_refused(tmp_path):
    junk = tmp_path / "junk.db"
    junk.write_bytes(b"this is not sqlite" * 100)
    with pytest.raises(StoreError, match="junk.db"):
        Store(junk)


# -- read-only use and concurrent readers -------------------------------------------------------------

def test_readonly_store_reads_but_never_writes(db_path):
    with Store(db_path) as store:
        store.add(article_a())
    with Store(db_path, readonly=True) as ro:
        assert ro.article("a")["title"] == "Envoy hopes"
        with pytest.raises(StoreError, match="read-only"):
            ro.add(article_b())
        assert ro.stats()["articles"] == 1


def test_readonly_needs_an_existing_database(tmp_path):
    with pytest.raises(StoreError, match="no database"):
        Store(tmp_path / "missing.db", readonly=True)
    assert not (tmp_path / "missing.db").exists()


def test_reads_go_on_while_another_connection_is_writing(db_path):
    with Store(db_path) as store:
        store.add(article_a())
        writer_conn = sqlite3.connect(db_path, isolation_level=None, timeout=0.1)
        writer_conn.execute("BEGIN IMMEDIATE")
        writer_conn.execute("INSERT INTO outlets (name) VALUES ('Uncommitted')")
        with Store(db_path, readonly=True) as ro:
            assert ro.stats()["articles"] == 1
            assert "Uncommitted" not in [o["name"] for o in ro.outlets()]
        writer_conn.execute("ROLLBACK")
        writer_conn.close()


def test_a_closed_store_says_so(db_path):
    store = Store(db_path)
    store.close()
    with pytest.raises(StoreError, match="closed"):
        store.stats()
