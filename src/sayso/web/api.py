"""The REST API under ``/api/v1/``: JSON, paginated (``limit``/``offset`` with ``total``), filterable.

Reads open the store read-only; the write endpoints (analyze with ``store``, ingest) need the
token configured in ``SAYSO_API_TOKEN``. Every error has the one shape of :mod:`.errors`.
"""
from __future__ import annotations

from typing import Annotated, Any, Literal

from fastapi import APIRouter, File, Form, Header, Query, Request, UploadFile
from pydantic import BaseModel, Field

from ..model import SOURCE_TYPES, STANCES
from . import analyze as analysis
from .app import context
from .views import SNIPPET_MARKS, mark_snippet

DATE = r"^\d{4}(-\d{2}(-\d{2})?)?$"
MAX_LIMIT = 200


class ErrorDetail(BaseModel):
    status: int
    code: str
    message: str
    details: list[dict] | None = None


class ErrorBody(BaseModel):
    error: ErrorDetail


class Page(BaseModel):
    total: int
    limit: int
    offset: int
    items: list[dict[str, Any]]


class AnalyzeRequest(BaseModel):
    text: str = Field(min_length=1, description="The article: plain text, HTML or JSON Lines (see format).")
    title: str | None = None
    format: Literal["text", "html", "jsonl"] = "text"
    store: bool = Field(False, description="Also store the analysed article (needs the API token).")


ERRORS = {s: {"model": ErrorBody} for s in (400, 401, 403, 404, 413, 422, 500, 503)}
router = APIRouter(prefix="/api/v1", tags=["api"], responses=ERRORS)
Limit = Annotated[int, Query(ge=1, le=MAX_LIMIT, description="Results per page.")]
Offset = Annotated[int, Query(ge=0, description="Results to skip.")]
DateParam = Annotated[str | None, Query(pattern=DATE, description="YYYY, YYYY-MM or YYYY-MM-DD.")]
SourceType = Literal[SOURCE_TYPES]  # type: ignore[valid-type]
StanceName = Literal[STANCES]  # type: ignore[valid-type]


def _page(items: list, total: int, limit: int, offset: int) -> dict:
    return {"total": total, "limit": limit, "offset": offset, "items": items}


@router.get("/stats", summary="Totals of the record")
def stats(request: Request) -> dict:
    with context(request).reader() as store:
        return store.stats()


@router.get("/articles", summary="Stored articles, newest first or ranked by q", response_model=Page)
def articles(request: Request, q: str | None = None, outlet: str | None = None,
             limit: Limit = 20, offset: Offset = 0) -> dict:
    with context(request).reader() as store:
        rows = store.articles(text=q, outlet=outlet, limit=limit, offset=offset)
        return _page(rows, store.count_articles(text=q, outlet=outlet), limit, offset)


@router.get("/articles/{key}", summary="One article with its attributions and their spans")
def article(request: Request, key: str) -> dict:
    with context(request).reader() as store:
        return store.article(key)


def _quotes(request: Request, limit: int, offset: int, **filters) -> dict:
    with context(request).reader() as store:
        rows = store.quotes(**filters, limit=limit, offset=offset, marks=SNIPPET_MARKS)
        total = store.count_quotes(**filters)
    for row in rows:
        if row.get("snippet"):
            row["snippet_html"] = str(mark_snippet(row["snippet"], SNIPPET_MARKS))
            row["snippet"] = row["snippet"].translate(str.maketrans("", "", "".join(SNIPPET_MARKS)))
    return _page(rows, total, limit, offset)


@router.get("/attributions", summary="Attributions (who said what), filterable", response_model=Page)
def attributions(request: Request, q: str | None = Query(None, description="Full-text query."),
                 speaker: str | None = None, outlet: str | None = None, date_from: DateParam = None,
                 date_to: DateParam = None, source_type: SourceType | None = None,
                 stance: StanceName | None = None, article: str | None = None,
                 limit: Limit = 20, offset: Offset = 0) -> dict:
    return _quotes(request, limit, offset, text=q, speaker=speaker, outlet=outlet, date_from=date_from,
                   date_to=date_to, source_type=source_type, stance=stance, article=article)


