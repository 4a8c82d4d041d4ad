"""Token and span helpers shared by the extractor (``sayso.nlp``) and the resolver (``sayso.resolve``).

The text of a ``Doc`` is computed once and kept in its user data (spaCy rebuilds ``Doc.text``
from the tokens on every access); spans built from tokens point into that text, so their offsets
are the article's.
"""
from __future__ import annotations

from spacy.tokens import Doc, Token

from ..model import Span

__all__ = ["text_of", "slice_tokens", "token_span", "tokens_span"]

_KEY = "sayso.text"


def text_of(doc: Doc) -> str:
    """``doc.text``, computed once per Doc."""
    text = doc.user_data.get(_KEY)
    if text is None:
        text = doc.user_data[_KEY] = doc.text
    return text


def slice_tokens(doc: Doc, i: int, j: int) -> str:
    """Article text of tokens i..j-1 (exclusive end), without the trailing space."""
    if j <= i:
        return ""
    return text_of(doc)[doc[i].idx: doc[j - 1].idx + len(doc[j - 1].text)]


def tokens_span(doc: Doc, i: int, j: int) -> Span:
    """The span from the start of token i to the end of token j-1."""
    a, b = doc[i].idx, doc[j - 1].idx + len(doc[j - 1].text)
    return Span(a, b, text_of(doc)[a:b])


def token_span(t: Token) -> Span:
    """The span of one token."""
    return Span(t.idx, t.idx + len(t.text), t.text)
