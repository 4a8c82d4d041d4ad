"""Request parameters, validated once for the pages and the API alike.

Each FastAPI dependency here reads the raw query parameters (an empty value means "any", as an
empty ``<select>`` sends it), strips NUL characters, checks them and returns a frozen value; a
bad value is a 422 in the one error shape whether it came to a page or to the API.
"""
from __future__ import annotations

import re
from dataclasses import asdict, dataclass
from typing import Annotated

from fastapi import Query

from ..model import SOURCE_TYPES, STANCES
from .errors import WebError

DATE = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$")
_LETTERS = re.compile(r"\w", re.UNICODE)
#: Longest full-text query accepted, in characters, and most words in one.
MAX_QUERY_CHARS = 300
MAX_QUERY_TERMS = 12
#: A prefix search (``word*``) needs this many letters before the ``*``: FTS5 merges the posting
#: lists of every word a prefix opens in one step that the per-query time limit cannot interrupt
#: (``s* t* a* e*`` took 2.1 s at 1M attributions, past the 1 s limit).
MIN_PREFIX_CHARS = 3
#: Counts stop here ("more than 1,000"), and no page starts beyond it: narrow the search instead.
#: (A count with two filters costs a row read per match; this bounds it.)
COUNT_CAP = 1_000
MAX_OFFSET = COUNT_CAP
MAX_LIMIT = 200
#: The attribution filters, by query parameter name, in the order the search form shows them.
FILTER_NAMES = ("q", "speaker", "source_type", "outlet", "date_from", "date_to", "stance", "claim")

Offset = Annotated[int, Query(ge=0, le=MAX_OFFSET, description=f"Results to skip (at most {MAX_OFFSET:,}).")]
Limit = Annotated[int, Query(ge=1, le=MAX_LIMIT, description="Results per page.")]


def invalid(name: str, message: str, code: str = "invalid_request") -> WebError:
    """A 422 naming the parameter, in the shape of FastAPI's own validation errors."""
    return WebError(422, f"invalid request: {name}: {message}", code, [{"field": name, "message": message}])


def clean(value: str | None) -> str | None:
    """The value without NUL characters and outer spaces; None when nothing is left."""
    if value is None:
        return None
    value = value.replace("\x00", "").strip()
    return value or None


def text_query(value: str | None, name: str = "q") -> str | None:
    """A full-text query within the length and word limits."""
    value = clean(value)
    if value is None:
        return None
    if len(value) > MAX_QUERY_CHARS:
        raise invalid(name, f"the query is {len(value):,} characters; the limit is {MAX_QUERY_CHARS}",
                      "query_too_long")
    terms = len(value.split())
    if terms > MAX_QUERY_TERMS:
        raise invalid(name, f"the query has {terms} words; the limit is {MAX_QUERY_TERMS}", "query_too_long")
    for term in value.split():
        stem = term.rstrip("*")
        if stem != term and len(_LETTERS.findall(stem)) < MIN_PREFIX_CHARS:
            raise invalid(name, f"the prefix {term[:40]!r} is too short: give at least {MIN_PREFIX_CHARS} "
                          "letters before *", "query_too_broad")
    return value


def choice(value: str | None, allowed: tuple[str, ...], name: str) -> str | None:
    value = clean(value)
    if value is None:
        return None
    if value.lower() not in allowed:
        raise invalid(name, f"unknown value {value[:40]!r}; choose one of {', '.join(allowed)}")
    return value.lower()


def date(value: str | None, name: str) -> str | None:
    value = clean(value)
    if value is not None and not DATE.match(value):
        raise invalid(name, f"{value[:40]!r} is not a date (YYYY, YYYY-MM or YYYY-MM-DD)")
    return value


@dataclass(frozen=True)
class QuoteParams:
    """The attribution filters, checked. ``store()`` gives them as :meth:`Store.quotes` keywords."""

    q: str | None = None
    speaker: str | None = None
    outlet: str | None = None
    date_from: str | None = None
    date_to: str | None = None
    source_type: str | None = None
    stance: str | None = None
    claim: int | None = None
    article: str | None = None

    def store(self) -> dict:
        d = asdict(self)
        d["text"] = d.pop("q")
        return {k: v for k, v in d.items() if v is not None}

    def given(self) -> dict:
        """The filters set, by parameter name (for links and the form)."""
        return {k: v for k, v in asdict(self).items() if v is not None}


def quote_params(
        q: str | None = Query(None, description=f"Words to find (at most {MAX_QUERY_TERMS} words, "
                                                f"{MAX_QUERY_CHARS} characters); `word*` finds a prefix."),
        speaker: str | None = Query(None, description="Speaker name or alias (a surname works)."),
        outlet: str | None = Query(None, description="Outlet name."),
        date_from: str | None = Query(None, description="Earliest article date: YYYY, YYYY-MM or YYYY-MM-DD."),
        date_to: str | None = Query(None, description="Latest article date: YYYY, YYYY-MM or YYYY-MM-DD."),
        source_type: str | None = Query(None, description="One of: " + ", ".join(SOURCE_TYPES)),
        stance: str | None = Query(None, description="One of: " + ", ".join(STANCES)),
        claim: int | None = Query(None, ge=1, le=2**62, description="Claim id: only the attributions reported as part of it."),
) -> QuoteParams:
    """The attribution filters of a request (a FastAPI dependency)."""
    return QuoteParams(q=text_query(q), speaker=clean(speaker), outlet=clean(outlet),
                       date_from=date(date_from, "date_from"), date_to=date(date_to, "date_to"),
                       source_type=choice(source_type, SOURCE_TYPES, "source_type"),
                       stance=choice(stance, STANCES, "stance"), claim=claim)


@dataclass(frozen=True)
class SpeakerParams:
    name: str | None = None
    type: str | None = None


def speaker_params(name: str | None = Query(None, description="Name or alias."),
                   type: str | None = Query(None, description="One of: " + ", ".join(SOURCE_TYPES))
                   ) -> SpeakerParams:
    return SpeakerParams(name=text_query(name, "name"), type=choice(type, SOURCE_TYPES, "type"))


@dataclass(frozen=True)
class ArticleParams:
    q: str | None = None
    outlet: str | None = None


def article_params(q: str | None = Query(None, description="Words in the title or text."),
                   outlet: str | None = Query(None, description="Outlet name.")) -> ArticleParams:
    return ArticleParams(q=text_query(q), outlet=clean(outlet))
