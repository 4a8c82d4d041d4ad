"""Server-rendered pages: Search, Article, Speaker, Outlet, Analyze (and lists of each)."""
from __future__ import annotations

from fastapi import APIRouter, File, Form, Query, Request, UploadFile
from fastapi.responses import HTMLResponse

from . import analyze as analysis
from .app import context
from .charts import timeline_svg
from .errors import WebError
from .views import (FILTER_NAMES, SNIPPET_MARKS, Pager, article_view, clean_filters, filter_choices,
                    quote_view)

router = APIRouter(include_in_schema=False, default_response_class=HTMLResponse)
PAGE_SIZE = 20


def render(request: Request, name: str, status_code: int = 200, **ctx) -> HTMLResponse:
    return request.app.state.templates.TemplateResponse(request, name, ctx, status_code=status_code)


@router.get("/")
def search(request: Request, q: str | None = None, speaker: str | None = None,
           source_type: str | None = None, outlet: str | None = None, date_from: str | None = None,
           date_to: str | None = None, stance: str | None = None, offset: int = Query(0, ge=0)):
    raw = dict(q=q, speaker=speaker, source_type=source_type, outlet=outlet, date_from=date_from,
               date_to=date_to, stance=stance)
    f = clean_filters(raw)
    store_filters = {("text" if k == "q" else k): v for k, v in f.items()}
    with context(request).reader() as store:
        rows = store.quotes(**store_filters, limit=PAGE_SIZE, offset=offset, marks=SNIPPET_MARKS)
        total = store.count_quotes(**store_filters)
        choices = filter_choices(store.outlets())
        stats = store.stats()
    return render(request, "search.html", title="Search" if f else "sayso", filters=f,
                  results=[quote_view(r) for r in rows], page=Pager(total, PAGE_SIZE, offset),
                  params={k: f.get(k) for k in FILTER_NAMES}, choices=choices, stats=stats)


@router.get("/articles")
def articles(request: Request, q: str | None = None, outlet: str | None = None,
             offset: int = Query(0, ge=0)):
    with context(request).reader() as store:
        filters = {"text": q or None, "outlet": outlet or None}
        rows = store.articles(**filters, limit=PAGE_SIZE, offset=offset)
        total = store.count_articles(**filters)
    return render(request, "articles.html", title="Articles", rows=rows,
                  page=Pager(total, PAGE_SIZE, offset), params={"q": q, "outlet": outlet})


@router.get("/articles/{key}")
def article(request: Request, key: str):
    with context(request).reader() as store:
        record = store.article(key)
    return render(request, "article.html", title=record.get("title") or record["key"],
                  view=article_view(record))


@router.get("/speakers")
def speakers(request: Request, name: str | None = None, type: str | None = None,
             offset: int = Query(0, ge=0)):
    with context(request).reader() as store:
        filters = {"name": name or None, "type": type or None}
        rows = store.speakers(**filters, limit=PAGE_SIZE, offset=offset)
        total = store.count_speakers(**filters)
        choices = filter_choices([])
    return render(request, "speakers.html", title="Speakers", rows=rows, choices=choices,
                  page=Pager(total, PAGE_SIZE, offset), params={"name": name, "type": type})


@router.get("/speakers/{key}")
def speaker(request: Request, key: str):
    with context(request).reader() as store:
        record = store.speaker(key)
    dates = [s.get("article_date") for s in record.get("statements") or []]
    return render(request, "speaker.html", title=record["name"], speaker=record,
                  chart=timeline_svg(dates, label=f"Statements by {record['name']} over time"))


@router.get("/outlets")
def outlets(request: Request):
    with context(request).reader() as store:
        rows = store.outlets()
    return render(request, "outlets.html", title="Outlets", rows=rows)


@router.get("/outlets/{name:path}")
def outlet(request: Request, name: str):
    with context(request).reader() as store:
        record = store.outlet(name)
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
        return analysis.analyze(articles, errs, ctx.pipeline)
    analysis.check_token(ctx.settings, token or None)
    with ctx.writer() as writer:
        return analysis.analyze(articles, errs, ctx.pipeline, writer)
