"""HTML pages: main text and metadata through trafilatura.

``Article.text`` is trafilatura's extracted main text (scripts, styles, navigation and comments
left out); every offset points into that stored text, not into the HTML.
"""
from __future__ import annotations

import logging
import re
from collections.abc import Iterator

from ..errors import InputError
from ..model import Article
from .meta import clean_str, iso_date, split_authors
from .source import Origin, check_text, decode, refuse_non_text

log = logging.getLogger(__name__)
_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?([A-Za-z0-9_.:-]+)""", re.I)


def decode_html(data: bytes, origin: Origin) -> str:
    """UTF-8, or the charset the page declares in a ``<meta>`` tag; else the strict UTF-8 error."""
    refuse_non_text(data, origin)
    m = _CHARSET.search(data[:4096])
    declared = m.group(1).decode("ascii").lower() if m else "utf-8"
    if declared not in ("utf-8", "utf8"):
        try:
            return data.decode(declared).removeprefix("\ufeff")
        except (LookupError, UnicodeDecodeError):
            log.debug("%s: declared charset %s did not decode; trying UTF-8", origin.path, declared)
    return decode(data, origin)


def extract_html(html: str) -> dict | None:
    """trafilatura's main text and metadata, favouring precision, without comments."""
    import trafilatura  # imported on first use: it is slow to import

    doc = trafilatura.bare_extraction(html, with_metadata=True, include_comments=False,
                                      favor_precision=True, include_tables=True)
    return doc.as_dict() if doc is not None else None


def html_article(html: str, origin: Origin, *, id: str | None = None) -> Article:
    """An article from an HTML page; raises InputError when no main text is found."""
    try:
        found = extract_html(html)
    except Exception as e:  # a third-party parser: one bad page must not stop the others
        log.debug("trafilatura failed on %s", origin.path, exc_info=True)
        raise InputError(origin.path, f"could not parse the HTML ({type(e).__name__}: {e})") from None
    text = (found or {}).get("text") or ""
    if not text.strip():
        raise InputError(origin.path, "no article text found in the HTML page")
    check_text(text, origin)
    return Article(
        id=id or origin.stem, text=text, title=clean_str(found.get("title")),
        date=iso_date(found.get("date")), outlet=clean_str(found.get("sitename")),
        url=clean_str(found.get("url")), authors=split_authors(found.get("author")),
        path=origin.path, format="html",
    )


def read_html(data: bytes, origin: Origin) -> Iterator[Article | InputError]:
    html = decode_html(data, origin)
    yield html_article(html, origin)
