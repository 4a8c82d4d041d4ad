"""Getting bytes in safely: size limits, gzip, decoding and format sniffing.

Every problem is raised as :class:`~sayso.errors.InputError` with a reason a user can act on;
the readers in :mod:`sayso.ingest.paths` turn them into yielded errors.
"""
from __future__ import annotations

import re
import zlib
from dataclasses import dataclass
from typing import BinaryIO

from ..errors import InputError
from ..settings import Settings

#: Extensions read when walking a directory, by format. ``.gz`` on top of any of them is accepted.
EXTENSIONS = {
    ".txt": "text", ".text": "text",
    ".html": "html", ".htm": "html", ".xhtml": "html",
    ".jsonl": "jsonl", ".ndjson": "jsonl",
    ".xml": "feed", ".rss": "feed", ".atom": "feed",
    ".warc": "warc",
}
GZIP_MAGIC = b"\x1f\x8b"
_SNIFF_BYTES = 4096
_BINARY_CONTROL = set(range(32)) - {9, 10, 12, 13, 8, 27}


@dataclass(frozen=True)
class Origin:
    """Where an input came from: the name errors use, the stem ids are built from, the settings."""

    path: str  # as given ("-" for standard input)
    stem: str  # "000_9cfde4bed9230b3c", "stdin"
    settings: Settings


def human_size(n: int) -> str:
    """``26528972 -> '25.3 MB'`` (binary megabytes, as the limit is set)."""
    for unit, size in (("MB", 1 << 20), ("KB", 1 << 10)):
        if n >= size:
            return f"{n / size:.1f}".removesuffix(".0") + f" {unit}"
    return f"{n} bytes"


def over_limit(size: int, origin: Origin) -> InputError:
    """The error for a file whose size on disk is over ``max_bytes`` (checked before reading)."""
    limit = origin.settings.max_bytes
    return InputError(origin.path, f"file is {human_size(size)}, over the {human_size(limit)} limit "
                                   "(SAYSO_MAX_BYTES)")


def read_limited(stream: BinaryIO, origin: Origin, what: str = "input is") -> bytes:
    """Read at most ``max_bytes``; refuse (without reading the rest) when there is more."""
    limit = origin.settings.max_bytes
    data = stream.read(limit + 1)
    if len(data) > limit:
        raise InputError(origin.path, f"{what} over the {human_size(limit)} limit (SAYSO_MAX_BYTES)")
    return data


def gunzip(data: bytes, origin: Origin) -> bytes:
    """Decompress gzip data (zlib, so output can be capped), stopping at ``max_bytes`` of output (a gzip bomb is refused, not expanded)."""
    limit = origin.settings.max_bytes
    d = zlib.decompressobj(wbits=16 + zlib.MAX_WBITS)
    try:
        out = d.decompress(data, limit + 1)
    except zlib.error as e:
        raise InputError(origin.path, f"not a valid gzip file ({e})") from None
    if len(out) > limit:
        raise InputError(origin.path, f"decompresses to over the {human_size(limit)} limit "
                                      "(SAYSO_MAX_BYTES); refusing it")
    if not d.eof:
        raise InputError(origin.path, "gzip file is truncated")
    return out


def looks_binary(data: bytes) -> bool:
    """NUL bytes, or many control characters, in the first few KB."""
    head = data[:_SNIFF_BYTES]
    if b"\x00" in head:
        return True
    controls = sum(1 for b in head if b in _BINARY_CONTROL)
    return bool(head) and controls / len(head) > 0.1


def refuse_non_text(data: bytes, origin: Origin) -> None:
    """Empty, whitespace-only and binary inputs are refused by every reader."""
    if not data:
        raise InputError(origin.path, "file is empty")
    if looks_binary(data):
        raise InputError(origin.path, "binary file, not text")
    if not data.strip():
        raise InputError(origin.path, "file has only whitespace, no text")


def decode(data: bytes, origin: Origin) -> str:
    """Strict UTF-8; a leading byte-order mark is dropped (offsets count from after it)."""
    refuse_non_text(data, origin)
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as e:
        raise InputError(origin.path, f"not valid UTF-8 at byte {e.start}: 0x{data[e.start]:02x} ({e.reason}); "
                                      "re-encode the file as UTF-8") from None
    return text.removeprefix("\ufeff")


def check_text(text: str, origin: Origin, name: str | None = None) -> str:
    """Refuse empty, whitespace-only or over-long article text; returns the text unchanged."""
    where = name or origin.path
    if not text:
        raise InputError(where, "file is empty")
    if not text.strip():
        raise InputError(where, "file has only whitespace, no text")
    limit = origin.settings.max_chars
    if len(text) > limit:
        raise InputError(where, f"text is {len(text):,} characters, over the {limit:,} limit "
                                "(SAYSO_MAX_CHARS)")
    return text


_FEED_RE = re.compile(rb"<(rss|feed|rdf:rdf)[\s>]", re.I)
_HTML_RE = re.compile(rb"<(!doctype\s+html|html)[\s>]", re.I)


def sniff(data: bytes) -> str:
    """Guess a format from content: jsonl, html, feed or text."""
    head = data[:_SNIFF_BYTES].lstrip(b"\xef\xbb\xbf").lstrip()
    if head.startswith(b"{"):
        return "jsonl"
    if not head.startswith(b"<"):
        return "text"
    if _FEED_RE.search(head) and not _HTML_RE.search(head):
        return "feed"
    if head[:5].lower() == b"<?xml" and not _HTML_RE.search(head):
        return "feed"  # some other XML: the feed reader says it is not a feed
    return "html"


def format_for_name(name: str) -> str | None:
    """The format a file name announces (``a.html.gz`` -> html), or None."""
    lower = name.lower().removesuffix(".gz")
    dot = lower.rfind(".")
    return EXTENSIONS.get(lower[dot:]) if dot >= 0 else None


def stem_of(name: str) -> str:
    """``000_x.txt -> 000_x``; ``page.html.gz -> page``."""
    base = name.removesuffix(".gz").removesuffix(".GZ")
    dot = base.rfind(".")
    return base[:dot] if dot > 0 else base


def maybe_gunzip(data: bytes, origin: Origin) -> bytes:
    return gunzip(data, origin) if data[:2] == GZIP_MAGIC else data


__all__ = ["Origin", "EXTENSIONS", "decode", "refuse_non_text", "check_text", "sniff", "format_for_name", "stem_of",
           "read_limited", "gunzip", "maybe_gunzip", "human_size", "over_limit", "looks_binary"]
