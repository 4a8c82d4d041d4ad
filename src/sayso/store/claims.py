"""Writing claims: each stored article's reports join the nearest claim or start one; then the
claims around them are grouped again from their reports (``_settle``) and merged where average
linkage would merge them (``_merge``).

Called by ``writer.add_article`` inside the article's transaction, so a crash leaves no half
state. The claim centroids live in one :class:`~sayso.claims.index.CentroidIndex` per database
file and process; ``claims_state.version`` (a random token, changed by every write) tells a
process when another one, or a rolled-back transaction, made its copy stale.
"""
from __future__ import annotations

import logging
import random
import sqlite3
from datetime import datetime, timezone

import numpy as np

from ..claims import copies, group, index, provenance, stance
from ..claims.reports import Draft, drafts
from ..model import AnalyzedArticle

log = logging.getLogger(__name__)

_indexes: dict[str, index.CentroidIndex] = {}

#: The most reports a neighbourhood may hold to be grouped again after an article (``_settle``);
#: a larger one (a story reported hundreds of times) keeps the incremental placement alone.
SETTLE_MAX_REPORTS = 40


def _db_file(conn: sqlite3.Connection) -> str:
    return next(r["file"] for r in conn.execute("PRAGMA database_list") if r["name"] == "main") or ":memory:"


def _bump(conn: sqlite3.Connection) -> int:
    token = random.getrandbits(62)
    conn.execute("UPDATE claims_state SET version = ?", (token,))
    return token


def _refresh(conn: sqlite3.Connection, claim_ids) -> None:
    """Recompute counts, first-seen date and vector sum of claims from their reports; drop empty ones."""
    for cid in claim_ids:
        texts = [r["text"] for r in conn.execute(  # each article's first report, as assignment averages
            "SELECT text FROM claim_reports WHERE id IN (SELECT MIN(id) FROM claim_reports WHERE claim_id = ? "
            "GROUP BY article_id)", (cid,))]
        if not texts:
            conn.execute("DELETE FROM claims WHERE id = ?", (cid,))
            continue
        conn.execute("UPDATE claims SET vector_sum = ?, n_vectors = ?, dirty = 0 WHERE id = ?",
                     (index.encode(texts).sum(axis=0).astype(np.float32).tobytes(), len(texts), cid))
        _recount(conn, [cid])
    _restate(conn, claim_ids)


def _restate(conn: sqlite3.Connection, claim_ids) -> None:
    """Keep each claim stated by one of its own reports: when regrouping or a deletion took away
    the report that stated it, its earliest report states it now and its reports are judged again
    against that statement. (A merge keeps the statement and the reports of the claim it keeps.)"""
    for cid in claim_ids:
        row = conn.execute("SELECT statement FROM claims WHERE id = ?", (cid,)).fetchone()
        if row is None or conn.execute("SELECT 1 FROM claim_reports WHERE claim_id = ? AND text = ? LIMIT 1",
                                       (cid, row["statement"])).fetchone():
            continue
        first = conn.execute("SELECT text FROM claim_reports WHERE claim_id = ? ORDER BY id LIMIT 1",
                             (cid,)).fetchone()
        if first is None:
            continue
        conn.execute("UPDATE claims SET statement = ? WHERE id = ?", (first["text"], cid))
        _rejudge(conn, [(r["id"], cid, r["text"], r["source_stance"]) for r in conn.execute(
            "SELECT id, text, source_stance FROM claim_reports WHERE claim_id = ?", (cid,))])


def _recount(conn: sqlite3.Connection, claim_ids) -> None:
    for cid in claim_ids:
        conn.execute(
            "UPDATE claims SET n_reports = (SELECT COUNT(*) FROM claim_reports WHERE claim_id = :c), "
            "n_articles = (SELECT COUNT(DISTINCT article_id) FROM claim_reports WHERE claim_id = :c), "
            "first_seen = (SELECT MIN(a.date) FROM claim_reports r JOIN articles a ON a.id = r.article_id "
            "WHERE r.claim_id = :c) WHERE id = :c", {"c": cid})


