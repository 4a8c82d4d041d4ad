"""Speakers, outlets and totals across the whole record."""
from __future__ import annotations

import sqlite3

from ..errors import NotFound, SaysoError
from ..model import SOURCE_TYPES
from .queries import NEWEST, QUOTE_FROM, QUOTE_SELECT, _choice, _count
from .speakers import like_escape, normalise

#: Totals are kept on the speaker row by the triggers of migration 0004.
SPEAKER_SELECT = "SELECT sp.id, sp.name, sp.type, sp.n_quotes, sp.n_articles FROM speakers sp"
#: A speaker page lists this many statements, newest first (``speaker(..., statements=N)``).
STATEMENTS = 500


def _speaker_extras(conn: sqlite3.Connection, d: dict) -> dict:
    sid = d["id"]
    d["aliases"] = [r[0] for r in conn.execute(
        "SELECT alias FROM speaker_aliases WHERE speaker_id = ? AND norm != ? ORDER BY alias",
        (sid, normalise(d["name"])))]
    details = [dict(r) for r in conn.execute(
        "SELECT kind, text, n FROM speaker_descriptions WHERE speaker_id = ? ORDER BY n DESC, "
        "CASE kind WHEN 'role' THEN 0 WHEN 'affiliation' THEN 1 ELSE 2 END, text",
        (sid,))]
    d["descriptions"] = list(dict.fromkeys(x["text"] for x in details))  # most often given first
    d["description_details"] = details  # with kind (role, affiliation, descriptor, group) and count
    d["outlets"] = [r[0] for r in conn.execute(  # one index seek per outlet, however many statements
        "WITH RECURSIVE seen(id) AS (SELECT min(outlet_id) FROM attributions WHERE speaker_id = :s UNION ALL "
        "SELECT (SELECT min(outlet_id) FROM attributions WHERE speaker_id = :s AND outlet_id > seen.id) "
        "FROM seen WHERE seen.id IS NOT NULL) "
        "SELECT o.name FROM outlets o WHERE o.id IN (SELECT id FROM seen) ORDER BY o.name", {"s": sid})]
    return d


def _name_condition(name: str) -> tuple[str, list]:
    words = f"% {like_escape(normalise(name))} %"
    return ("(' ' || sp.norm || ' ' LIKE ? ESCAPE '\\' OR sp.id IN (SELECT speaker_id FROM speaker_aliases "
            "WHERE ' ' || norm || ' ' LIKE ? ESCAPE '\\'))", [words, words])


def _speakers_where(name: str | None, type: str | None) -> tuple[str, list]:
    conds, params = [], []
    if name and normalise(name):
        sql, p = _name_condition(name)
        conds.append(sql)
        params += p
    if type:
        conds.append("sp.type = ?")
        params.append(_choice(type, SOURCE_TYPES, "source type"))
    return ((" WHERE " + " AND ".join(conds)) if conds else ""), params


def speakers(conn: sqlite3.Connection, *, name: str | None = None, type: str | None = None,
             limit: int = 50, offset: int = 0) -> list[dict]:
    """Speakers with at least one stored statement, most quoted first."""
    where, params = _speakers_where(name, type)
    where += (" AND " if where else " WHERE ") + "sp.n_quotes > 0"
    rows = conn.execute(
        f"{SPEAKER_SELECT}{where} ORDER BY sp.n_quotes DESC, sp.name, sp.id LIMIT ? OFFSET ?",
        [*params, _count(limit, "limit"), _count(offset, "offset")])
    return [_speaker_extras(conn, dict(r)) for r in rows.fetchall()]


def count_speakers(conn: sqlite3.Connection, *, name: str | None = None, type: str | None = None) -> int:
    """How many speakers :func:`speakers` would list without a limit."""
    where, params = _speakers_where(name, type)
    where += (" AND " if where else " WHERE ") + "sp.n_quotes > 0"
    return conn.execute(f"SELECT count(*) FROM speakers sp{where}", params).fetchone()[0]


