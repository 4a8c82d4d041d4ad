"""Speakers across articles: one row per real-world source, found again by name or alias.

Rules (documented for the CLI and web):

- A speaker is got-or-created by its *normalised canonical name* (case, curly or straight
  apostrophes, stray punctuation, a leading "the" and spacing do not matter): "Steve Witkoff" in two articles is
  one row. A one-word person name ("Witkoff") is credited to the single quoted person whose name
  ends with it, or to its own row while there is none or more than one (:func:`settle`).
- Nothing depends on the order articles arrive in: row ids hash the row's key, the name shown
  and every alias or description text is the best spelling by a fixed rule (:func:`display_key`),
  one-word names are settled again whenever a fuller name ending with them appears, and a
  "person" joining two people ("Jeb Bush and Ted Cruz") gets no row.
- Anonymous sources are scoped to their article: "three officials" in two articles are
  different people, so they get different rows.
- Every name and non-pronoun mention becomes an alias; role, affiliation and descriptor are
  kept as descriptions with the number of attributions that carried them.
- An attribution whose ``speaker`` is None is stored with no speaker row; searches by speaker
  then fall back to its source text (see :func:`matching_ids`, :func:`source_phrase`).
"""
from __future__ import annotations

import re
import sqlite3
import unicodedata

from ..model import Speaker

PRONOUNS = frozenset(
    "i me my we us our you your he him his she her hers they them their it its one who "
    "this that these those someone somebody".split())

_PUNCT = re.compile(r"[^\w\s'.&-]+")
_SPACE = re.compile(r"\s+")


def normalise(name: str) -> str:
    """The key a name is matched by: case-folded, quotes unified, no leading "the", single spaces."""
    s = unicodedata.normalize("NFKC", name).replace("\u2019", "'").replace("\u2018", "'").casefold()
    s = _SPACE.sub(" ", _PUNCT.sub(" ", s)).strip(" .'-")
    return s[4:] if s.startswith("the ") else s


def like_escape(s: str) -> str:
    """Escape LIKE wildcards (``ESCAPE '\\'``)."""
    return s.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


def matching_ids(conn: sqlite3.Connection, query: str) -> list[int]:
    """Ids of the speakers whose name or an alias contains the query's normalised words as whole
    words ("Witkoff" finds "Steve Witkoff"). Reads the speakers table, never the attributions."""
    words = f"% {like_escape(normalise(query))} %"
    rows = conn.execute(
        "SELECT s.id FROM speakers s WHERE ' ' || s.norm || ' ' LIKE ? ESCAPE '\\' "
        "UNION SELECT a.speaker_id FROM speaker_aliases a WHERE ' ' || a.norm || ' ' LIKE ? ESCAPE '\\'",
        (words, words))
    return sorted(r[0] for r in rows)


def source_phrase(query: str) -> str | None:
    """An FTS5 query for the query's words as a phrase in the ``source`` column (how attributions
    without a resolved speaker are found by name); None when the query has no words."""
    words = [w for w in re.findall(r"\w+", unicodedata.normalize("NFKC", query).casefold())]
    return 'source : "' + " ".join(words) + '"' if words else None


_LEADING = re.compile(r"^[\W_]+")
_JOINED = re.compile(r"\s(?:and|&)\s")
#: Speaker ids are a hash of the row's key, so the same articles in any order give the same ids.
ID_BITS = 53  # exact in JavaScript numbers too


def clean_name(name: str) -> str:
    """A name as shown: no leading punctuation ("-President Obama" -> "President Obama"), single spaces."""
    return _SPACE.sub(" ", _LEADING.sub("", name or "")).strip()


def joins_people(norm: str) -> bool:
    """Whether a person name is really two people ("jeb bush and ted cruz")."""
    return bool(_JOINED.search(f" {norm} "))


def display_key(text: str) -> tuple:
    """The order in which spellings of one name compete to be shown: capitalised first, then the
    fewest capitals ("The GOP front-runner" over "the GOP front-runner" and "THE GOP FRONT-RUNNER"),
    then code point order. A total order, so the choice never depends on arrival order."""
    return (text[:1].islower(), sum(c.isupper() for c in text), text)


def best(*texts: str | None) -> str:
    return min((t for t in texts if t), key=display_key)


#: When one row meets several source types, the first of these wins (a fixed rule, not arrival order).
TYPE_ORDER = ("person", "government", "organisation", "media", "document", "anonymous", "unknown")


def merge_type(a: str | None, b: str | None) -> str:
    rank = {t: i for i, t in enumerate(TYPE_ORDER)}
    return min((t for t in (a, b) if t), key=lambda t: rank.get(t, len(rank)), default="unknown")


