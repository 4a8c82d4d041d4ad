"""How a report stands toward a claim: supports, denies, hedges, or observing.

Interface (stable): ``CLAIM_STANCES``; ``claim_stance(claim, report, attribution_stance=None)
-> (label, confidence)``, where ``claim`` is the claim's representative statement, ``report``
the attribution's content (or a headline) and ``attribution_stance`` the source's own stance
from ``resolve.stance`` (asserts, denies, hedges, dismisses, declines, questions) when the
report is an attribution. A denial by the Kremlin is a denial of the claim even though the
Kremlin "asserts" its own words: the relation between report and claim decides as well.

This first version is a rule baseline, to be replaced by the model trained on FNC-1 and
Emergent (issue 8).
"""
from __future__ import annotations

import re

CLAIM_STANCES = ("supports", "denies", "hedges", "observing")

_NEG = re.compile(r"\b(not|no|never|n't|false|fake|hoax|denies|denied|deny|rejects?|rejected|debunk\w*)\b", re.I)
_HEDGE = re.compile(r"\b(may|might|could|reportedly|allegedly|possibly|perhaps|unconfirmed|rumou?r\w*|claims?)\b|\?", re.I)


def claim_stance(claim: str, report: str, attribution_stance: str | None = None) -> tuple[str, float]:
    """(label, confidence) of the report toward the claim."""
    if attribution_stance in ("denies", "dismisses"):
        return "denies", 0.6
    if attribution_stance in ("hedges", "questions", "declines"):
        return "hedges" if attribution_stance != "declines" else "observing", 0.5
    neg_report = len(_NEG.findall(report or "")) % 2
    neg_claim = len(_NEG.findall(claim or "")) % 2
    if neg_report != neg_claim:
        return "denies", 0.5
    if _HEDGE.search(report or ""):
        return "hedges", 0.4
    return "supports", 0.5
