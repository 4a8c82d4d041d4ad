"""Quotations in raw text: curly or straight marks, stray and unbalanced ones, multi-paragraph quotes.

The direction of a mark is read from its context, not its glyph, because news text often has a
closing glyph where an opening one belongs (``”Fear. I am truly afraid…”``). A paragraph that
opens a quotation and never closes it continues into the next paragraph when that one opens
with a quotation mark too (the typographic convention); otherwise the quotation ends with its
paragraph.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from ..lexicon import DOUBLE_QUOTES, DOUBLED_QUOTES, OPENING_QUOTES

__all__ = ["Quote", "find_quotes"]

_PARA = re.compile(r"\n\s*\n|\n")


@dataclass(frozen=True, slots=True)
class Quote:
    """A quotation from ``start`` (its opening mark) to ``end`` (after its closing mark)."""

    start: int
    end: int
    closed: bool = True

    def __contains__(self, i: int) -> bool:
        return self.start <= i < self.end


def _marks(text: str, s: int, e: int) -> list[tuple[int, int]]:
    """(start, length) of the double quotation marks in ``text[s:e]`` (the doubled single marks of
    wire copy, ``''``, ````` `` `````, ``’’`` and ``‘‘``, count as one)."""
    out, i = [], s
    while i < e:
        if text.startswith(DOUBLED_QUOTES, i):
            out.append((i, 2))
            i += 2
            continue
        if text[i] in DOUBLE_QUOTES:
            out.append((i, 1))
        i += 1
    return out


def _opens(text: str, i: int, n: int = 1) -> bool:
    """Whether the ``n``-character mark at ``i`` looks like an opening mark."""
    before = text[i - 1] if i > 0 else " "
    after = text[i + n] if i + n < len(text) else " "
    if after.isspace() or after in ",.;:!?)":
        return False
    if before.isspace() or before in "([{—–-/" or before in DOUBLE_QUOTES:
        return True
    return (text[i] in OPENING_QUOTES or text.startswith("‘‘", i)) and not before.isalnum()


def _spaced_close(text: str, open_at: int, i: int, n: int) -> bool:
    """A straight mark after a sentence's end and a space, inside a quotation that has run a whole
    sentence, closes it: the writer put the space on the wrong side (``… is wrong. "Perry is
    referring to …``). A typographic opening mark (``“``) there still opens a new quotation."""
    if n != 1 or text[i] != '"' or i < 2 or text[i - 1] != " " or text[i - 2] not in ".!?":
        return False
    inner = text[open_at + 1:i - 2]
    return len(inner.split()) >= 4 and not any(ch in DOUBLE_QUOTES for ch in inner)


def _paragraphs(text: str) -> list[tuple[int, int]]:
    out, pos = [], 0
    for m in _PARA.finditer(text):
        out.append((pos, m.start()))
        pos = m.end()
    out.append((pos, len(text)))
    return [(s, e) for s, e in out if e > s]


def _quotes_in(text: str, s: int, e: int) -> tuple[list[Quote], int | None]:
    """Closed quotes of one paragraph, and the offset of a quote left open at its end."""
    quotes, open_at = [], None
    for k, (i, n) in enumerate(_marks(text, s, e)):
        if open_at is None:
            if _opens(text, i, n):
                open_at = i
            elif k == 0 and i > s:  # a closing mark with no opening one: quoted from the paragraph start
                quotes.append(Quote(s, i + n, closed=False))
        elif not _opens(text, i, n) or text[i] in "”»":
            quotes.append(Quote(open_at, i + n))
            open_at = None
        elif _spaced_close(text, open_at, i, n):
            quotes.append(Quote(open_at, i + n))
            open_at = None
        else:  # an opening-looking mark inside an open quote: the earlier one was stray
            open_at = i
    return quotes, open_at


def _opens_paragraph(text: str, s: int) -> bool:
    n = 2 if text.startswith(DOUBLED_QUOTES, s) else 1
    return (n == 2 or text[s] in DOUBLE_QUOTES) and _opens(text, s, n)


def find_quotes(text: str) -> list[Quote]:
    """Every quotation in ``text``, in order; unclosed ones end with their (continued) paragraph."""
    out: list[Quote] = []
    pending: int | None = None  # start of a quote continued from an earlier paragraph
    prev_end = 0
    for s, e in _paragraphs(text):
        if pending is not None and not _opens_paragraph(text, s):
            out.append(Quote(pending, prev_end, closed=False))
            pending = None
        quotes, open_at = _quotes_in(text, s, e)
        if pending is not None and quotes:
            quotes[0] = Quote(pending, quotes[0].end)
            pending = None
        out.extend(quotes)
        if open_at is not None:
            pending = pending if pending is not None else open_at
        prev_end = e
    if pending is not None:
        out.append(Quote(pending, prev_end, closed=False))
    return out