def row_id(conn: sqlite3.Connection, norm: str, scope: str) -> int:
    """The id of the row keyed ``(norm, scope)``: a hash of the key (probing on the rare collision)."""
    import hashlib

    digest = hashlib.sha256(f"{scope}\x00{norm}".encode()).digest()
    sid = int.from_bytes(digest[:8], "big") >> (64 - ID_BITS) or 1
    while True:
        row = conn.execute("SELECT norm, scope FROM speakers WHERE id = ?", (sid,)).fetchone()
        if row is None or (row["norm"], row["scope"]) == (norm, scope):
            return sid
        sid = sid + 1 if sid + 1 < 2 ** ID_BITS else 1


def _row(conn: sqlite3.Connection, norm: str, scope: str, name: str, type: str) -> int:
    """Get-or-create the row keyed ``(norm, scope)``, folding in one more spelling and type."""
    sid = row_id(conn, norm, scope)
    row = conn.execute("SELECT name, type FROM speakers WHERE id = ?", (sid,)).fetchone()
    if row is None:
        conn.execute("INSERT INTO speakers (id, name, norm, type, scope) VALUES (?, ?, ?, ?, ?)",
                     (sid, name, norm, type, scope))
    elif best(row["name"], name) != row["name"] or merge_type(row["type"], type) != row["type"]:
        conn.execute("UPDATE speakers SET name = ?, type = ? WHERE id = ?",
                     (best(row["name"], name), merge_type(row["type"], type), sid))
    return sid


def _surname_target(conn: sqlite3.Connection, surname: str) -> int | None:
    """The one quoted person whose fuller name ends with this one-word name, if there is exactly one."""
    rows = conn.execute(
        "SELECT id FROM speakers WHERE type = 'person' AND scope = '' AND n_quotes > 0 AND norm LIKE ? ESCAPE '\\' "
        "LIMIT 2", (f"% {like_escape(surname)}",)).fetchall()
    return rows[0]["id"] if len(rows) == 1 else None


def key_of(speaker: Speaker, article_hash: str) -> tuple[str, str, str]:
    """``(name as shown, norm, scope)`` of a resolved speaker."""
    name = clean_name(speaker.name) or clean_name(speaker.mentions[0].text if speaker.mentions else "")
    norm = normalise(name) or "?"
    return name or "?", norm, (article_hash if speaker.type == "anonymous" else "")


def get_or_create(conn: sqlite3.Connection, speaker: Speaker, article_hash: str) -> int | None:
    """The row id for ``speaker``, creating or extending the row; None for a "person" that is two
    people ("Jeb Bush and Ted Cruz": the attribution keeps its source text, credited to no row).
    Runs inside the caller's transaction; :func:`settle` finishes the article."""
    name, norm, scope = key_of(speaker, article_hash)
    if speaker.type == "person" and joins_people(norm):
        return None
    target = None
    if speaker.type == "person" and not scope and " " not in norm:  # "Witkoff": the one Steve Witkoff
        target = _surname_target(conn, norm)
    speaker_id = target or _row(conn, norm, scope, name, speaker.type)
    _add_aliases(conn, speaker_id, (name, *(m.text for m in speaker.mentions)))
    _add_descriptions(conn, speaker_id, [(k, getattr(speaker, k)) for k in DESCRIPTION_KINDS])
    return speaker_id


def remember(conn: sqlite3.Connection, attribution_id: int, speaker: Speaker | None, article_hash: str) -> None:
    """Keep on the attribution the name it gave (so its speaker can be settled again later)."""
    if speaker is not None:
        name, norm, _ = key_of(speaker, article_hash)
        conn.execute("UPDATE attributions SET speaker_name = ?, speaker_norm = ? WHERE id = ?",
                     (name, norm, attribution_id))


def settle(conn: sqlite3.Connection, article_row: int) -> None:
    """After an article is stored: every one-word person name it touches ("Cruz", or the "cruz" of
    a new "Ted Cruz") is credited to the one person whose fuller name ends with it, or to its own
    row when there is none or more than one, whatever order the articles came in."""
    surnames = set()
    for r in conn.execute("SELECT speaker_norm AS n FROM attributions WHERE article_id = ? AND "
                          "speaker_norm IS NOT NULL AND coalesce(speaker_type, '') != 'anonymous'", (article_row,)):
        surnames.add(r["n"].rsplit(" ", 1)[-1])
    for surname in sorted(surnames):
        _settle_surname(conn, surname)


