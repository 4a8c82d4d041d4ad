"""Small normalisers for metadata from any reader: dates to ISO, author lists, plain strings."""
from __future__ import annotations

import re
import time
from datetime import date, datetime
from email.utils import parsedate_to_datetime

_ISO = re.compile(r"^\s*(\d{4})-(\d{2})-(\d{2})")


def iso_date(value: object) -> str | None:
    """``YYYY-MM-DD`` from an ISO string, an RFC 822 date, a datetime or a ``time.struct_time``; else None."""
    if value is None or value == "":
        return None
    if isinstance(value, time.struct_time):
        return time.strftime("%Y-%m-%d", value)
    if isinstance(value, (datetime, date)):
        return value.strftime("%Y-%m-%d")
    if not isinstance(value, str):
        return None
    m = _ISO.match(value)
    if m:
        try:
            return date(*map(int, m.groups())).isoformat()
        except ValueError:
            return None
    try:
        return parsedate_to_datetime(value).strftime("%Y-%m-%d")
    except (TypeError, ValueError, IndexError):
        return None


def clean_str(value: object) -> str | None:
    """A stripped string, or None for anything empty or not a string/number."""
    if isinstance(value, bool) or not isinstance(value, (str, int, float)):
        return None
    s = str(value).strip()
    return s or None


def split_authors(value: object) -> tuple[str, ...]:
    """Authors from a list, or from a string separated by ``;``, ``|``, `` and `` or commas."""
    if isinstance(value, (list, tuple)):
        items = [clean_str(v.get("name") if isinstance(v, dict) else v) for v in value]
        return tuple(dict.fromkeys(i for i in items if i))
    s = clean_str(value)
    if not s:
        return ()
    parts = re.split(r"\s*(?:;|\||,|\band\b)\s*", s)
    return tuple(dict.fromkeys(p for p in (x.strip() for x in parts) if p))
