"""Building large records fast for benchmarks: stored articles copied with new keys and dates.

Not for real data. :func:`replicate` copies every article already in the store ``copies`` times
inside SQLite (``INSERT … SELECT`` over a table of copy numbers, one transaction, no journal):
articles, attributions, spans, both full-text indexes, claim reports and MinHash signatures. Copy
``k`` gets a new key and content hash and a date ``k`` weeks later (later rows, later dates, as
when news is stored as it comes), so listings and date filters see a spread of dates. Indexes and triggers are dropped first and made again at the end
from their own SQL (one sort per index instead of a million random inserts).

Copies are grouped in *stories* of ``story`` copies (default: all of them, one story): the copies
of one story are wire copies of its first (``article_signatures.copy_of``) and report the same
claims; each story has its own claims. One story is what the claims model itself gives (the
claims of two stories have the same centroids, so the first ingest that touches one merges them);
smaller stories give smaller claims until then. Kept totals (speakers, outlets, attribution totals,
claims) are the base totals times the number of copies, which is what a recount gives, since
every copy repeats its base article exactly.
"""
from __future__ import annotations

import logging
import random
import re
import sqlite3
from pathlib import Path

import numpy as np

from . import db, queries

log = logging.getLogger(__name__)
#: PolNeAR file stems: ``outlet_YYYY-MM-DD_slug``; used to give undated copies an outlet and a date.
STEM = r"^([a-z]+)_(\d{4}-\d{2}-\d{2})_"


def _columns(conn: sqlite3.Connection, table: str, *, leave: tuple[str, ...] = ()) -> list[str]:
    return [r[1] for r in conn.execute(f"PRAGMA table_info({table})") if r[1] not in leave]


def fill_from_stems(conn: sqlite3.Connection) -> int:
    """Give articles without outlet or date the ones their PolNeAR-style stem names."""
    rows = conn.execute("SELECT id, article_id FROM articles WHERE outlet_id IS NULL OR date IS NULL").fetchall()
    done = 0
    conn.execute("BEGIN IMMEDIATE")
    for row_id, stem in rows:
        m = re.match(STEM, stem or "")
        if not m:
            continue
        conn.execute("INSERT OR IGNORE INTO outlets (name) VALUES (?)", (m.group(1),))
        oid = conn.execute("SELECT id FROM outlets WHERE name = ?", (m.group(1),)).fetchone()[0]
        conn.execute("UPDATE articles SET outlet_id = coalesce(outlet_id, ?), date = coalesce(date, ?) WHERE id = ?",
                     (oid, m.group(2), row_id))
        conn.execute("UPDATE attributions SET outlet_id = ?, article_date = ? WHERE article_id = ?",
                     (oid, m.group(2), row_id))
        done += 1
    conn.execute("UPDATE outlets SET n_articles = (SELECT count(*) FROM articles WHERE outlet_id = outlets.id), "
                 "n_quotes = (SELECT count(*) FROM attributions WHERE outlet_id = outlets.id), "
                 "n_anonymous = (SELECT count(*) FROM attributions WHERE outlet_id = outlets.id "
                 "AND speaker_type = 'anonymous')")
    conn.execute("COMMIT")
    return done


def _scaled(blob: bytes, times: int) -> bytes:
    """A claim's float32 vector sum as if each of its articles were there ``times`` times."""
    return (np.frombuffer(blob, dtype=np.float32) * np.float32(times)).astype(np.float32).tobytes()


def _drop_indexes_and_triggers(conn: sqlite3.Connection) -> list[str]:
    """Drop every declared index and trigger; returns their SQL, to make them again."""
    rows = conn.execute("SELECT type, name, sql FROM sqlite_master WHERE type IN ('index', 'trigger') "
                        "AND sql IS NOT NULL ORDER BY type DESC, name").fetchall()
    for kind, name, _ in rows:
        conn.execute(f'DROP {kind.upper()} "{name}"')
    return [sql for _, _, sql in rows]