@router.get("/search", summary="Full-text search over what was said, ranked, with snippets",
            response_model=Page)
def search(request: Request, q: str = Query(min_length=1, description="Words to find."),
           speaker: str | None = None, outlet: str | None = None, date_from: DateParam = None,
           date_to: DateParam = None, source_type: SourceType | None = None,
           stance: StanceName | None = None, limit: Limit = 20, offset: Offset = 0) -> dict:
    return _quotes(request, limit, offset, text=q, speaker=speaker, outlet=outlet, date_from=date_from,
                   date_to=date_to, source_type=source_type, stance=stance)


@router.get("/speakers", summary="Sources, most quoted first", response_model=Page)
def speakers(request: Request, name: str | None = None, type: SourceType | None = None,
             limit: Limit = 20, offset: Offset = 0) -> dict:
    with context(request).reader() as store:
        rows = store.speakers(name=name, type=type, limit=limit, offset=offset)
        return _page(rows, store.count_speakers(name=name, type=type), limit, offset)


@router.get("/speakers/{key}", summary="One source: aliases, descriptions, outlets and every statement")
def speaker(request: Request, key: str) -> dict:
    with context(request).reader() as store:
        return store.speaker(key)


@router.get("/outlets", summary="Outlets with their share of anonymous sourcing", response_model=Page)
def outlets(request: Request, limit: Limit = 20, offset: Offset = 0) -> dict:
    with context(request).reader() as store:
        rows = store.outlets()
    return _page(rows[offset:offset + limit], len(rows), limit, offset)


@router.get("/outlets/{name:path}", summary="One outlet: articles, most-cited sources, anonymous share")
def outlet(request: Request, name: str) -> dict:
    with context(request).reader() as store:
        return store.outlet(name)


def _run(request: Request, articles, errs, *, store: bool, token: str | None) -> dict:
    ctx = context(request)
    if not store:
        return analysis.analyze(articles, errs, ctx.pipeline).to_dict()
    analysis.check_token(ctx.settings, token)
    with ctx.writer() as writer:
        return analysis.analyze(articles, errs, ctx.pipeline, writer).to_dict()


@router.post("/analyze", summary="Analyse pasted text at once; store it too with store=true and the token")
def analyze_text(request: Request, body: AnalyzeRequest, authorization: str | None = Header(None),
                 x_sayso_token: str | None = Header(None)) -> dict:
    ctx = context(request)
    articles, errs = analysis.articles_from_text(body.text, ctx.settings, fmt=body.format, title=body.title)
    return _run(request, articles, errs, store=body.store, token=analysis.bearer(authorization, x_sayso_token))


def _upload(request: Request, file: UploadFile, fmt: str | None):
    ctx = context(request)
    data = file.file.read(ctx.settings.max_bytes + 1)
    return analysis.articles_from_bytes(data, ctx.settings, fmt=fmt or None, name=file.filename or "upload")


@router.post("/analyze/upload", summary="Analyse an uploaded file (text, HTML or JSON Lines)")
def analyze_upload(request: Request, file: UploadFile = File(...), format: str | None = Form(None),
                   store: bool = Form(False), authorization: str | None = Header(None),
                   x_sayso_token: str | None = Header(None)) -> dict:
    articles, errs = _upload(request, file, format)
    return _run(request, articles, errs, store=store, token=analysis.bearer(authorization, x_sayso_token))


@router.post("/ingest", summary="Analyse and store an uploaded file (needs the API token)")
def ingest(request: Request, file: UploadFile = File(...), format: str | None = Form(None),
           authorization: str | None = Header(None), x_sayso_token: str | None = Header(None)) -> dict:
    analysis.check_token(context(request).settings, analysis.bearer(authorization, x_sayso_token))
    articles, errs = _upload(request, file, format)
    return _run(request, articles, errs, store=True, token=analysis.bearer(authorization, x_sayso_token))
