"""One error shape for every 4xx and 5xx: ``{"error": {"status", "code", "message"}}``.

API paths (``/api/...``) get JSON; pages get the same information as an HTML page. Unexpected
exceptions are logged here with their traceback and reach the client only as a plain 500.
"""
from __future__ import annotations

import logging
from http import HTTPStatus

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.types import ASGIApp, Receive, Scope, Send

from ..errors import InputError, NotFound, QueryInterrupted, SaysoError, StoreError

log = logging.getLogger(__name__)

CODES = {400: "bad_request", 401: "unauthorized", 403: "forbidden", 404: "not_found",
         405: "method_not_allowed", 413: "payload_too_large", 415: "unsupported_media_type",
         422: "invalid_request", 500: "internal_error", 503: "unavailable"}


class WebError(Exception):
    """An error a route raises on purpose, with its HTTP status and a message for the user."""

    def __init__(self, status: int, message: str, code: str | None = None, details: list | None = None):
        super().__init__(message)
        self.status = status
        self.message = message
        self.details = details
        self.code = code or CODES.get(status) or HTTPStatus(status).phrase.lower().replace(" ", "_")


def error_body(status: int, message: str, code: str | None = None, details: list | None = None) -> dict:
    err = {"status": status, "code": code or CODES.get(status, "error"), "message": message}
    if details:
        err["details"] = details
    return {"error": err}


def wants_html(scope: Scope) -> bool:
    return not scope.get("path", "").startswith("/api/")


def error_response(request: Request, status: int, message: str, code: str | None = None,
                   details: list | None = None, headers: dict | None = None):
    """The error as JSON for the API, as an HTML page for the pages."""
    body = error_body(status, message, code, details)
    render = getattr(request.app.state, "render_error", None)
    if render is not None and wants_html(request.scope):
        return render(request, body["error"], headers)
    return JSONResponse(body, status_code=status, headers=headers)


def _validation_details(exc: RequestValidationError) -> list[dict]:
    out = []
    for e in exc.errors():
        loc = ".".join(str(x) for x in e.get("loc", ()) if x not in ("body", "query", "path"))
        out.append({"field": loc or None, "message": e.get("msg", "invalid")})
    return out


def install(app: FastAPI) -> None:
    """Register the handlers that turn every error into the one shape."""

    @app.exception_handler(StarletteHTTPException)
    async def http_error(request: Request, exc: StarletteHTTPException):
        message = exc.detail if isinstance(exc.detail, str) else HTTPStatus(exc.status_code).phrase
        return error_response(request, exc.status_code, message, headers=getattr(exc, "headers", None))

    @app.exception_handler(RequestValidationError)
    async def validation_error(request: Request, exc: RequestValidationError):
        details = _validation_details(exc)
        summary = "; ".join(f"{d['field']}: {d['message']}" if d["field"] else d["message"] for d in details)
        return error_response(request, 422, f"invalid request: {summary}", details=details)

    @app.exception_handler(WebError)
    async def web_error(request: Request, exc: WebError):
        return error_response(request, exc.status, exc.message, exc.code, exc.details)

    @app.exception_handler(SaysoError)
    async def sayso_error(request: Request, exc: SaysoError):
        if isinstance(exc, NotFound):
            return error_response(request, 404, str(exc))
        if isinstance(exc, QueryInterrupted):
            return error_response(request, 400, f"{exc} (SAYSO_QUERY_TIME_LIMIT_MS); narrow the search "
                                                "(more words, a speaker, outlet or dates) and try again",
                                  "query_interrupted")
        if isinstance(exc, StoreError):
            log.error("store error: %s", exc)
            return error_response(request, 503, "the database is not available; see the server log")
        status = 422 if isinstance(exc, InputError) else 400
        return error_response(request, status, str(exc))


class CatchAll:
    """Outermost ASGI middleware: any exception becomes a logged, trace-free 500 in the one shape."""

    def __init__(self, app: ASGIApp, render_html=None):
        self.app = app
        self.render_html = render_html

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        started = False

        async def tracking_send(message):
            nonlocal started
            if message["type"] == "http.response.start":
                started = True
            await send(message)

        try:
            await self.app(scope, receive, tracking_send)
        except Exception:
            log.exception("unhandled error on %s %s", scope.get("method"), scope.get("path"))
            if started:
                return
            body = error_body(500, "internal server error; the details are in the server log")
            response = JSONResponse(body, status_code=500)
            if self.render_html is not None and wants_html(scope):
                response = self.render_html(body["error"])
            await response(scope, receive, send)
