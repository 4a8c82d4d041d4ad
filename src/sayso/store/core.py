"""The :class:`Store`: the one object through which sayso reads and writes its SQLite record."""
from __future__ import annotations

import collections
import contextlib
import functools
import logging
import sqlite3
import threading
import time
from pathlib import Path

from ..errors import NotFound, QueryInterrupted, SaysoError, StoreError
from ..model import AnalyzedArticle
from ..settings import Settings
from . import claim_cards, db, queries, reanalysis, records, speakers, summaries, writer

log = logging.getLogger(__name__)


class CardCache:
    """Claim summaries already built, shared by the read stores of one server process (see
    :class:`~sayso.store.pool.ReadPool`). Each is kept with its claim's stamp
    (:func:`claim_cards.stamps`: counts and newest report), so a write makes stale only the claims it
    touched; the least recently used are dropped beyond ``size``. A stale summary of a claim of
    :data:`claim_cards.STALE_OK` reports or more is still returned, and its id passed to
    ``on_stale(kind, ids)`` (the pool rebuilds it in the background), while there is an ``on_stale``:
    a request never pays for rebuilding a big claim that was already shown. Shared: callers must
    not change them."""

    def __init__(self, size: int = 4_000):
        self.size = size
        self.on_stale = None
        self._items: collections.OrderedDict[tuple, tuple] = collections.OrderedDict()
        self._lock = threading.Lock()

    def get(self, kind: str, stamps: dict[int, tuple], ids: list[int], build) -> list:
        """The values of ``ids`` (those with a stamp) in order; those missing (or stale and small)
        built by ``build(missing_ids)``, which returns them in order."""
        ids = [i for i in ids if i in stamps]
        have, stale = {}, []
        with self._lock:
            for i in ids:
                hit = self._items.get((kind, i))
                if hit is not None and (hit[0] == stamps[i] or (self.on_stale is not None
                                                                and stamps[i][1] >= claim_cards.STALE_OK)):
                    have[i] = hit[1]
                    self._items.move_to_end((kind, i))
                    if hit[0] != stamps[i]:
                        stale.append(i)
        if stale and self.on_stale is not None:
            self.on_stale(kind, stale)
        missing = [i for i in ids if i not in have]
        if missing:
            built = dict(zip(missing, build(missing)))
            have.update(built)
            self.put(kind, stamps, built)
        return [have[i] for i in ids]

    def put(self, kind: str, stamps: dict[int, tuple], built: dict[int, object]) -> None:
        with self._lock:
            for i, value in built.items():
                self._items[(kind, i)] = (stamps[i], value)
                self._items.move_to_end((kind, i))
            while len(self._items) > self.size:
                self._items.popitem(last=False)


def _guarded(method):
    """Serialise calls on the one connection and turn SQLite failures into StoreError."""
    @functools.wraps(method)
    def wrapper(self, *args, **kwargs):
        with self._lock:
            if self._conn is None:
                raise StoreError(f"{self.path}: the store is closed")
            try:
                return method(self, *args, **kwargs)
            except SaysoError:
                raise
            except sqlite3.Error as exc:
                if self._stopped is not None:
                    raise QueryInterrupted(self._stopped) from exc
                raise StoreError(f"{self.path}: {exc}") from exc
    return wrapper