def sync(conn: sqlite3.Connection) -> index.CentroidIndex:
    """This process's centroid index for the database, repaired and reloaded when stale."""
    dirty = [r["id"] for r in conn.execute("SELECT id FROM claims WHERE dirty = 1")]
    if dirty:
        _refresh(conn, dirty)
        _bump(conn)
    token = conn.execute("SELECT version FROM claims_state").fetchone()["version"]
    path = _db_file(conn)
    idx = _indexes.get(path)
    dim = index.compactor(index.load_encoder().dim).dim
    if idx is None or idx.token != token or idx.dim != dim:
        n = conn.execute("SELECT count(*) FROM claims").fetchone()[0]
        rows = ((r["id"], np.frombuffer(r["vector_sum"], dtype=np.float32), r["n_vectors"])
                for r in conn.execute("SELECT id, vector_sum, n_vectors FROM claims")
                if len(r["vector_sum"]) == 4 * dim)  # claims of another encoder are left out
        idx = index.CentroidIndex.from_rows(dim, token, rows, n)
        _indexes[path] = idx
        log.debug("loaded %d claim centroids of %s", len(idx), path)
    return idx


def _find_copy(conn: sqlite3.Connection, article_row: int, text: str) -> tuple[int | None, float]:
    """Store the article's MinHash; the first stored article of the story it copies, if any."""
    sig = copies.signature(text)
    if sig is None:
        return None, 0.0
    keys = copies.band_keys(sig)
    best, best_sim = None, 0.0
    marks = ",".join("(?, ?)" for _ in keys)
    args = [x for b, k in enumerate(keys) for x in (b, k)]
    for r in conn.execute(
            f"WITH k(band, hash) AS (VALUES {marks}) SELECT DISTINCT s.article_id, s.minhash, s.copy_of "
            "FROM k JOIN signature_bands b ON b.band = k.band AND b.hash = k.hash "
            "JOIN article_signatures s ON s.article_id = b.article_id", args):
        sim = copies.similarity(sig, np.frombuffer(r["minhash"], dtype=np.uint32))
        if sim >= copies.COPY and sim > best_sim:
            best, best_sim = r["copy_of"] or r["article_id"], sim
    conn.execute("INSERT INTO article_signatures (article_id, minhash, copy_of, similarity) VALUES (?, ?, ?, ?)",
                 (article_row, sig.tobytes(), best, best_sim if best else None))
    conn.executemany("INSERT OR IGNORE INTO signature_bands (band, hash, article_id) VALUES (?, ?, ?)",
                     [(b, k, article_row) for b, k in enumerate(keys)])
    return best, best_sim


def _place(conn, idx: index.CentroidIndex, items: list[Draft], vectors: np.ndarray) -> list[tuple[int, float]]:
    """The claim of every report, in order (a report may join a claim started by an earlier one)."""
    now = datetime.now(timezone.utc).isoformat(timespec="seconds")

    def new_claim(j: int, vec: np.ndarray) -> int:
        return conn.execute("INSERT INTO claims (statement, vector_sum, created_at) VALUES (?, ?, ?)",
                            (items[j].text, vec.astype(np.float32).tobytes(), now)).lastrowid

    placed = idx.assign(vectors, new_claim)
    conn.executemany("UPDATE claims SET vector_sum = ?, n_vectors = ? WHERE id = ?",
                     [(idx.sum_of(cid).astype(np.float32).tobytes(), idx.count(cid), cid)
                      for cid in {c for c, _ in placed}])
    return placed


def _rejudge(conn: sqlite3.Connection, moves: list[tuple[int, int, str, str | None]]) -> None:
    """Move reports ``(report id, claim id, text, source stance)`` to their claim and judge their
    stance again against its statement."""
    statements = {cid: conn.execute("SELECT statement FROM claims WHERE id = ?", (cid,)).fetchone()["statement"]
                  for cid in {m[1] for m in moves}}
    judged = stance.claim_stances([(statements[cid], text) for _, cid, text, _ in moves], [m[3] for m in moves])
    conn.executemany("UPDATE claim_reports SET claim_id = ?, stance = ?, stance_confidence = ? WHERE id = ?",
                     [(cid, label, conf, rid) for (rid, cid, _, _), (label, conf) in zip(moves, judged)])


