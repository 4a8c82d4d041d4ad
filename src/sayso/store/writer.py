"""Writing one analysed article: idempotent by content hash, atomic per article."""
from __future__ import annotations

import json
import logging
import sqlite3
from datetime import datetime, timezone

from ..errors import StoreError
from ..model import AnalyzedArticle, Article, Attribution, Span
from . import claims as claim_store
from . import queries, speakers

log = logging.getLogger(__name__)

FRAGMENT_JOIN = " … "


def check_offsets(analyzed: AnalyzedArticle) -> None:
    """Refuse an article whose spans do not point at their own text (offsets are sacred)."""
    text = analyzed.article.text
    for i, att in enumerate(analyzed.attributions):
        spans = [("source", att.source), ("cue", att.cue), *(("content", c) for c in att.content)]
        if att.speaker:
            spans += [("mention", m) for m in att.speaker.mentions]
        if att.stance:
            spans += [("trigger", t) for t in att.stance.triggers]
        for role, span in spans:
            if span is not None and (not 0 <= span.start <= span.end <= len(text)
                                     or text[span.start:span.end] != span.text):
                raise StoreError(
                    f"article {analyzed.article.id}: attribution {i} {role} span {span.start}:{span.end} "
                    f"{span.text!r} does not match the article text; nothing was stored")


def existing_key(conn: sqlite3.Connection, content_hash: str) -> str | None:
    row = conn.execute("SELECT key FROM articles WHERE content_hash = ?", (content_hash,)).fetchone()
    return row["key"] if row else None


def unique_key(conn: sqlite3.Connection, article: Article) -> str:
    """The article id, or ``id-<hash12>`` when another article already uses that id."""
    base = article.id or article.content_hash[:12]
    for key in (base, f"{base}-{article.content_hash[:12]}", article.content_hash):
        if conn.execute("SELECT 1 FROM articles WHERE key = ?", (key,)).fetchone() is None:
            return key
    raise StoreError(f"article {article.id}: no free key")  # pragma: no cover - content hash is unique


def outlet_id(conn: sqlite3.Connection, name: str | None) -> int | None:
    """Get-or-create an outlet by name (case-insensitive)."""
    if not name or not name.strip():
        return None
    name = name.strip()
    conn.execute("INSERT OR IGNORE INTO outlets (name) VALUES (?)", (name,))
    return conn.execute("SELECT id FROM outlets WHERE name = ?", (name,)).fetchone()["id"]


def insert_article(conn: sqlite3.Connection, article: Article) -> tuple[int, str]:
    key = unique_key(conn, article)
    cur = conn.execute(
        "INSERT INTO articles (key, article_id, content_hash, title, date, outlet_id, url, authors, credits, "
        "path, format, text, added_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        (key, article.id, article.content_hash, article.title, article.date,
         outlet_id(conn, article.outlet), article.url, json.dumps(list(article.authors)),
         json.dumps(list(article.credits)), article.path, article.format, article.text,
         datetime.now(timezone.utc).isoformat(timespec="seconds")))
    conn.execute("INSERT INTO articles_fts (rowid, title, text) VALUES (?, ?, ?)",
                 (cur.lastrowid, article.title or "", article.text))
    return cur.lastrowid, key


def insert_span(conn: sqlite3.Connection, attribution_id: int, role: str, ord: int, span: Span) -> None:
    conn.execute(
        'INSERT INTO spans (attribution_id, role, ord, start, "end", text) VALUES (?, ?, ?, ?, ?, ?)',
        (attribution_id, role, ord, span.start, span.end, span.text))


def insert_attribution(conn: sqlite3.Connection, article_row: int, idx: int, att: Attribution,
                       content_hash: str) -> int:
    sp, st = att.speaker, att.stance
    speaker_id = speakers.get_or_create(conn, sp, content_hash) if sp else None
    content = FRAGMENT_JOIN.join(c.text for c in att.content)
    cur = conn.execute(
        "INSERT INTO attributions (article_id, idx, kind, confidence, speaker_id, speaker_type, "
        "speaker_confidence, speaker_role, speaker_affiliation, speaker_count, speaker_descriptor, "
        "speaker_group, stance, framing, stance_explanation, via, source_text, cue_text, content_text) "
        "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        (article_row, idx, att.kind, float(att.confidence), speaker_id,
         sp.type if sp else None, sp.confidence if sp else None, sp.role if sp else None,
         sp.affiliation if sp else None, sp.count if sp else None, sp.descriptor if sp else None,
         sp.group if sp else None,
         st.label if st else None, st.framing if st else None, st.explanation if st else None,
         att.via, att.source.text if att.source else None, att.cue.text if att.cue else None, content))
    att_id = cur.lastrowid
    speakers.remember(conn, att_id, sp if speaker_id else None, content_hash)
    roles = [("source", [att.source] if att.source else []), ("cue", [att.cue] if att.cue else []),
             ("content", att.content), ("mention", sp.mentions if sp else ()),
             ("trigger", st.triggers if st else ())]
    for role, spans in roles:
        for ord, span in enumerate(spans):
            insert_span(conn, att_id, role, ord, span)
    who = speakers.aliases_text(conn, speaker_id) if speaker_id else ""
    conn.execute("INSERT INTO attributions_fts (rowid, content, source, speaker, facets) "
                 f"SELECT at.id, ?, ?, ?, {queries.facets_sql('at')} FROM attributions at WHERE at.id = ?",
                 (content, att.source.text if att.source else "", who, att_id))
    return att_id


def add_article(conn: sqlite3.Connection, analyzed: AnalyzedArticle, *, claims: bool = True) -> tuple[str, bool]:
    """Store one analysed article in one transaction (its claims too, unless ``claims`` is false).
    Returns ``(key, created)``."""
    check_offsets(analyzed)
    article = analyzed.article
    conn.execute("BEGIN IMMEDIATE")
    try:
        key = existing_key(conn, article.content_hash)
        if key is not None:
            conn.execute("ROLLBACK")
            log.debug("article %s already stored as %s", article.id, key)
            return key, False
        row, key = insert_article(conn, article)
        att_ids = [insert_attribution(conn, row, idx, att, article.content_hash)
                   for idx, att in enumerate(analyzed.attributions)]
        speakers.settle(conn, row)
        if claims:
            claim_store.add_article(conn, row, key, analyzed, att_ids)
        conn.execute("COMMIT")
    except BaseException:
        if conn.in_transaction:
            conn.execute("ROLLBACK")
        raise
    log.info("stored article %s as %s with %d attributions", article.id, key, len(analyzed.attributions))
    return key, True
