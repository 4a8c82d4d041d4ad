"""RSS and Atom feed files (feedparser): each entry becomes an article.

Text is the entry's full content, else its summary; HTML is turned into plain text with its
paragraphs kept (:func:`~sayso.ingest.htmltext.html_to_text`), and offsets point into that text.
Title, link (url), published date, authors and the feed's title (outlet) come along.
"""
from __future__ import annotations

import io
import logging
from collections.abc import Iterator

from ..errors import InputError
from ..model import Article
from .htmltext import html_to_text
from .meta import clean_str, iso_date, split_authors
from .source import Origin, check_text, refuse_non_text

log = logging.getLogger(__name__)


def parse_feed(data: bytes, origin: Origin):
    """feedparser's result; InputError when the data is not a feed or has no items."""
    import feedparser  # imported on first use

    try:
        parsed = feedparser.parse(io.BytesIO(data), sanitize_html=True, resolve_relative_uris=False)
    except Exception as e:  # a third-party parser: one bad file must not stop the others
        log.debug("feedparser failed on %s", origin.path, exc_info=True)
        raise InputError(origin.path, f"could not parse the feed ({type(e).__name__}: {e})") from None
    if not parsed.get("version") and not parsed.entries:
        problem = parsed.get("bozo_exception")
        detail = f" ({problem})" if problem else ""
        raise InputError(origin.path, f"not an RSS or Atom feed{detail}")
    if not parsed.entries:
        raise InputError(origin.path, "feed has no items")
    return parsed


def entry_text(entry) -> str:
    """The entry's content (the longest part), else its summary, as plain text."""
    parts = [c for c in entry.get("content") or [] if c.get("value")]
    chosen = max(parts, key=lambda c: len(c["value"]), default=None)
    if chosen is None and entry.get("summary"):
        chosen = {"value": entry["summary"], "type": (entry.get("summary_detail") or {}).get("type")}
    if chosen is None:
        return ""
    if (chosen.get("type") or "text/html") == "text/plain":
        return chosen["value"].strip()
    return html_to_text(chosen["value"])


def entry_article(entry, n: int, outlet: str | None, origin: Origin) -> Article:
    where = f"{origin.path}#{n}"
    text = entry_text(entry)
    if not text:
        raise InputError(where, "feed item has no content or summary text")
    check_text(text, origin, name=where)
    date = (iso_date(entry.get("published")) or iso_date(entry.get("updated"))
            or iso_date(entry.get("published_parsed") or entry.get("updated_parsed")))
    return Article(
        id=clean_str(entry.get("id")) or clean_str(entry.get("link")) or f"{origin.stem}-{n}",
        text=text, title=clean_str(entry.get("title")), date=date, outlet=outlet,
        url=clean_str(entry.get("link")),
        authors=split_authors(entry.get("authors") or entry.get("author")),
        path=origin.path, format="feed",
    )


def read_feed(data: bytes, origin: Origin) -> Iterator[Article | InputError]:
    refuse_non_text(data, origin)  # feedparser decodes by the XML's declared encoding
    parsed = parse_feed(data, origin)
    outlet = clean_str(parsed.feed.get("title"))
    for n, entry in enumerate(parsed.entries, start=1):
        try:
            yield entry_article(entry, n, outlet, origin)
        except InputError as e:
            yield e