class Store:
    """An SQLite record of articles, attributions, speakers and outlets.

    Opens (or creates) ``path`` in WAL mode with foreign keys on and applies pending
    migrations. ``readonly=True`` opens the file with ``mode=ro`` and never writes; it
    refuses a database that still needs migrating. Usable as a context manager; one
    connection, shared safely between threads (calls are serialised). ``claims`` (default: the
    ``claims`` setting, ``SAYSO_CLAIMS``) groups each added article's reports into claims.
    """

    def __init__(self, path: str | Path, *, readonly: bool = False, claims: bool | None = None,
                 card_cache: CardCache | None = None):
        self.path = Path(path)
        self._card_cache = card_cache
        self.readonly = readonly
        self.group_claims = bool(Settings.load().claims) if claims is None else claims
        self._lock = threading.RLock()
        self._stopped: str | None = None  # why the running query was interrupted (see time_limit)
        self._conn: sqlite3.Connection | None = db.connect(self.path, readonly=readonly)
        try:
            self._prepare()
        except BaseException:
            self.close()
            raise

    def _prepare(self) -> None:
        try:
            if not self.readonly:
                db.migrate(self._conn, self.path)
                return
            if not db.applied_migrations(self._conn):
                raise StoreError(f"{self.path}: not a sayso database (no migrations recorded)")
            pending = db.pending_migrations(self._conn, self.path)
            if pending:
                raise StoreError(f"{self.path}: needs migration {pending[0][0]}; open it once without "
                                 "read-only (e.g. `sayso ingest`) to upgrade it")
        except sqlite3.Error as exc:
            raise StoreError(f"{self.path}: not a usable sayso database ({exc})") from exc

    @contextlib.contextmanager
    def time_limit(self, seconds: float, *, cancelled=None):
        """Stop any query of this block once ``seconds`` have passed or ``cancelled()`` is true:
        the query then raises :class:`~sayso.errors.QueryInterrupted` naming the reason."""
        deadline = time.monotonic() + seconds

        def check() -> int:
            if time.monotonic() > deadline:
                self._stopped = f"the query took longer than the {seconds:g} s time limit"
            elif cancelled is not None and cancelled():
                self._stopped = "the request was cancelled (the client left or the server is stopping)"
            return 1 if self._stopped else 0

        with self._lock:
            self._stopped = None
            self._conn.set_progress_handler(check, 200)
            try:
                yield self
            finally:
                self._conn.set_progress_handler(None, 0)
                self._stopped = None

    def checkpoint(self, *, journal_limit: int = 64 * 1024 * 1024, wait: float = 5.0) -> bool:
        """Leave the file clean after a write session: fold the WAL into the database and truncate it
        (retried for up to ``wait`` seconds while readers hold it). True when the WAL was emptied."""
        if self.readonly:
            return False
        with self._lock:
            return db.checkpoint(self._conn, journal_limit=journal_limit, wait=wait)

    def close(self) -> None:
        with self._lock:
            if self._conn is not None:
                self._conn.close()
                self._conn = None

    def __enter__(self) -> "Store":
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    def __repr__(self) -> str:
        return f"Store({str(self.path)!r}, readonly={self.readonly})"

    # -- writing ---------------------------------------------------------------------------
    @_guarded
    def add(self, analyzed: AnalyzedArticle) -> tuple[str, bool]:
        """Store one analysed article atomically. ``(key, created)``; the same text twice is stored once."""
        if self.readonly:
            raise StoreError(f"{self.path}: opened read-only; cannot store article {analyzed.article.id}")
        return writer.add_article(self._conn, analyzed, claims=self.group_claims)

    @_guarded
    def replace(self, analyzed: AnalyzedArticle) -> tuple[str, bool]:
        """Replace the attributions of the stored article with this text (re-analysis), keeping its
        row, key and identity, in one transaction; an article not stored yet is added. ``(key, created)``."""
        if self.readonly:
            raise StoreError(f"{self.path}: opened read-only; cannot re-analyse article {analyzed.article.id}")
        return reanalysis.replace_article(self._conn, analyzed, claims=self.group_claims)

    def stored_articles(self, page: int = 200):
        """Every stored article as an :class:`~sayso.model.Article`, in row order, read a page at a time."""
        after = 0
        while True:
            with self._lock:
                if self._conn is None:
                    raise StoreError(f"{self.path}: the store is closed")
                rows = reanalysis.article_page(self._conn, after, page)
            if not rows:
                return
            for after, article in rows:
                yield article

    # -- reading ---------------------------------------------------------------------------
    @_guarded
    def has(self, content_hash: str) -> bool:
        """Whether an article with this text (its SHA-256, ``Article.content_hash``) is stored."""
        return writer.existing_key(self._conn, content_hash) is not None

    @_guarded
    def migrations(self) -> list[dict]:
        """Applied migrations: ``{name, applied_at}``, in order."""
        return [dict(r) for r in self._conn.execute("SELECT name, applied_at FROM migrations ORDER BY name")]

    @_guarded
    def article(self, key: str | int) -> dict:
        """One article by key, article id, content-hash prefix (>= 8 hex) or row id, with attributions."""
        return records.article(self._conn, key)

    @_guarded
    def articles(self, *, text: str | None = None, outlet: str | None = None,
                 limit: int = 50, offset: int = 0) -> list[dict]:
        """Stored articles, newest first (ranked when ``text`` is given)."""
        return records.articles(self._conn, text=text, outlet=outlet, limit=limit, offset=offset)

    @_guarded
    def count_articles(self, *, text: str | None = None, outlet: str | None = None) -> int:
        """How many articles :meth:`articles` would list without a limit."""
        return records.count_articles(self._conn, text=text, outlet=outlet)

    def _filter(self, *, article=None, **filters) -> queries.QuoteFilter:
        row = records.find_article(self._conn, article) if article not in (None, "") else None
        who = filters.get("speaker")
        ids = tuple(speakers.matching_ids(self._conn, who)) if isinstance(who, str) and who.strip() else ()
        return queries.QuoteFilter(article=row, speaker_ids=ids, **filters)

    @_guarded
    def quotes(self, *, text=None, speaker=None, outlet=None, date_from=None, date_to=None,
               source_type=None, stance=None, article=None, claim=None, min_confidence=None, limit: int = 50,
               offset: int = 0, marks: tuple[str, str] = ("[", "]")) -> list[dict]:
        """Attributions matching every filter: bm25-ranked with a ``snippet`` when ``text`` is given,
        else newest first. ``marks`` wrap each match in the snippet."""
        f = self._filter(text=text, speaker=speaker, outlet=outlet, date_from=date_from, date_to=date_to,
                         source_type=source_type, stance=stance, article=article, claim=claim,
                         min_confidence=min_confidence)
        return queries.quotes(self._conn, f, limit=limit, offset=offset, marks=marks)

    @_guarded
    def count_quotes(self, *, text=None, speaker=None, outlet=None, date_from=None, date_to=None,
                     source_type=None, stance=None, article=None, claim=None, min_confidence=None,
                     cap: int | None = None) -> int:
        """How many attributions :meth:`quotes` would return without a limit (at most ``cap + 1``)."""
        f = self._filter(text=text, speaker=speaker, outlet=outlet, date_from=date_from, date_to=date_to,
                         source_type=source_type, stance=stance, article=article, claim=claim,
                         min_confidence=min_confidence)
        return queries.count_quotes(self._conn, f, cap=cap)

    @_guarded
    def quotes_and_count(self, *, limit: int = 50, offset: int = 0, marks: tuple[str, str] = ("[", "]"),
                         cap: int = 1_000, **filters) -> tuple[list[dict], int]:
        """:meth:`quotes` and :meth:`count_quotes` (at most ``cap + 1``) of one search, for a page
        that shows both: with words, one walk of the newest matches gives the ranking's window and
        the count."""
        return queries.quotes_and_count(self._conn, self._filter(**filters), limit=limit, offset=offset,
                                        marks=marks, cap=cap)

    @_guarded
    def query_plan(self, **filters) -> dict[str, list[str]]:
        """How SQLite answers :meth:`quotes` and the capped :meth:`count_quotes` for these filters
        (``EXPLAIN QUERY PLAN`` lines of each; a test checks no combination scans attributions)."""
        return queries.query_plan(self._conn, self._filter(**filters))

    @_guarded
    def speakers(self, *, name: str | None = None, type: str | None = None,
                 limit: int = 50, offset: int = 0) -> list[dict]:
        return summaries.speakers(self._conn, name=name, type=type, limit=limit, offset=offset)

    @_guarded
    def count_speakers(self, *, name: str | None = None, type: str | None = None) -> int:
        """How many speakers :meth:`speakers` would list without a limit."""
        return summaries.count_speakers(self._conn, name=name, type=type)

    @_guarded
    def speaker(self, key: str | int, *, statements: int = summaries.STATEMENTS) -> dict:
        return summaries.speaker(self._conn, key, statements=statements)

    @_guarded
    def outlets(self) -> list[dict]:
        return summaries.outlets(self._conn)

    @_guarded
    def outlet(self, name: str, *, articles: int = 10_000) -> dict:
        return summaries.outlet(self._conn, name, articles_limit=articles)

    @_guarded
    def stats(self) -> dict:
        return summaries.stats(self._conn)

    @_guarded
    def version(self) -> tuple:
        """A cheap marker that changes whenever an article or attribution is added or removed."""
        return tuple(self._conn.execute(
            "SELECT (SELECT max(id) FROM articles), (SELECT count(*) FROM articles), "
            "(SELECT max(id) FROM attributions)").fetchone())

    @_guarded
    def integrity_check(self) -> str:
        """SQLite's own verdict on the file ("ok" when sound)."""
        return self._conn.execute("PRAGMA integrity_check").fetchone()[0]

    # -- claims across articles (claims/, store/claims.py, store/claim_cards.py) ------------
    def _claim_filter(self, text, article, speaker, min_articles) -> dict:
        return {"text": text or None, "min_articles": min_articles,
                "article": records.find_article(self._conn, article) if article not in (None, "") else None,
                "speaker": summaries.find_speaker(self._conn, speaker) if speaker not in (None, "") else None}

    @_guarded
    def claims(self, *, text: str | None = None, article=None, speaker=None, min_articles: int = 1,
               limit: int = 20, offset: int = 0) -> list[dict]:
        """Full claim cards (every report) matching the filters (``text`` in a report; an article; a
        speaker), those reported in most articles first. Costs what the claims' reports cost: pages
        use :meth:`claim_summaries`."""
        f = self._claim_filter(text, article, speaker, min_articles)
        return claim_cards.cards(self._conn, claim_cards.claim_ids(self._conn, **f, limit=limit, offset=offset))

    @_guarded
    def claim_summaries(self, *, text: str | None = None, article=None, speaker=None, min_articles: int = 1,
                        limit: int = 20, offset: int = 0) -> list[dict]:
        """Light cards (:func:`claim_cards.summaries`: counts, origins, supporters, deniers; no
        reports) of the claims :meth:`claims` would list."""
        f = self._claim_filter(text, article, speaker, min_articles)
        return [_public(s) for s in self._summaries(claim_cards.claim_ids(self._conn, **f, limit=limit,
                                                                          offset=offset))]

    def _summaries(self, ids: list[int], stamps: dict | None = None) -> list[dict]:
        if self._card_cache is None:
            return claim_cards.summaries(self._conn, ids)
        stamps = claim_cards.stamps(self._conn, ids) if stamps is None else stamps
        return self._card_cache.get("summary", stamps, ids, lambda missing: claim_cards.summaries(self._conn, missing))

    @_guarded
    def claim_ids_by_size(self, limit: int) -> list[int]:
        """The ids of the ``limit`` claims with most reports, most first."""
        return [r[0] for r in self._conn.execute("SELECT id FROM claims ORDER BY n_reports DESC LIMIT ?", [limit])]

    @_guarded
    def build_claim_summaries(self, kind: str, ids: list[int]) -> None:
        """Build the summaries (``kind`` "summary") or page charts ("details") of ``ids`` into the
        shared cache now, whatever it holds (the pool's background warmer)."""
        stamps = claim_cards.stamps(self._conn, ids)
        ids = [i for i in ids if i in stamps]
        build = claim_cards.summaries(self._conn, ids) if kind == "summary" else \
            [claim_cards.details(self._conn, i) for i in ids]
        self._card_cache.put(kind, stamps, dict(zip(ids, build)))

    @_guarded
    def claim_view(self, claim_id: int, *, limit: int = 50, offset: int = 0) -> dict:
        """One claim for a page: its summary, its charts as counts (``timeline``, ``matrix``, provenance
        ``edges``) and reports ``offset`` to ``offset + limit`` (stored order) of ``reports_total``."""
        cid = claim_cards.claim_number(claim_id)
        stamps = claim_cards.stamps(self._conn, [cid])
        if not stamps:
            raise NotFound(f"claim {claim_id}: no such claim (see `sayso claims`)")
        (summary,) = self._summaries([cid], stamps)
        if self._card_cache is None:
            charts = claim_cards.details(self._conn, cid)
        else:
            (charts,) = self._card_cache.get("details", stamps, [cid],
                                             lambda ids: [claim_cards.details(self._conn, ids[0])])
        return {**_public(summary), **charts, "edges": summary["_edges"],
                "reports": claim_cards.report_page(self._conn, summary, limit, offset),
                "reports_offset": offset, "reports_limit": limit}

    @_guarded
    def count_claims(self, *, text: str | None = None, article=None, speaker=None, min_articles: int = 1,
                     cap: int | None = None, walk_cap: int | None = None) -> int:
        """How many claims :meth:`claims` would list without a limit (at most ``cap + 1``; for a broad
        word or speaker, at most ``walk_cap + 1``: see :func:`claim_cards.count_claims`)."""
        return claim_cards.count_claims(self._conn, **self._claim_filter(text, article, speaker, min_articles),
                                        cap=cap, walk_cap=walk_cap)

    @_guarded
    def claim(self, claim_id) -> dict:
        """One claim's full card: statement, every report, origins, supporters and deniers."""
        return claim_cards.card(self._conn, claim_id)

    @_guarded
    def headline_claims(self) -> dict[str, int]:
        """``{article key: claim id}`` of every stored headline report."""
        return claim_cards.headline_claims(self._conn)


def _public(summary: dict) -> dict:
    return {k: v for k, v in summary.items() if not k.startswith("_")}