def _settle(conn: sqlite3.Connection, idx: index.CentroidIndex) -> set[int]:
    """Group the article's neighbourhood again from its reports, as batch average linkage would.

    The neighbourhood is every claim the article's reports could have joined (``assign``): their
    reports, the article's among them, are clustered afresh (``group.cluster``), so a report that
    joined early and now sits better elsewhere moves, a claim that holds two stories splits, and
    the result no longer depends on the order the articles came in. Each cluster keeps the claim
    most of its reports come from (``index.relabel``); moved reports are judged again. Returns the
    claims whose reports changed (beyond those the article added)."""
    near = sorted(idx.neighbourhood)
    marks = ",".join("?" * len(near))
    rows = conn.execute(f"SELECT id, claim_id, article_id, text, source_stance FROM claim_reports "
                        f"WHERE claim_id IN ({marks}) ORDER BY id", near).fetchall()
    if len(near) < 2 and len(rows) < 3 or len(rows) > SETTLE_MAX_REPORTS:
        return set()
    vectors = index.encode([r["text"] for r in rows])
    labels = group.cluster(vectors)
    keep = index.relabel([r["claim_id"] for r in rows], labels)
    now = datetime.now(timezone.utc).isoformat(timespec="seconds")
    for label, cid in keep.items():
        if cid is None:  # a new claim, stated by its earliest report
            first = rows[labels.index(label)]
            keep[label] = conn.execute("INSERT INTO claims (statement, vector_sum, created_at) VALUES (?, ?, ?)",
                                       (first["text"], b"", now)).lastrowid
    moves = [(r["id"], keep[label], r["text"], r["source_stance"])
             for r, label in zip(rows, labels) if keep[label] != r["claim_id"]]
    if not moves:
        return set()
    _rejudge(conn, moves)
    moved = {m[0] for m in moves}
    left = {r["claim_id"] for r in rows if r["id"] in moved}
    _restate(conn, left)  # a claim may have lost the report that stated it
    changed = {cid for _, cid, _, _ in moves} | left
    _resum(conn, idx, changed, [(r["article_id"], keep[label]) for r, label in zip(rows, labels)], vectors)
    log.debug("regrouped %d reports of %d claims: %d moved", len(rows), len(near), len(moves))
    return {cid for cid in changed if cid in idx.row_of}


def _resum(conn: sqlite3.Connection, idx: index.CentroidIndex, claim_ids: set[int],
           owners: list[tuple[int, int]], vectors: np.ndarray) -> None:
    """Set the vector sums of claims from their reports (``owners[i]`` = (article, claim) of
    ``vectors[i]``; each article's first report counts, as assignment averages); drop empty ones."""
    for cid in claim_ids:
        picked = {}
        for i, (article, owner) in enumerate(owners):
            if owner == cid:
                picked.setdefault(article, i)
        if not picked:
            idx.drop(cid)
            conn.execute("DELETE FROM claims WHERE id = ?", (cid,))
            continue
        total = vectors[list(picked.values())].sum(axis=0)
        idx.put(cid, total, len(picked))
        conn.execute("UPDATE claims SET vector_sum = ?, n_vectors = ? WHERE id = ?",
                     (total.astype(np.float32).tobytes(), len(picked), cid))