def find_speaker(conn: sqlite3.Connection, key: str | int) -> int:
    """A speaker's row id from its id, exact name or alias, or a unique partial (surname) match."""
    key = str(key).strip()
    if key.isdigit() and int(key) < 2 ** 63 and conn.execute("SELECT 1 FROM speakers WHERE id = ?", (int(key),)).fetchone():
        return int(key)
    norm = normalise(key)
    exact = conn.execute(
        "SELECT id FROM speakers WHERE norm = ? UNION SELECT speaker_id FROM speaker_aliases WHERE norm = ?",
        (norm, norm)).fetchall()
    if len(exact) == 1:
        return exact[0][0]
    cond, params = _name_condition(key)
    rows = exact or conn.execute(f"SELECT sp.id FROM speakers sp WHERE {cond}", params).fetchall()
    if len(rows) == 1:
        return rows[0][0]
    if not rows:
        raise NotFound(f"no speaker {key!r} in the database (try `sayso speakers` to list them)")
    names = conn.execute(
        f"SELECT name, id FROM speakers WHERE id IN ({','.join('?' * len(rows))}) ORDER BY name LIMIT 10",
        [r[0] for r in rows]).fetchall()
    listed = ", ".join(f"{n['name']} (id {n['id']})" for n in names)
    raise SaysoError(f"speaker {key!r} is ambiguous: it could be {listed}; use the id")


def speaker(conn: sqlite3.Connection, key: str | int, *, statements: int = STATEMENTS) -> dict:
    """One speaker with aliases, descriptions, outlets and the newest ``statements`` statements
    (``n_quotes`` says how many there are in all)."""
    sid = find_speaker(conn, key)
    d = dict(conn.execute(f"{SPEAKER_SELECT} WHERE sp.id = ?", (sid,)).fetchone())
    d = _speaker_extras(conn, d)
    d["statements"] = [dict(r) for r in conn.execute(
        f"SELECT {QUOTE_SELECT}, NULL AS snippet {QUOTE_FROM} WHERE at.speaker_id = ? "
        f"ORDER BY {NEWEST} LIMIT ?", (sid, _count(statements, "statements")))]
    return d


#: Totals are kept on the outlet row by the triggers of migration 0004.
OUTLET_SELECT = "SELECT o.id, o.name, o.n_articles, o.n_quotes, o.n_anonymous FROM outlets o"


def _outlet_row(r: sqlite3.Row) -> dict:
    d = dict(r)
    d.pop("id", None)
    d["n_anonymous"] = d["n_anonymous"] or 0
    d["anonymous_share"] = round(d["n_anonymous"] / d["n_quotes"], 4) if d["n_quotes"] else None
    return d


def outlets(conn: sqlite3.Connection) -> list[dict]:
    """Every outlet with articles, by number of articles."""
    rows = conn.execute(f"{OUTLET_SELECT} WHERE o.n_articles > 0 ORDER BY o.n_articles DESC, o.name")
    return [_outlet_row(r) for r in rows]


def outlet(conn: sqlite3.Connection, name: str, *, top: int = 10, articles_limit: int = 10_000) -> dict:
    """One outlet: totals, share of anonymous sourcing, its newest articles and most-cited speakers."""
    from .records import articles

    row = conn.execute(f"{OUTLET_SELECT} WHERE o.name = ? COLLATE NOCASE AND o.n_articles > 0",
                       (name.strip(),)).fetchone()
    if row is None:
        raise NotFound(f"no outlet {name!r} in the database (try `sayso outlets` to list them)")
    oid = row["id"]
    d = _outlet_row(row)
    d["articles"] = articles(conn, outlet=d["name"], limit=articles_limit)
    d["top_speakers"] = [dict(r) for r in conn.execute(
        "SELECT sp.id, sp.name, sp.type, c.n AS n_quotes FROM (SELECT speaker_id, count(*) AS n "
        "FROM attributions WHERE outlet_id = ? AND speaker_id IS NOT NULL GROUP BY speaker_id) c "
        "JOIN speakers sp ON sp.id = c.speaker_id ORDER BY c.n DESC, sp.name LIMIT ?", (oid, _count(top, "top")))]
    return d


def _one(conn: sqlite3.Connection, sql: str) -> int:
    return conn.execute(sql).fetchone()[0]


def _by(conn: sqlite3.Connection, what: str) -> dict[str, int]:
    rows = conn.execute("SELECT value AS k, n FROM attribution_totals WHERE what = ? AND n > 0 "
                        "ORDER BY n DESC, k", (what,))
    return {r["k"]: r["n"] for r in rows}


def stats(conn: sqlite3.Connection) -> dict:
    """Totals, and attributions by source type (unresolved = 'unknown'), stance ('none') and kind.
    Read from totals the store keeps (migration 0004), so they cost the same at any size."""
    by_kind = _by(conn, "kind")
    return {
        "articles": _one(conn, "SELECT count(*) FROM articles"),
        "attributions": sum(by_kind.values()),
        "speakers": _one(conn, "SELECT count(*) FROM speakers WHERE n_quotes > 0"),
        "outlets": _one(conn, "SELECT count(*) FROM outlets WHERE n_articles > 0"),
        "by_source_type": _by(conn, "type"),
        "by_stance": _by(conn, "stance"),
        "by_kind": by_kind,
    }
