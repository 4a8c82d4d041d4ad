"""Speakers across articles: one row per real-world source, found again by name or alias.

Rules (documented for the CLI and web):

- A speaker is got-or-created by its *normalised canonical name* (case, curly or straight
  apostrophes, stray punctuation, a leading "the" and spacing do not matter): "Steve Witkoff" in two articles is
  one row. A one-word person name ("Witkoff") joins the single known person whose name ends
  with it, and a fuller name ("Steve Witkoff") takes over a one-word row it extends.
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


def _person_to_join(conn: sqlite3.Connection, norm: str) -> sqlite3.Row | None:
    """A global person row that is the same person under a shorter or fuller name, if unique."""
    if " " not in norm:  # "witkoff" joins the one known "... witkoff"
        rows = conn.execute(
            "SELECT id, norm FROM speakers WHERE type = 'person' AND scope = '' AND norm LIKE ? ESCAPE '\\'",
            (f"% {like_escape(norm)}",)).fetchall()
    else:  # "steve witkoff" takes over a lone "witkoff"
        rows = conn.execute(
            "SELECT id, norm FROM speakers WHERE type = 'person' AND scope = '' AND norm = ?",
            (norm.rsplit(" ", 1)[1],)).fetchall()
    return rows[0] if len(rows) == 1 else None


def get_or_create(conn: sqlite3.Connection, speaker: Speaker, article_hash: str) -> int:
    """The row id for ``speaker``, creating or extending the row. Runs inside the caller's transaction."""
    norm = normalise(speaker.name) or normalise(speaker.mentions[0].text if speaker.mentions else "") or "?"
    scope = article_hash if speaker.type == "anonymous" else ""
    row = conn.execute("SELECT id FROM speakers WHERE norm = ? AND scope = ?", (norm, scope)).fetchone()
    if row is None and speaker.type == "person":
        other = _person_to_join(conn, norm)
        if other is not None:
            if " " in norm:  # the fuller name becomes canonical
                conn.execute("UPDATE speakers SET name = ?, norm = ? WHERE id = ?",
                             (speaker.name, norm, other["id"]))
            row = other
    if row is None:
        cur = conn.execute("INSERT INTO speakers (name, norm, type, scope) VALUES (?, ?, ?, ?)",
                           (speaker.name, norm, speaker.type, scope))
        speaker_id = cur.lastrowid
    else:
        speaker_id = row["id"]
        conn.execute("UPDATE speakers SET type = ? WHERE id = ? AND type = 'unknown'",
                     (speaker.type, speaker_id))
    _add_aliases(conn, speaker_id, speaker)
    _add_descriptions(conn, speaker_id, speaker)
    return speaker_id


def _add_aliases(conn: sqlite3.Connection, speaker_id: int, speaker: Speaker) -> None:
    for alias in (speaker.name, *(m.text for m in speaker.mentions)):
        norm = normalise(alias)
        if norm and norm not in PRONOUNS:
            conn.execute("INSERT OR IGNORE INTO speaker_aliases (speaker_id, alias, norm) VALUES (?, ?, ?)",
                         (speaker_id, alias.strip(), norm))


def _add_descriptions(conn: sqlite3.Connection, speaker_id: int, speaker: Speaker) -> None:
    for kind in ("role", "affiliation", "descriptor", "group"):
        text = getattr(speaker, kind)
        if text and normalise(text):
            conn.execute(
                "INSERT INTO speaker_descriptions (speaker_id, kind, text, norm) VALUES (?, ?, ?, ?) "
                "ON CONFLICT (speaker_id, kind, norm) DO UPDATE SET n = n + 1",
                (speaker_id, kind, text.strip(), normalise(text)))


def aliases_text(conn: sqlite3.Connection, speaker_id: int) -> str:
    """Name and aliases of a speaker as one string, for the full-text index."""
    rows = conn.execute(
        "SELECT name AS t FROM speakers WHERE id = ? UNION SELECT alias FROM speaker_aliases WHERE speaker_id = ?",
        (speaker_id, speaker_id)).fetchall()
    return " ; ".join(r["t"] for r in rows)
