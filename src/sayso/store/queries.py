"""Searching what was said: filters, FTS5 ranking and snippets over attributions."""
from __future__ import annotations

import calendar
import datetime
import re
import sqlite3
import unicodedata
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
RANK = "bm25(4.0, 1.0, 1.0, 0.0)"
RANK_WINDOW = 2_000
#: The same ranking as a function, scored only on the rows other filters keep (FTS5's own rank order
#: would score every match of the words first).
BM25 = "bm25(attributions_fts, 4.0, 1.0, 1.0, 0.0)"
#: Filters that keep at most this many attributions (read from their index, capped) also bound the
#: words' scan to the row ids between the first and the last of them.
FEW = 20_000
#: Newest first, as the ``attributions_*_newest`` indexes are ordered (no sort needed).
NEWEST = "at.article_date DESC, at.article_id DESC, at.idx"
#: Filters answered inside the FTS index (migration 0005): stance, source type, outlet, speaker and
#: dates are tokens of the ``facets`` column, so words with these filters are one FTS5 query (its
#: doclists intersected in C, newest first) and no match is looked up in the attributions table.
#: False: every filter is checked in SQL on each match (the path of claim, article and confidence).
FACETS = True
#: A stance, type or outlet held by more than this share of the rows is asked as NOT the others.
COMPLEMENT = 0.5
#: A value that is one token of the facets column (so NOT its token drops exactly its rows).
_TOKEN = re.compile(r"^[a-z0-9]+$")
#: A facet no row has (a filter value that names nothing).
NO_FACET = "facets : znothing"
#: Users' words are searched in these columns (never in ``facets``).
WORD_COLUMNS = "{content source speaker}"


def facets_sql(row: str = "at") -> str:
    """The ``facets`` column for the attribution row alias ``row``, read from the view that
    migration 0005 spells it in once (``attribution_facets``; its trigger reads it too)."""
    return f"(SELECT facets FROM attribution_facets WHERE id = {row}.id)"


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
        match = words_match(self.text)
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


def words_match(text: str | None) -> str | None:
    """The FTS5 query of the user's words on attributions_fts: their :func:`fts_query`, limited to
    the columns of what was said and who said it when a word could be a facet token (all of which
    start with "z"; the column filter costs ~10% of a search)."""
    match = fts_query(text)
    if match and "z" in unicodedata.normalize("NFKD", match).casefold():  # could name a facet (zs…, zp…)
        return f"{WORD_COLUMNS} : ({match})"
    return match


@dataclass(frozen=True)
class Search:
    """A filter as it is run. ``match``: the FTS5 query of the words and of the filters answered by
    facets (None without words); ``conds``/``params``: the SQL conditions left on ``at``;
    ``rank_match``: when it differs from ``match``, the FTS5 query the page is scored on (the words
    and only the selective facets, see :func:`prepare`), its rows kept when they also match ``match``."""

    match: str | None
    conds: list[str]
    params: list
    rank_match: str | None = None
    #: The words with every facet (scored): what ranking falls back to when the rows ``rank_match``
    #: would walk cost more than scoring the broad facets (``broad`` rows, their total size).
    rank_all: str | None = None
    broad: float = 0.0


@dataclass(frozen=True)
class _Facet:
    fields: tuple[str, ...]  # the QuoteFilter fields it answers
    exact: str  # FTS5 query of exactly the rows the filter keeps
    loose: str | None  # the same on the facets column alone (a superset when ``exact`` reads words), or None
    size: float  # rows it keeps in the whole store (kept totals; estimated for dates)
    negated: bool = False  # ``exact`` and ``loose`` name the rows the filter drops (FTS5's NOT)