def _merge(conn: sqlite3.Connection, idx: index.CentroidIndex, claim_ids: list[int], changed: set[int]) -> set[int]:
    """Fold into each touched claim the claims average linkage would now merge with it (the one
    with more reports keeps its id and statement; moved reports are judged again against it).
    ``changed`` are claims regrouped by ``_settle``, checked against every claim."""
    out = set(claim_ids) | changed
    for cid in [c for c in idx.may_merge() if c not in changed] + idx.near_others(sorted(changed)):
        while cid in idx.row_of:
            other, _ = idx.closest_other(cid)
            if other is None:
                break
            keep, gone = (cid, other) if (idx.count(cid), -cid) >= (idx.count(other), -other) else (other, cid)
            idx.merge(keep, gone)
            _rejudge(conn, [(r["id"], keep, r["text"], r["source_stance"]) for r in conn.execute(
                "SELECT id, text, source_stance FROM claim_reports WHERE claim_id = ?", (gone,))])
            conn.execute("DELETE FROM claims WHERE id = ?", (gone,))
            conn.execute("UPDATE claims SET vector_sum = ?, n_vectors = ? WHERE id = ?",
                         (idx.sum_of(keep).astype(np.float32).tobytes(), idx.count(keep), keep))
            out.discard(gone)
            out.add(keep)
            log.debug("merged claim %d into %d", gone, keep)
            cid = keep
    return out


def _origins(analyzed, items, placed, fallback: provenance.Origin) -> list[provenance.Origin]:
    """Each report's origin; unattributed ones rest on another report of their claim here, if any."""
    own = [provenance.attribution_origin(analyzed, d.idx, fallback) if d.idx is not None else None for d in items]
    by_claim = {}
    for (cid, _), o in zip(placed, own):
        if o is not None:
            by_claim.setdefault(cid, o)
    return [o or by_claim.get(cid) or fallback for (cid, _), o in zip(placed, own)]


def add_article(conn: sqlite3.Connection, article_row: int, key: str, analyzed: AnalyzedArticle,
                attribution_ids: list[int]) -> int:
    """Group one stored article's reports into claims (inside the caller's transaction). Returns the count."""
    copy_row, _ = _find_copy(conn, article_row, analyzed.article.text)
    items = drafts(analyzed)
    if not items:
        return 0
    idx = sync(conn)
    idx.token = None  # stale until this transaction's token is known: a rollback forces a reload
    placed = _place(conn, idx, items, index.encode([d.text for d in items]))
    outlet = None
    if copy_row is not None:
        row = conn.execute("SELECT o.name FROM articles a LEFT JOIN outlets o ON o.id = a.outlet_id "
                           "WHERE a.id = ?", (copy_row,)).fetchone()
        outlet = row["name"] if row else None
    origins = _origins(analyzed, items, placed, provenance.article_origin(analyzed, outlet, key))
    statements = {cid: conn.execute("SELECT statement FROM claims WHERE id = ?", (cid,)).fetchone()["statement"]
                  for cid in dict.fromkeys(cid for cid, _ in placed)}
    judged = stance.claim_stances([(statements[cid], d.text) for d, (cid, _) in zip(items, placed)],
                                  [d.attribution_stance for d in items])  # one batch per article
    conn.executemany(
        "INSERT INTO claim_reports (claim_id, article_id, attribution_id, text, similarity, stance, "
        "stance_confidence, source_stance, origin_key, origin_name, origin_type, origin_via) "
        "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        [(cid, article_row, attribution_ids[d.idx] if d.idx is not None else None, d.text, float(sim),
          label, float(conf), d.attribution_stance, o.key, o.name, o.type, o.via)
         for d, (cid, sim), o, (label, conf) in zip(items, placed, origins, judged)])
    touched = _merge(conn, idx, list(dict.fromkeys(cid for cid, _ in placed)), _settle(conn, idx))
    _recount(conn, touched)
    idx.token = _bump(conn)
    return len(items)


def forget_article(conn: sqlite3.Connection, article_row: int) -> None:
    """Remove an article's reports and signature (before reanalysing it in place); the claims they
    leave are repaired by the next write (``sync``). Deleting the article row does the same by cascade."""
    conn.execute("DELETE FROM claim_reports WHERE article_id = ?", (article_row,))
    conn.execute("UPDATE article_signatures SET copy_of = NULL WHERE copy_of = ?", (article_row,))
    conn.execute("DELETE FROM signature_bands WHERE article_id = ?", (article_row,))
    conn.execute("DELETE FROM article_signatures WHERE article_id = ?", (article_row,))
