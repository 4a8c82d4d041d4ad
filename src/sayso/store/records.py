"""Reading whole records back: one article with its attributions, and article lookup by key."""
from __future__ import annotations

import json
import re
import sqlite3

from ..errors import NotFound, SaysoError

_HEX = re.compile(r"^[0-9a-f]{8,64}$")


def find_article(conn: sqlite3.Connection, key: str | int) -> int:
    """The row id of an article given its key, article id (file stem), hash prefix (>= 8) or row id."""
    key = str(key).strip()
    tries = [("key = ?", key), ("article_id = ?", key)]
    if _HEX.match(key.lower()):
        tries.append(("content_hash LIKE ?", key.lower() + "%"))
    if key.isdigit() and int(key) < 2 ** 63:
        tries.append(("id = ?", int(key)))
    for cond, value in tries:
        rows = conn.execute(f"SELECT id, key, title FROM articles WHERE {cond} LIMIT 11", (value,)).fetchall()
        if len(rows) == 1:
            return rows[0]["id"]
        if len(rows) > 1:
            names = ", ".join(r["key"] for r in rows[:10]) + (", …" if len(rows) > 10 else "")
            raise SaysoError(f"article {key!r} is ambiguous: it could be {names}; use one of these keys")
    raise NotFound(f"no article {key!r} in the database (try `sayso quotes` to list stored articles)")


def _span(row: sqlite3.Row) -> dict:
    return {"start": row["start"], "end": row["end"], "text": row["text"]}


def _spans_by_attribution(conn: sqlite3.Connection, article_row: int) -> dict[int, dict[str, list]]:
    out: dict[int, dict[str, list]] = {}
    rows = conn.execute(
        'SELECT s.attribution_id, s.role, s.start, s."end", s.text FROM spans s '
        "JOIN attributions a ON a.id = s.attribution_id WHERE a.article_id = ? "
        "ORDER BY s.attribution_id, s.role, s.ord", (article_row,))
    for r in rows:
        out.setdefault(r["attribution_id"], {}).setdefault(r["role"], []).append(_span(r))
    return out


def _attribution(r: sqlite3.Row, spans: dict[str, list]) -> dict:
    speaker = None
    if r["speaker_id"] is not None:
        speaker = {"id": r["speaker_id"], "name": r["speaker_name"], "type": r["speaker_type"],
                   "role": r["speaker_role"], "affiliation": r["speaker_affiliation"],
                   "count": r["speaker_count"], "descriptor": r["speaker_descriptor"],
                   "group": r["speaker_group"],
                   "confidence": r["speaker_confidence"], "mentions": spans.get("mention", [])}
    stance = None
    if r["stance"] is not None:
        stance = {"label": r["stance"], "framing": r["framing"], "explanation": r["stance_explanation"] or "",
                  "triggers": spans.get("trigger", [])}
    return {
        "id": r["id"], "index": r["idx"],
        "source": (spans.get("source") or [None])[0], "cue": (spans.get("cue") or [None])[0],
        "content": spans.get("content", []), "kind": r["kind"], "confidence": r["confidence"],
        "speaker": speaker, "stance": stance, "via": r["via"],
    }


def article(conn: sqlite3.Connection, key: str | int) -> dict:
    """One article with every attribution, its spans, speaker and stance."""
    row_id = find_article(conn, key)
    a = conn.execute(
        "SELECT ar.*, o.name AS outlet FROM articles ar LEFT JOIN outlets o ON o.id = ar.outlet_id "
        "WHERE ar.id = ?", (row_id,)).fetchone()
    spans = _spans_by_attribution(conn, row_id)
    atts = conn.execute(
        "SELECT at.*, sp.name AS speaker_name FROM attributions at "
        "LEFT JOIN speakers sp ON sp.id = at.speaker_id WHERE at.article_id = ? ORDER BY at.idx", (row_id,))
    return {
        "key": a["key"], "id": a["article_id"], "row_id": a["id"], "title": a["title"], "date": a["date"],
        "outlet": a["outlet"], "url": a["url"], "authors": json.loads(a["authors"]),
        "credits": json.loads(a["credits"]), "path": a["path"], "format": a["format"], "text": a["text"],
        "content_hash": a["content_hash"], "added_at": a["added_at"],
        "attributions": [_attribution(r, spans.get(r["id"], {})) for r in atts],
    }


def _articles_from(text: str | None, outlet: str | None) -> tuple[str, list, str]:
    """FROM/WHERE clause, parameters and ORDER BY of an article listing."""
    from .queries import fts_query

    conds, params, join, order = [], [], "", "ar.date DESC, ar.id DESC"  # NULL dates sort last
    match = fts_query(text)
    if match:
        join = " JOIN articles_fts ON articles_fts.rowid = ar.id"
        conds.append("articles_fts MATCH ?")
        params.append(match)
        order = "bm25(articles_fts, 2.0, 1.0), " + order
    if outlet:
        conds.append("ar.outlet_id = (SELECT id FROM outlets WHERE name = ? COLLATE NOCASE)")
        params.append(outlet.strip())
    where = (" WHERE " + " AND ".join(conds)) if conds else ""
    return f"FROM articles ar LEFT JOIN outlets o ON o.id = ar.outlet_id{join}{where}", params, order


def articles(conn: sqlite3.Connection, *, text: str | None = None, outlet: str | None = None,
             limit: int = 50, offset: int = 0) -> list[dict]:
    """Stored articles, newest first, or ranked by a full-text match on title and text."""
    from .queries import _count

    from_where, params, order = _articles_from(text, outlet)
    rows = conn.execute(
        "SELECT ar.key, ar.article_id AS id, ar.title, ar.date, o.name AS outlet, ar.url, "
        "(SELECT count(*) FROM attributions at WHERE at.article_id = ar.id) AS n_quotes "
        f"{from_where} ORDER BY {order} LIMIT ? OFFSET ?",
        [*params, _count(limit, "limit"), _count(offset, "offset")])
    return [dict(r) for r in rows]


def count_articles(conn: sqlite3.Connection, *, text: str | None = None, outlet: str | None = None) -> int:
    """How many articles :func:`articles` would list without a limit."""
    from_where, params, _ = _articles_from(text, outlet)
    return conn.execute(f"SELECT count(*) {from_where}", params).fetchone()[0]
