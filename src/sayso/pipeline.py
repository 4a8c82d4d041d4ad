"""The whole job for one article: parse, extract attributions, resolve sources.

Stages (each a plain function over a spaCy ``Doc``):
``nlp.load_nlp`` -> ``nlp.extract.extract_attributions`` -> ``resolve.resolve_attributions``.
"""
from __future__ import annotations

import logging
from collections.abc import Callable, Iterable, Iterator

from .errors import InputError

from .model import AnalyzedArticle, Article
from .settings import Settings

log = logging.getLogger(__name__)


class Pipeline:
    """Loads the models once; turns articles into analysed articles."""

    def __init__(self, settings: Settings | None = None):
        from .nlp import load_nlp

        self.settings = settings or Settings.load()
        self.nlp = load_nlp(self.settings.spacy_model)

    def analyze(self, article: Article) -> AnalyzedArticle:
        return next(self.analyze_many([article]))

    def analyze_many(self, articles: Iterable[Article], *,
                     on_error: Callable[[InputError], None] | None = None) -> Iterator[AnalyzedArticle]:
        """Analyse articles in spaCy batches. An article whose analysis fails is reported to
        ``on_error`` (or logged) and skipped; the others go on."""
        from .nlp.extract import extract_attributions
        from .resolve import resolve_attributions

        pairs = ((a.text, a) for a in articles)
        for doc, article in self.nlp.pipe(pairs, as_tuples=True, batch_size=self.settings.batch_size):
            try:
                atts = extract_attributions(doc)
                atts = resolve_attributions(doc, atts, article)
            except Exception as e:  # one bad article must not stop a batch
                log.debug("analysis of %s failed", article.id, exc_info=True)
                err = InputError(article.path or article.id, f"analysis failed: {type(e).__name__}: {e}")
                (on_error or (lambda x: log.error("%s", x)))(err)
                continue
            yield AnalyzedArticle(article, tuple(atts))


_default: Pipeline | None = None


def analyze_text(text: str, *, id: str = "text", **meta) -> AnalyzedArticle:
    """Analyse one text with a shared default pipeline (loaded on first use)."""
    global _default
    if _default is None:
        _default = Pipeline()
    return _default.analyze(Article(id=id, text=text, **meta))
