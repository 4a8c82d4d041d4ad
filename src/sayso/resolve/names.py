"""Speaker names that are no names: a date ("Wednesday" from "was accused Wednesday of"),
a negation ("No details"), a phrase over :data:`~sayso.lexicon.MAX_NAME_CHARS` characters, an
unbalanced bracket; and single words that name companies, not people ("WeWork", "Acme Corp")."""
from __future__ import annotations

import re

from spacy.tokens import Span as SpacySpan

from ..lexicon import COMPANY_SUFFIXES, DATE_WORDS, MAX_NAME_CHARS, SURNAME_PREFIXES

__all__ = ["is_no_name", "tidy_name", "looks_like_company"]

_CAMEL = re.compile(r"^[A-Z][a-z]+[A-Z][A-Za-z]*$")  # WeWork, PayPal, YouTube (not McCain: SURNAME_PREFIXES)


def is_no_name(name: str) -> bool:
    """Whether a source phrase cannot name a speaker: only date words, or opening with "no"."""
    words = re.findall(r"[^\W\d_]+", name.lower())
    if not words:
        return True
    return all(w in DATE_WORDS for w in words) or words[0] == "no"


def _balanced(name: str) -> str:
    """``name`` without an unclosed ``(`` and what follows it, or an unopened ``)`` and what precedes it."""
    depth, start = 0, 0
    for i, c in enumerate(name):
        if c == "(":
            depth += 1
        elif c == ")":
            if depth == 0:
                start = i + 1
            else:
                depth -= 1
    name = name[start:]
    if depth:
        name = name[: name.rfind("(")] if name.count("(") > name.count(")") else name
        while name.count("(") > name.count(")"):
            name = name[: name.rfind("(")]
    return name.strip(" ,;:-–—")


def tidy_name(name: str, span: SpacySpan | None = None) -> str:
    """``name`` with balanced brackets, no longer than ``MAX_NAME_CHARS`` (else the head phrase of
    ``span``: the head with its compounds and modifiers before it)."""
    if "(" in name or ")" in name:
        name = _balanced(name) or name
    if len(name) > MAX_NAME_CHARS and span is not None:
        root = span.root
        left = min([root.i] + [c.left_edge.i for c in root.lefts if c.dep_ in ("compound", "amod", "nmod", "det", "poss")])
        head = span.doc[left: root.i + 1].text
        name = head if len(head) <= MAX_NAME_CHARS else root.text
    return name


def looks_like_company(span: SpacySpan) -> bool:
    """A company name the tagger may take for a person: one camel-case word ("WeWork") or a name
    ending in a company word ("Acme Corp")."""
    words = [t for t in span if not t.is_punct]
    if not words:
        return False
    if words[-1].lower_ in COMPANY_SUFFIXES and len(words) > 1:
        return True
    return len(words) == 1 and bool(_CAMEL.match(words[0].text)) and not words[0].text.startswith(SURNAME_PREFIXES)
