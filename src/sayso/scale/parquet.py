"""Parquet shards of analysed articles: for corpora too big for one SQLite file, and for other tools.

``sayso extract ... --to parquet DIR`` writes ``DIR/articles/part-NNNNN.parquet`` and
``DIR/attributions/part-NNNNN.parquet``: shard N of each holds the same articles (at most
``SHARD_ARTICLES``), every column flat (scalars, or lists of offsets), so DuckDB
(``SELECT * FROM 'DIR/attributions/*.parquet'``), pandas or Spark read them as they are.
Articles join attributions on ``content_hash``. Span texts are ``text[start:end]`` of the article.
``sayso ingest DIR`` loads them into a store without analysing anything again.
"""
from __future__ import annotations

import logging
import os
from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path

from ..errors import InputError, SaysoError
from ..model import AnalyzedArticle, Article, Attribution, Span, Speaker, Stance
from ..store.writer import FRAGMENT_JOIN

log = logging.getLogger(__name__)

SHARD_ARTICLES = 1000
_STR, _INT, _FLOAT, _INTS, _STRS = "string", "int64", "float64", "list<int64>", "list<string>"

#: Column: (type, meaning). The README's "Scaling out" section documents the same columns.
ARTICLE_COLUMNS = {
    "content_hash": (_STR, "SHA-256 of the text: the article's identity"),
    "id": (_STR, "article id (file stem)"), "path": (_STR, "where it was read from"),
    "format": (_STR, "text, html, jsonl, feed or warc"), "title": (_STR, ""), "date": (_STR, "YYYY-MM-DD"),
    "outlet": (_STR, ""), "url": (_STR, ""), "authors": (_STRS, ""), "credits": (_STRS, ""),
    "text": (_STR, "the text every offset points into"), "attributions": (_INT, "how many"),
}
ATTRIBUTION_COLUMNS = {
    "content_hash": (_STR, "the article's"), "idx": (_INT, "position in the article's list"),
    "kind": (_STR, "direct, indirect or mixed"), "confidence": (_FLOAT, ""),
    "source_start": (_INT, ""), "source_end": (_INT, ""), "source_text": (_STR, ""),
    "cue_start": (_INT, ""), "cue_end": (_INT, ""), "cue_text": (_STR, ""),
    "content_starts": (_INTS, "one per fragment"), "content_ends": (_INTS, ""),
    "content_text": (_STR, f"fragments joined by {FRAGMENT_JOIN!r}"),
    "speaker": (_STR, "canonical name (null: no speaker)"), "speaker_type": (_STR, ""),
    "speaker_confidence": (_FLOAT, ""), "speaker_role": (_STR, ""), "speaker_affiliation": (_STR, ""),
    "speaker_count": (_INT, ""), "speaker_descriptor": (_STR, ""), "speaker_group": (_STR, ""),
    "mention_starts": (_INTS, ""), "mention_ends": (_INTS, ""),
    "stance": (_STR, "null: no stance"), "framing": (_STR, ""), "stance_explanation": (_STR, ""),
    "trigger_starts": (_INTS, ""), "trigger_ends": (_INTS, ""), "via": (_INT, "idx it rests on"),
}


def _require_pyarrow() -> None:
    try:
        import pyarrow  # noqa: F401
    except ImportError:
        raise SaysoError("Parquet needs pyarrow: pip install 'sayso[parquet]'") from None


def _schema(columns: dict):
    import pyarrow as pa

    types = {_STR: pa.string(), _INT: pa.int64(), _FLOAT: pa.float64(), _INTS: pa.list_(pa.int64()),
             _STRS: pa.list_(pa.string())}
    return pa.schema([(name, types[t]) for name, (t, _) in columns.items()])


def _article_row(analyzed: AnalyzedArticle) -> dict:
    a = analyzed.article
    return {"content_hash": a.content_hash, "id": a.id, "path": a.path, "format": a.format, "title": a.title,
            "date": a.date, "outlet": a.outlet, "url": a.url, "authors": list(a.authors),
            "credits": list(a.credits), "text": a.text, "attributions": len(analyzed.attributions)}


def _attribution_row(content_hash: str, idx: int, att: Attribution) -> dict:
    sp, st = att.speaker, att.stance
    return {
        "content_hash": content_hash, "idx": idx, "kind": att.kind, "confidence": float(att.confidence),
        "source_start": att.source.start if att.source else None, "source_end": att.source.end if att.source else None,
        "source_text": att.source.text if att.source else None,
        "cue_start": att.cue.start if att.cue else None, "cue_end": att.cue.end if att.cue else None,
        "cue_text": att.cue.text if att.cue else None,
        "content_starts": [c.start for c in att.content], "content_ends": [c.end for c in att.content],
        "content_text": FRAGMENT_JOIN.join(c.text for c in att.content),
        "speaker": sp.name if sp else None, "speaker_type": sp.type if sp else None,
        "speaker_confidence": sp.confidence if sp else None, "speaker_role": sp.role if sp else None,
        "speaker_affiliation": sp.affiliation if sp else None, "speaker_count": sp.count if sp else None,
        "speaker_descriptor": sp.descriptor if sp else None, "speaker_group": sp.group if sp else None,
        "mention_starts": [m.start for m in sp.mentions] if sp else [],
        "mention_ends": [m.end for m in sp.mentions] if sp else [],
        "stance": st.label if st else None, "framing": st.framing if st else None,
        "stance_explanation": st.explanation if st else None,
        "trigger_starts": [t.start for t in st.triggers] if st else [],
        "trigger_ends": [t.end for t in st.triggers] if st else [],
        "via": att.via,
    }


