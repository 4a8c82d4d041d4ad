"""Page furniture: lines of a news page that are no part of the story (``READ MORE: …``,
``WATCH: …``, ``Related: …``, disclaimers, newsletter prompts). Nothing on such a line is a
speaker, a cue or content, and content never runs across one; a news line opened by a label
(``UPDATE: The senator said …``) keeps its attributions but the label is no speaker."""
from __future__ import annotations

import re

from ..lexicon import FURNITURE_LABELS, FURNITURE_PROMPTS, NOT_SPEAKER_LABELS, QUOTE_CHARS
from ..model import Attribution, Span

__all__ = ["furniture_lines", "label_colons", "drop_furniture"]

_LINE = re.compile(r"[^\n]+")
_LABEL = re.compile(r"([^\W\d_][\w’'. ]{0,24}?)\s*:", re.UNICODE)
_LEAD = "".join(QUOTE_CHARS) + " \t*•#>-–—|[]()"


def _lines(text: str):
    for m in _LINE.finditer(text):
        s = m.start()
        while s < m.end() and text[s] in _LEAD:
            s += 1
        if s < m.end():
            yield m.start(), s, m.end()


def furniture_lines(text: str) -> list[tuple[int, int]]:
    """(start, end) of every furniture line of ``text``, in order."""
    out = []
    for start, s, e in _lines(text):
        line = text[s:e].lower()
        m = _LABEL.match(line)
        if (m and m.group(1).strip() in FURNITURE_LABELS) or line.startswith(FURNITURE_PROMPTS):
            out.append((start, e))
    return out


def label_colons(text: str) -> set[int]:
    """Offsets of the colons after a label that is no speaker (furniture or ``UPDATE:``-like)."""
    out = set()
    for _, s, e in _lines(text):
        m = _LABEL.match(text, s, e)
        if m and m.group(1).strip().lower() in FURNITURE_LABELS | NOT_SPEAKER_LABELS:
            out.add(m.end() - 1)
    return out


def _inside(span: Span | None, lines: list[tuple[int, int]]) -> bool:
    return span is not None and any(s < span.end and span.start < e for s, e in lines)


def _cut(text: str, frag: Span, lines: list[tuple[int, int]]) -> Span | None:
    """The part of ``frag`` before the first furniture line it reaches (None when nothing is left)."""
    end = frag.end
    for s, e in lines:
        if s < end and frag.start < e:
            end = min(end, s)
    end = min(end, frag.end)
    while end > frag.start and text[end - 1].isspace():
        end -= 1
    if end <= frag.start or not any(c.isalnum() for c in text[frag.start:end]):
        return None
    return frag if end == frag.end else Span.of(text, frag.start, end)


def drop_furniture(text: str, atts: list[Attribution]) -> list[Attribution]:
    """``atts`` without those whose cue or source is page furniture or a label that is no speaker,
    their content cut where it reaches a furniture line."""
    lines, colons = furniture_lines(text), label_colons(text)
    if not lines and not colons:
        return atts
    out = []
    for a in atts:
        if a.cue is not None and (a.cue.start in colons or _inside(a.cue, lines)):
            continue
        if _inside(a.source, lines):
            continue
        content = tuple(c for c in (_cut(text, f, lines) for f in a.content) if c is not None)
        if not content:
            continue
        out.append(a if content == a.content else a.replace(content=content))
    return out
