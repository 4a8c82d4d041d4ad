"""The REST API under ``/api/v1/``: JSON, paginated (``limit``/``offset`` with ``total``), filterable.

Reads open the store read-only; the write endpoints (analyze with ``store``, ingest) need the
token configured in ``SAYSO_API_TOKEN``. Every error has the one shape of :mod:`.errors`.
"""
from __future__ import annotations

from dataclasses import replace
from typing import Annotated, Any, Literal

from fastapi import APIRouter, Depends, File, Form, Header, Path, Request, UploadFile
from pydantic import BaseModel, Field

from . import analyze as analysis
from . import resources
from .context import context
from .filters import (ArticleParams, invalid, Limit, Offset, QuoteParams, SpeakerParams, article_params, clean,
                      quote_params, speaker_params)


class ErrorDetail(BaseModel):
    status: int
    code: str
    message: str
    details: list[dict] | None = None


class ErrorBody(BaseModel):
    error: ErrorDetail


class Page(BaseModel):
    total: int = Field(description="Results in all; with total_capped, at least this many.")
    total_capped: bool = Field(False, description="True when counting stopped at the cap (\"more than total\").")
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
Key = Annotated[str, Path(max_length=300, description="Key, id or name.")]


@router.get("/stats", summary="Totals of the record")
def stats(request: Request) -> dict:
    ctx = context(request)
    with ctx.reader(request) as store:
        return ctx.cache.get("stats", store, lambda: resources.stats(store))


@router.get("/articles", summary="Stored articles, newest first or ranked by q", response_model=Page)
def articles(request: Request, f: Annotated[ArticleParams, Depends(article_params)],
             limit: Limit = 20, offset: Offset = 0) -> dict:
    with context(request).reader(request) as store:
        return resources.articles(store, f, limit, offset)


@router.get("/articles/{key}", summary="One article with its attributions and their spans")
def article(request: Request, key: Key) -> dict:
    with context(request).reader(request) as store:
        return resources.article(store, clean(key) or "")


@router.get("/attributions", summary="Attributions (who said what), filterable", response_model=Page)
def attributions(request: Request, f: Annotated[QuoteParams, Depends(quote_params)],
                 article: str | None = None, limit: Limit = 20, offset: Offset = 0) -> dict:
    f = replace(f, article=clean(article))
    with context(request).reader(request) as store:
        return resources.attributions(store, f, limit, offset)


@router.get("/search", summary="Full-text search over what was said, ranked, with snippets",
            response_model=Page)
def search(request: Request, f: Annotated[QuoteParams, Depends(quote_params)],
           limit: Limit = 20, offset: Offset = 0) -> dict:
    if f.q is None:
        raise invalid("q", "give the words to find")
    with context(request).reader(request) as store:
        return resources.attributions(store, f, limit, offset)


@router.get("/speakers", summary="Sources, most quoted first", response_model=Page)
def speakers(request: Request, f: Annotated[SpeakerParams, Depends(speaker_params)],
             limit: Limit = 20, offset: Offset = 0) -> dict:
    with context(request).reader(request) as store:
        return resources.speakers(store, f, limit, offset)


@router.get("/speakers/{key}", summary="One source: aliases, descriptions, outlets and newest statements")
def speaker(request: Request, key: Key) -> dict:
    with context(request).reader(request) as store:
        return resources.speaker(store, clean(key) or "")


@router.get("/outlets", summary="Outlets with their share of anonymous sourcing", response_model=Page)
def outlets(request: Request, limit: Limit = 20, offset: Offset = 0) -> dict:
    with context(request).reader(request) as store:
        return resources.outlets(store, limit, offset)


@router.get("/outlets/{name:path}", summary="One outlet: articles, most-cited sources, anonymous share")
def outlet(request: Request, name: Key) -> dict:
    with context(request).reader(request) as store:
        return resources.outlet(store, clean(name) or "")


def _run(request: Request, articles, errs, *, store: bool, token: str | None) -> dict:
    ctx = context(request)
    if not store:
        return analysis.analyze(articles, errs, ctx.pipeline, floor=ctx.settings.min_confidence).to_dict()
    analysis.check_token(ctx.settings, token)
    with ctx.writer() as writer:
        return analysis.analyze(articles, errs, ctx.pipeline, writer, floor=ctx.settings.min_confidence).to_dict()


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
