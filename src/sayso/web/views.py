"""Shaping store records for the templates: attribution lists, quote rows, filters, pages."""
from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import urlencode

from ..model import SOURCE_TYPES, STANCES
from .highlight import highlight_article
from .resources import snippet_markup


@dataclass(frozen=True)
class Pager:
    """Where a page of results sits: ``total`` results, ``limit`` a page, starting at ``offset``."""

    total: int
    limit: int
    offset: int
    capped: bool = False  # counting stopped at ``total``: there are more

    @classmethod
    def of(cls, page: dict) -> "Pager":
        """The pager of a data function's page (see :func:`.resources.page`)."""
        return cls(page["total"], page["limit"], page["offset"], page.get("total_capped", False))

    @property
    def total_text(self) -> str:
        return f"more than {self.total:,}" if self.capped else f"{self.total:,}"

    @property
    def first(self) -> int:
        return min(self.offset + 1, self.total)

    @property
    def last(self) -> int:
        return min(self.offset + self.limit, self.total)

    @property
    def prev_offset(self) -> int | None:
        return max(self.offset - self.limit, 0) if self.offset > 0 else None

    @property
    def next_offset(self) -> int | None:
        return self.offset + self.limit if self.offset + self.limit < self.total else None


    def url(self, base: str, params: dict, offset: int) -> str:
        query = {k: v for k, v in params.items() if v not in (None, "")}
        query["offset"] = offset
        return f"{base}?{urlencode(query)}"


def content_text(att: dict) -> str:
    return " … ".join(c["text"] for c in att.get("content") or [])


def attribution_rows(attributions: list[dict]) -> list[dict]:
    """One row per attribution for the side list of an article."""
    rows = []
    for i, att in enumerate(attributions):
        sp = att.get("speaker") or {}
        st = att.get("stance") or {}
        source = (att.get("source") or {}).get("text")
        rows.append({
            "index": i, "speaker": sp.get("name") or source or "(no source)", "speaker_id": sp.get("id"),
            "source": source, "type": sp.get("type") or "unknown", "role": sp.get("role"),
            "cue": (att.get("cue") or {}).get("text"), "content": content_text(att),
            "kind": att.get("kind"), "confidence": att.get("confidence"),
            "stance": st.get("label"), "framing": st.get("framing"), "via": att.get("via"),
            "explanation": st.get("explanation") or "",
        })
    return rows


def article_view(article: dict, prefix: str = "a") -> dict:
    """What the article template shows: the highlighted body and the attribution list."""
    atts = article.get("attributions") or []
    return {"article": article, "body": highlight_article(article["text"], atts, prefix),
            "rows": attribution_rows(atts), "prefix": prefix}


def quote_view(row: dict) -> dict:
    """A search result with its snippet (or content) as safe HTML."""
    return {**row, "body": snippet_markup(row)}


def filter_choices(outlets: list[dict]) -> dict:
    return {"source_types": SOURCE_TYPES, "stances": STANCES, "outlets": [o["name"] for o in outlets]}