def prepare(conn: sqlite3.Connection, f: QuoteFilter) -> Search:
    """Split ``f`` into the FTS5 query (words and facet filters) and the SQL conditions left.

    Ranking with FTS5's bm25 counts every row of each phrase of the query once per query (its idf),
    so a facet of half a million rows costs ~20 ms even at weight 0. A facet is scored with the
    words only when it is selective (:func:`_selective`); a broad one only narrows the matches the
    page keeps (``rank_match``), so ranking walks the words' matches from the floor on and scores
    only the rows kept. With SQL conditions left (claim, article, confidence), only selective
    facets that read no words join the FTS query; the others stay SQL conditions."""
    words = words_match(f.text)
    if words is None:
        conds, params = f.where()
        return Search(None, conds, params)
    n = _rows(conn) if FACETS else 0
    facets = _facets(conn, f, n) if FACETS else []
    answered = {name for x in facets for name in x.fields}
    rest = replace(f, text=None, **{name: None for name in answered})
    if not rest.where()[0]:  # every filter is a facet: FTS5 alone
        match = _and(words, facets)
        rank = _and(words, [x for x in facets if _selective(x.size, n)], loose=True)
        rank_all = _and(words, facets, loose=True)
        broad = sum(x.size for x in facets if not _selective(x.size, n))
        return Search(match, [], [], None if rank == match else rank, None if rank_all == match else rank_all, broad)
    scored = [x for x in facets if x.loose == x.exact and _selective(x.size, n)]
    conds, params = replace(f, text=None, **{name: None for x in scored for name in x.fields}).where()
    return Search(_and(words, scored), conds, params)


def _and(words: str, facets: list[_Facet], *, loose: bool = False) -> str:
    """The words and the facets (``loose``: their loose form) as one FTS5 query."""
    query = " AND ".join([words, *(f"({x.loose if loose else x.exact})" for x in facets if not x.negated)])
    for x in facets:
        if x.negated:
            query = f"({query}) NOT ({x.exact})"
    return query


def _selective(size: float, rows: int) -> bool:
    """Whether scoring a facet of ``size`` rows (its idf: ~45 ns a row) costs less than walking the
    words' matches it would have removed, about RANK_WINDOW * rows / size of them (~400 ns each)."""
    return size * size < FACET_COST * RANK_WINDOW * rows


#: Cost of walking a match of the words and checking it against the kept rows, relative to FTS5
#: counting a row of a facet for bm25 (measured on the 1M store: ~400 ns vs ~45 ns).
FACET_COST = 9.0


def _rows(conn: sqlite3.Connection) -> int:
    return conn.execute("SELECT coalesce(sum(n), 0) FROM attribution_totals WHERE what = 'kind'").fetchone()[0]


def _facets(conn: sqlite3.Connection, f: QuoteFilter, n: int) -> list[_Facet]:
    """The facets of the filters they answer (speaker, outlet, type, stance, dates; ``n`` rows in
    all), with their sizes. A value most rows hold (``asserts``, ``person``) is asked as NOT the
    others: intersecting a rare word with a facet of 800,000 rows reads nearly all of that facet's
    doclist (~10 ms). A stance or type is left to SQL if a stored value is not one lower-case token
    (its facet could then name rows of another value)."""
    out = []
    if f.speaker is not None and str(f.speaker).strip():
        if isinstance(f.speaker, int):
            size = conn.execute("SELECT n_quotes FROM speakers WHERE id = ?", [int(f.speaker)]).fetchone()
            out.append(_Facet(("speaker",), f"facets : zp{int(f.speaker)}", f"facets : zp{int(f.speaker)}",
                              size[0] if size else 0))
        else:  # the matching speakers, or an unresolved source naming them (as in QuoteFilter.where)
            ids = [int(i) for i in f.speaker_ids]
            phrase = source_phrase(str(f.speaker))
            alts = [f"facets : ({' OR '.join(f'zp{i}' for i in ids)})"] if ids else []
            exact = " OR ".join(alts + ([f"(facets : zpnull AND {phrase})"] if phrase else [])) or NO_FACET
            tokens = [f"zp{i}" for i in ids] + (["zpnull"] if phrase else [])
            loose = f"facets : ({' OR '.join(tokens)})" if tokens else NO_FACET
            size = conn.execute(f"SELECT coalesce(sum(n_quotes), 0) FROM speakers WHERE id IN ({','.join('?' * len(ids))})",
                                ids).fetchone()[0] if ids else 0
            out.append(_Facet(("speaker",), exact, exact if not phrase else loose, size))
    if f.outlet:
        row = conn.execute("SELECT id, n_quotes FROM outlets WHERE name = ? COLLATE NOCASE", [f.outlet.strip()]).fetchone()
        term = f"facets : zo{int(row[0])}" if row else NO_FACET
        if row and row[1] > COMPLEMENT * n:  # most rows: FTS5 reads less as NOT the other outlets
            others = [f"zo{int(i)}" for (i,) in conn.execute("SELECT id FROM outlets WHERE id <> ?", [row[0]])]
            out.append(_Facet(("outlet",), f"facets : ({' OR '.join([*others, 'zonone'])})", None, row[1], True))
        else:
            out.append(_Facet(("outlet",), term, term, row[1] if row else 0))
    for field, what, choices, prefix in (("source_type", "type", SOURCE_TYPES, "zt"), ("stance", "stance", STANCES, "zs")):
        value = getattr(f, field)
        if value:
            value = _choice(value, choices, field.replace("_", " "))
            kept = dict(conn.execute("SELECT value, n FROM attribution_totals WHERE what = ?", [what]).fetchall())
            if not all(_TOKEN.match(v) for v in kept):
                continue
            # every value a row can hold: the model's, "none" (a NULL stance) and any other the totals list
            others = sorted({*choices, "none", *kept} - {value})
            if kept.get(value, 0) > COMPLEMENT * n:
                out.append(_Facet((field,), f"facets : ({' OR '.join(prefix + v for v in others)})", None,
                                  kept[value], True))
            else:
                term = f"facets : {prefix}{value}"
                out.append(_Facet((field,), term, term, kept.get(value, 0)))
    if f.date_from or f.date_to:
        dates = _date_terms(conn, f.date_from, f.date_to)
        if dates is not None:
            terms, share = dates
            term = f"facets : ({' OR '.join(terms)})" if terms else NO_FACET
            out.append(_Facet(("date_from", "date_to"), term, term, share * n))
    return out