class ShardWriter:
    """Writes analysed articles as numbered shard pairs; each shard appears whole (written to a
    temporary name, then renamed), so a killed run leaves only complete shards."""

    def __init__(self, directory: str | os.PathLike, shard_articles: int = SHARD_ARTICLES):
        _require_pyarrow()
        self.dir = Path(directory)
        self.shard_articles = shard_articles
        for sub in ("articles", "attributions"):
            d = self.dir / sub
            if d.is_dir() and any(d.glob("*.parquet")):
                raise SaysoError(f"{d}: already holds Parquet shards; write to an empty or new directory")
            try:
                d.mkdir(parents=True, exist_ok=True)
            except OSError as e:
                raise SaysoError(f"{d}: cannot create the directory ({e.strerror or e})") from None
        self.shards = 0
        self._articles: list[dict] = []
        self._attributions: list[dict] = []

    def add(self, analyzed: AnalyzedArticle) -> None:
        self._articles.append(_article_row(analyzed))
        h = analyzed.article.content_hash
        self._attributions.extend(_attribution_row(h, i, a) for i, a in enumerate(analyzed.attributions))
        if len(self._articles) >= self.shard_articles:
            self.flush()

    def flush(self) -> None:
        import pyarrow as pa
        import pyarrow.parquet as pq

        if not self._articles:
            return
        name = f"part-{self.shards:05d}.parquet"
        for sub, rows, columns in (("attributions", self._attributions, ATTRIBUTION_COLUMNS),
                                   ("articles", self._articles, ARTICLE_COLUMNS)):
            tmp = self.dir / sub / f".{name}.tmp"
            pq.write_table(pa.Table.from_pylist(rows, schema=_schema(columns)), tmp, compression="zstd")
            os.replace(tmp, self.dir / sub / name)
        log.info("wrote shard %s: %d articles, %d attributions", name, len(self._articles), len(self._attributions))
        self.shards += 1
        self._articles, self._attributions = [], []

    def close(self) -> None:
        self.flush()

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        if exc[0] is None:
            self.close()
        return False


def is_dataset(path: str | os.PathLike) -> bool:
    """Whether ``path`` is a directory of shards written by :class:`ShardWriter`."""
    p = Path(path)
    return (p.is_dir() and (p / "articles").is_dir() and (p / "attributions").is_dir()
            and any((p / "articles").glob("*.parquet")))


def _span(text: str, start, end) -> Span | None:
    return None if start is None else Span(start, end, text[start:end])


def _spans(text: str, starts, ends) -> tuple[Span, ...]:
    return tuple(Span(s, e, text[s:e]) for s, e in zip(starts or (), ends or ()))


def _attribution(text: str, r: dict) -> Attribution:
    speaker = None if r["speaker"] is None else Speaker(
        name=r["speaker"], type=r["speaker_type"], mentions=_spans(text, r["mention_starts"], r["mention_ends"]),
        confidence=r["speaker_confidence"], role=r["speaker_role"], affiliation=r["speaker_affiliation"],
        count=r["speaker_count"], descriptor=r["speaker_descriptor"], group=r["speaker_group"])
    stance = None if r["stance"] is None else Stance(
        label=r["stance"], framing=r["framing"], triggers=_spans(text, r["trigger_starts"], r["trigger_ends"]),
        explanation=r["stance_explanation"] or "")
    return Attribution(source=_span(text, r["source_start"], r["source_end"]),
                       cue=_span(text, r["cue_start"], r["cue_end"]),
                       content=_spans(text, r["content_starts"], r["content_ends"]), kind=r["kind"],
                       confidence=r["confidence"], speaker=speaker, stance=stance, via=r["via"])


def read_dataset(path: str | os.PathLike, on_error: Callable[[InputError], None] | None = None
                 ) -> Iterator[AnalyzedArticle]:
    """The analysed articles of a shard directory, shard by shard, in the order written."""
    _require_pyarrow()
    import pyarrow.parquet as pq

    report = on_error or (lambda e: log.error("%s", e))
    root = Path(path)
    for part in sorted((root / "articles").glob("*.parquet")):
        other = root / "attributions" / part.name
        try:
            articles = pq.read_table(part).to_pylist()
            rows = pq.read_table(other).to_pylist()
        except Exception as e:  # pyarrow: a missing, truncated or foreign file
            report(InputError(str(part), f"cannot read this Parquet shard or {other.name} beside it "
                                         f"({type(e).__name__}: {e})"))
            continue
        yield from _join(part, articles, rows, report)


def _join(part: Path, articles: Iterable[dict], rows: Iterable[dict], report) -> Iterator[AnalyzedArticle]:
    by_hash: dict[str, list[dict]] = defaultdict(list)
    for r in rows:
        by_hash[r["content_hash"]].append(r)
    for a in articles:
        try:
            article = Article(id=a["id"], text=a["text"], title=a["title"], date=a["date"], outlet=a["outlet"],
                              url=a["url"], authors=tuple(a["authors"] or ()), credits=tuple(a["credits"] or ()),
                              path=a["path"], format=a["format"])
            atts = sorted(by_hash.get(a["content_hash"], ()), key=lambda r: r["idx"])
            if len(atts) != a["attributions"]:
                raise ValueError(f"{a['attributions']} attributions expected, {len(atts)} found")
            yield AnalyzedArticle(article, tuple(_attribution(article.text, r) for r in atts))
        except (KeyError, TypeError, ValueError) as e:
            report(InputError(f"{part}: article {a.get('id')}", f"not a sayso shard row ({type(e).__name__}: {e})"))
