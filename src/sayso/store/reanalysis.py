"""Re-analysis: reading stored articles back, and replacing one article's attributions.

An article keeps its row, key and identity; its attributions (with their spans and full-text
rows) are replaced in one transaction. Speaker bookkeeping stays consistent: description counts
carried by the old attributions are taken back, and a speaker no attribution cites any more is
deleted with its aliases and descriptions (no orphan rows).
"""
from __future__ import annotations

import json
import logging
import sqlite3

from ..model import AnalyzedArticle, Article
from . import claims as claim_store
from . import speakers, writer

log = logging.getLogger(__name__)

_DESCRIBED = (("role", "speaker_role"), ("affiliation", "speaker_affiliation"),
              ("descriptor", "speaker_descriptor"), ("group", "speaker_group"))


def article_page(conn: sqlite3.Connection, after: int, limit: int) -> list[tuple[int, Article]]:
    """Stored articles with row id > ``after``, in row order, as :class:`Article` values."""
    rows = conn.execute(
        "SELECT a.id, a.article_id, a.text, a.title, a.date, o.name AS outlet, a.url, a.authors, a.credits, "
        "a.path, a.format FROM articles a LEFT JOIN outlets o ON o.id = a.outlet_id "
        "WHERE a.id > ? ORDER BY a.id LIMIT ?", (after, limit)).fetchall()
    return [(r["id"], Article(id=r["article_id"], text=r["text"], title=r["title"], date=r["date"],
                              outlet=r["outlet"], url=r["url"], authors=tuple(json.loads(r["authors"] or "[]")),
                              credits=tuple(json.loads(r["credits"] or "[]")), path=r["path"],
                              format=r["format"])) for r in rows]


def drop_attributions(conn: sqlite3.Connection, article_row: int) -> None:
    """Delete an article's attributions, their spans and index rows, and what they alone kept alive."""
    atts = conn.execute(
        "SELECT id, speaker_id, speaker_role, speaker_affiliation, speaker_descriptor, speaker_group "
        "FROM attributions WHERE article_id = ?", (article_row,)).fetchall()
    touched = set()
    for att in atts:
        conn.execute("DELETE FROM attributions_fts WHERE rowid = ?", (att["id"],))
        if att["speaker_id"] is None:
            continue
        touched.add(att["speaker_id"])
        for kind, column in _DESCRIBED:
            if att[column] and speakers.normalise(att[column]):
                conn.execute("UPDATE speaker_descriptions SET n = n - 1 WHERE speaker_id = ? AND kind = ? AND norm = ?",
                             (att["speaker_id"], kind, speakers.normalise(att[column])))
    conn.execute("DELETE FROM spans WHERE attribution_id IN (SELECT id FROM attributions WHERE article_id = ?)",
                 (article_row,))
    conn.execute("DELETE FROM attributions WHERE article_id = ?", (article_row,))
    for speaker_id in touched:
        conn.execute("DELETE FROM speaker_descriptions WHERE speaker_id = ? AND n <= 0", (speaker_id,))
        if conn.execute("SELECT 1 FROM attributions WHERE speaker_id = ? LIMIT 1", (speaker_id,)).fetchone() is None:
            conn.execute("DELETE FROM speaker_aliases WHERE speaker_id = ?", (speaker_id,))
            conn.execute("DELETE FROM speaker_descriptions WHERE speaker_id = ?", (speaker_id,))
            conn.execute("DELETE FROM speakers WHERE id = ?", (speaker_id,))


def replace_article(conn: sqlite3.Connection, analyzed: AnalyzedArticle, *, claims: bool = True) -> tuple[str, bool]:
    """Replace the attributions of the stored article with this text, in one transaction
    (``(key, False)``); an article not stored yet is added (``(key, True)``). Its claim reports
    are taken back and made again from the new attributions (unless ``claims`` is false)."""
    writer.check_offsets(analyzed)
    article = analyzed.article
    conn.execute("BEGIN IMMEDIATE")
    try:
        row = conn.execute("SELECT id, key FROM articles WHERE content_hash = ?", (article.content_hash,)).fetchone()
        if row is None:
            conn.execute("ROLLBACK")
            return writer.add_article(conn, analyzed, claims=claims)
        claim_store.forget_article(conn, row["id"])
        drop_attributions(conn, row["id"])
        att_ids = [writer.insert_attribution(conn, row["id"], idx, att, article.content_hash)
                   for idx, att in enumerate(analyzed.attributions)]
        speakers.settle(conn, row["id"])
        if claims:
            claim_store.add_article(conn, row["id"], row["key"], analyzed, att_ids)
        conn.execute("COMMIT")
    except BaseException:
        if conn.in_transaction:
            conn.execute("ROLLBACK")
        raise
    log.info("re-analysed article %s: %d attributions", row["key"], len(analyzed.attributions))
    return row["key"], False
