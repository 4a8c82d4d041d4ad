"""The whole job for one article: parse, extract attributions, resolve sources.

Stages (each a plain function over a spaCy ``Doc``):
``nlp.load_nlp`` -> ``nlp.extract.extract_attributions`` -> ``resolve.resolve_attributions``.
"""
from __future__ import annotations

import logging
from collections.abc import Iterable, Iterator

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

    def analyze_many(self, articles: Iterable[Article]) -> Iterator[AnalyzedArticle]:
        from .nlp.extract import extract_attributions
        from .resolve import resolve_attributions

        pairs = ((a.text, a) for a in articles)
        for doc, article in self.nlp.pipe(pairs, as_tuples=True, batch_size=self.settings.batch_size):
            atts = extract_attributions(doc)
            atts = resolve_attributions(doc, atts, article)
            yield AnalyzedArticle(article, tuple(atts))


_default: Pipeline | None = None


def analyze_text(text: str, *, id: str = "text", **meta) -> AnalyzedArticle:
    """Analyse one text with a shared default pipeline (loaded on first use)."""
    global _default
    if _default is None:
        _default = Pipeline()
    return _default.analyze(Article(id=id, text=text, **meta))
