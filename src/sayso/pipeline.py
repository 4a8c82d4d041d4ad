"""The whole job for one article: parse, extract attributions, resolve sources.

Stages (each a plain function over a spaCy ``Doc``):
``nlp.load_nlp`` -> ``nlp.extract.extract_attributions`` -> ``nlp.speech.weigh_speech`` (lowers the
confidence of actions read as speech) -> ``resolve.resolve_attributions``. What is stored and shown
is then cut at the confidence floor by :func:`above_floor` (``SAYSO_MIN_CONFIDENCE``).
"""
from __future__ import annotations

import logging
from dataclasses import replace
from collections.abc import Callable, Iterable, Iterator

from .errors import InputError

from .model import AnalyzedArticle, Article, Attribution, Span
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
        ``on_error`` (or logged) and skipped; the others go on.

        A text longer than ``settings.chunk_chars`` is parsed in pieces cut at paragraph breaks
        (parser memory grows with the length of one ``Doc``); offsets still point into the whole
        text, and ``via`` indices into the whole article's list.
        """
        report = on_error or (lambda x: log.error("%s", x))
        pieces = ((article.text[s:e], (article, s, last))
                  for article in articles for s, e, last in _pieces(article.text, self.settings.chunk_chars))
        done: list[Attribution] = []
        failed = False
        for doc, (article, start, last) in self._parse(pieces):
            if not failed:
                try:
                    done.extend(self._analyze_piece(doc, article, start, len(done)))
                except Exception as e:  # one bad article must not stop a batch
                    log.debug("analysis of %s failed", article.id, exc_info=True)
                    report(InputError(article.path or article.id, f"analysis failed: {type(e).__name__}: {e}"))
                    failed = True
            if last:
                if not failed:
                    yield AnalyzedArticle(article, tuple(done))
                done, failed = [], False

    def _parse(self, pieces):
        """``(doc, context)`` for each ``(text, context)``, batched by count and by characters:
        the parser's memory grows with the characters of a whole batch."""
        group: list = []
        chars = 0
        for text, ctx in pieces:
            if group and _batch_full(len(group), chars, len(text), self.settings):
                yield from self.nlp.pipe(group, as_tuples=True, batch_size=len(group))
                group, chars = [], 0
            group.append((text, ctx))
            chars += len(text)
        if group:
            yield from self.nlp.pipe(group, as_tuples=True, batch_size=len(group))

    @staticmethod
    def _analyze_piece(doc, article: Article, start: int, first_index: int) -> list[Attribution]:
        from .nlp.extract import extract_attributions
        from .nlp.speech import weigh_speech
        from .resolve import resolve_attributions

        found = weigh_speech(doc, extract_attributions(doc))
        if start == 0 and len(doc.text) == len(article.text):
            return resolve_attributions(doc, found, article)
        piece = replace(article, text=doc.text)
        atts = resolve_attributions(doc, found, piece)
        return [_shifted(a, start, first_index) for a in atts]


def above_floor(analyzed: AnalyzedArticle, floor: float) -> AnalyzedArticle:
    """The article with only the attributions whose confidence reaches ``floor``; ``via`` indices
    follow the kept ones (a link to a dropped attribution is dropped)."""
    atts = analyzed.attributions
    kept = [i for i, a in enumerate(atts) if a.confidence >= floor]
    if len(kept) == len(atts):
        return analyzed
    new = {old: n for n, old in enumerate(kept)}
    return AnalyzedArticle(analyzed.article, tuple(atts[i].replace(via=new.get(atts[i].via)) for i in kept))


def _batch_full(count: int, chars: int, next_chars: int, settings: Settings) -> bool:
    """Whether a parse batch of ``count`` pieces and ``chars`` characters is closed before the next piece."""
    return count >= settings.batch_size or chars + next_chars > settings.chunk_chars


def article_batches(articles: Iterable[Article], settings: Settings) -> Iterator[list[Article]]:
    """Runs of consecutive articles that :meth:`Pipeline.analyze_many` parses in whole spaCy batches
    of their own: analysing each run apart (in another process) gives exactly what one
    ``analyze_many`` over all of them gives, whatever spaCy's batching does to the numbers."""
    run: list[Article] = []
    count = chars = 0
    for article in articles:
        for start, end, _last in _pieces(article.text, settings.chunk_chars):
            if count and _batch_full(count, chars, end - start, settings):
                if start == 0 and run:  # a batch ends where an article ends
                    yield run
                    run = []
                count = chars = 0
            count += 1
            chars += end - start
        run.append(article)
    if run:
        yield run


def _pieces(text: str, size: int) -> list[tuple[int, int, bool]]:
    """``(start, end, is_last)`` pieces of at most about ``size`` characters, cut after a blank
    line, else after a line break, else after a sentence end, else anywhere."""
    out, start = [], 0
    while len(text) - start > size:
        window = text[start:start + size]
        cut = max(window.rfind("\n\n"), -1)
        for sep in ("\n", ". "):
            if cut < size // 2:
                cut = max(cut, window.rfind(sep))
        cut = start + (cut + 1 if cut >= size // 4 else size)
        out.append((start, cut, False))
        start = cut
    out.append((start, len(text), True))
    return out


def _shifted(att: Attribution, delta: int, index_delta: int) -> Attribution:
    """The attribution of a piece, with every span moved ``delta`` characters and ``via`` re-indexed."""
    def move(span: Span | None) -> Span | None:
        return Span(span.start + delta, span.end + delta, span.text) if span else None

    speaker = att.speaker and replace(att.speaker, mentions=tuple(move(m) for m in att.speaker.mentions))
    stance = att.stance and replace(att.stance, triggers=tuple(move(t) for t in att.stance.triggers))
    return replace(att, source=move(att.source), cue=move(att.cue), content=tuple(move(c) for c in att.content),
                   speaker=speaker, stance=stance, via=None if att.via is None else att.via + index_delta)


_default: Pipeline | None = None


def analyze_text(text: str, *, id: str = "text", **meta) -> AnalyzedArticle:
    """Analyse one text with a shared default pipeline (loaded on first use)."""
    global _default
    if _default is None:
        _default = Pipeline()
    return _default.analyze(Article(id=id, text=text, **meta))
