"""Opening the SQLite file and applying named migrations.

Migrations are the ``migrations/NNNN_name.sql`` files shipped with the package, applied in
name order, each in its own transaction, and recorded in the ``migrations`` table with the
time applied. A database that records a migration this sayso does not know was made by a
newer sayso: it is refused with a :class:`~sayso.errors.StoreError` rather than guessed at.
"""
from __future__ import annotations

import logging
import sqlite3
from datetime import datetime, timezone
from importlib import resources
from pathlib import Path

from ..errors import StoreError

log = logging.getLogger(__name__)

BUSY_TIMEOUT_MS = 10_000
#: The WAL is cut back to this size after each checkpoint (bytes).
JOURNAL_SIZE_LIMIT = 64 * 1024 * 1024


def available_migrations() -> list[tuple[str, str]]:
    """``(name, sql)`` of every migration shipped with this sayso, in the order they apply."""
    folder = resources.files(__package__).joinpath("migrations")
    files = sorted(f for f in folder.iterdir() if f.name.endswith(".sql"))
    return [(f.name.removesuffix(".sql"), f.read_text(encoding="utf-8")) for f in files]


def connect(path: str | Path, *, readonly: bool = False) -> sqlite3.Connection:
    """A connection in autocommit mode (transactions are explicit), foreign keys on, WAL mode."""
    path = Path(path)
    try:
        if readonly:
            if not path.is_file():
                raise StoreError(f"{path}: no database here (create it with `sayso ingest PATH --db {path}`)")
            conn = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True,
                                   isolation_level=None, check_same_thread=False)
        else:
            path.parent.mkdir(parents=True, exist_ok=True)
            conn = sqlite3.connect(path, isolation_level=None, check_same_thread=False)
        conn.row_factory = sqlite3.Row
        conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
        conn.execute("PRAGMA foreign_keys = ON")
        if not readonly:
            conn.execute("PRAGMA journal_mode = WAL")
            conn.execute("PRAGMA synchronous = NORMAL")
            conn.execute(f"PRAGMA journal_size_limit = {JOURNAL_SIZE_LIMIT}")
        return conn
    except (sqlite3.Error, OSError) as exc:
        raise StoreError(f"{path}: cannot open the database ({exc})") from exc


def applied_migrations(conn: sqlite3.Connection) -> list[str]:
    """Names recorded in the ``migrations`` table (empty for a new database)."""
    exists = conn.execute(
        "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'migrations'").fetchone()
    if not exists:
        return []
    return [r[0] for r in conn.execute("SELECT name FROM migrations ORDER BY name")]


def pending_migrations(conn: sqlite3.Connection, path: str | Path) -> list[tuple[str, str]]:
    """Migrations still to apply; refuses a database that records one this sayso lacks."""
    known = available_migrations()
    applied = set(applied_migrations(conn))
    unknown = sorted(applied - {name for name, _ in known})
    if unknown:
        raise StoreError(
            f"{path}: made by a newer sayso (unknown migration {', '.join(unknown)}); "
            "upgrade sayso to open it")
    return [(name, sql) for name, sql in known if name not in applied]


def split_statements(sql: str) -> list[str]:
    """The SQL statements of a script, split where SQLite itself says a statement is complete."""
    statements, buf = [], ""
    for line in sql.splitlines(keepends=True):
        buf += line
        if sqlite3.complete_statement(buf):
            if buf.strip():
                statements.append(buf.strip())
            buf = ""
    if buf.strip() and not all(ln.strip().startswith("--") or not ln.strip() for ln in buf.splitlines()):
        raise StoreError(f"unterminated SQL statement in a migration: {buf.strip()[:60]!r}")
    return statements


def migrate(conn: sqlite3.Connection, path: str | Path) -> list[str]:
    """Apply every pending migration, each atomically. Returns the names applied."""
    conn.execute("CREATE TABLE IF NOT EXISTS migrations (name TEXT PRIMARY KEY, applied_at TEXT NOT NULL)")
    done = []
    for name, sql in pending_migrations(conn, path):
        try:
            conn.execute("BEGIN IMMEDIATE")
            if name in applied_migrations(conn):  # another process applied it while we waited
                conn.execute("ROLLBACK")
                continue
            for statement in split_statements(sql):
                conn.execute(statement)
            conn.execute("INSERT INTO migrations (name, applied_at) VALUES (?, ?)",
                         (name, datetime.now(timezone.utc).isoformat(timespec="seconds")))
            conn.execute("COMMIT")
        except sqlite3.Error as exc:
            if conn.in_transaction:
                conn.execute("ROLLBACK")
            raise StoreError(f"{path}: migration {name} failed ({exc})") from exc
        log.info("applied migration %s to %s", name, path)
        done.append(name)
    return done


def checkpoint(conn: sqlite3.Connection, *, journal_limit: int, wait: float) -> bool:
    """``wal_checkpoint(TRUNCATE)``, retried while readers hold the WAL."""
    import time

    conn.execute(f"PRAGMA journal_size_limit = {int(journal_limit)}")
    give_up = time.monotonic() + wait
    conn.execute("PRAGMA busy_timeout = 50")  # each try waits briefly; this loop does the waiting
    try:
        while True:
            busy, _, _ = conn.execute("PRAGMA wal_checkpoint(TRUNCATE)").fetchone()
            if not busy:
                return True
            if time.monotonic() > give_up:
                log.warning("checkpoint: readers kept the WAL busy for %.1f s; it will be folded in later", wait)
                return False
            time.sleep(0.05)
    finally:
        conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
