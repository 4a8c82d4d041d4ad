"""Reading claims: the listing and the claim card (reports, origins, supporters, deniers)."""
from __future__ import annotations

import sqlite3

from ..claims import provenance
from ..errors import NotFound

_REPORTS = """
SELECT r.id, r.claim_id, r.text, r.similarity, r.stance, r.stance_confidence, r.origin_key, r.origin_name,
       r.origin_type, r.origin_via, a.key AS article, a.date, a.title, o.name AS outlet, at.idx AS attribution,
       sp.name AS speaker, ca.key AS copy_of
FROM claim_reports r
JOIN articles a ON a.id = r.article_id
LEFT JOIN outlets o ON o.id = a.outlet_id
LEFT JOIN attributions at ON at.id = r.attribution_id
LEFT JOIN speakers sp ON sp.id = at.speaker_id
LEFT JOIN article_signatures sig ON sig.article_id = r.article_id
LEFT JOIN articles ca ON ca.id = sig.copy_of
WHERE r.claim_id IN ({ids})
ORDER BY a.date IS NULL, a.date, a.id, r.attribution_id IS NOT NULL, at.idx
"""


def _where(text: str | None, article: int | None, speaker: int | None, min_articles: int) -> tuple[str, list]:
    cond, args = ["c.n_reports > 0", "c.n_articles >= ?"], [min_articles]
    if text:
        cond.append("EXISTS (SELECT 1 FROM claim_reports q WHERE q.claim_id = c.id AND q.text LIKE ? ESCAPE '\\')")
        args.append("%" + text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%")
    if article is not None:
        cond.append("EXISTS (SELECT 1 FROM claim_reports q WHERE q.claim_id = c.id AND q.article_id = ?)")
        args.append(article)
    if speaker is not None:
        cond.append("EXISTS (SELECT 1 FROM claim_reports q JOIN attributions t ON t.id = q.attribution_id "
                    "WHERE q.claim_id = c.id AND t.speaker_id = ?)")
        args.append(speaker)
    return " AND ".join(cond), args


def claim_ids(conn: sqlite3.Connection, *, text=None, article=None, speaker=None, min_articles: int = 1,
              limit: int = 20, offset: int = 0) -> list[int]:
    """Claims matching the filters: reported in most articles first, then most reports, then oldest."""
    where, args = _where(text, article, speaker, min_articles)
    sql = (f"SELECT c.id FROM claims c WHERE {where} "
           "ORDER BY c.n_articles DESC, c.n_reports DESC, c.id LIMIT ? OFFSET ?")
    return [r["id"] for r in conn.execute(sql, [*args, limit, offset])]


def count_claims(conn: sqlite3.Connection, *, text=None, article=None, speaker=None, min_articles: int = 1) -> int:
    where, args = _where(text, article, speaker, min_articles)
    return conn.execute(f"SELECT COUNT(*) FROM claims c WHERE {where}", args).fetchone()[0]


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
    marks = ",".join("?" * len(ids))
    heads = {r["id"]: dict(r) for r in conn.execute(
        f"SELECT id, statement, first_seen, n_reports, n_articles FROM claims WHERE id IN ({marks})", ids)}
    reports: dict[int, list[dict]] = {i: [] for i in ids}
    for r in conn.execute(_REPORTS.format(ids=marks), ids):
        reports[r["claim_id"]].append(dict(r))
    return [_card(heads[i], reports[i]) for i in ids if i in heads]


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
        "reports": [{k: r[k] for k in ("article", "attribution", "speaker", "stance", "origin", "copy_of", "date",
                                       "outlet", "text", "stance_confidence", "similarity")}
                    for r in ({**x, "origin": x["origin_key"]} for x in reports)],
        "origins": origins,
        "independent_origins": len(behind),
        "supporters": _names(origins, "supports"),
        "deniers": _names(origins, "denies"),
    }


def card(conn: sqlite3.Connection, claim_id) -> dict:
    """One claim's card; NotFound names the id when there is none."""
    try:
        cid = int(claim_id)
    except (TypeError, ValueError):
        raise NotFound(f"claim {claim_id!r}: claim ids are numbers (see `sayso claims`)") from None
    found = cards(conn, [cid])
    if not found:
        raise NotFound(f"claim {cid}: no such claim (see `sayso claims`)")
    return found[0]


def headline_claims(conn: sqlite3.Connection) -> dict[str, int]:
    return {r["key"]: r["claim_id"] for r in conn.execute(
        "SELECT a.key, r.claim_id FROM claim_reports r JOIN articles a ON a.id = r.article_id "
        "WHERE r.attribution_id IS NULL")}
