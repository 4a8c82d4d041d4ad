"""Searching what was said: filters, FTS5 ranking and snippets over attributions."""
from __future__ import annotations

import re
import sqlite3
from dataclasses import dataclass, replace

from ..errors import SaysoError
from ..model import SOURCE_TYPES, STANCES
from .speakers import source_phrase

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


#: Ranking of text matches: bm25 with what was said weighing four times the source and speaker,
#: among the newest RANK_WINDOW matches of the words, widened tenfold while that window holds too
#: few results for the page (scoring every match of a common word costs seconds).
RANK = "bm25(4.0, 1.0, 1.0)"
RANK_WINDOW = 2_000
#: The same ranking as a function, scored only on the rows other filters keep (FTS5's own rank order
#: would score every match of the words first).
BM25 = "bm25(attributions_fts, 4.0, 1.0, 1.0)"
#: Filters that keep at most this many attributions (read from their index, capped) also bound the
#: words' scan to the row ids between the first and the last of them.
FEW = 20_000
#: Newest first, as the ``attributions_*_newest`` indexes are ordered (no sort needed).
NEWEST = "at.article_date DESC, at.article_id DESC, at.idx"


def fts_query(text: str | None) -> str | None:
    """User text as a safe FTS5 query: every term quoted (AND of terms), ``term*`` kept as a prefix.

    Quotes, apostrophes and FTS operators (AND, OR, NEAR, -, ^, :) lose their meaning.
    Returns None when nothing searchable is left (empty or punctuation only).
    """
    terms = []
    for raw in (text or "").replace("\x00", "").split():
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
    speaker_ids: tuple[int, ...] = ()  # the speakers a ``speaker`` name matches, resolved by the caller
    claim: int | None = None  # claims.id: attributions reported as part of this claim
    min_confidence: float | None = None  # attributions at or above this confidence only

    #: Extension point: another filter adds a field above and a clause in :meth:`where`; a filter
    #: that narrows to few rows is best written as ``at.id IN (SELECT ...)`` over an index.

    def where(self) -> tuple[list[str], list]:
        """SQL conditions on the attribution row ``at`` (joined by AND) and their parameters.

        Every condition is answered by an index of migration 0004 (or by the FTS index): the
        article's date and outlet are copied onto the attribution so no filter needs a join.
        """
        conds, params = [], []
        match = fts_query(self.text)
        if match:
            conds.append("attributions_fts MATCH ?")
            params.append(match)
        if self.speaker is not None and str(self.speaker).strip():
            if isinstance(self.speaker, int):
                conds.append("at.speaker_id = ?")
                params.append(self.speaker)
            else:  # the matching speakers' rows, or an unresolved source naming them (FTS source column)
                marks = ",".join("?" * len(self.speaker_ids))
                phrase = source_phrase(str(self.speaker))
                fallback = ("at.speaker_id IS NULL AND at.id IN "
                            "(SELECT rowid FROM attributions_fts WHERE attributions_fts MATCH ?)")
                conds.append(f"(at.speaker_id IN ({marks})" + (f" OR ({fallback}))" if phrase else ")"))
                params += [*self.speaker_ids, *([phrase] if phrase else [])]
        if self.outlet:
            conds.append("at.outlet_id = (SELECT id FROM outlets WHERE name = ? COLLATE NOCASE)")
            params.append(self.outlet.strip())
        if self.date_from:
            conds.append("at.article_date >= ?")
            params.append(_date(self.date_from))
        if self.date_to:  # "2016-03" takes in every day of March: any date up to "2016-03~"
            conds.append("at.article_date <= ?")
            params.append(_date(self.date_to) + "~")
        if self.source_type:  # with a rarer stance than "asserts", its index is the one to walk
            walk_stance = self.stance and self.stance.strip().lower() != "asserts"
            conds.append(("+" if walk_stance else "") + "coalesce(at.speaker_type, 'unknown') = ?")
            params.append(_choice(self.source_type, SOURCE_TYPES, "source type"))
        if self.stance:
            conds.append("at.stance = ?")
            params.append(_choice(self.stance, STANCES, "stance"))
        if self.article is not None:
            conds.append("at.article_id = ?")
            params.append(self.article)
        if self.claim is not None:  # a claim's reports are few: their ids come from its index
            conds.append("at.id IN (SELECT attribution_id FROM claim_reports WHERE claim_id = ?)")
            params.append(int(self.claim))
        if self.min_confidence:
            conds.append("at.confidence >= ?")
            params.append(float(self.min_confidence))
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