def _date_terms(conn: sqlite3.Connection, date_from: str | None,
                date_to: str | None) -> tuple[list[str], float] | None:
    """The fewest year, month and day facets (``zy2016``, ``zm201603``, ``zd20160315``) covering the
    stored dates ``d`` with ``date_from <= d <= date_to + "~"`` (what the SQL filter keeps), and the
    share of the stored date span they cover; None when facets cannot say it (a stored date that is
    not a calendar day; a bound no calendar gives)."""
    lo_s, hi_s = (_date(date_from) if date_from else None), (_date(date_to) if date_to else None)
    if conn.execute("SELECT 1 FROM attributions_fts WHERE attributions_fts MATCH 'facets : zdx' LIMIT 1").fetchone():
        return None
    first, last = conn.execute("SELECT (SELECT min(article_date) FROM attributions), "
                               "(SELECT max(article_date) FROM attributions)").fetchone()
    if first is None:
        return [], 0.0
    try:
        first, last = datetime.date.fromisoformat(first[:10]), datetime.date.fromisoformat(last[:10])
        lo = max(_first_day(lo_s) if lo_s else datetime.date.min, first)
        hi = min(_last_day(hi_s) if hi_s else datetime.date.max, last)
    except ValueError:
        return None
    return _cover(lo, hi), max((hi - lo).days + 1, 0) / ((last - first).days + 1)


def _cover(lo: datetime.date, hi: datetime.date) -> list[str]:
    """Whole years, then whole months, then days: the fewest facets naming every day from lo to hi."""
    terms, day = [], lo
    while day <= hi:
        month_end = _month_end(day.year, day.month)
        if day.month == 1 and day.day == 1 and datetime.date(day.year, 12, 31) <= hi:
            terms.append(f"zy{day.year}")
            day = datetime.date(day.year, 12, 31)
        elif day.day == 1 and month_end <= hi:
            terms.append(f"zm{day:%Y%m}")
            day = month_end
        else:
            terms.append(f"zd{day:%Y%m%d}")
        if day == datetime.date.max:
            break
        day += datetime.timedelta(days=1)
    return terms


def _month_end(year: int, month: int) -> datetime.date:
    return datetime.date(year, month, calendar.monthrange(year, month)[1])


def _first_day(value: str) -> datetime.date:
    """The first calendar day whose ``YYYY-MM-DD`` is at or after ``value`` (a string comparison)."""
    y, m, d = int(value[:4]), int(value[5:7] or 1), int(value[8:10] or 1)
    m, d = max(m, 1), max(d, 1)
    if m > 12:
        return datetime.date(y + 1, 1, 1)
    if d > calendar.monthrange(y, m)[1]:
        return _month_end(y, m) + datetime.timedelta(days=1)
    return datetime.date(y, m, d)


