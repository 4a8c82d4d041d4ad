"""One data function per resource: what both the JSON route and the HTML page of it show.

Each takes a read-only store (borrowed by the route from the pool) and validated parameters
(:mod:`.filters`) and returns plain JSON-able data. The API returns it as is; the page renders
it. To add a resource: a function here, a route in :mod:`.api`, a route and a template in
:mod:`.pages`.
"""
from __future__ import annotations

from pathlib import PurePath

from markupsafe import Markup

from ..store import Store
from .filters import COUNT_CAP, ArticleParams, QuoteParams, SpeakerParams
from .highlight import mark_snippet

#: Marker characters given to the store's FTS5 snippet(); never found in article text.
SNIPPET_MARKS = ("\x02", "\x03")
_NO_MARKS = str.maketrans("", "", "".join(SNIPPET_MARKS))
#: A speaker page shows this many statements (newest first), an outlet page this many articles.
STATEMENTS = 200
OUTLET_ARTICLES = 100


def page(items: list, total: int, limit: int, offset: int, *, cap: int | None = None) -> dict:
    """A page of results. With ``cap``, ``total`` stops at the cap and ``total_capped`` says so."""
    capped = cap is not None and total > cap
    return {"total": min(total, cap) if capped else total, "total_capped": capped,
            "limit": limit, "offset": offset, "items": items}


def _quote(row: dict) -> dict:
    if row.get("snippet"):
        row["snippet_html"] = str(mark_snippet(row["snippet"], SNIPPET_MARKS))
        row["snippet"] = row["snippet"].translate(_NO_MARKS)
    return row


def attributions(store: Store, f: QuoteParams, limit: int, offset: int) -> dict:
    """Attributions matching the filters: ranked with snippets when there are words, else newest first."""
    rows, total = store.quotes_and_count(**f.store(), limit=limit, offset=offset, marks=SNIPPET_MARKS, cap=COUNT_CAP)
    return page([_quote(r) for r in rows], total, limit, offset, cap=COUNT_CAP)


def articles(store: Store, f: ArticleParams, limit: int, offset: int) -> dict:
    filters = {"text": f.q, "outlet": f.outlet}
    rows = store.articles(**filters, limit=limit, offset=offset)
    return page(rows, store.count_articles(**filters), limit, offset)


def public_path(path: str | None) -> str | None:
    """The file name an article was read from, without the directories of the server's disk."""
    return PurePath(path.replace("\\", "/")).name if path else path


def article(store: Store, key: str) -> dict:
    record = store.article(key)
    record["path"] = public_path(record.get("path"))
    return record


def speakers(store: Store, f: SpeakerParams, limit: int, offset: int) -> dict:
    rows = store.speakers(name=f.name, type=f.type, limit=limit, offset=offset)
    return page(rows, store.count_speakers(name=f.name, type=f.type), limit, offset)


def speaker(store: Store, key: str) -> dict:
    return store.speaker(key, statements=STATEMENTS)


def outlets(store: Store, limit: int | None = None, offset: int = 0) -> dict:
    rows = store.outlets()
    return page(rows[offset:offset + limit] if limit else rows, len(rows), limit or len(rows), offset)


def outlet(store: Store, name: str) -> dict:
    return store.outlet(name, articles=OUTLET_ARTICLES)


def stats(store: Store) -> dict:
    return store.stats()


def snippet_markup(row: dict) -> Markup:
    """A result's snippet (or its content) as safe HTML."""
    if row.get("snippet_html"):
        return Markup(row["snippet_html"])
    return Markup.escape(row.get("content") or "")
