"""Building large records fast for benchmarks: stored articles copied with new keys and dates.

Not for real data. :func:`replicate` copies every article already in the store ``copies`` times
with direct SQL (articles, attributions, spans and both full-text indexes), each copy under a new
key and content hash and a date moved back by whole weeks, so listings and date filters see a
spread of dates. The triggers of migration 0004 keep dates, outlets and totals as for an ingest.
"""
from __future__ import annotations

import logging
import sqlite3
from pathlib import Path

from . import db

log = logging.getLogger(__name__)
#: PolNeAR file stems: ``outlet_YYYY-MM-DD_slug``; used to give undated copies an outlet and a date.
STEM = r"^([a-z]+)_(\d{4}-\d{2}-\d{2})_"


def _columns(conn: sqlite3.Connection, table: str) -> list[str]:
    return [r[1] for r in conn.execute(f"PRAGMA table_info({table})")]


def fill_from_stems(conn: sqlite3.Connection) -> int:
    """Give articles without outlet or date the ones their PolNeAR-style stem names."""
    import re

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


def replicate(path: str | Path, copies: int, *, on_copy=None) -> dict:
    """Copy the stored articles ``copies`` times (see the module docstring); returns the totals."""
    conn = db.connect(path)
    try:
        db.migrate(conn, path)
        conn.execute("PRAGMA synchronous = OFF")  # a benchmark file: rebuilt, not recovered, after a crash
        conn.execute("PRAGMA cache_size = -262144")
        fill_from_stems(conn)
        n_art, n_att, n_span = (conn.execute(f"SELECT coalesce(max(id), 0) FROM {t}").fetchone()[0]
                                for t in ("articles", "attributions", "spans"))
        art_cols = [c for c in _columns(conn, "articles") if c not in ("id", "key", "content_hash", "date")]
        att_cols = [c for c in _columns(conn, "attributions") if c not in ("id", "article_id")]
        span_cols = [c for c in _columns(conn, "spans") if c not in ("id", "attribution_id")]
        for k in range(1, copies + 1):
            if not conn.in_transaction:
                conn.execute("BEGIN IMMEDIATE")
            p = {"k": k, "a": n_art * k, "t": n_att * k, "s": n_span * k, "days": f"-{7 * k} days"}
            conn.execute(
                f"INSERT INTO articles (id, key, content_hash, date, {', '.join(art_cols)}) "
                f"SELECT id + :a, key || '~' || :k, content_hash || '~' || :k, date(date, :days), "
                f"{', '.join(art_cols)} FROM articles WHERE id <= {n_art}", p)
            conn.execute(
                f"INSERT INTO attributions (id, article_id, {', '.join(att_cols)}) "
                f"SELECT id + :t, article_id + :a, {', '.join(att_cols)} FROM attributions WHERE id <= {n_att}", p)
            conn.execute(
                f"INSERT INTO spans (id, attribution_id, {', '.join(span_cols)}) "
                f"SELECT id + :s, attribution_id + :t, {', '.join(span_cols)} FROM spans WHERE id <= {n_span}", p)
            conn.execute("INSERT INTO attributions_fts (rowid, content, source, speaker) "
                         f"SELECT rowid + :t, content, source, speaker FROM attributions_fts WHERE rowid <= {n_att}", p)
            conn.execute("INSERT INTO articles_fts (rowid, title, text) "
                         f"SELECT rowid + :a, title, text FROM articles_fts WHERE rowid <= {n_art}", p)
            if k % 20 == 0 or k == copies:
                conn.execute("COMMIT")
            if on_copy:
                on_copy(k)
        db.checkpoint(conn, journal_limit=db.JOURNAL_SIZE_LIMIT, wait=5.0)
        return {r: conn.execute(f"SELECT count(*) FROM {r}").fetchone()[0] for r in ("articles", "attributions")}
    finally:
        conn.close()