def _settle_surname(conn: sqlite3.Connection, surname: str) -> None:
    rows = conn.execute("SELECT id, speaker_id, speaker_name FROM attributions WHERE speaker_norm = ? "
                        "AND speaker_type = 'person'", (surname,)).fetchall()
    if not rows:
        return
    want = _surname_target(conn, surname)
    if want is None:
        names = [r["speaker_name"] for r in rows]
        want = _row(conn, surname, "", best(*names), "person")
    moving = [r for r in rows if r["speaker_id"] != want]
    if not moving:
        return
    before = {r["speaker_id"] for r in moving}
    conn.executemany("UPDATE attributions SET speaker_id = ? WHERE id = ?", [(want, r["id"]) for r in moving])
    for sid in sorted(before | {want}):
        rebuild(conn, sid)


DESCRIPTION_KINDS = ("role", "affiliation", "descriptor", "group")


def rebuild(conn: sqlite3.Connection, speaker_id: int) -> None:
    """Recompute a row's name, type, aliases and descriptions from the attributions credited to it
    (the same result as adding them one by one); delete it when none is left."""
    row = conn.execute("SELECT norm FROM speakers WHERE id = ?", (speaker_id,)).fetchone()
    if row is None:
        return
    atts = conn.execute(
        "SELECT id, speaker_name, speaker_norm, speaker_type, speaker_role, speaker_affiliation, "
        "speaker_descriptor, speaker_group FROM attributions WHERE speaker_id = ?", (speaker_id,)).fetchall()
    conn.execute("DELETE FROM speaker_aliases WHERE speaker_id = ?", (speaker_id,))
    conn.execute("DELETE FROM speaker_descriptions WHERE speaker_id = ?", (speaker_id,))
    if not atts:
        conn.execute("DELETE FROM speakers WHERE id = ?", (speaker_id,))
        return
    own = [a for a in atts if a["speaker_norm"] == row["norm"]]
    if own:
        type_ = "unknown"
        for a in own:
            type_ = merge_type(type_, a["speaker_type"])
        conn.execute("UPDATE speakers SET name = ?, type = ? WHERE id = ?",
                     (best(*(a["speaker_name"] for a in own)), type_, speaker_id))
    for a in atts:
        mentions = [m["text"] for m in conn.execute(
            "SELECT text FROM spans WHERE attribution_id = ? AND role = 'mention' ORDER BY ord", (a["id"],))]
        _add_aliases(conn, speaker_id, (a["speaker_name"] or "", *mentions))
        _add_descriptions(conn, speaker_id, [(k, a[f"speaker_{k}"]) for k in DESCRIPTION_KINDS])


def _add_aliases(conn: sqlite3.Connection, speaker_id: int, names) -> None:
    for alias in names:
        alias = (alias or "").strip()
        norm = normalise(alias)
        if not norm or norm in PRONOUNS:
            continue
        row = conn.execute("SELECT alias FROM speaker_aliases WHERE speaker_id = ? AND norm = ?",
                           (speaker_id, norm)).fetchone()
        if row is None:
            conn.execute("INSERT INTO speaker_aliases (speaker_id, alias, norm) VALUES (?, ?, ?)",
                         (speaker_id, alias, norm))
        elif best(row["alias"], alias) != row["alias"]:
            conn.execute("UPDATE speaker_aliases SET alias = ? WHERE speaker_id = ? AND norm = ?",
                         (alias, speaker_id, norm))


def _add_descriptions(conn: sqlite3.Connection, speaker_id: int, items) -> None:
    for kind, text in items:
        text = (text or "").strip()
        norm = normalise(text)
        if not norm:
            continue
        row = conn.execute("SELECT text FROM speaker_descriptions WHERE speaker_id = ? AND kind = ? AND norm = ?",
                           (speaker_id, kind, norm)).fetchone()
        if row is None:
            conn.execute("INSERT INTO speaker_descriptions (speaker_id, kind, text, norm) VALUES (?, ?, ?, ?)",
                         (speaker_id, kind, text, norm))
        else:
            conn.execute("UPDATE speaker_descriptions SET n = n + 1, text = ? WHERE speaker_id = ? AND kind = ? "
                         "AND norm = ?", (best(row["text"], text), speaker_id, kind, norm))


def aliases_text(conn: sqlite3.Connection, speaker_id: int) -> str:
    """Name and aliases of a speaker as one string, for the full-text index."""
    rows = conn.execute(
        "SELECT name AS t FROM speakers WHERE id = ? UNION SELECT alias FROM speaker_aliases WHERE speaker_id = ?",
        (speaker_id, speaker_id)).fetchall()
    return " ; ".join(r["t"] for r in rows)
