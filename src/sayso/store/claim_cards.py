"""Reading claims: the listing and the claim card (reports, origins, supporters, deniers)."""
from __future__ import annotations

import sqlite3

from ..claims import provenance
from ..errors import NotFound

#: A report as cards show it (``r``): its article, outlet, speaker and the story it is a copy of.
_REPORT_SELECT = """
SELECT r.id, r.claim_id, r.text, r.similarity, r.stance, r.stance_confidence, r.origin_key, r.origin_name,
       r.origin_type, r.origin_via, a.key AS article, a.date, a.title, o.name AS outlet, at.idx AS attribution,
       sp.name AS speaker, ca.key AS copy_of
FROM {reports}
JOIN articles a ON a.id = r.article_id
LEFT JOIN outlets o ON o.id = a.outlet_id
LEFT JOIN attributions at ON at.id = r.attribution_id
LEFT JOIN speakers sp ON sp.id = at.speaker_id
LEFT JOIN article_signatures sig ON sig.article_id = r.article_id
LEFT JOIN articles ca ON ca.id = sig.copy_of
"""
_REPORTS = _REPORT_SELECT.format(reports="claim_reports r") + """WHERE r.claim_id IN ({ids})
ORDER BY a.date IS NULL, a.date, a.id, r.attribution_id IS NOT NULL, at.idx
"""
_REPORT_KEYS = ("article", "attribution", "speaker", "stance", "origin", "copy_of", "date", "outlet", "text",
                "stance_confidence", "similarity")
_ORIGIN_KEYS = ("origin_key", "origin_name", "origin_type", "origin_via")


#: A filter naming at most this many reports is answered from their indexes (the claims they belong
#: to, then sorted); a broader one is checked claim by claim along the claims most reported first,
#: so the page stops the walk. Either way no request reads every report.
FEW = 50_000
_IN_REPORT = ("SELECT rowid FROM attributions_fts WHERE attributions_fts MATCH ?",  # a report is its content
              "SELECT rowid FROM articles_fts WHERE articles_fts MATCH ?")  # or its article's headline


def _few(conn: sqlite3.Connection, sql: str, args: list) -> bool:
    return conn.execute(f"SELECT count(*) FROM ({sql} LIMIT {FEW + 1})", args).fetchone()[0] <= FEW


def _where(conn: sqlite3.Connection, text: str | None, article: int | None, speaker: int | None,
           min_articles: int) -> tuple[str, list]:
    from .queries import fts_query

    cond, args = ["c.n_reports > 0", "c.n_articles >= ?"], [min_articles]
    match = fts_query(text)
    if text and match is None:
        cond.append("0")  # punctuation only: nothing to find
    elif match:  # the words of a report: its attribution's content, or the headline it restates
        words = [f"{{content}} : ({match})", f"{{title}} : ({match})"]
        if all(_few(conn, sql, [w]) for sql, w in zip(_IN_REPORT, words)):
            cond.append(f"c.id IN (SELECT claim_id FROM claim_reports WHERE attribution_id IN ({_IN_REPORT[0]}) "
                        f"UNION SELECT claim_id FROM claim_reports WHERE +attribution_id IS NULL AND article_id IN "
                        f"({_IN_REPORT[1]}))")  # "+": the few matching articles' reports, not every headline's
        else:
            cond.append(f"EXISTS (SELECT 1 FROM claim_reports q WHERE q.claim_id = c.id AND (q.attribution_id IN "
                        f"({_IN_REPORT[0]}) OR (q.attribution_id IS NULL AND q.article_id IN ({_IN_REPORT[1]}))))")
        args += words
    if article is not None:  # an article's reports are few
        cond.append("c.id IN (SELECT claim_id FROM claim_reports WHERE article_id = ?)")
        args.append(article)
    if speaker is not None:
        if _few(conn, "SELECT 1 FROM attributions WHERE speaker_id = ?", [speaker]):
            cond.append("c.id IN (SELECT q.claim_id FROM attributions t JOIN claim_reports q "
                        "ON q.attribution_id = t.id WHERE t.speaker_id = ?)")
        else:
            cond.append("EXISTS (SELECT 1 FROM claim_reports q JOIN attributions t ON t.id = q.attribution_id "
                        "WHERE q.claim_id = c.id AND t.speaker_id = ?)")
        args.append(speaker)
    return " AND ".join(cond), args


