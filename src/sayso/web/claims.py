"""Claims across articles on the web: the data functions, the API routes and the pages.

``/api/v1/claims`` (paginated, ``q``/``article``/``speaker``/``min_articles``) returns claim
summaries (:meth:`sayso.store.Store.claim_summaries`: counts, origins, supporters, deniers; no
reports) and ``/api/v1/claims/{id}`` one claim with a page of its reports (``reports_limit``,
default 50, ``reports_offset``, ``reports_total``); ``/claims`` and ``/claims/{id}`` render the same
data (statement, timeline by stance, source x stance matrix, provenance graph) with server-rendered
SVG only. Neither costs more for a claim of 15,000 reports than the page shows (issue 13).
"""
from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query, Request
from fastapi.responses import HTMLResponse

from ..render_claims import summary_line
from ..store import Store
from .claim_charts import provenance_svg, stance_matrix, stance_timeline_svg
from .context import context
from .filters import COUNT_CAP, Limit, Offset, clean, invalid, text_query
from .resources import page
from .views import Pager

PAGE_SIZE = 20
REPORTS_PAGE = 50
api = APIRouter(prefix="/api/v1", tags=["api"])
pages = APIRouter(include_in_schema=False, default_response_class=HTMLResponse)
MinArticles = Annotated[int, Query(ge=1, le=10_000, description="Only claims reported in at least this many articles.")]
#: A claim's reports are read in the claim index's order, so any offset into them costs little.
ReportOffset = Annotated[int, Query(ge=0, le=2 ** 31, description="Reports of the claim to skip.")]


def claims(store: Store, *, q=None, article=None, speaker=None, min_articles: int = 1,
           limit: int = PAGE_SIZE, offset: int = 0) -> dict:
    """A page of claim cards, those reported in most articles first."""
    f = {"text": text_query(q), "article": clean(article), "speaker": clean(speaker), "min_articles": min_articles}
    # a broad word or speaker is counted only past this page ("more than N"): see count_claims
    total = store.count_claims(**f, cap=COUNT_CAP, walk_cap=offset + limit)
    cap = offset + limit if total == offset + limit + 1 else COUNT_CAP  # "more than N" is true either way
    return page(store.claim_summaries(**f, limit=limit, offset=offset), total, limit, offset, cap=cap)


def claims_of(store: Store, *, article=None, speaker=None, limit: int = 10) -> list[dict]:
    """The claims an article or a speaker reports, for links from their pages (most reported first)."""
    return store.claim_summaries(article=article, speaker=speaker, limit=limit)


def claim(store: Store, claim_id: str, *, limit: int = REPORTS_PAGE, offset: int = 0) -> dict:
    """One claim: its summary, chart counts and reports ``offset`` to ``offset + limit``."""
    if not (clean(claim_id) or "").isdigit():
        raise invalid("claim_id", f"{claim_id[:40]!r} is not a claim id (a number)")
    return store.claim_view(int(claim_id), limit=limit, offset=offset)


@api.get("/claims", summary="Claims across articles, reported in most articles first")
def api_claims(request: Request, q: str | None = Query(None, description="Words in a report of the claim."),
               article: str | None = None, speaker: str | None = None, min_articles: MinArticles = 1,
               limit: Limit = PAGE_SIZE, offset: Offset = 0) -> dict:
    with context(request).reader(request) as store:
        return claims(store, q=q, article=article, speaker=speaker, min_articles=min_articles,
                      limit=limit, offset=offset)


@api.get("/claims/{claim_id}", summary="One claim: origins, supporters, deniers and a page of its reports")
def api_claim(request: Request, claim_id: str, limit: Limit = REPORTS_PAGE, offset: ReportOffset = 0) -> dict:
    with context(request).reader(request) as store:
        return claim(store, claim_id, limit=limit, offset=offset)


def _render(request: Request, name: str, **ctx) -> HTMLResponse:
    return request.app.state.templates.TemplateResponse(request, name, ctx)


@pages.get("/claims")
def claims_page(request: Request, q: str | None = None, min_articles: MinArticles = 1, offset: Offset = 0):
    with context(request).reader(request) as store:
        data = claims(store, q=q, min_articles=min_articles, limit=PAGE_SIZE, offset=offset)
    return _render(request, "claims.html", title="Claims", rows=data["items"], page=Pager.of(data),
                   params={"q": clean(q), "min_articles": min_articles if min_articles > 1 else None})


@pages.get("/claims/{claim_id}")
def claim_page(request: Request, claim_id: str, offset: ReportOffset = 0):
    with context(request).reader(request) as store:
        card = claim(store, claim_id, offset=offset)
    return _render(request, "claim.html", title=f"Claim {card['id']}", claim=card, summary=summary_line(card),
                   timeline=stance_timeline_svg(card["timeline"]), matrix=stance_matrix(card["matrix"]),
                   graph=provenance_svg(card),
                   page=Pager.of(page(card["reports"], card["reports_total"], REPORTS_PAGE, offset)))
