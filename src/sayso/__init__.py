"""sayso: who said what, on whose say-so.

    >>> import sayso
    >>> result = sayso.analyze_text("“We will win,” the senator said.")
    >>> result.attributions[0].source.text
    'the senator'
"""
from .errors import InputError, SaysoError
from .model import AnalyzedArticle, Article, Attribution, Span, Speaker, Stance
from .settings import Settings

__all__ = [
    "Article", "Attribution", "AnalyzedArticle", "Span", "Speaker", "Stance",
    "Settings", "SaysoError", "InputError",
    "Pipeline", "analyze_text", "read_path",
]
__version__ = "0.1.0"


def __getattr__(name):  # lazy: importing sayso must not load spaCy
    if name in ("Pipeline", "analyze_text"):
        from . import pipeline
        return getattr(pipeline, name)
    if name == "read_path":
        from .ingest import read_path
        return read_path
    raise AttributeError(name)
