"""Searching what was said: filters, FTS5 ranking and snippets over attributions."""
from __future__ import annotations

import re
import sqlite3
from dataclasses import dataclass

from ..errors import SaysoError
from ..model import SOURCE_TYPES, STANCES
from .speakers import speaker_match

_DATE = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$")
_WORD = re.compile(r"\w", re.UNICODE)

#: Columns every quote dict carries (``snippet`` is None without a text query).
QUOTE_SELECT = """
    at.id AS id, at.idx AS "index", ar.key AS article_key, ar.article_id AS article_id,
    ar.title AS article_title, ar.date AS article_date, o.name AS article_outlet, ar.url AS article_url,
    at.source_text AS source, at.cue_text AS cue, at.content_text AS content, at.kind AS kind,
    at.confidence AS confidence, at.speaker_id AS speaker_id, sp.name AS speaker_name,
    coalesce(at.speaker_type, 'unknown') AS speaker_type, at.stance AS stance, at.framing AS framing,
    at.via AS via"""

QUOTE_FROM = """
    FROM attributions at
    JOIN articles ar ON ar.id = at.article_id
    LEFT JOIN outlets o ON o.id = ar.outlet_id
    LEFT JOIN speakers sp ON sp.id = at.speaker_id"""


def fts_query(text: str | None) -> str | None:
    """User text as a safe FTS5 query: every term quoted (AND of terms), ``term*`` kept as a prefix.

    Quotes, apostrophes and FTS operators (AND, OR, NEAR, -, ^, :) lose their meaning.
    Returns None when nothing searchable is left (empty or punctuation only).
    """
    terms = []
    for raw in (text or "").split():
        prefix = raw.endswith("*")
        term = raw.rstrip("*")
        if not _WORD.search(term):
            continue
        terms.append('"' + term.replace('"', '""') + '"' + ("*" if prefix else ""))
    return " ".join(terms) or None


@dataclass(frozen=True)
class QuoteFilter:
    """Search options shared by :func:`quotes` and :func:`count_quotes`."""

    text: str | None = None
    speaker: str | int | None = None
    outlet: str | None = None
    date_from: str | None = None
    date_to: str | None = None
    source_type: str | None = None
    stance: str | None = None
    article: int | None = None  # articles.id, resolved by the caller from the user's key

    def where(self) -> tuple[list[str], list]:
        """SQL conditions (joined by AND) and their parameters."""
        conds, params = [], []
        match = fts_query(self.text)
        if match:
            conds.append("attributions_fts MATCH ?")
            params.append(match)
        if self.speaker is not None and str(self.speaker).strip():
            if isinstance(self.speaker, int):
                conds.append("at.speaker_id = ?")
                params.append(self.speaker)
            else:
                sql, p = speaker_match(str(self.speaker), "at.speaker_id", "at.source_text")
                conds.append(sql)
                params += p
        if self.outlet:
            conds.append("o.name = ? COLLATE NOCASE")
            params.append(self.outlet.strip())
        for value, op in ((self.date_from, ">="), (self.date_to, "<=")):
            if value:
                conds.append(f"substr(ar.date, 1, length(?)) {op} ?")
                params += [_date(value), _date(value)]
        if self.source_type:
            conds.append("coalesce(at.speaker_type, 'unknown') = ?")
            params.append(_choice(self.source_type, SOURCE_TYPES, "source type"))
        if self.stance:
            conds.append("at.stance = ?")
            params.append(_choice(self.stance, STANCES, "stance"))
        if self.article is not None:
            conds.append("at.article_id = ?")
            params.append(self.article)
        return conds, params


def _date(value: str) -> str:
    value = value.strip()
    if not _DATE.match(value):
        raise SaysoError(f"date {value!r} is not YYYY, YYYY-MM or YYYY-MM-DD")
    return value


def _choice(value: str, allowed: tuple[str, ...], what: str) -> str:
    value = value.strip().lower()
    if value not in allowed:
        raise SaysoError(f"unknown {what} {value!r}; choose one of {', '.join(allowed)}")
    return value


def _from_where(f: QuoteFilter) -> tuple[str, list, bool]:
    conds, params = f.where()
    ranked = fts_query(f.text) is not None
    sql = QUOTE_FROM + (" JOIN attributions_fts ON attributions_fts.rowid = at.id" if ranked else "")
    if conds:
        sql += " WHERE " + " AND ".join(conds)
    return sql, params, ranked


def quotes(conn: sqlite3.Connection, f: QuoteFilter, *, limit: int = 50, offset: int = 0,
           marks: tuple[str, str] = ("[", "]")) -> list[dict]:
    """Attributions matching ``f``: bm25-ranked with a snippet when there is text, else newest first."""
    from_where, params, ranked = _from_where(f)
    if ranked:
        select = QUOTE_SELECT + ", snippet(attributions_fts, 0, ?, ?, '…', 24) AS snippet"
        order = "bm25(attributions_fts, 4.0, 1.0, 1.0), ar.date DESC, at.id"
        params = [marks[0], marks[1], *params]
    else:
        select = QUOTE_SELECT + ", NULL AS snippet"
        order = "ar.date DESC NULLS LAST, ar.id DESC, at.idx"
    sql = f"SELECT {select} {from_where} ORDER BY {order} LIMIT ? OFFSET ?"
    rows = conn.execute(sql, [*params, _count(limit, "limit"), _count(offset, "offset")])
    return [dict(r) for r in rows]


def count_quotes(conn: sqlite3.Connection, f: QuoteFilter) -> int:
    from_where, params, _ = _from_where(f)
    return conn.execute(f"SELECT count(*) {from_where}", params).fetchone()[0]


def _count(value: int, what: str) -> int:
    value = int(value)
    if value < 0:
        raise SaysoError(f"{what} must be 0 or more, not {value}")
    return value
