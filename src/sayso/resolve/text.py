"""The text of a parsed document, computed once (``Doc.text`` rebuilds the string on every call)."""
from __future__ import annotations

from spacy.tokens import Doc

_KEY = "sayso_text"


def text_of(doc: Doc) -> str:
    """``doc.text``, cached in the document's user data."""
    text = doc.user_data.get(_KEY)
    if text is None:
        text = doc.user_data[_KEY] = doc.text
    return text


def slice_tokens(doc: Doc, i: int, j: int) -> str:
    """Article text of tokens i..j-1 (exclusive end)."""
    if j <= i:
        return ""
    return text_of(doc)[doc[i].idx: doc[j - 1].idx + len(doc[j - 1].text)]
