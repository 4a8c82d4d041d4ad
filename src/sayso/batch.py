"""Batch ingest: read inputs, analyse them, store them; per-input errors never stop the batch."""
from __future__ import annotations

import logging
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from .errors import InputError, SaysoError
from .model import Article
from .settings import Settings

log = logging.getLogger(__name__)


@dataclass
class IngestSummary:
    read: int = 0  # articles read from the inputs
    stored: int = 0  # new articles stored
    known: int = 0  # articles already in the store (same text), skipped
    failed: int = 0  # inputs or articles that could not be read or stored
    attributions: int = 0  # attributions stored

    def line(self, db: str) -> str:
        return (f"{self.read} articles read: {self.stored} stored, {self.known} already in {db}, "
                f"{self.failed} failed; {self.attributions} attributions stored")


def ingest_paths(paths: Iterable[str], store, settings: Settings | None = None, *,
                 on_error: Callable[[InputError], None] | None = None,
                 pipeline=None, progress: bool | None = None) -> IngestSummary:
    """Read every path, analyse new articles and store each in its own transaction."""
    from .ingest import read_paths
    from .pipeline import Pipeline

    settings = settings or Settings.load()
    pipeline = pipeline or Pipeline(settings)
    summary = IngestSummary()

    def report(err: InputError) -> None:
        summary.failed += 1
        (on_error or (lambda e: log.error("%s", e)))(err)

    def new_articles() -> Iterable[Article]:
        for item in read_paths(paths, settings):
            if isinstance(item, InputError):
                report(item)
                continue
            summary.read += 1
            if store.has(item.content_hash):
                summary.known += 1
                continue
            yield item

    with _progress(progress) as bar:
        for analyzed in pipeline.analyze_many(new_articles(), on_error=report):
            try:
                _key, created = store.add(analyzed)
            except SaysoError as e:
                report(InputError(analyzed.article.path or analyzed.article.id, f"not stored: {e}"))
                continue
            if created:
                summary.stored += 1
                summary.attributions += len(analyzed.attributions)
            else:
                summary.known += 1
            bar(analyzed.article)
    return summary


class _progress:
    """A rich progress line on an interactive stderr; silent otherwise."""

    def __init__(self, enabled: bool | None):
        import sys

        self.enabled = sys.stderr.isatty() if enabled is None else enabled
        self._p = None

    def __enter__(self):
        if not self.enabled:
            return lambda article: None
        from rich.console import Console
        from rich.progress import Progress, SpinnerColumn, TextColumn, TimeElapsedColumn

        self._p = Progress(SpinnerColumn(), TextColumn("{task.completed} articles analysed"),
                           TextColumn("[dim]{task.description}"), TimeElapsedColumn(),
                           console=Console(stderr=True), transient=False)
        self._p.start()
        task = self._p.add_task("", total=None)
        return lambda article: self._p.update(task, advance=1, description=article.id[:50])

    def __exit__(self, *exc):
        if self._p:
            self._p.stop()
        return False
