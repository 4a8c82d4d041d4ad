"""Readers: files, directories and standard input to :class:`~sayso.model.Article`.

``read_paths(paths, settings)`` yields an ``Article`` per article and an
:class:`~sayso.errors.InputError` per input that could not be read; errors are yielded, never
raised. Formats: plain text, HTML (trafilatura), JSON Lines, RSS/Atom feeds, each optionally
gzipped. ``Article.text`` is the text exactly as stored; every offset points into it.
"""
from __future__ import annotations

from .paths import read_bytes, read_file, read_path, read_paths, read_stdin
from .source import EXTENSIONS, Origin, sniff
from .text import text_article

__all__ = ["read_path", "read_paths", "read_file", "read_stdin", "read_bytes", "text_article",
           "sniff", "Origin", "EXTENSIONS"]