def _last_day(value: str) -> datetime.date:
    """The last calendar day whose ``YYYY-MM-DD`` starts with ``value`` or sorts before it."""
    y = int(value[:4])
    if len(value) == 4:
        return datetime.date(y, 12, 31)
    m = int(value[5:7])
    if m == 0:
        return datetime.date(y - 1, 12, 31)
    if m > 12:
        return datetime.date(y, 12, 31)
    if len(value) == 7:
        return _month_end(y, m)
    d = int(value[8:10])
    if d == 0:
        return datetime.date(y, m, 1) - datetime.timedelta(days=1)
    return datetime.date(y, m, min(d, calendar.monthrange(y, m)[1]))


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


def _from_where(s: Search, *, kept: bool = False) -> tuple[str, list]:
    """FROM and WHERE of a quote query. With words, the FTS index is read first: alone when facets
    answer every filter; else joined to the rows (CROSS JOIN fixes the join order), so the SQL
    conditions left are checked only on rows that match. With ``kept`` (those conditions keep few
    rows, see :func:`id_span`), those rows' ids are read once from their indexes and each match is
    looked up among them, which costs less than a join per match."""
    where = " AND ".join(s.conds)
    if s.match is None:
        return "FROM attributions at" + (f" WHERE {where}" if where else ""), list(s.params)
    if not s.conds:  # words and facets: the FTS index answers by itself
        return "FROM attributions_fts WHERE attributions_fts MATCH ?", [s.match]
    if kept:  # "+" keeps the id list away from FTS5
        return ("FROM attributions_fts WHERE attributions_fts MATCH ? AND +attributions_fts.rowid IN "
                f"(SELECT at.id FROM attributions at WHERE {where})"), [s.match, *s.params]
    return ("FROM attributions_fts CROSS JOIN attributions at ON at.id = attributions_fts.rowid "
            f"WHERE attributions_fts MATCH ? AND {where}"), [s.match, *s.params]


def quotes(conn: sqlite3.Connection, f: QuoteFilter, *, limit: int = 50, offset: int = 0,
           marks: tuple[str, str] = ("[", "]")) -> list[dict]:
    """Attributions matching ``f``: bm25-ranked with a snippet when there is text, else newest first.

    Two steps: the ids of the page, from the indexes alone (:func:`quotes_sql`), then the rows
    and snippets of those ids only, so skipped and unshown rows cost no joins."""
    return _quotes(conn, prepare(conn, f), f.text, limit, offset, marks)[0]


def quotes_and_count(conn: sqlite3.Connection, f: QuoteFilter, *, limit: int = 50, offset: int = 0,
                     marks: tuple[str, str] = ("[", "]"), cap: int = 1_000) -> tuple[list[dict], int]:
    """:func:`quotes` and :func:`count_quotes` (capped) of one search: with words and facets only,
    one walk of the newest matches gives both the rank floor and the count."""
    s = prepare(conn, f)
    rows, walked = _quotes(conn, s, f.text, limit, offset, marks)
    if walked is not None and (walked < RANK_WINDOW or cap < RANK_WINDOW):
        return rows, min(walked, _count(cap, "cap") + 1)
    sql, params = count_sql(s, cap=cap, span=id_span(conn, s))
    return rows, conn.execute(sql, params).fetchone()[0]


