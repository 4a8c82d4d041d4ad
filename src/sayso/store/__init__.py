"""All of sayso's SQL: an SQLite record (WAL, FTS5, named migrations) behind :class:`Store`.

    >>> from sayso.store import Store
    >>> with Store("sayso.db") as store:          # doctest: +SKIP
    ...     key, created = store.add(analyzed)
    ...     store.quotes(speaker="Witkoff")
"""
from .core import Store

__all__ = ["Store"]