def claim_ids(conn: sqlite3.Connection, *, text=None, article=None, speaker=None, min_articles: int = 1,
              limit: int = 20, offset: int = 0) -> list[int]:
    """Claims matching the filters: reported in most articles first, then most reports, then oldest."""
    where, args = _where(conn, text, article, speaker, min_articles)
    sql = (f"SELECT c.id FROM claims c WHERE {where} "
           "ORDER BY c.n_articles DESC, c.n_reports DESC, c.id LIMIT ? OFFSET ?")
    return [r["id"] for r in conn.execute(sql, [*args, limit, offset])]


def count_claims(conn: sqlite3.Connection, *, text=None, article=None, speaker=None, min_articles: int = 1,
                 cap: int | None = None, walk_cap: int | None = None) -> int:
    """How many claims match; with ``cap``, counting stops at ``cap + 1``. With ``walk_cap``, a broad
    filter (one checked claim by claim: a word or speaker in more than :data:`FEW` reports) stops at
    ``walk_cap + 1``: counting all of its claims would read most reports of the store."""
    where, args = _where(conn, text, article, speaker, min_articles)
    if walk_cap is not None and "EXISTS" in where:  # only the claim-by-claim filters use EXISTS
        cap = walk_cap if cap is None else min(cap, walk_cap)
    if cap is None:
        return conn.execute(f"SELECT COUNT(*) FROM claims c WHERE {where}", args).fetchone()[0]
    return conn.execute(f"SELECT COUNT(*) FROM (SELECT 1 FROM claims c WHERE {where} "
                        "ORDER BY c.n_articles DESC, c.n_reports DESC, c.id LIMIT ?)", [*args, cap + 1]).fetchone()[0]


def _origins(reports: list[dict]) -> list[dict]:
    by_key: dict[str, dict] = {}
    for r in reports:
        o = by_key.setdefault(r["origin_key"], {"id": r["origin_key"], "speaker": r["origin_name"],
                                                "type": r["origin_type"], "via": r["origin_via"], "count": 0,
                                                "articles": [], "stances": {}})
        o["count"] += 1
        if r["article"] not in o["articles"]:
            o["articles"].append(r["article"])
        o["stances"][r["stance"]] = o["stances"].get(r["stance"], 0) + 1
    return sorted(by_key.values(), key=lambda o: (-len(o["articles"]), -o["count"], o["speaker"]))


def _names(origins: list[dict], stance: str) -> list[str]:
    return [o["speaker"] for o in origins if o["stances"].get(stance)]


def cards(conn: sqlite3.Connection, ids: list[int]) -> list[dict]:
    """Full cards of claims, in the order of ``ids``."""
    if not ids:
        return []
    heads, reports = _heads_and_rows(conn, ids, _REPORTS)
    return [_card(heads[i], reports[i]) for i in ids if i in heads]


def _heads_and_rows(conn: sqlite3.Connection, ids: list[int], rows_sql: str) -> tuple[dict, dict]:
    """The claims' head rows by id, and the rows of ``rows_sql`` (formatted with the id marks) by claim."""
    marks = ",".join("?" * len(ids))
    heads = {r["id"]: dict(r) for r in conn.execute(
        f"SELECT id, statement, first_seen, n_reports, n_articles FROM claims WHERE id IN ({marks})", ids)}
    rows: dict[int, list[dict]] = {i: [] for i in ids}
    for r in conn.execute(rows_sql.format(ids=marks), ids):
        rows[r["claim_id"]].append(dict(r))
    return heads, rows


def _card(head: dict, reports: list[dict]) -> dict:
    reports = provenance.through_outlets(reports)
    origins = _origins(reports)
    articles, outlets = [], set()
    for r in reports:
        if r["article"] not in articles:
            articles.append(r["article"])
            outlets.add((r["outlet"] or f"({r['article']})").lower())
    behind = {r["origin_key"] for r in reports if r["stance"] != "denies"}
    return {
        "id": head["id"], "statement": head["statement"], "first_seen": head["first_seen"],
        "articles": articles, "outlets": len(outlets),
        "reports": [{k: r[k] for k in _REPORT_KEYS} for r in ({**x, "origin": x["origin_key"]} for x in reports)],
        "origins": origins,
        "independent_origins": len(behind),
        "supporters": _names(origins, "supports"),
        "deniers": _names(origins, "denies"),
    }