def _quotes(conn: sqlite3.Connection, s: Search, text: str | None, limit: int, offset: int,
            marks: tuple[str, str]) -> tuple[list[dict], int | None]:
    """The page of :func:`quotes`, and with words and facets only, how many of the newest
    RANK_WINDOW matches there are (a count up to there, from the same walk as the rank floor)."""
    window, span, walked, newest = RANK_WINDOW, id_span(conn, s), None, 0
    while True:  # rank the newest matches; widen the window while it holds too few for the page
        if s.match is not None and not s.conds and walked is None:  # one walk: the floor, the newest, the count
            walked, oldest, newest = conn.execute(
                "SELECT count(*), min(rowid), coalesce(max(rowid), 0) FROM (SELECT rowid FROM attributions_fts "
                "WHERE attributions_fts MATCH ? ORDER BY rowid DESC LIMIT ?)", [s.match, window]).fetchone()
            floor = oldest if walked >= window else None
        else:
            floor = _rank_floor(conn, s, window, span)
        if s.rank_match is not None:
            s, span = _walk_or_score(conn, s, floor, newest)
        sql, params = quotes_sql(s, limit=limit, offset=offset, floor=floor, span=span)
        ids = [r[0] for r in conn.execute(sql, params)]
        if floor is None or len(ids) >= limit:
            break
        window *= 10
    if not ids:
        return [], walked
    marks_sql = ",".join("?" * len(ids))
    rows = {r["id"]: dict(r) for r in conn.execute(
        f"SELECT {QUOTE_SELECT}, NULL AS snippet {QUOTE_FROM} WHERE at.id IN ({marks_sql})", ids)}
    match = words_match(text)
    if match:
        for r in conn.execute(
                "SELECT rowid, snippet(attributions_fts, 0, ?, ?, '…', 24) FROM attributions_fts "
                f"WHERE attributions_fts MATCH ? AND rowid IN ({marks_sql})", [marks[0], marks[1], match, *ids]):
            rows[r[0]]["snippet"] = r[1]
    return [rows[i] for i in ids], walked


def _rank_floor(conn: sqlite3.Connection, s: Search, window: int,
                span: tuple[int, int] | None = None) -> int | None:
    """The oldest of the newest ``window`` matches of the words and facets (by rowid, walked newest
    first by the FTS index alone; within ``span``), or None when there are fewer: ranking scores only
    the rows from there on."""
    if s.match is None:
        return None
    within = " AND rowid BETWEEN ? AND ?" if span else ""
    row = conn.execute(f"SELECT rowid FROM attributions_fts WHERE attributions_fts MATCH ?{within} "
                       "ORDER BY rowid DESC LIMIT 1 OFFSET ?", [s.match, *(span or ()), window - 1]).fetchone()
    return row[0] if row else None


def _walk_or_score(conn: sqlite3.Connection, s: Search, floor: int | None,
                   newest: int) -> tuple[Search, tuple[int, int] | None]:
    """Whether to score the page on ``rank_match``, walking its matches between the floor and the
    ``newest`` kept row (returned as a span), or on ``rank_all``, counting the broad facets' rows for
    bm25: the walk is counted, up to what the broad facets would cost, once per search."""
    span = (floor or 0, newest)
    if s.broad:
        cap = int(s.broad / FACET_COST) if FACET_COST else 2 ** 62
        walk = conn.execute("SELECT count(*) FROM (SELECT 1 FROM attributions_fts WHERE attributions_fts MATCH ? "
                            "AND rowid BETWEEN ? AND ? LIMIT ?)", [s.rank_match, *span, cap + 1]).fetchone()[0]
        s = replace(s, broad=0.0, **({"rank_match": s.rank_all, "rank_all": None} if walk > cap else {}))
    return s, (span if s.rank_match is not None else None)


def id_span(conn: sqlite3.Connection, s: Search) -> tuple[int, int] | None:
    """With words and SQL conditions left, the first and last row id of the attributions those
    conditions keep, when they keep at most :data:`FEW` (else None): the matches outside it cannot
    be results."""
    if s.match is None or not s.conds:
        return None
    n, first, last = conn.execute(f"SELECT count(*), min(id), max(id) FROM (SELECT at.id AS id FROM attributions at "
                                  f"WHERE {' AND '.join(s.conds)} LIMIT {FEW + 1})", s.params).fetchone()
    if n > FEW:
        return None
    return (first, last) if n else (1, 0)  # nothing kept: an empty span


def _bounded(from_where: str, params: list, floor: int | None, span: tuple[int, int] | None,
             rank: bool = False) -> tuple[str, list]:
    """The match narrowed to rowids from ``floor`` on and within ``span`` (FTS5 reads only that part
    of its index), with FTS5's own rank order when ``rank``."""
    extra, values = "", []
    if rank:
        extra, values = " AND attributions_fts.rank MATCH ?", [RANK]
    if floor is not None:
        extra, values = extra + " AND attributions_fts.rowid >= ?", [*values, floor]
    if span is not None:
        extra, values = extra + " AND attributions_fts.rowid BETWEEN ? AND ?", [*values, *span]
    return (from_where.replace("attributions_fts MATCH ?", "attributions_fts MATCH ?" + extra, 1),
            [params[0], *values, *params[1:]])


