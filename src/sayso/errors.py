"""One exception hierarchy, rooted in :class:`SaysoError`. Messages say what went wrong and what to do."""
from __future__ import annotations


class SaysoError(Exception):
    """Base of every error sayso raises on purpose."""


class InputError(SaysoError):
    """An input could not be read as an article. Names the file and the reason."""

    def __init__(self, path: str, reason: str):
        self.path = str(path)
        self.reason = reason
        super().__init__(f"{self.path}: {reason}")


class StoreError(SaysoError):
    """The database could not be opened, migrated or written."""


class ModelError(SaysoError):
    """The NLP model or the trained extractor could not be loaded."""


class NotFound(SaysoError):
    """A requested record (article, speaker, outlet) does not exist."""


class QueryInterrupted(SaysoError):
    """A read was stopped: it ran past its time limit, its client left, or the server is stopping."""