# -- summaries: what a card says, aggregated in SQL, its reports a page at a time ----------------
#: A claim's reports grouped by what a summary needs (origin, outlet, stance): SQLite walks the claim's
#: reports once in C; Python sees tens of groups, not the thousands of reports of a much-reported claim.
_FACETS = """
SELECT r.claim_id, r.origin_key, r.origin_name, r.origin_type, r.origin_via, o.name AS outlet,
       CASE WHEN o.name IS NULL THEN a.key END AS article, r.stance, count(*) AS n,
       count(DISTINCT r.article_id) AS n_articles, min(sig.copy_of IS NOT NULL) AS copies
FROM claim_reports r
JOIN articles a ON a.id = r.article_id
LEFT JOIN outlets o ON o.id = a.outlet_id
LEFT JOIN article_signatures sig ON sig.article_id = r.article_id
WHERE r.claim_id IN ({ids})
GROUP BY r.claim_id, r.origin_key, r.origin_name, r.origin_type, r.origin_via, o.name, 7, r.stance
"""
#: Reports per day and stance (the timeline) and per source and stance (the matrix), for one claim.
_TIMELINE = """
SELECT a.date, r.stance, count(*) AS n FROM claim_reports r JOIN articles a ON a.id = r.article_id
WHERE r.claim_id = ? GROUP BY a.date, r.stance
"""
_MATRIX = """
SELECT coalesce(sp.name, coalesce(o.name, a.key) || ' (headline)') AS source, r.stance, count(*) AS n
FROM claim_reports r
JOIN articles a ON a.id = r.article_id
LEFT JOIN outlets o ON o.id = a.outlet_id
LEFT JOIN attributions at ON at.id = r.attribution_id
LEFT JOIN speakers sp ON sp.id = at.speaker_id
WHERE r.claim_id = ? GROUP BY 1, r.stance
"""
#: A page of a claim's reports in the order they were stored: the claim's index gives the order, so
#: only the rows shown are read, however deep the page.
_REPORT_PAGE = _REPORT_SELECT.format(
    reports="(SELECT id FROM claim_reports WHERE claim_id = ? ORDER BY id LIMIT ? OFFSET ?) p\n"
            "JOIN claim_reports r ON r.id = p.id") + "ORDER BY r.id\n"
#: Article keys listed on a summary (``articles``); ``articles_total`` counts them all.
ARTICLES_SHOWN = 50
#: Rows kept of a claim page's source x stance matrix and provenance edges (most reports first).
SHOWN_ROWS = 50
#: A claim with at least this many reports may be shown from its previous summary while a
#: server rebuilds it in the background (see :class:`~sayso.store.core.CardCache`).
STALE_OK = 2_000


def stamps(conn: sqlite3.Connection, ids: list[int]) -> dict[int, tuple]:
    """What identifies the state of each claim: its counts and its newest report (one index seek each).
    Any report added, moved by a merge or removed changes it, so a summary built for a stamp holds
    while the stamp does."""
    marks = ",".join("?" * len(ids))
    return {r[0]: tuple(r) for r in conn.execute(
        f"SELECT c.id, c.n_reports, c.n_articles, c.first_seen, "
        f"(SELECT max(q.id) FROM claim_reports q WHERE q.claim_id = c.id) FROM claims c WHERE c.id IN ({marks})",
        ids)} if ids else {}


def _first_articles(conn: sqlite3.Connection, claim_id: int) -> list[str]:
    keys: list[str] = []
    for (key,) in conn.execute("SELECT a.key FROM claim_reports r JOIN articles a ON a.id = r.article_id "
                               "WHERE r.claim_id = ? ORDER BY r.id", [claim_id]):
        if key not in keys:
            keys.append(key)
            if len(keys) == ARTICLES_SHOWN:
                break
    return keys


def summaries(conn: sqlite3.Connection, ids: list[int]) -> list[dict]:
    """Light cards of claims, in the order of ``ids``: counts of reports, articles and outlets,
    origins (with their report and article counts), independent origins, supporters and deniers,
    and the first :data:`ARTICLES_SHOWN` article keys; no reports. The same figures as :func:`cards`
    (an origin's ``n_articles`` counts an article once per stance it reports the claim with). Keys
    starting with ``_`` are for the claim page (origins resolved, provenance edges), not for output."""
    if not ids:
        return []
    heads, groups = _heads_and_rows(conn, ids, _FACETS)
    return [_summary(conn, heads[i], groups[i]) for i in ids if i in heads]