def _copy_sql(table: str, cols: list[str], shift: dict[str, str], where: str, order: str) -> str:
    """``INSERT … SELECT`` of every base row of ``table`` once per copy number ``k``; ``shift`` gives
    the expression of the columns that change (the others are copied as they are)."""
    exprs = [shift.get(c, f"b.{c}") for c in cols]
    return (f"INSERT INTO {table} ({', '.join(cols)}) SELECT {', '.join(exprs)} "
            f"FROM temp.copies c CROSS JOIN {table} b WHERE {where} ORDER BY {order}")


def _copy_rows(conn: sqlite3.Connection, n: dict[str, int], story: int, step) -> None:
    days = "'+' || (7 * c.k) || ' days'"
    first = f"(c.k / {story}) * {story}"  # the first copy of copy k's story
    plain = [
        ("articles", {"id": "b.id + :art * c.k", "key": "b.key || '~' || c.k",
                      "content_hash": "b.content_hash || '~' || c.k", "date": f"date(b.date, {days})"}, "art"),
        ("attributions", {"id": "b.id + :att * c.k", "article_id": "b.article_id + :art * c.k",
                          "article_date": f"date(b.article_date, {days})"}, "att"),
        ("spans", {"id": "b.id + :span * c.k", "attribution_id": "b.attribution_id + :att * c.k"}, "span"),
        ("claim_reports", {"id": "b.id + :rep * c.k", "claim_id": f"b.claim_id + :claim * (c.k / {story})",
                           "article_id": "b.article_id + :art * c.k",
                           "attribution_id": "b.attribution_id + :att * c.k"}, "rep"),
        ("article_signatures", {"article_id": "b.article_id + :art * c.k",
                                "copy_of": f"CASE WHEN c.k = {first} THEN b.copy_of + :art * c.k "
                                           f"ELSE coalesce(b.copy_of, b.article_id) + :art * {first} END",
                                "similarity": f"CASE WHEN c.k = {first} OR b.copy_of IS NOT NULL "
                                              "THEN b.similarity ELSE 1.0 END"}, "art"),
    ]
    for table, shift, bound in plain:
        key = "article_id" if table == "article_signatures" else "id"
        conn.execute(_copy_sql(table, _columns(conn, table), shift, f"b.{key} <= :{bound}", f"c.k, b.{key}"), n)
        step(table)
    conn.execute(_copy_sql("signature_bands", ["band", "hash", "article_id"],
                           {"article_id": "b.article_id + :art * c.k"}, "b.article_id <= :art",
                           "b.band, b.hash, b.article_id + :art * c.k"), n)
    step("signature_bands")
    for fts, cols, bound in (("attributions_fts", "content, source, speaker", "att"),
                             ("articles_fts", "title, text", "art")):
        conn.execute(f"CREATE TEMP TABLE base_{fts} AS SELECT rowid AS r, {cols} FROM {fts} WHERE rowid <= :{bound}", n)
        if fts == "attributions_fts":  # each copy's facets from its own row (its date differs)
            conn.execute(f"INSERT INTO {fts} (rowid, {cols}, facets) SELECT at.id, {cols}, {queries.facets_sql('at')} "
                         f"FROM temp.copies c CROSS JOIN temp.base_{fts} b CROSS JOIN attributions at "
                         f"ON at.id = b.r + :{bound} * c.k ORDER BY c.k, b.r", n)
        else:
            conn.execute(f"INSERT INTO {fts} (rowid, {cols}) SELECT b.r + :{bound} * c.k, {cols} "
                         f"FROM temp.copies c CROSS JOIN temp.base_{fts} b ORDER BY c.k, b.r", n)
        conn.execute(f"DROP TABLE temp.base_{fts}")
        step(fts)


