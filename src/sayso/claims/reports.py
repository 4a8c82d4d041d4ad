"""The reports of an analysed article: what it states that can belong to a claim.

A report is the article's headline or the content of one of its attributions. Contents too
short to state a proposition ("directly", "that", a bare name) are left out.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from ..model import AnalyzedArticle
from .provenance import chain

MIN_WORDS = 4
MIN_TITLE_WORDS = 2  # a headline is a statement even when short ("World's oldest burger")
_THAT = re.compile(r"^that\s+", re.I)  # "said that Russia ..." states "Russia ..."


@dataclass(frozen=True)
class Draft:
    """A report before it is placed in a claim."""

    idx: int | None  # the attribution's index in its article; None for the headline
    text: str
    attribution_stance: str | None = None  # the source's stance (resolve.stance), see relayed_stance


def relayed_stance(analyzed: AnalyzedArticle, idx: int) -> str | None:
    """The stance a report carries: its origin's when the origin does more than assert (Witkoff
    relaying Russia's denial reports a denial), else its own."""
    atts = analyzed.attributions
    own = atts[idx].stance.label if atts[idx].stance else None
    last = atts[chain(analyzed, idx)[-1]].stance
    return last.label if last is not None and last.label != "asserts" else own


def drafts(analyzed: AnalyzedArticle) -> list[Draft]:
    """The headline, then every attribution content of ``MIN_WORDS`` words or more that the
    headline does not already hold ("X says Y" as a headline is one report, not two)."""
    out = []
    title = (analyzed.article.title or "").strip()
    if len(title.split()) >= MIN_TITLE_WORDS:
        out.append(Draft(None, title))
    for i, att in enumerate(analyzed.attributions):
        text = _THAT.sub("", " … ".join(c.text.strip() for c in att.content).strip())
        if len(text.split()) >= MIN_WORDS and text not in title:  # the headline states it already
            out.append(Draft(i, text, relayed_stance(analyzed, i)))
    return out
