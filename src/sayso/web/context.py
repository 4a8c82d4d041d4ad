"""What every route needs, kept apart from :mod:`.app` so routers import it without a cycle.

:class:`WebContext` holds the database path, the settings, the lazily loaded analysis pipeline and
the pool of long-lived read connections; :func:`context` finds it on the request. Reads go
through :meth:`WebContext.reader`, which stops the request's queries when the time limit passes,
the client disconnects, or the server is stopping.
"""
from __future__ import annotations

import contextlib
import logging
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable

from fastapi import Request

from ..settings import Settings
from ..store import Store
from ..store.pool import ReadPool

log = logging.getLogger(__name__)
#: The ASGI scope key under which :class:`.security.Disconnects` leaves a "client left" event.
DISCONNECTED = "sayso.disconnected"


class LazyPipeline:
    """The analysis pipeline, loaded on first use, once; analyses run one at a time (spaCy is not
    thread-safe, and one parse at a time keeps memory flat)."""

    def __init__(self, settings: Settings, pipeline: Any = None):
        self.settings = settings
        self._pipeline = pipeline
        self._lock = threading.Lock()

    @property
    def loaded(self) -> bool:
        return self._pipeline is not None

    def analyze_many(self, articles, *, on_error=None) -> list:
        """Analyse the articles (see :meth:`sayso.pipeline.Pipeline.analyze_many`)."""
        with self._lock:
            if self._pipeline is None:
                from ..pipeline import Pipeline

                log.info("loading the analysis pipeline (%s)", self.settings.spacy_model)
                self._pipeline = Pipeline(self.settings)
            return list(self._pipeline.analyze_many(articles, on_error=on_error))


class Cache:
    """Whole-record summaries (totals, the outlet list): they cost a pass over the record, so a page
    that shows them reuses the last answer while the record is unchanged (``store.version()``),
    and while another process is writing, recomputes it at most every ``min_age`` seconds."""

    def __init__(self, min_age: float = 5.0):
        self.min_age = min_age
        self._items: dict[str, tuple[float, tuple, Any]] = {}
        self._lock = threading.Lock()

    def get(self, name: str, store: Store, compute: Callable[[], Any]) -> Any:
        now, version = time.monotonic(), store.version()
        with self._lock:
            hit = self._items.get(name)
        if hit is not None and (hit[1] == version or now - hit[0] < self.min_age):
            return hit[2]
        value = compute()
        with self._lock:
            self._items[name] = (now, version, value)
        return value

    def clear(self) -> None:
        with self._lock:
            self._items.clear()


@dataclass
class WebContext:
    """What every route needs: where the record is, the settings, the lazy pipeline, the readers."""

    db_path: Path
    settings: Settings
    pipeline: LazyPipeline
    max_body_bytes: int
    pool: ReadPool = field(init=False)
    cache: Cache = field(default_factory=Cache)

    def __post_init__(self):
        self.pool = ReadPool(self.db_path, size=self.settings.read_connections,
                             time_limit=self.settings.query_time_limit_ms / 1000)

    @contextlib.contextmanager
    def reader(self, request: Request | None = None):
        """A pooled read-only store for one request, under the query time limit."""
        left = request.scope.get(DISCONNECTED) if request is not None else None
        with self.pool.read(cancelled=left.is_set if left is not None else None) as store:
            yield store

    def writer(self) -> Store:
        self.cache.clear()
        return Store(self.db_path, readonly=False)

    def close(self) -> None:
        self.pool.close()


def context(request: Request) -> WebContext:
    return request.app.state.ctx
