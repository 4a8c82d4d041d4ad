"""A small pool of long-lived read-only stores, for a server process.

Opening a connection per request makes every request re-read the WAL index (slow after a large
ingest); a few long-lived connections keep their page cache and read what they need. Each
borrowed store runs under a time limit (:meth:`Store.time_limit`) and stops early when the
caller's ``cancelled()`` turns true or the pool is closing (the server is stopping).
"""
from __future__ import annotations

import contextlib
import logging
import queue
import threading
from pathlib import Path

from ..errors import SaysoError, StoreError
from .core import CardCache, Store

log = logging.getLogger(__name__)


class ReadPool:
    """Up to ``size`` read-only :class:`Store` objects over ``path``, opened on first use."""

    def __init__(self, path: str | Path, *, size: int = 4, time_limit: float = 1.0):
        self.path = Path(path)
        self.size = size
        self.time_limit = time_limit
        self._idle: queue.LifoQueue[Store] = queue.LifoQueue()
        self._opened = 0
        self._lock = threading.Lock()
        self.closing = threading.Event()
        self.cards = CardCache()  # claim summaries, shared by this pool's stores
        self._stale: queue.Queue[tuple[str, int]] = queue.Queue()
        self._queued: set[tuple[str, int]] = set()  # stale summaries waiting to be rebuilt
        self._warmer: threading.Thread | None = None
        self.warmed = threading.Event()  # every claim's summary built once

    def _take(self, wait: float) -> Store:
        try:
            return self._idle.get_nowait()
        except queue.Empty:
            pass
        with self._lock:
            if self._opened < self.size:
                self._opened += 1
                try:
                    return Store(self.path, readonly=True, card_cache=self.cards)
                except BaseException:
                    self._opened -= 1
                    raise
        try:
            return self._idle.get(timeout=wait)
        except queue.Empty:
            raise StoreError(f"{self.path}: all {self.size} read connections stayed busy for {wait:g} s") from None

    @contextlib.contextmanager
    def read(self, *, cancelled=None, time_limit: float | None = None):
        """Borrow a store for one block of reads, under the time limit."""
        if self.closing.is_set():
            raise StoreError(f"{self.path}: the server is stopping")
        limit = self.time_limit if time_limit is None else time_limit
        store = self._take(wait=max(limit * 5, 5.0))

        def stop() -> bool:
            return self.closing.is_set() or (cancelled is not None and cancelled())

        try:
            with store.time_limit(limit, cancelled=stop):
                yield store
        finally:
            if self.closing.is_set():
                store.close()
            else:
                self._idle.put(store)

    def warm(self, *, limit: float = 30.0) -> None:
        """Start building claim summaries in a background thread: the summary and page charts of
        every claim (up to what the cache keeps), most reported first, so requests find them built;
        then, as requests find them stale after a write, those of the big claims again (see
        :class:`CardCache`)."""
        if self._warmer is None:
            self.cards.on_stale = self._queue_stale
            self._warmer = threading.Thread(target=self._warm, args=(limit,), daemon=True, name="sayso-claims-warmer")
            self._warmer.start()

    def _queue_stale(self, kind: str, ids: list[int]) -> None:
        with self._lock:
            fresh = [(kind, i) for i in ids if (kind, i) not in self._queued]
            self._queued.update(fresh)
        for item in fresh:
            self._stale.put(item)

    def _build(self, kind: str, claim_id: int, limit: float) -> None:
        try:
            with self.read(time_limit=limit) as store:
                store.build_claim_summaries(kind, [claim_id])
        except SaysoError as exc:  # busy or interrupted: a request builds it when it needs it
            log.debug("claim %s: %s not built in the background (%s)", claim_id, kind, exc)

    def _warm(self, limit: float) -> None:
        try:
            with self.read(time_limit=limit) as store:
                ids = store.claim_ids_by_size(self.cards.size // 2)  # as many as the cache keeps
            for kind in ("summary", "details"):
                for i in ids:
                    if self.closing.is_set():
                        return
                    self._build(kind, i, limit)
            self.warmed.set()
            while not self.closing.is_set():
                try:
                    kind, i = self._stale.get(timeout=1.0)
                except queue.Empty:
                    continue
                with self._lock:
                    self._queued.discard((kind, i))
                self._build(kind, i, limit)
        except Exception as exc:  # noqa: BLE001 - requests build what they need when this stops
            if not self.closing.is_set():
                log.warning("%s: claim summaries are no longer built in the background (%s)", self.path, exc)
        finally:
            self.cards.on_stale = None  # no one rebuilds them now: stale summaries are not shown

    def close(self) -> None:
        """Interrupt running reads and close the idle connections."""
        self.closing.set()
        while True:
            try:
                self._idle.get_nowait().close()
            except queue.Empty:
                return
