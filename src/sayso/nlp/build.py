"""One attribution from one cue token: source and content read off the parse and the quotations."""
from __future__ import annotations

from collections.abc import Iterator
from typing import NamedTuple

from ..lexicon import DASHES, QUOTE_CHARS, QUOTE_OPENERS
from ..model import Attribution, Span
from .follow import leads_to_cue
from .quotes import Quote
from .spans import content_candidates, cue_tokens, extend_to_quotes, fragments, outer_span, source_tokens
from .tokens import text_of, tokens_span

__all__ = ["Built", "build", "build_all", "build_attribution"]


class Built(NamedTuple):
    """An attribution, the kind of candidate its content came from, and its source tokens."""

    attribution: Attribution
    how: str
    source_ids: tuple[int, ...] = ()


def build_attribution(tok, quotes: list[Quote], qidx: list[int]) -> Attribution | None:
    """The attribution headed by the cue token ``tok``, or None when it has no content."""
    built = build(tok, quotes, qidx)
    return built.attribution if built else None


def build(tok, quotes: list[Quote], qidx: list[int]) -> Built | None:
    """The attribution headed by the cue token ``tok`` (its first content candidate)."""
    return next(build_all(tok, quotes, qidx), None)


def build_all(tok, quotes: list[Quote], qidx: list[int]) -> Iterator[Built]:
    """Every attribution the cue token ``tok`` could head, one per content candidate, best first."""
    if tok.text == ":" or tok.text in DASHES:
        att = _punct_attribution(tok, quotes, qidx)
        if att:
            yield Built(att, "punct")
        return
    doc = tok.doc
    cue_ids = cue_tokens(tok)
    src_ids = source_tokens(tok, qidx) - cue_ids
    seen: set[tuple] = set()
    cands = [(how, ids - cue_ids - src_ids, src_ids) for how, ids in content_candidates(tok, quotes, qidx)]
    quote = _adjacent_quote(tok, quotes, qidx, min(src_ids | {tok.i}))
    if quote:
        cands.append(("quote", quote - cue_ids, src_ids - quote))
    for how, content, src in cands:
        if not any(not doc[i].is_punct for i in content):
            continue
        built = _finish(tok, how, content, src, cue_ids, quotes, qidx)
        if built is None or built.attribution.content in seen:
            continue
        seen.add(built.attribution.content)
        yield built


def _finish(tok, how: str, content: set[int], src_ids: set[int], cue_ids: set[int],
            quotes: list[Quote], qidx: list[int]) -> Built | None:
    doc = tok.doc
    content = extend_to_quotes(content, doc, quotes, qidx) - cue_ids - src_ids
    if content and max(content) < tok.i:
        content |= _following_quote(tok, cue_ids | src_ids, quotes, qidx)
    if not any(doc[i].is_alpha for i in content):
        return None
    frags = fragments(doc, content)
    if not frags:
        return None
    cue = tokens_span(doc, min(cue_ids), max(cue_ids) + 1)
    att = Attribution(source=outer_span(doc, src_ids), cue=cue, content=frags, kind=_kind(frags, quotes))
    return Built(att, how, tuple(sorted(src_ids)))


def _adjacent_quote(tok, quotes: list[Quote], qidx: list[int], left: int | None = None) -> set[int]:
    """A quotation just before (``"…," said X``) or up to 7 tokens after (``X said Thursday morning: "…"``)
    the cue (3 tokens after cost 0.0008 attribution-with-source on PolNeAR dev)."""
    doc = tok.doc
    left = tok.i if left is None else left
    before = range(left - 1, max(_quote_sentence_start(tok.sent.start, quotes, qidx, doc), left - 4) - 1, -1)
    for j in list(before) + list(range(tok.i + 1, min(len(doc), tok.i + 8))):
        if j > tok.i and "\n" in doc[j].text + doc[j - 1].whitespace_:
            break  # a quote opening the next paragraph is not this cue's (``X did not answer.\n\n"…"``)
        if qidx[j] >= 0:
            q = quotes[qidx[j]]
            span = doc.char_span(q.start, q.end, alignment_mode="expand")
            return set(range(span.start, span.end)) if span is not None else set()
    return _neighbour_paragraph(tok, left)


def _quote_sentence_start(start: int, quotes: list[Quote], qidx: list[int], doc) -> int:
    """Where a cue's sentence starts for the quote before it: the parser ends a sentence after a
    quote closing on ``!`` or ``?`` (``"Open the door!" an officer shouts.``), or on a period when
    the next sentence opens in lower case (``"… public events." added Lauten``), so such a quote, on
    the same line just before the sentence, belongs to it like ``"…," he said.`` does."""
    j = start - 1
    if j < 0 or qidx[j] < 0 or "\n" in doc[j].whitespace_:
        return start
    q = quotes[qidx[j]]
    inner = text_of(doc)[q.start:q.end].rstrip("".join(QUOTE_CHARS) + " ")
    if q.end == doc[j].idx + len(doc[j].text) and (inner.endswith(("!", "?")) or
                                                  inner.endswith(".") and doc[start].is_lower):
        return j
    return start


