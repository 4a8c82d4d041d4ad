"""Batch ingest: read inputs, analyse them, store them; per-input errors never stop the batch."""
from __future__ import annotations

import logging
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from .errors import InputError, SaysoError
from .model import AnalyzedArticle, Article
from .pipeline import above_floor
from .settings import Settings

log = logging.getLogger(__name__)


@dataclass
class IngestSummary:
    read: int = 0  # articles read from the inputs
    stored: int = 0  # new articles stored
    known: int = 0  # articles already in the store (same text), skipped
    failed: int = 0  # inputs or articles that could not be read or stored
    attributions: int = 0  # attributions stored
    reanalyzed: int = 0  # stored articles whose attributions were replaced (--reanalyze)
    skipped: int = 0  # records of an archive that are not articles (a WARC's non-HTML records)

    def line(self, db: str) -> str:
        line = (f"{self.read} articles read: {self.stored} stored, {self.known} already in {db}, "
                f"{self.failed} failed; {self.attributions} attributions stored")
        if self.reanalyzed:
            line += f"; {self.reanalyzed} re-analysed"
        if self.skipped:
            line += f"; {self.skipped} non-HTML archive records skipped"
        return line


def store_analyzed(store, analyzed: AnalyzedArticle, summary: IngestSummary,
                   report: Callable[[InputError], None], *, replace: bool = False) -> str | None:
    """Store one analysed article (every ingest path comes through here: serial, workers, Dask,
    Parquet, re-analysis). ``replace`` swaps the attributions of an article already stored.
    Returns the article's key, or None when it could not be stored (reported)."""
    try:
        key, created = store.replace(analyzed) if replace else store.add(analyzed)
    except SaysoError as e:
        report(InputError(analyzed.article.path or analyzed.article.id, f"not stored: {e}"))
        return None
    if created:
        summary.stored += 1
    elif replace:
        summary.reanalyzed += 1
    else:
        summary.known += 1
        return key
    summary.attributions += len(analyzed.attributions)
    return key


def ingest_paths(paths: Iterable[str], store, settings: Settings | None = None, *,
                 on_error: Callable[[InputError], None] | None = None,
                 pipeline=None, progress: bool | None = None, workers: int | None = None,
                 dask: str | None = None, reanalyze: bool = False) -> IngestSummary:
    """Read every path, analyse new articles and store each in its own transaction.

    ``workers``/``dask`` choose where analysis runs (:func:`sayso.scale.make_analyzer`; results
    are stored in input order whatever runs them). A Parquet dataset written by
    ``sayso extract --to parquet`` is loaded without analysis. ``reanalyze`` re-analyses articles
    already stored instead of skipping them; with no ``paths`` it re-analyses every stored article.
    """
    from .ingest import read_paths
    from .scale import make_analyzer
    from .scale.parquet import is_dataset, read_dataset

    settings = settings or Settings.load()
    analyzer = pipeline or make_analyzer(settings, workers=workers, dask=dask)
    summary = IngestSummary()

    def report(err: InputError) -> None:
        summary.failed += 1
        (on_error or (lambda e: log.error("%s", e)))(err)

    def skipped(n: int) -> None:
        summary.skipped += n

    def new_articles(group: list[str]) -> Iterable[Article]:
        items = read_paths(group, settings, on_skip=skipped) if group else store.stored_articles()
        for item in items:
            if isinstance(item, InputError):
                report(item)
                continue
            summary.read += 1
            if not reanalyze and store.has(item.content_hash):
                summary.known += 1
                continue
            yield item

    def analysed(group: list[str], parquet: bool) -> Iterable[AnalyzedArticle]:
        if not parquet:
            yield from analyzer.analyze_many(new_articles(group), on_error=report)
            return
        for analyzed in read_dataset(group[0], on_error=report):  # analysed already
            summary.read += 1
            if not reanalyze and store.has(analyzed.article.content_hash):
                summary.known += 1
                continue
            yield analyzed

    try:
        with _progress(progress) as bar:
            for group, parquet in _runs(paths, is_dataset) if paths else [([], False)]:
                for analyzed in analysed(group, parquet):
                    analyzed = above_floor(analyzed, settings.min_confidence)
                    store_analyzed(store, analyzed, summary, report, replace=reanalyze)
                    bar(analyzed.article)
    finally:
        if pipeline is None:
            analyzer.close()
    return summary


def _runs(paths: Iterable[str], is_dataset) -> list[tuple[list[str], bool]]:
    """Paths in order, as runs of inputs to read and analyse and single Parquet datasets."""
    runs: list[tuple[list[str], bool]] = []
    for path in paths:
        if is_dataset(path):
            runs.append(([path], True))
        elif runs and not runs[-1][1]:
            runs[-1][0].append(path)
        else:
            runs.append(([path], False))
    return runs


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
