"""Scaling out: analysis in N local worker processes or on a Dask cluster, one writer.

Every analyser here has the interface of :class:`~sayso.pipeline.Pipeline`:
``analyze_many(articles, on_error=...) -> Iterator[AnalyzedArticle]``, in input order, so the
caller (``sayso.batch``) stores results in article order and the record is the same as with one
process. Work goes out in runs of articles that the serial pipeline parses as whole spaCy batches
(:func:`sayso.pipeline.article_batches`), at most ``window`` runs in flight, so memory stays flat.

    >>> with make_analyzer(settings, workers=4) as analyzer:      # doctest: +SKIP
    ...     for analyzed in analyzer.analyze_many(articles): ...
"""
from __future__ import annotations

import logging
import os
import pickle
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from itertools import chain

from ..errors import InputError
from ..model import AnalyzedArticle, Article
from ..settings import Settings

log = logging.getLogger(__name__)

__all__ = ["make_analyzer", "cpu_count", "InProcess"]


def cpu_count() -> int:
    """Cores this process may run on."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # pragma: no cover - not Linux
        return os.cpu_count() or 1


def make_analyzer(settings: Settings, *, workers: int | None = None, dask: str | None = None):
    """An analyser: on the Dask scheduler at ``dask``, else ``workers`` local processes
    (0 or None: ``settings.workers``, whose 0 means one per core), else in this process."""
    if dask:
        from .cluster import DaskAnalyzer
        return DaskAnalyzer(settings, dask)
    n = workers if workers else settings.workers
    n = n if n and n > 0 else cpu_count()
    if n == 1:
        return InProcess(settings)
    from .local import LocalAnalyzer
    return LocalAnalyzer(settings, n)


class InProcess:
    """Today's path: the pipeline in this process, loaded on first use."""

    def __init__(self, settings: Settings):
        self.settings = settings
        self._pipe = None

    def analyze_many(self, articles: Iterable[Article], *,
                     on_error: Callable[[InputError], None] | None = None) -> Iterator[AnalyzedArticle]:
        if self._pipe is None:
            from ..pipeline import Pipeline
            self._pipe = Pipeline(self.settings)
        return self._pipe.analyze_many(articles, on_error=on_error)

    def close(self) -> None:
        pass

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()
        return False


class Distributed(InProcess):
    """Shared by the local and Dask analysers: batches out, ordered results back.

    A subclass sets ``window`` and implements ``_submit(payload) -> future`` (a
    ``concurrent.futures`` or ``distributed`` future whose ``result()`` is the worker's bytes).
    Input that fits in one batch is analysed in this process: starting workers would cost more.
    """

    window = 2

    def analyze_many(self, articles, *, on_error=None):
        report = on_error or (lambda e: log.error("%s", e))
        from ..pipeline import article_batches

        batches = article_batches(articles, self.settings)
        first = next(batches, None)
        if first is None:
            return
        second = next(batches, None)
        if second is None:
            yield from super().analyze_many(first, on_error=report)
            return
        yield from self._ordered(chain([first, second], batches), report)

    def _ordered(self, batches: Iterator[list[Article]], report) -> Iterator[AnalyzedArticle]:
        pending: deque = deque()

        def top_up() -> None:
            while len(pending) < self.window:
                batch = next(batches, None)
                if batch is None:
                    return
                pending.append((self._submit(pickle.dumps(batch, protocol=pickle.HIGHEST_PROTOCOL)), batch))

        top_up()
        while pending:
            future, batch = pending.popleft()
            top_up()  # keep the workers busy while this batch is stored
            results = pickle.loads(self._result(future))
            for article, (attributions, reason) in zip(batch, results):
                if reason is None:
                    yield AnalyzedArticle(article, attributions)
                else:
                    report(InputError(article.path or article.id, reason))

    def _submit(self, payload: bytes):  # pragma: no cover - abstract
        raise NotImplementedError

    def _result(self, future) -> bytes:
        return future.result()
