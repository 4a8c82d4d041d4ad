"""Chains of attribution: which attribution another one rests on (``via``).

``via`` always points toward the origin: "this attribution's report rests on that one", so
following ``via`` from any report ends at the first-hand source it rests on.

* relayed: "Witkoff said Russian officials had denied the allegations" -- Witkoff's report is
  about Russia's denial, which sits inside his content: Witkoff's.via = Russia's denial.
* cited: "reporting by the Washington Post, citing three officials ..., suggested that ..." --
  the Post's report rests on the officials: report.via = the officials' attribution.
* referred: "According to the report, ..." rests on the report attributed earlier.
"""
from __future__ import annotations

from ..lexicon import CITING_CUES, REPORT_WORDS
from ..model import Attribution, Speaker


def _inside(x_start: int, x_end: int, att: Attribution) -> bool:
    return any(c.start <= x_start and x_end <= c.end for c in att.content)


def _overlap(a: Attribution, b: Attribution) -> bool:
    return any(x.start < y.end and y.start < x.end for x in a.content for y in b.content)


def _anchor(att: Attribution) -> tuple[int, int] | None:
    """Where an attribution's own words (source, else cue) sit in the text."""
    span = att.source or att.cue
    return (span.start, span.end) if span else None


def _relayed_by(i: int, atts: list[Attribution]) -> int | None:
    anchor = _anchor(atts[i])
    if anchor is None:
        return None
    outers = [j for j, a in enumerate(atts) if j != i and _inside(*anchor, a)]
    if not outers:
        return None
    return min(outers, key=lambda j: sum(c.end - c.start for c in atts[j].content))


def _relays(atts: list[Attribution]) -> list[int | None]:
    """For each attribution, the (first) attribution it relays: one whose words sit in its content."""
    out: list[int | None] = [None] * len(atts)
    for i in range(len(atts)):
        j = _relayed_by(i, atts)  # the innermost relayer of i
        if j is not None and out[j] is None:
            out[j] = i
    return out


def _cites(b: Attribution) -> bool:
    cue = (b.cue.text if b.cue else "").lower()
    return any(cue.startswith(w) for w in CITING_CUES)


def _cited_by(i: int, atts: list[Attribution]) -> int | None:
    a = atts[i]
    for j, b in enumerate(atts):
        if j == i or not _cites(b) or b.source is None or a.source is None:
            continue
        same_content = _overlap(a, b) or not b.content
        if same_content and abs(b.source.start - a.source.end) < 200 and not _inside(b.source.start, b.source.end, a):
            return j
    return None


def _referred(i: int, atts: list[Attribution], speakers: list[Speaker | None]) -> int | None:
    a, sp = atts[i], speakers[i]
    if a.source is None or sp is None or sp.type != "document":
        return None
    if not a.source.text.lower().startswith(("the ", "that ", "this ")):
        return None
    head = a.source.text.lower().split()[-1]
    for j in range(len(atts) - 1, -1, -1):
        b = atts[j]
        if j == i or b.source is None or b.source.start >= a.source.start:
            continue
        words = " ".join(x.text.lower() for x in (b.cue, b.source) if x)
        if head in words or (head in REPORT_WORDS and any(w in words for w in REPORT_WORDS)):
            if speakers[j] is not None and speakers[j].type in ("media", "document", "anonymous",
                                                                "organisation", "government"):
                return j
    return None


def _break_cycles(via: list[int | None]) -> list[int | None]:
    out = list(via)
    for start in range(len(out)):
        seen, k = {start}, out[start]
        while k is not None:
            if k in seen:
                out[start] = None
                break
            seen.add(k)
            k = out[k]
    return out


def link(atts: list[Attribution], speakers: list[Speaker | None]) -> list[int | None]:
    """``via`` for every attribution: the index of the attribution it rests on, or None."""
    relays = _relays(atts)
    via: list[int | None] = []
    for i in range(len(atts)):
        j = relays[i]
        if j is None:
            j = _cited_by(i, atts)
        if j is None:
            j = _referred(i, atts, speakers)
        via.append(j)
    return _break_cycles(via)
