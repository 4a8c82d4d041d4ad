"""The web application: ``create_app(db_path)`` builds the pages and the REST API over one store.

Reads borrow one of a few long-lived read-only connections (:mod:`.context`), under a time limit.
The spaCy pipeline is loaded lazily, once per app, by the first analysis (only Analyze needs it),
so pages start fast. Routers: :mod:`.api` (JSON) and :mod:`.pages` (HTML), both over the data
functions of :mod:`.resources`.
"""
from __future__ import annotations

import logging
import os
from contextlib import asynccontextmanager
from pathlib import Path
from urllib.parse import quote, urlsplit

from fastapi import FastAPI
from fastapi.responses import HTMLResponse
from fastapi.staticfiles import StaticFiles
from fastapi.templating import Jinja2Templates

from .. import __version__
from ..settings import Settings
from . import errors, security
from .context import LazyPipeline, WebContext

log = logging.getLogger(__name__)
HERE = Path(__file__).resolve().parent
#: Request bodies above the file limit plus this much (form fields, multipart framing) are refused.
BODY_OVERHEAD = 64 * 1024


def http_url(value: object) -> str | None:
    """A URL safe to link to: http(s) only (an article's ``javascript:`` URL is never linked)."""
    url = str(value or "").strip()
    return url if urlsplit(url).scheme.lower() in ("http", "https") else None


def _templates() -> Jinja2Templates:
    templates = Jinja2Templates(directory=str(HERE / "templates"))
    env = templates.env
    env.filters["path"] = lambda v: quote(str(v), safe="")
    env.filters["pct"] = lambda v: "—" if v is None else f"{100 * v:.0f}%"
    env.filters["conf"] = lambda v: f"{v:.2f}" if isinstance(v, (int, float)) else "—"
    env.filters["http_url"] = http_url
    env.globals["version"] = __version__
    return templates


def _html_error_renderer(templates: Jinja2Templates):
    def render(error: dict, headers: dict | None = None) -> HTMLResponse:
        html = templates.get_template("error.html").render(error=error, title=f"Error {error['status']}")
        return HTMLResponse(html, status_code=error["status"], headers=headers)
    return render


def create_app(db_path: str | Path, *, settings: Settings | None = None,
               test_config: dict | None = None, hosts: tuple[str, ...] = ()) -> FastAPI:
    """The app over the SQLite record at ``db_path``.

    Requests must name a loopback host (``localhost``, ``127.0.0.1``, ``[::1]``) or one of
    ``hosts`` in their ``Host`` header (a DNS-rebinding page cannot read the record).
    ``test_config`` may set ``pipeline`` (an object with ``analyze_many(articles)``, used instead
    of loading spaCy) and ``max_body_bytes`` (the request body limit).
    """
    from . import api, claims, pages

    settings = settings or Settings.load(db=str(db_path))
    test_config = test_config or {}
    max_body = test_config.get("max_body_bytes", settings.max_bytes + BODY_OVERHEAD)
    ctx = WebContext(Path(db_path), settings, LazyPipeline(settings, test_config.get("pipeline")), max_body)

    @asynccontextmanager
    async def lifespan(app):
        ctx.pool.warm()  # claim summaries, built in the background (issue 13)
        yield
        ctx.close()

    app = FastAPI(lifespan=lifespan,
        title="sayso", version=__version__,
        description="Who said what, on whose say-so: attributions in news articles. "
                    "Every error has the shape `{\"error\": {\"status\", \"code\", \"message\"}}`.",
        docs_url=None, redoc_url=None, openapi_url="/api/v1/openapi.json",
    )
    templates = _templates()
    render_html = _html_error_renderer(templates)
    app.state.ctx = ctx
    app.state.templates = templates
    app.state.render_error = lambda request, error, headers=None: render_html(error, headers)
    errors.install(app)
    app.add_middleware(security.BodyLimit, max_bytes=max_body, render_html=render_html)
    app.add_middleware(security.Disconnects)
    app.add_middleware(security.HeadAsGet)
    app.add_middleware(security.TrustedHosts, hosts=hosts, render_html=render_html)
    app.add_middleware(errors.CatchAll, render_html=render_html)
    app.add_middleware(security.SecurityHeaders)
    app.mount("/static", StaticFiles(directory=str(HERE / "static")), name="static")
    _offline_docs(app)
    app.include_router(api.router)
    app.include_router(pages.router)
    app.include_router(claims.api)
    app.include_router(claims.pages)
    return app


def _offline_docs(app: FastAPI) -> None:
    """Swagger UI at /api/docs with its assets served from the fastapi-offline package (no CDN)."""
    import fastapi_offline
    from fastapi.openapi.docs import get_swagger_ui_html

    assets = Path(fastapi_offline.__file__).parent / "static"
    app.mount("/api/docs-static", StaticFiles(directory=str(assets)), name="docs-static")

    @app.get("/api/docs", include_in_schema=False)
    def swagger_ui():
        return get_swagger_ui_html(openapi_url=app.openapi_url, title="sayso API",
                                   swagger_js_url="/api/docs-static/swagger-ui-bundle.js",
                                   swagger_css_url="/api/docs-static/swagger-ui.css",
                                   swagger_favicon_url="/api/docs-static/favicon.png")


def app_from_environment() -> FastAPI:
    """The app for ``uvicorn --factory`` worker processes (``sayso serve --workers N``): the database
    from ``SAYSO_DB``, extra trusted hosts from ``SAYSO_SERVE_HOSTS`` (comma-separated)."""
    settings = Settings.load()
    hosts = tuple(h for h in os.environ.get("SAYSO_SERVE_HOSTS", "").split(",") if h)
    return create_app(settings.db, settings=settings, hosts=hosts)
