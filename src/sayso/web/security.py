"""Request and response hardening: a body size limit, security headers on every response, a
trusted-host check, HEAD on every GET route, and noticing when a client leaves."""
from __future__ import annotations

import asyncio
import threading

from fastapi.responses import JSONResponse
from starlette.datastructures import MutableHeaders
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from .context import DISCONNECTED
from .errors import error_body, wants_html

#: Pages load only their own script and stylesheet; nothing from an article can run.
CSP = ("default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; object-src 'none'; "
       "base-uri 'none'; form-action 'self'; frame-ancestors 'none'")
#: The API docs page (Swagger UI, served locally) starts itself with an inline script.
NO_CSP_PATHS = ("/api/docs",)


class SecurityHeaders:
    """Adds a Content-Security-Policy and friends to every HTTP response."""

    def __init__(self, app: ASGIApp):
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = MutableHeaders(scope=message)
                headers.setdefault("X-Content-Type-Options", "nosniff")
                headers.setdefault("Referrer-Policy", "no-referrer")
                headers.setdefault("X-Frame-Options", "DENY")
                if not scope.get("path", "").startswith(NO_CSP_PATHS):
                    headers.setdefault("Content-Security-Policy", CSP)
            await send(message)

        await self.app(scope, receive, send_with_headers)


class BodyLimit:
    """Refuse request bodies over ``max_bytes`` with a 413 before any route reads them."""

    def __init__(self, app: ASGIApp, max_bytes: int, render_html=None):
        self.app = app
        self.max_bytes = max_bytes
        self.render_html = render_html

    def _too_large(self, scope: Scope):
        message = (f"request body is over the {self.max_bytes:,} byte limit; "
                   "send a smaller file (the limit is SAYSO_MAX_BYTES)")
        body = error_body(413, message)
        if self.render_html is not None and wants_html(scope):
            return self.render_html(body["error"])
        return JSONResponse(body, status_code=413)

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope.get("method") in ("GET", "HEAD", "OPTIONS"):
            await self.app(scope, receive, send)
            return
        declared = dict(scope.get("headers") or []).get(b"content-length")
        if declared is not None and declared.isdigit() and int(declared) > self.max_bytes:
            await self._too_large(scope)(scope, receive, send)
            return
        chunks, size, more = [], 0, True
        while more:
            message = await receive()
            if message["type"] == "http.disconnect":
                return
            chunks.append(message.get("body", b""))
            size += len(chunks[-1])
            more = message.get("more_body", False)
            if size > self.max_bytes:
                await self._too_large(scope)(scope, receive, send)
                return
        body, replayed = b"".join(chunks), False

        async def replay():
            nonlocal replayed
            if replayed:
                return await receive()
            replayed = True
            return {"type": "http.request", "body": body, "more_body": False}

        await self.app(scope, replay, send)


#: Host names every server answers to: the loopback names.
LOOPBACK_HOSTS = ("localhost", "127.0.0.1", "::1")


def host_name(header: str) -> str:
    """``example.org:8000 -> example.org``; ``[::1]:8000 -> ::1``; lower case."""
    header = header.strip().lower()
    if header.startswith("["):
        return header[1:header.find("]")] if "]" in header else header
    return header.rsplit(":", 1)[0] if header.count(":") == 1 else header


class TrustedHosts:
    """Refuse a request whose ``Host`` header names a host this server was not told it is (a page
    on another site that re-binds its DNS name to 127.0.0.1 cannot read the record). ``*`` allows any."""

    def __init__(self, app: ASGIApp, hosts=(), render_html=None):
        self.app = app
        self.hosts = {host_name(h) for h in (*LOOPBACK_HOSTS, *hosts) if h}
        self.render_html = render_html

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or "*" in self.hosts:
            await self.app(scope, receive, send)
            return
        raw = dict(scope.get("headers") or []).get(b"host", b"").decode("latin-1")
        host = host_name(raw)
        if host in self.hosts:
            await self.app(scope, receive, send)
            return
        shown = host[:60] or "(none)"
        body = error_body(400, f"host {shown!r} is not served here; start the server with "
                               f"`--allow-host {shown}` to serve it under that name", "untrusted_host")
        response = JSONResponse(body, status_code=400)
        if self.render_html is not None and wants_html(scope):
            response = self.render_html(body["error"])
        await response(scope, receive, send)


class HeadAsGet:
    """Answer HEAD on every GET route: the GET response's status and headers, without the body."""

    def __init__(self, app: ASGIApp):
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope.get("method") != "HEAD":
            await self.app(scope, receive, send)
            return

        async def headers_only(message: Message) -> None:
            if message["type"] == "http.response.body":
                message = {**message, "body": b""}
            await send(message)

        await self.app({**scope, "method": "GET"}, receive, headers_only)


class Disconnects:
    """Watch a GET request's connection and set ``scope[DISCONNECTED]`` (a threading.Event) when the
    client leaves, so the query it started stops (see :meth:`.context.WebContext.reader`)."""

    def __init__(self, app: ASGIApp):
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope.get("method") not in ("GET", "HEAD"):
            await self.app(scope, receive, send)
            return
        left, left_async = threading.Event(), asyncio.Event()
        scope[DISCONNECTED] = left
        first = await receive()

        async def watch() -> None:
            message = first
            while message["type"] != "http.disconnect":
                message = await receive()
            left.set()
            left_async.set()

        watcher = asyncio.create_task(watch())
        replayed = False

        async def replay() -> Message:
            nonlocal replayed
            if not replayed:
                replayed = True
                return first
            await left_async.wait()
            return {"type": "http.disconnect"}

        try:
            await self.app(scope, replay, send)
        finally:
            watcher.cancel()
