"""JSON Lines: one article per line.

Keys: ``id``, ``url``, ``title``, ``date``, ``outlet`` and ``text``; also accepted: ``body`` or
``content`` for the text, ``source`` or ``publisher`` for the outlet, ``authors`` (a list) or
``author`` (a string), ``credits``. A bad line yields ``InputError("file:LINE", reason)``; the
other lines go on. Blank lines are skipped. Offsets point into the record's text as decoded.
"""
from __future__ import annotations

import json
from collections.abc import Iterator

from ..errors import InputError
from ..model import Article
from .meta import clean_str, iso_date, split_authors
from .source import Origin, check_text, refuse_non_text

TEXT_KEYS = ("text", "body", "content")
OUTLET_KEYS = ("outlet", "source", "publisher")
_JSON_TYPES = {list: "an array", str: "a string", int: "a number", float: "a number",
               bool: "a boolean", type(None): "null"}


def _first(record: dict, keys: tuple[str, ...]) -> object:
    return next((record[k] for k in keys if record.get(k) not in (None, "")), None)


def parse_line(raw: bytes, where: str) -> dict:
    """One line to a JSON object, or InputError naming what is wrong with it."""
    try:
        line = raw.decode("utf-8")
    except UnicodeDecodeError as e:
        raise InputError(where, f"not valid UTF-8 at byte {e.start} of the line; re-encode as UTF-8") from None
    try:
        record = json.loads(line)
    except json.JSONDecodeError as e:
        raise InputError(where, f"malformed JSON ({e.msg}, column {e.colno})") from None
    except RecursionError:
        raise InputError(where, "malformed JSON (nested too deeply)") from None
    if not isinstance(record, dict):
        kind = _JSON_TYPES.get(type(record), type(record).__name__)
        raise InputError(where, f"line is {kind}, not a JSON object with a \"text\" field")
    return record


def record_article(record: dict, origin: Origin, lineno: int, where: str) -> Article:
    """An article from one JSON object; raises InputError when it has no usable text."""
    text = _first(record, TEXT_KEYS)
    if text is None:
        raise InputError(where, 'no article text: expected a "text" (or "body", "content") field')
    if not isinstance(text, str):
        raise InputError(where, f'"text" must be a string, not {_JSON_TYPES.get(type(text), "an object")}')
    check_text(text, origin, name=where)
    authors = record.get("authors")
    credits = record.get("credits")
    return Article(
        id=clean_str(record.get("id")) or f"{origin.stem}-{lineno}", text=text,
        title=clean_str(record.get("title")), date=iso_date(clean_str(record.get("date"))),
        outlet=clean_str(_first(record, OUTLET_KEYS)), url=clean_str(record.get("url")),
        authors=split_authors(authors if authors is not None else record.get("author")),
        credits=split_authors(credits) if isinstance(credits, list) else (),
        path=origin.path, format="jsonl",
    )


def read_jsonl(data: bytes, origin: Origin) -> Iterator[Article | InputError]:
    refuse_non_text(data, origin)
    data = data.removeprefix(b"\xef\xbb\xbf")
    for lineno, raw in enumerate(data.split(b"\n"), start=1):
        if not raw.strip():
            continue
        where = f"{origin.path}:{lineno}"
        try:
            yield record_article(parse_line(raw, where), origin, lineno, where)
        except InputError as e:
            yield e
