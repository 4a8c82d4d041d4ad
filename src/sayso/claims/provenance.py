"""Provenance: the first-hand source (origin) a report rests on, so repeats count once.

A report's origin is found by walking its ``via`` chain (``via`` points toward the origin) to
the last attribution, whose speaker is the origin:

* a named speaker (person, government, organisation, named outlet) is one origin wherever it is
  quoted: key ``speaker:<name>``;
* anonymous sources ("three officials familiar with intelligence matters") are stored per
  article, yet the Post's officials quoted by CNBC and Digi24 are the same people. Their key is
  the outlet that published them first + their descriptor: the media speaker met on the chain
  ("according to the Washington Post, citing three officials"), else the one outlet the article
  credits (``Sources: Washington Post``), else the article's own outlet (of the original story
  when the article is a wire copy). Wrong when two outlets describe the same officials in other
  words (two origins where there is one), or one outlet's different officials share a
  descriptor ("U.S. officials": one origin where there are two);
* a report with no speaker (a headline) or a vague one ("reports", "media reports") rests on the
  other reports of the same claim in its article when there are some, else on what the article
  credits, else on the article (or the original of its wire copy) itself.
"""
from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass

from ..model import AnalyzedArticle, Speaker

_VAGUE = re.compile(r"^(?:the |some |several |many |)(?:media |news |press |earlier |recent |)"
                    r"(?:reports?|reporting|media|news|the press|outlets?|it|they|this|that)$", re.I)


@dataclass(frozen=True)
class Origin:
    """The first-hand source of a report."""

    key: str  # what counts once: "speaker:russia", "anonymous:washington post:officials familiar ..."
    name: str  # shown to users: "Russia", "three officials familiar with ... (Washington Post)"
    type: str  # a source type (model.SOURCE_TYPES), "media" for outlets
    via: str | None = None  # the outlet the origin reached print through, when known


def norm(name: str) -> str:
    """Case- and space-folded name used in keys."""
    return " ".join(re.sub(r"^(the)\s+", "", name.strip(), flags=re.I).lower().split())


def chain(analyzed: AnalyzedArticle, idx: int) -> list[int]:
    """Indices from attribution ``idx`` along ``via`` to the origin (cycles are cut)."""
    out, atts = [idx], analyzed.attributions
    while (nxt := atts[out[-1]].via) is not None and nxt not in out and 0 <= nxt < len(atts):
        out.append(nxt)
    return out


def is_vague(speaker: Speaker | None) -> bool:
    """No speaker, or one that names nobody in particular ("reports", "media reports")."""
    return speaker is None or speaker.type == "unknown" or bool(_VAGUE.match(speaker.name or ""))


def article_origin(analyzed: AnalyzedArticle, original_outlet: str | None, article_key: str) -> Origin:
    """What an article's unattributed reports rest on: its one credit, else its story's outlet."""
    a = analyzed.article
    if len(a.credits) == 1:
        return Origin(f"speaker:{norm(a.credits[0])}", a.credits[0], "media")
    outlet = original_outlet or a.outlet
    if outlet:
        return Origin(f"speaker:{norm(outlet)}", outlet, "media")
    return Origin(f"article:{article_key}", f"article {article_key}", "media")


def _is_outlet(speaker: Speaker | None) -> bool:
    return speaker is not None and speaker.type == "media" and not is_vague(speaker)


def _publisher(analyzed: AnalyzedArticle, steps: list[int]) -> str | None:
    """The outlet on the chain nearest the origin, else one whose report rests on the origin."""
    atts = analyzed.attributions
    on_chain = [atts[i].speaker.name for i in steps[:-1] if _is_outlet(atts[i].speaker)]
    if on_chain:
        return on_chain[-1]
    citers = [j for j in range(len(atts)) if j != steps[-1] and _is_outlet(atts[j].speaker)
              and steps[-1] in chain(analyzed, j)]
    return atts[citers[0]].speaker.name if citers else None


def attribution_origin(analyzed: AnalyzedArticle, idx: int, fallback: Origin) -> Origin | None:
    """The origin of attribution ``idx``; None when its chain ends at a vague source."""
    atts = analyzed.attributions
    steps = chain(analyzed, idx)
    last = atts[steps[-1]].speaker
    if is_vague(last):
        return None
    via = _publisher(analyzed, steps)
    if last.type != "anonymous":
        return Origin(f"speaker:{norm(last.name)}", last.name, last.type, via)
    publisher = via or fallback.name
    what = last.descriptor or last.name
    return Origin(f"anonymous:{norm(publisher)}:{norm(what)}", f"{what} ({publisher})", "anonymous", publisher)


def through_outlets(reports: list[dict]) -> list[dict]:
    """Reports of one claim with an outlet named as their source ("the Post reported") resolved to
    what that outlet's own stored reports of the claim rest on (the Post's three officials).

    Each report is a dict with ``outlet`` (of its article) and ``origin_key/_name/_type/_via``; a dict
    with ``n`` stands for that many reports alike (a group counted in SQL).
    """
    own: dict[str, Counter] = {}
    shown: dict[str, dict] = {}
    for r in reports:
        shown.setdefault(r["origin_key"], {k: r[k] for k in ("origin_key", "origin_name", "origin_type", "origin_via")})
        if r.get("outlet") and r["origin_key"] != f"speaker:{norm(r['outlet'])}":
            own.setdefault(norm(r["outlet"]), Counter())[r["origin_key"]] += r.get("n", 1)
    out = []
    for r in reports:
        key = r["origin_key"]
        if r["origin_type"] == "media" and key.startswith("speaker:") and key[len("speaker:"):] in own:
            r = {**r, **shown[own[key[len("speaker:"):]].most_common(1)[0][0]]}
        out.append(r)
    return out