def quotes_sql(s: Search, *, limit: int = 50, offset: int = 0, floor: int | None = None,
               span: tuple[int, int] | None = None) -> tuple[str, list]:
    """The SQL and parameters of the ids of a page of :func:`quotes`: with words and facets only, in
    the FTS index's rank order among the matches from rowid ``floor`` on; with SQL conditions left,
    the matches are filtered first and only the rows kept are scored (within ``span``, see
    :func:`id_span`); without words, newest first along an index."""
    if s.rank_match is not None:  # scored on the words (and selective facets); kept when all facets match
        after, values = (" AND {}.rowid >= ?", [floor]) if floor is not None else ("", [])
        if span is not None:  # the kept rows lie between the floor and the newest of them
            after, values = " AND {}.rowid BETWEEN ? AND ?", list(span)
        sql = (f"SELECT attributions_fts.rowid FROM attributions_fts WHERE attributions_fts MATCH ?"
               f"{after.format('attributions_fts')} AND +attributions_fts.rowid IN (SELECT k.rowid FROM "
               f"attributions_fts k WHERE k.attributions_fts MATCH ?{after.format('k')}) ORDER BY {BM25} LIMIT ? OFFSET ?")
        return sql, [s.rank_match, *values, s.match, *values, _count(limit, "limit"), _count(offset, "offset")]
    from_where, params = _from_where(s, kept=span is not None)
    if s.match is not None:
        alone = not s.conds
        from_where, params = _bounded(from_where, params, floor, span, rank=alone)
        order, column = ("attributions_fts.rank" if alone else BM25), "attributions_fts.rowid"
    else:
        order, column = NEWEST, "at.id"
    sql = f"SELECT {column} {from_where} ORDER BY {order} LIMIT ? OFFSET ?"
    return sql, [*params, _count(limit, "limit"), _count(offset, "offset")]


def count_quotes(conn: sqlite3.Connection, f: QuoteFilter, *, cap: int | None = None) -> int:
    """How many attributions match; with ``cap``, counting stops at ``cap + 1`` (so "more than cap"
    costs no more than reading that many index entries)."""
    s = prepare(conn, f)
    sql, params = count_sql(s, cap=cap, span=id_span(conn, s))
    return conn.execute(sql, params).fetchone()[0]


def count_sql(s: Search, *, cap: int | None = None, span: tuple[int, int] | None = None) -> tuple[str, list]:
    """The SQL of :func:`count_quotes`: every filter is a facet or on the attribution row, so no join."""
    from_where, params = _from_where(s, kept=span is not None)
    ranked = s.match is not None
    if ranked and span is not None:
        from_where, params = _bounded(from_where, params, None, span)
    if cap is None:
        return f"SELECT count(*) {from_where}", params
    newest = " ORDER BY attributions_fts.rowid DESC" if ranked else ""  # the page's window is the newest matches
    return f"SELECT count(*) FROM (SELECT 1 {from_where}{newest} LIMIT ?)", [*params, _count(cap, "cap") + 1]


def query_plan(conn: sqlite3.Connection, f: QuoteFilter, *, cap: int = 10_000) -> dict[str, list[str]]:
    """SQLite's ``EXPLAIN QUERY PLAN`` of the page and the capped count of ``f`` (one line per step)."""
    s = prepare(conn, f)
    out, span = {}, id_span(conn, s)
    for name, (sql, params) in (("page", quotes_sql(s, limit=20, offset=0, span=span)),
                                ("count", count_sql(s, cap=cap, span=span))):
        out[name] = [r[3] for r in conn.execute(f"EXPLAIN QUERY PLAN {sql}", params)]
    return out


def _count(value: int, what: str) -> int:
    value = int(value)
    if value < 0:
        raise SaysoError(f"{what} must be 0 or more, not {value}")
    if value >= 2 ** 63:
        raise SaysoError(f"{what} must be below 2^63, not {value}")
    return value