def _summary(conn: sqlite3.Connection, head: dict, groups: list[dict]) -> dict:
    resolved = provenance.through_outlets(groups)
    by_key: dict[str, dict] = {}
    for g in resolved:
        o = by_key.setdefault(g["origin_key"], {"id": g["origin_key"], "speaker": g["origin_name"],
                                                "type": g["origin_type"], "via": g["origin_via"], "count": 0,
                                                "n_articles": 0, "stances": {}})
        o["count"] += g["n"]
        o["n_articles"] += g["n_articles"]
        o["stances"][g["stance"]] = o["stances"].get(g["stance"], 0) + g["n"]
    origins = sorted(by_key.values(), key=lambda o: (-o["n_articles"], -o["count"], o["speaker"]))
    outlets = {(g["outlet"] or f"({g['article']})").lower() for g in groups}
    behind = {g["origin_key"] for g in resolved if g["stance"] != "denies"}
    return {"id": head["id"], "statement": head["statement"], "first_seen": head["first_seen"],
            "reports_total": head["n_reports"], "articles_total": head["n_articles"],
            "articles": _first_articles(conn, head["id"]), "outlets": len(outlets), "origins": origins,
            "independent_origins": len(behind), "supporters": _names(origins, "supports"),
            "deniers": _names(origins, "denies"),
            "_resolve": {g["origin_key"]: {k: r[k] for k in _ORIGIN_KEYS}
                         for g, r in zip(groups, resolved) if r["origin_key"] != g["origin_key"]},
            "_edges": sorted(({"outlet": g["outlet"] or g["article"], "origin": g["origin_key"], "n": g["n"],
                               "copies": bool(g["copies"])} for g in resolved), key=lambda e: -e["n"])[:SHOWN_ROWS]}


def details(conn: sqlite3.Connection, claim_id: int) -> dict:
    """A claim page's charts as counts: ``timeline`` (period, stance, n: months, or days when every
    report falls in one month) and ``matrix`` (source, stance, n) of the :data:`SHOWN_ROWS` sources
    with most reports (``matrix_sources``: how many there are)."""
    days = [dict(r) for r in conn.execute(_TIMELINE, [claim_id])]
    months = {d["date"][:7] for d in days if d["date"] and len(d["date"]) >= 7}
    width = 10 if len(months) == 1 else 7
    timeline: dict[tuple, int] = {}
    for d in days:
        key = (d["date"][:width] if d["date"] and len(d["date"]) >= 7 else None, d["stance"])
        timeline[key] = timeline.get(key, 0) + d["n"]
    totals: dict[str, int] = {}
    cells = [dict(r) for r in conn.execute(_MATRIX, [claim_id])]
    for c in cells:
        totals[c["source"]] = totals.get(c["source"], 0) + c["n"]
    shown = set(sorted(totals, key=lambda k: (-totals[k], k))[:SHOWN_ROWS])
    return {"timeline": [{"date": d, "stance": st, "n": n} for (d, st), n in sorted(timeline.items(),
                                                                                     key=lambda kv: str(kv[0]))],
            "matrix": [c for c in cells if c["source"] in shown], "matrix_sources": len(totals)}


def report_page(conn: sqlite3.Connection, summary: dict, limit: int, offset: int) -> list[dict]:
    """Reports ``offset`` to ``offset + limit`` of a claim (stored order), with the origins of its summary."""
    out = []
    for row in conn.execute(_REPORT_PAGE, [summary["id"], limit, offset]):
        r = dict(row)
        r.update(summary["_resolve"].get(r["origin_key"], {}))
        r["origin"] = r["origin_key"]
        out.append({k: r[k] for k in _REPORT_KEYS})
    return out


def claim_number(claim_id) -> int:
    """A claim id given by a user as the number SQLite can look up; NotFound names it otherwise."""
    try:
        cid = int(claim_id)
    except (TypeError, ValueError):
        raise NotFound(f"claim {claim_id!r}: claim ids are numbers (see `sayso claims`)") from None
    if not -2 ** 63 <= cid < 2 ** 63:  # beyond SQLite's integers: no such claim
        raise NotFound(f"claim {cid}: no such claim (see `sayso claims`)")
    return cid


def card(conn: sqlite3.Connection, claim_id) -> dict:
    """One claim's card; NotFound names the id when there is none."""
    cid = claim_number(claim_id)
    found = cards(conn, [cid])
    if not found:
        raise NotFound(f"claim {cid}: no such claim (see `sayso claims`)")
    return found[0]


def headline_claims(conn: sqlite3.Connection) -> dict[str, int]:
    return {r["key"]: r["claim_id"] for r in conn.execute(
        "SELECT a.key, r.claim_id FROM claim_reports r JOIN articles a ON a.id = r.article_id "
        "WHERE r.attribution_id IS NULL")}