def _from_where(f: QuoteFilter, *, joins: bool = True, kept: bool = False) -> tuple[str, list, bool]:
    """FROM and WHERE of a quote query. With text, the FTS index is read first (CROSS JOIN fixes the
    join order), so other filters are checked only on rows that match the words. With ``kept`` (the
    other filters keep few rows, see :func:`id_span`), those rows' ids are read once from their
    indexes and each match is looked up among them, which costs less than a join per match."""
    conds, params = f.where()
    ranked = fts_query(f.text) is not None
    rest = QUOTE_FROM.replace("FROM attributions at", "", 1) if joins else ""
    if ranked and kept and len(conds) > 1 and not joins:  # "+" keeps the id list away from FTS5
        sql = ("FROM attributions_fts WHERE attributions_fts MATCH ? AND +attributions_fts.rowid IN "
               f"(SELECT at.id FROM attributions at WHERE {' AND '.join(conds[1:])})")
        return sql, params, ranked
    if ranked and len(conds) == 1 and not joins:  # words alone: the FTS index answers by itself
        sql = "FROM attributions_fts"
    elif ranked:
        sql = "FROM attributions_fts CROSS JOIN attributions at ON at.id = attributions_fts.rowid" + rest
    else:
        sql = "FROM attributions at" + rest
    if conds:
        sql += " WHERE " + " AND ".join(conds)
    return sql, params, ranked


def quotes(conn: sqlite3.Connection, f: QuoteFilter, *, limit: int = 50, offset: int = 0,
           marks: tuple[str, str] = ("[", "]")) -> list[dict]:
    """Attributions matching ``f``: bm25-ranked with a snippet when there is text, else newest first.

    Two steps: the ids of the page, from the indexes alone (:func:`quotes_sql`), then the rows
    and snippets of those ids only, so skipped and unshown rows cost no joins."""
    window, span = RANK_WINDOW, id_span(conn, f)
    while True:  # rank the newest matches; widen the window while it holds too few for the page
        floor = _rank_floor(conn, f, window, span)
        sql, params = quotes_sql(f, limit=limit, offset=offset, floor=floor, span=span)
        ids = [r[0] for r in conn.execute(sql, params)]
        if floor is None or len(ids) >= limit:
            break
        window *= 10
    if not ids:
        return []
    marks_sql = ",".join("?" * len(ids))
    rows = {r["id"]: dict(r) for r in conn.execute(
        f"SELECT {QUOTE_SELECT}, NULL AS snippet {QUOTE_FROM} WHERE at.id IN ({marks_sql})", ids)}
    match = fts_query(f.text)
    if match:
        for r in conn.execute(
                "SELECT rowid, snippet(attributions_fts, 0, ?, ?, '…', 24) FROM attributions_fts "
                f"WHERE attributions_fts MATCH ? AND rowid IN ({marks_sql})", [marks[0], marks[1], match, *ids]):
            rows[r[0]]["snippet"] = r[1]
    return [rows[i] for i in ids]


def _rank_floor(conn: sqlite3.Connection, f: QuoteFilter, window: int,
                span: tuple[int, int] | None = None) -> int | None:
    """The oldest of the newest ``window`` matches of the words (by rowid, walked newest first by
    the FTS index alone; within ``span``), or None when there are fewer: ranking scores only the
    rows from there on."""
    match = fts_query(f.text)
    if match is None:
        return None
    within = " AND rowid BETWEEN ? AND ?" if span else ""
    row = conn.execute(f"SELECT rowid FROM attributions_fts WHERE attributions_fts MATCH ?{within} "
                       "ORDER BY rowid DESC LIMIT 1 OFFSET ?", [match, *(span or ()), window - 1]).fetchone()
    return row[0] if row else None


