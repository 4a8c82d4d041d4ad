"""Who the source is and how it stands: fills ``speaker``, ``stance`` and ``via`` of attributions.

    resolve_attributions(doc, attributions, article) -> attributions (same order, same spans)

Stages: people (name clusters and roles) -> speakers (pronouns, descriptions, types) -> chains
(``via``) -> stance. Pure: no I/O, one pass over the document, no extra models.
"""
from __future__ import annotations

import logging

from spacy.tokens import Doc

from ..model import Article, Attribution, Speaker
from ..nlp.tokens import text_of
from .chains import link
from .speakers import SpeakerResolver
from .stance import stance_of

__all__ = ["resolve_attributions"]

log = logging.getLogger(__name__)


def _outer(i: int, atts: list[Attribution]) -> int | None:
    """The attribution whose content holds this one's source (for "I" and "we" inside quotes)."""
    src = atts[i].source
    if src is None:
        return None
    for j, a in enumerate(atts):
        if j != i and any(c.start <= src.start and src.end <= c.end for c in a.content):
            return j
    return None


def resolve_attributions(doc: Doc, attributions: list[Attribution], article: Article) -> list[Attribution]:
    """The same attributions with ``speaker``, ``stance`` and ``via`` filled in."""
    atts = list(attributions)
    if not atts:
        return atts
    if len(doc.text_with_ws) != len(article.text) or text_of(doc) != article.text:
        log.warning("article %s: the parsed text differs from the article text", article.id)
    resolver = SpeakerResolver(doc, atts, authors=article.authors, outlet=article.outlet)
    outers = [_outer(i, atts) for i in range(len(atts))]
    order = sorted(range(len(atts)), key=lambda i: (outers[i] is not None, _position(atts[i])))
    speakers: list[Speaker | None] = [None] * len(atts)
    for i in order:  # outer quotes come first where "I" inside a quote needs them
        outer = outers[i]
        speakers[i] = resolver.resolve(atts[i], speakers[outer] if outer is not None else None)
    via = link(atts, speakers)
    return [a.replace(speaker=speakers[i], stance=stance_of(doc, a), via=via[i]) for i, a in enumerate(atts)]


def _position(att: Attribution) -> int:
    span = att.source or att.cue or (att.content[0] if att.content else None)
    return span.start if span else 0
