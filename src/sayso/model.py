"""The data model: frozen dataclasses that know nothing of databases, HTTP or spaCy.

Every span is a pair of character offsets into ``Article.text`` exactly as read
(Python string indices of the decoded input) plus the text at those offsets, so
any user can check it: ``article.text[span.start:span.end] == span.text``.
"""
from __future__ import annotations

import hashlib
from dataclasses import asdict, dataclass, field, replace

__all__ = [
    "Span", "Article", "Speaker", "Stance", "Attribution", "AnalyzedArticle",
    "SOURCE_TYPES", "STANCES", "FRAMINGS", "KINDS",
]

#: Types of source (issue "Who is the source").
SOURCE_TYPES = ("person", "anonymous", "organisation", "government", "media", "document", "unknown")
#: How a source stands toward what it reports.
STANCES = ("asserts", "denies", "hedges", "dismisses", "declines", "questions")
#: How the writer frames the attribution through the cue.
FRAMINGS = ("neutral", "endorsing", "distancing")
#: Quote kinds.
KINDS = ("direct", "indirect", "mixed")


@dataclass(frozen=True, slots=True)
class Span:
    """A run of characters ``text[start:end]`` of an article."""

    start: int
    end: int
    text: str

    @classmethod
    def of(cls, text: str, start: int, end: int) -> "Span":
        """The span of ``text`` between two offsets, carrying its own text."""
        if not 0 <= start <= end <= len(text):
            raise ValueError(f"span {start}:{end} outside a text of {len(text)} characters")
        return cls(start, end, text[start:end])

    def to_dict(self) -> dict:
        return {"start": self.start, "end": self.end, "text": self.text}


@dataclass(frozen=True)
class Article:
    """One news article as read from its input."""

    id: str
    text: str
    title: str | None = None
    date: str | None = None  # ISO 8601, YYYY-MM-DD when known
    outlet: str | None = None
    url: str | None = None
    authors: tuple[str, ...] = ()
    credits: tuple[str, ...] = ()  # outlets/sources the piece credits ("Sources: CNBC, ...")
    path: str | None = None  # where it was read from ("-" for standard input)
    format: str | None = None  # text | html | jsonl | feed | warc

    @property
    def content_hash(self) -> str:
        """SHA-256 of the text: the identity used to store an article once."""
        return hashlib.sha256(self.text.encode("utf-8")).hexdigest()

    def to_dict(self) -> dict:
        d = asdict(self)
        d["authors"] = list(self.authors)
        d["credits"] = list(self.credits)
        return d


@dataclass(frozen=True)
class Speaker:
    """Who a source is: resolved, typed and described."""

    name: str  # canonical name ("Steve Witkoff", "Russia", "three officials")
    type: str = "unknown"  # one of SOURCE_TYPES
    mentions: tuple[Span, ...] = ()  # the mentions it was resolved from
    confidence: float = 0.0
    role: str | None = None  # "special envoy to the Middle East"
    affiliation: str | None = None  # "U.S.", "Kremlin"
    count: int | None = None  # anonymous sources: number stated ("three officials" -> 3)
    descriptor: str | None = None  # "officials familiar with intelligence matters"
    group: str | None = None  # the collective the source speaks for: "Republican lawmakers", "Romney campaign"

    def to_dict(self) -> dict:
        d = asdict(self)
        d["mentions"] = [m.to_dict() for m in self.mentions]
        return d


@dataclass(frozen=True)
class Stance:
    """How the source stands toward the content, and how the writer frames it."""

    label: str = "asserts"  # one of STANCES
    framing: str = "neutral"  # one of FRAMINGS
    triggers: tuple[Span, ...] = ()  # the words that decided it
    explanation: str = ""

    def to_dict(self) -> dict:
        d = asdict(self)
        d["triggers"] = [t.to_dict() for t in self.triggers]
        return d


@dataclass(frozen=True)
class Attribution:
    """Source, cue and content of one attribution. Content may be discontinuous."""

    source: Span | None
    cue: Span | None
    content: tuple[Span, ...] = ()
    kind: str = "indirect"  # one of KINDS
    confidence: float = 1.0
    speaker: Speaker | None = None
    stance: Stance | None = None
    # index (in the same article) of the attribution this one rests on; points toward the origin:
    # the Post's report -> the officials it cites; Witkoff's relaying -> the Russian denial he relays
    via: int | None = None

    def replace(self, **changes) -> "Attribution":
        return replace(self, **changes)

    def to_dict(self) -> dict:
        return {
            "source": self.source.to_dict() if self.source else None,
            "cue": self.cue.to_dict() if self.cue else None,
            "content": [c.to_dict() for c in self.content],
            "kind": self.kind,
            "confidence": round(float(self.confidence), 4),
            "speaker": self.speaker.to_dict() if self.speaker else None,
            "stance": self.stance.to_dict() if self.stance else None,
            "via": self.via,
        }


@dataclass(frozen=True)
class AnalyzedArticle:
    """An article with its attributions: the unit the CLI prints and the store keeps."""

    article: Article
    attributions: tuple[Attribution, ...] = field(default_factory=tuple)

    def to_dict(self) -> dict:
        a = self.article
        return {
            "id": a.id,
            "path": a.path,
            "title": a.title,
            "date": a.date,
            "outlet": a.outlet,
            "url": a.url,
            "authors": list(a.authors),
            "credits": list(a.credits),
            "content_hash": a.content_hash,
            "attributions": [x.to_dict() for x in self.attributions],
        }
