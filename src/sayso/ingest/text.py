"""Plain text articles. ``Article.text`` is the whole decoded file, unchanged.

Metadata is read *from* the text without cutting it: the sample format's first line
``date 2026-03-11 Headline`` gives the date and title, a closing ``Sources: CNBC, WP.`` line
gives the credited sources; otherwise a short first line is taken as the title.
A leading UTF-8 byte-order mark is dropped, so offsets count from the character after it.
"""
from __future__ import annotations

import re
from collections.abc import Iterator

from ..errors import InputError
from ..model import Article
from .source import Origin, check_text, decode

_DATE_LINE = re.compile(r"^\s*date\s+(\d{4}-\d{2}-\d{2})\s+(\S.*?)\s*$", re.I)
_SOURCES_LINE = re.compile(r"^\s*(?:sources?|credits?)\s*:\s*(\S.*?)\s*$", re.I)
MAX_TITLE_CHARS = 200
MAX_TITLE_WORDS_WITH_PERIOD = 15


def _lines(text: str) -> list[str]:
    return [line for line in text.splitlines() if line.strip()]


def parse_title_date(text: str) -> tuple[str | None, str | None]:
    """(title, date) from the first non-blank line."""
    lines = _lines(text)
    if not lines:
        return None, None
    first = lines[0]
    m = _DATE_LINE.match(first)
    if m:
        return m.group(2), m.group(1)
    first = first.strip()
    if len(lines) > 1 and _looks_like_title(first):
        return first, None
    return None, None


def _looks_like_title(line: str) -> bool:
    """Short, and either without a final period or only a few words (``Outside GOP group goes in big.``)."""
    if len(line) >= MAX_TITLE_CHARS or line.endswith((",", ";", ":")):
        return False
    return not line.endswith(".") or len(line.split()) <= MAX_TITLE_WORDS_WITH_PERIOD


def parse_credits(text: str) -> tuple[str, ...]:
    """Credited sources from a closing ``Sources: A, B, C.`` line (the last non-blank line)."""
    lines = _lines(text)
    if len(lines) < 2:
        return ()
    m = _SOURCES_LINE.match(lines[-1])
    if not m:
        return ()
    body = m.group(1).rstrip(".")
    parts = (re.sub(r"^and\s+", "", p.strip()) for p in re.split(r"[,;]", body))
    return tuple(p for p in parts if p)


def text_article(text: str, *, id: str, path: str | None = None) -> Article:
    """An article from already-decoded text; metadata is parsed but the text is kept whole."""
    title, date = parse_title_date(text)
    return Article(id=id, text=text, title=title, date=date, credits=parse_credits(text),
                   path=path, format="text")


def read_text(data: bytes, origin: Origin) -> Iterator[Article | InputError]:
    text = check_text(decode(data, origin), origin)
    yield text_article(text, id=origin.stem, path=origin.path)