def _copy_claims(conn: sqlite3.Connection, n: dict[str, int], copies: int, story: int) -> None:
    """Each story's claims: the base claims, with counts, first date and vector sums as for the
    ``m`` copies of the story (the base claims become story 0's)."""
    conn.execute("CREATE TEMP TABLE stories (s INTEGER PRIMARY KEY, m INTEGER)")
    conn.executemany("INSERT INTO temp.stories VALUES (?, ?)",
                     [(s, min(story, copies + 1 - s * story)) for s in range(copies // story + 1)])
    counts = "n_reports * s.m, n_articles * s.m, n_vectors * s.m, scaled(vector_sum, s.m)"
    first_seen = f"date(first_seen, '+' || (7 * {story} * s.s) || ' days')"
    conn.execute(f"INSERT INTO claims (id, statement, first_seen, n_reports, n_articles, n_vectors, vector_sum, dirty, "
                 f"created_at) SELECT c.id + :claim * s.s, statement, {first_seen}, {counts}, 0, created_at "
                 "FROM temp.stories s CROSS JOIN claims c WHERE s.s > 0 AND c.id <= :claim ORDER BY s.s, c.id", n)
    conn.execute(f"UPDATE claims SET (first_seen, n_reports, n_articles, n_vectors, vector_sum) = "
                 f"(SELECT {first_seen}, {counts} FROM temp.stories s WHERE s.s = 0) WHERE id <= :claim", n)
    conn.execute("UPDATE claims_state SET version = ?", (random.getrandbits(62),))


def _scale_totals(conn: sqlite3.Connection, times: int) -> None:
    """Kept totals as a recount gives them once every article is there ``times`` times."""
    conn.execute("UPDATE speakers SET n_quotes = n_quotes * ?, n_articles = n_articles * ?", (times, times))
    conn.execute("UPDATE outlets SET n_articles = n_articles * ?, n_quotes = n_quotes * ?, "
                 "n_anonymous = n_anonymous * ?", (times, times, times))
    conn.execute("UPDATE attribution_totals SET n = n * ?", (times,))


def replicate(path: str | Path, copies: int, *, story: int | None = None, on_step=None) -> dict:
    """Copy the stored articles ``copies`` times (see the module docstring); returns the totals.
    ``on_step(name)`` is called as each table is done."""
    story = story or copies + 1
    step = on_step or (lambda name: log.info("replicate: %s done", name))
    conn = db.connect(path)
    try:
        db.migrate(conn, path)
        fill_from_stems(conn)
        conn.execute("PRAGMA journal_mode = OFF")  # a benchmark file: rebuilt, not recovered, after a crash
        conn.execute("PRAGMA synchronous = OFF")
        conn.execute("PRAGMA cache_size = -262144")
        conn.execute("PRAGMA foreign_keys = OFF")  # every copied reference points into its own copy
        conn.create_function("scaled", 2, _scaled, deterministic=True)
        n = {name: conn.execute(f"SELECT coalesce(max({key}), 0) FROM {table}").fetchone()[0] for name, table, key in (
            ("art", "articles", "id"), ("att", "attributions", "id"), ("span", "spans", "id"),
            ("rep", "claim_reports", "id"), ("claim", "claims", "id"))}
        conn.execute("BEGIN")
        saved = _drop_indexes_and_triggers(conn)
        conn.execute("CREATE TEMP TABLE copies (k INTEGER PRIMARY KEY)")
        conn.executemany("INSERT INTO temp.copies VALUES (?)", [(k,) for k in range(1, copies + 1)])
        _copy_rows(conn, n, story, step)
        _copy_claims(conn, n, copies, story)
        _scale_totals(conn, copies + 1)
        step("claims and totals")
        for sql in saved:
            conn.execute(sql)
        step("indexes")
        conn.execute("COMMIT")
        for fts in ("attributions_fts", "articles_fts"):
            conn.execute(f"INSERT INTO {fts} ({fts}) VALUES ('optimize')")
        step("full-text indexes merged")
        conn.execute("PRAGMA journal_mode = WAL")
        return {r: conn.execute(f"SELECT count(*) FROM {r}").fetchone()[0]
                for r in ("articles", "attributions", "claims", "claim_reports")}
    finally:
        conn.close()