def id_span(conn: sqlite3.Connection, f: QuoteFilter) -> tuple[int, int] | None:
    """With words, the first and last row id of the attributions the other filters keep, when
    they keep at most :data:`FEW` (else None): the words' matches outside it cannot be results."""
    conds, params = replace(f, text=None).where()
    if fts_query(f.text) is None or not conds:
        return None
    n, first, last = conn.execute(f"SELECT count(*), min(id), max(id) FROM (SELECT at.id AS id FROM attributions at "
                                  f"WHERE {' AND '.join(conds)} LIMIT {FEW + 1})", params).fetchone()
    if n > FEW:
        return None
    return (first, last) if n else (1, 0)  # nothing kept: an empty span


def _bounded(from_where: str, params: list, floor: int | None, span: tuple[int, int] | None,
             rank: bool = False) -> tuple[str, list]:
    """The words' match narrowed to rowids from ``floor`` on and within ``span`` (FTS5 reads only
    that part of its index), with FTS5's own rank order when ``rank``."""
    extra, values = "", []
    if rank:
        extra, values = " AND attributions_fts.rank MATCH ?", [RANK]
    if floor is not None:
        extra, values = extra + " AND attributions_fts.rowid >= ?", [*values, floor]
    if span is not None:
        extra, values = extra + " AND attributions_fts.rowid BETWEEN ? AND ?", [*values, *span]
    return (from_where.replace("attributions_fts MATCH ?", "attributions_fts MATCH ?" + extra, 1),
            [params[0], *values, *params[1:]])


def quotes_sql(f: QuoteFilter, *, limit: int = 50, offset: int = 0, floor: int | None = None,
               span: tuple[int, int] | None = None) -> tuple[str, list]:
    """The SQL and parameters of the ids of a page of :func:`quotes`: with words alone, in the FTS
    index's rank order among the matches from rowid ``floor`` on; with words and filters, the
    matches are filtered first and only the rows kept are scored (within ``span``, see
    :func:`id_span`); else newest first along an index."""
    from_where, params, ranked = _from_where(f, joins=False, kept=span is not None)
    if ranked:
        alone = len(f.where()[0]) == 1
        from_where, params = _bounded(from_where, params, floor, span, rank=alone)
        order, column = ("attributions_fts.rank" if alone else BM25), "attributions_fts.rowid"
    else:
        order, column = NEWEST, "at.id"
    sql = f"SELECT {column} {from_where} ORDER BY {order} LIMIT ? OFFSET ?"
    return sql, [*params, _count(limit, "limit"), _count(offset, "offset")]


def count_quotes(conn: sqlite3.Connection, f: QuoteFilter, *, cap: int | None = None) -> int:
    """How many attributions match; with ``cap``, counting stops at ``cap + 1`` (so "more than cap"
    costs no more than reading that many index entries)."""
    sql, params = count_sql(f, cap=cap, span=id_span(conn, f))
    return conn.execute(sql, params).fetchone()[0]


def count_sql(f: QuoteFilter, *, cap: int | None = None, span: tuple[int, int] | None = None) -> tuple[str, list]:
    """The SQL of :func:`count_quotes`: every filter is on the attribution row, so no join."""
    from_where, params, ranked = _from_where(f, joins=False, kept=span is not None)
    if ranked and span is not None:
        from_where, params = _bounded(from_where, params, None, span)
    if cap is None:
        return f"SELECT count(*) {from_where}", params
    newest = " ORDER BY attributions_fts.rowid DESC" if ranked else ""  # the page's window is the newest matches
    return f"SELECT count(*) FROM (SELECT 1 {from_where}{newest} LIMIT ?)", [*params, _count(cap, "cap") + 1]


def query_plan(conn: sqlite3.Connection, f: QuoteFilter, *, cap: int = 10_000) -> dict[str, list[str]]:
    """SQLite's ``EXPLAIN QUERY PLAN`` of the page and the capped count of ``f`` (one line per step)."""
    out, span = {}, id_span(conn, f)
    for name, (sql, params) in (("page", quotes_sql(f, limit=20, offset=0, span=span)),
                                ("count", count_sql(f, cap=cap, span=span))):
        out[name] = [r[3] for r in conn.execute(f"EXPLAIN QUERY PLAN {sql}", params)]
    return out


def _count(value: int, what: str) -> int:
    value = int(value)
    if value < 0:
        raise SaysoError(f"{what} must be 0 or more, not {value}")
    if value >= 2 ** 63:
        raise SaysoError(f"{what} must be below 2^63, not {value}")
    return value
