"""Analyze on request: pasted text or an uploaded file (text, HTML, JSON Lines) to analysed articles.

Reading goes through the same readers as ``sayso ingest`` (size limits, decoding, format
sniffing); analysis through the app's lazily loaded pipeline; storing through the store, only
when the request carries the configured token.
"""
from __future__ import annotations

import hmac
import logging
from dataclasses import dataclass, field, replace
from pathlib import PurePosixPath

from ..errors import InputError
from ..ingest import Origin, read_bytes
from ..ingest.source import format_for_name, stem_of
from ..model import AnalyzedArticle, Article
from ..pipeline import above_floor
from ..settings import Settings
from .errors import WebError

log = logging.getLogger(__name__)
FORMATS = ("text", "html", "jsonl", "feed")


@dataclass
class AnalyzeResult:
    """Analysed articles, the input errors met on the way, and what was stored."""

    analyzed: list[AnalyzedArticle] = field(default_factory=list)
    errors: list[InputError] = field(default_factory=list)
    stored: list[tuple[str, bool]] = field(default_factory=list)  # (article key, created), in order

    def to_dict(self) -> dict:
        items = []
        for i, a in enumerate(self.analyzed):
            d = a.to_dict()
            if self.stored:
                key, created = self.stored[i]
                d["stored"] = {"key": key, "created": created}
            items.append(d)
        return {"articles": items, "errors": [{"input": e.path, "reason": e.reason} for e in self.errors]}


def check_token(settings: Settings, given: str | None) -> None:
    """Writes need the configured token: none configured -> 403, wrong or missing -> 401."""
    if not settings.api_token:
        raise WebError(403, "writes are disabled on this server; start it with SAYSO_API_TOKEN set "
                            "to allow storing", "writes_disabled")
    if not given or not hmac.compare_digest(given.encode(), settings.api_token.encode()):
        raise WebError(401, "a valid token is required to store articles "
                            "(header 'Authorization: Bearer TOKEN')", "invalid_token")


def bearer(authorization: str | None, header_token: str | None = None) -> str | None:
    """The token from ``Authorization: Bearer ...`` or ``X-Sayso-Token``."""
    if authorization and authorization.lower().startswith("bearer "):
        return authorization[7:].strip()
    return header_token


def articles_from_text(text: str, settings: Settings, *, fmt: str | None = None, title: str | None = None,
                       name: str = "pasted") -> tuple[list[Article], list[InputError]]:
    """Articles from pasted text (plain text unless ``fmt`` says html or jsonl)."""
    return articles_from_bytes(text.encode("utf-8"), settings, fmt=fmt or "text", name=name, title=title)


def articles_from_bytes(data: bytes, settings: Settings, *, fmt: str | None = None, name: str = "upload",
                        title: str | None = None) -> tuple[list[Article], list[InputError]]:
    """Articles from uploaded bytes; ``fmt`` None guesses from the file name, then the content.
    Only the last part of ``name`` counts: "../../x.txt" is stored as "x", never under a directory."""
    name = PurePosixPath(name.replace("\\", "/").replace("\x00", "")).name or "upload"
    if fmt not in (None, "", *FORMATS):
        raise WebError(422, f"unknown format {fmt!r}; choose one of {', '.join(FORMATS)}")
    if len(data) > settings.max_bytes:
        raise WebError(413, f"{name}: over the {settings.max_bytes:,} byte limit (SAYSO_MAX_BYTES)")
    fmt = fmt or format_for_name(name)
    origin = Origin(path=name, stem=stem_of(name) or "upload", settings=settings)
    articles, errs = [], []
    for item in read_bytes(data, origin, fmt or None):
        if isinstance(item, InputError):
            errs.append(item)
        elif title and not articles and item.title is None:
            articles.append(replace(item, title=title))
        else:
            articles.append(item)
    return articles, errs


def analyze(articles: list[Article], errs: list[InputError], pipeline, store=None, *,
            floor: float) -> AnalyzeResult:
    """Run the pipeline over the articles, keeping the attributions at or above the confidence
    ``floor`` (as `sayso ingest` stores them); store each one when ``store`` (a writable Store) is given."""
    result = AnalyzeResult(errors=list(errs))
    if not articles:
        reason = "; ".join(str(e) for e in errs) or "no article found in the input"
        raise WebError(422, reason, "unreadable_input")
    for analyzed in pipeline.analyze_many(articles, on_error=result.errors.append):
        analyzed = above_floor(analyzed, floor)
        result.analyzed.append(analyzed)
        if store is not None:
            result.stored.append(store.add(analyzed))
    if not result.analyzed:
        raise WebError(422, "; ".join(str(e) for e in result.errors) or "analysis failed", "analysis_failed")
    return result
