"""Server-rendered pages: Search, Article, Speaker, Outlet, Analyze (and lists of each)."""
from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, File, Form, Request, UploadFile
from fastapi.responses import HTMLResponse

from . import analyze as analysis
from . import resources
from .charts import timeline_svg
from .claims import claims_of
from .context import context
from .errors import WebError
from .filters import (FILTER_NAMES, ArticleParams, Offset, QuoteParams, SpeakerParams, article_params, clean,
                      quote_params, speaker_params)
from .views import Pager, article_view, filter_choices, quote_view

router = APIRouter(include_in_schema=False, default_response_class=HTMLResponse)
PAGE_SIZE = 20


def render(request: Request, name: str, status_code: int = 200, **ctx) -> HTMLResponse:
    return request.app.state.templates.TemplateResponse(request, name, ctx, status_code=status_code)


@router.get("/")
def search(request: Request, f: Annotated[QuoteParams, Depends(quote_params)], offset: Offset = 0):
    ctx = context(request)
    with ctx.reader(request) as store:
        data = resources.attributions(store, f, PAGE_SIZE, offset)
        choices = filter_choices(ctx.cache.get("outlets", store, lambda: resources.outlets(store)["items"]))
        stats = ctx.cache.get("stats", store, lambda: resources.stats(store))
    given = f.given()
    return render(request, "search.html", title="Search" if given else "sayso", filters=given,
                  results=[quote_view(r) for r in data["items"]], page=Pager.of(data),
                  params={k: given.get(k) for k in FILTER_NAMES}, choices=choices, stats=stats)


@router.get("/articles")
def articles(request: Request, f: Annotated[ArticleParams, Depends(article_params)], offset: Offset = 0):
    with context(request).reader(request) as store:
        data = resources.articles(store, f, PAGE_SIZE, offset)
    return render(request, "articles.html", title="Articles", rows=data["items"], page=Pager.of(data),
                  params={"q": f.q, "outlet": f.outlet})


@router.get("/articles/{key}")
def article(request: Request, key: str):
    with context(request).reader(request) as store:
        record = resources.article(store, clean(key) or "")
        claims = claims_of(store, article=record["key"])
    return render(request, "article.html", title=record.get("title") or record["key"],
                  view=article_view(record), claims=claims)


@router.get("/speakers")
def speakers(request: Request, f: Annotated[SpeakerParams, Depends(speaker_params)], offset: Offset = 0):
    with context(request).reader(request) as store:
        data = resources.speakers(store, f, PAGE_SIZE, offset)
    return render(request, "speakers.html", title="Speakers", rows=data["items"], choices=filter_choices([]),
                  page=Pager.of(data), params={"name": f.name, "type": f.type})


@router.get("/speakers/{key}")
def speaker(request: Request, key: str):
    with context(request).reader(request) as store:
        record = resources.speaker(store, clean(key) or "")
        claims = claims_of(store, speaker=record["id"])
    dates = [s.get("article_date") for s in record.get("statements") or []]
    return render(request, "speaker.html", title=record["name"], speaker=record, claims=claims,
                  chart=timeline_svg(dates, label=f"Statements by {record['name']} over time"))


@router.get("/outlets")
def outlets(request: Request):
    with context(request).reader(request) as store:
        rows = resources.outlets(store)["items"]
    return render(request, "outlets.html", title="Outlets", rows=rows)


@router.get("/outlets/{name:path}")
def outlet(request: Request, name: str):
    with context(request).reader(request) as store:
        record = resources.outlet(store, clean(name) or "")
    return render(request, "outlet.html", title=record["name"], outlet=record)


@router.get("/analyze")
def analyze_form(request: Request):
    ctx = context(request)
    return render(request, "analyze.html", title="Analyze", form={}, writes=bool(ctx.settings.api_token),
                  results=None)


@router.post("/analyze")
def analyze_submit(request: Request, text: str = Form(""), file: UploadFile | None = File(None),
                   format: str = Form(""), title: str = Form(""), store: bool = Form(False),
                   token: str = Form("")):
    ctx = context(request)
    form = {"text": text, "format": format, "title": title}
    try:
        result = _analyze_form(ctx, text, file, format, title, store, token)
    except WebError as e:  # show the form again, with the reason
        return render(request, "analyze.html", status_code=e.status, title="Analyze", form=form,
                      writes=bool(ctx.settings.api_token), results=None, error=e.message)
    views = [article_view(a.to_dict() | {"text": a.article.text}, prefix=f"r{i}") for i, a in
             enumerate(result.analyzed)]
    return render(request, "analyze.html", title="Analysis", writes=bool(ctx.settings.api_token),
                  form=form, results=views, stored=result.stored, errors=result.errors)


def _analyze_form(ctx, text, file, format, title, store, token) -> analysis.AnalyzeResult:
    if file is not None and file.filename:
        data = file.file.read(ctx.settings.max_bytes + 1)
        articles, errs = analysis.articles_from_bytes(data, ctx.settings, fmt=format or None,
                                                      name=file.filename, title=title or None)
    elif text.strip():
        articles, errs = analysis.articles_from_text(text, ctx.settings, fmt=format or None,
                                                     title=title or None)
    else:
        raise WebError(422, "paste an article or choose a file to analyse", "empty_input")
    if not store:
        return analysis.analyze(articles, errs, ctx.pipeline, floor=ctx.settings.min_confidence)
    analysis.check_token(ctx.settings, token or None)
    with ctx.writer() as writer:
        return analysis.analyze(articles, errs, ctx.pipeline, writer, floor=ctx.settings.min_confidence)
