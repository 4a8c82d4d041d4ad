"""Web archives: ``.warc`` / ``.warc.gz`` files (the format of Common Crawl News), read with warcio.

Each HTML response (``WARC-Type: response`` or ``resource`` whose HTTP status is 2xx and whose
content type is HTML) goes through the HTML reader; every other record (requests, metadata,
redirects, images, PDFs...) is skipped and counted. The file is streamed record by record (one
gzip member per record is read at a time), so its size is not limited; each record's body is held
to ``max_bytes``. A record that cannot be read is reported as ``FILE: record N (URL): reason`` and
the records after it go on; a broken archive structure ends the file with an error naming the
record where it broke.
"""
from __future__ import annotations

import logging
from dataclasses import replace
from collections.abc import Callable, Iterator
from pathlib import Path

from ..errors import InputError
from ..model import Article
from .html import decode_html, html_article
from .source import Origin, read_limited

log = logging.getLogger(__name__)
HTML_TYPES = ("text/html", "application/xhtml+xml")


def _html_response(record) -> bool:
    if record.rec_type not in ("response", "resource"):
        return False
    if record.rec_type == "response":
        if record.http_headers is None:
            return False
        status = record.http_headers.get_statuscode() or ""
        ctype = record.http_headers.get_header("Content-Type") or ""
        if not status.startswith("2"):
            return False
    else:
        ctype = record.rec_headers.get_header("Content-Type") or ""
    return ctype.split(";")[0].strip().lower() in HTML_TYPES


def _article(record, origin: Origin, number: int, uri: str | None) -> Article:
    try:
        data = read_limited(record.content_stream(), origin, what="record body is")
    except InputError:
        raise
    except Exception as e:  # a body that cannot be decoded (bad gzip/chunked encoding...)
        raise InputError(origin.path, f"cannot read the HTTP body ({type(e).__name__}: {e})") from None
    article = html_article(decode_html(data, origin), origin, id=f"{origin.stem}-{number:05d}")
    return replace(article, url=article.url or uri, format="warc")


def read_warc(path: Path, origin: Origin, on_skip: Callable[[int], None] | None = None
              ) -> Iterator[Article | InputError]:
    """Articles from the HTML responses of one WARC file; errors yielded per record."""
    from warcio.archiveiterator import ArchiveIterator

    skipped = number = 0
    try:
        with path.open("rb") as f:
            records = ArchiveIterator(f)
            while True:
                try:
                    record = next(records, None)
                except Exception as e:  # warcio: ArchiveLoadFailed, a broken gzip member...
                    log.debug("%s: record %d", origin.path, number + 1, exc_info=True)
                    yield InputError(f"{origin.path}: record {number + 1}",
                                     f"not a readable WARC record ({type(e).__name__}: {ascii(str(e))[:60]}...); "
                                     "the rest of the file cannot be read")
                    break
                if record is None:
                    break
                number += 1
                if not _html_response(record):
                    skipped += 1
                    continue
                uri = record.rec_headers.get_header("WARC-Target-URI")
                try:
                    yield _article(record, origin, number, uri)
                except InputError as e:
                    yield InputError(f"{origin.path}: record {number} ({uri or 'no URI'})", e.reason)
    except OSError as e:
        yield InputError(origin.path, f"cannot read: {(e.strerror or str(e)).lower()}")
    finally:
        log.info("%s: %d records, %d not HTML responses (skipped)", origin.path, number, skipped)
        if on_skip and skipped:
            on_skip(skipped)
