"""Layouts read by rule: quote bylines (``“…” ― Name``) and transcript turns (``PENCE: …``).

A quote byline is a closed quotation, a dash, and the name of who said it, ending the line:

``“Maybe, we can build a wall around Donald Trump.” ― Steve Quinlan`` (reader quotes, pull
quotes, epigraphs). PolNeAR train has almost none of them (4 dash cues in 840 articles), so the
learned scorer never rates the dash; the layout itself is unambiguous, so it is read by rule:
the quotation is the content, the dash the cue, the name (up to ``MAX_WORDS`` words, starting
with a capital) the source. The tokenizer sometimes glues the dash to the closing mark (``”―``),
so the cue is the dash character wherever it sits.

A transcript turn (``"WALLACE: …``, often inside a quotation left open, which makes the learned
scorer read the colon as quoted text) is trusted when its upper-case label opens at least two lines.
"""
from __future__ import annotations

from ..lexicon import DASHES, QUOTE_OPENERS
from ..model import Attribution, Span
from .quotes import Quote
from .tokens import text_of

__all__ = ["quote_byline", "transcript_turns"]

MAX_WORDS = 6


def _dash_at(tok) -> int | None:
    """Character offset of the dash ``tok`` ends with (``―`` or ``”―``), or None."""
    for d in DASHES:
        if tok.text.endswith(d):
            return tok.idx + len(tok.text) - len(d)
    return None


def _name_span(doc, i: int) -> tuple[int, int] | None:
    """Character range of the name after token ``i`` up to the end of its line, if it looks like one."""
    words = []
    j = i + 1
    while j < len(doc) and "\n" not in doc[j].text and "\n" not in doc[j - 1].whitespace_:
        if not doc[j].is_space:
            words.append(doc[j])
        j += 1
    while words and words[-1].is_punct:
        words.pop()
    if not words or len(words) > MAX_WORDS or not words[0].is_title:
        return None
    if any(w.pos_ in ("VERB", "AUX") and not w.is_title for w in words):
        return None
    return words[0].idx, words[-1].idx + len(words[-1].text)


def _quote_before(text: str, quotes: list[Quote], dash: int) -> Quote | None:
    """The closed quotation ending just before ``dash`` (only spaces between)."""
    for q in quotes:
        if q.closed and q.end <= dash and not text[q.end:dash].strip():
            return q
    return None


def quote_byline(tok, quotes: list[Quote]) -> Attribution | None:
    """The attribution ``“…” ― Name`` whose dash is (or ends) ``tok``, or None."""
    dash = _dash_at(tok)
    if dash is None:
        return None
    doc = tok.doc
    text = text_of(doc)
    name = _name_span(doc, tok.i)
    q = _quote_before(text, quotes, dash) if name else None
    if q is None:
        return None
    end = q.end
    while end > q.start and text[end - 1].isspace():
        end -= 1
    dash_end = dash + next(len(d) for d in DASHES if text.startswith(d, dash))
    return Attribution(source=Span.of(text, *name), cue=Span.of(text, dash, dash_end),
                       content=(Span.of(text, q.start, end),), kind="direct")


def _turn_label(tok) -> str | None:
    """``WALLACE`` when ``tok`` is the colon of a line opening ``WALLACE:`` (or ``"WALLACE:``)."""
    if tok.text != ":":
        return None
    doc = tok.doc
    words = []
    j = tok.i - 1
    while j >= 0 and tok.i - j <= 4 and "\n" not in doc[j].text + doc[j].whitespace_:
        words.append(doc[j])
        j -= 1
    words.reverse()
    if words and words[0].text in QUOTE_OPENERS:
        words = words[1:]
    if not 1 <= len(words) <= 3 or not all(w.is_alpha and w.is_upper and len(w.text) > 1 for w in words):
        return None
    return " ".join(w.text for w in words)


def transcript_turns(doc) -> set[int]:
    """Indices of the colons that open a transcript turn (``PENCE: …``): an upper-case label of at
    most three words at the start of a line, used for at least two turns in the document."""
    labels = {}
    for tok in doc:
        if tok.text == ":":
            label = _turn_label(tok)
            if label:
                labels.setdefault(label, []).append(tok.i)
    return {i for ids in labels.values() if len(ids) >= 2 for i in ids}