def _neighbour_paragraph(tok, left: int) -> set[int]:
    """``The governor added:`` + the next paragraph; a short ``he asks.`` line + the quote before it."""
    doc = tok.doc
    start, end = _line_bounds(doc, tok.i)
    words = [t for t in doc[start:end] if not t.is_punct and not t.is_space]
    last = end - 1
    while last > start and doc[last].is_space:
        last -= 1
    if doc[last].text == ":" and last > tok.i:
        j = end
        while j < len(doc) and doc[j].is_space:
            j += 1
        return set(range(*_line_bounds(doc, j))) if j < len(doc) else set()
    if start == left and len(words) <= 8:
        s, e = _prev_line(doc, start)
        if e > s and doc[s].text[:1] in QUOTE_OPENERS:
            return set(range(s, e))
    return set()


def _following_quote(tok, taken: set[int], quotes: list[Quote], qidx: list[int]) -> set[int]:
    """The quote that resumes right after ``"…," he said, "…"`` or opens the next sentence
    (``"…," X said. "…"``), joined to the first one's content, unless it closes on a comma and so
    leads to a cue of its own (``"…," Smith said. "It is a scandal," Jones replied.``)."""
    doc = tok.doc
    j = max(taken | {tok.i}) + 1
    while j < len(doc) and doc[j].text in (",", ":", ".") and qidx[j] < 0:
        j += 1
    if j < len(doc) and j > max(taken | {tok.i}) + 1 and qidx[j] >= 0 and doc[j].idx == quotes[qidx[j]].start:
        q = quotes[qidx[j]]
        if "." in doc[j - 1].text and leads_to_cue(text_of(doc)[q.start:q.end]):
            return set()
        span = doc.char_span(q.start, q.end, alignment_mode="expand")
        if span is not None:
            return set(range(span.start, span.end))
    return set()


def _line_bounds(doc, i: int) -> tuple[int, int]:
    """Token range of the line (paragraph) holding token ``i``."""
    start = i
    while start > 0 and "\n" not in doc[start - 1].text + doc[start - 1].whitespace_:
        start -= 1
    end = i + 1
    while end < len(doc) and "\n" not in doc[end - 1].whitespace_ + doc[end].text:
        end += 1
    return start, end


def _prev_line(doc, start: int) -> tuple[int, int]:
    j = start - 1
    while j >= 0 and doc[j].is_space:
        j -= 1
    return _line_bounds(doc, j) if j >= 0 else (0, 0)


def _speaker_turn(doc, end: int) -> set[int]:
    """Paragraphs after a transcript turn ``NAME: …`` up to the next turn."""
    out: set[int] = set()
    while end < len(doc):
        j = end
        while j < len(doc) and doc[j].is_space:
            j += 1
        if j >= len(doc):
            break
        s, e = _line_bounds(doc, j)
        if any(t.text == ":" for t in doc[s:min(e, s + 5)]):
            break
        out.update(range(s, e))
        end = e
    return out


def _punct_attribution(tok, quotes, qidx) -> Attribution | None:
    """``NAME: words…`` (transcripts, headlines) and ``"…" ― Name`` attributions."""
    doc = tok.doc
    start, end = _line_bounds(doc, tok.i)
    if tok.text == ":":
        src = {i for i in range(start, tok.i) if doc[i].text not in QUOTE_OPENERS}  # '"WALLACE: …' (quoted transcript)
        content = set(range(tok.i + 1, end))
        left = doc[start:tok.i]
        if left and all(t.is_upper or not t.is_alpha for t in left):
            content |= _speaker_turn(doc, end)
    else:
        src, content = set(range(tok.i + 1, end)), set(range(start, tok.i))
        if not any(not doc[i].is_punct for i in content):
            content = set(range(*_prev_line(doc, start)))
        content = extend_to_quotes(content, doc, quotes, qidx)
    frags = fragments(doc, content)
    if not frags or not src:
        return None
    return Attribution(source=outer_span(doc, src), cue=tokens_span(doc, tok.i, tok.i + 1), content=frags,
                       kind=_kind(frags, quotes))


def _kind(frags: tuple[Span, ...], quotes: list[Quote]) -> str:
    inside = total = 0
    for f in frags:
        for q in quotes:
            inside += max(0, min(f.end, q.end) - max(f.start, q.start))
        total += f.end - f.start
    if total and inside >= 0.9 * total:
        return "direct"
    return "mixed" if inside else "indirect"
