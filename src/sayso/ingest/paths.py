"""Reading paths: files (format by extension, else sniffed), directories (recursive) and stdin.

Errors are yielded as :class:`~sayso.errors.InputError`, never raised, so one bad input
never stops the others.
"""
from __future__ import annotations

import logging
import os
import stat
import sys
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path

from ..errors import InputError
from ..model import Article
from ..settings import Settings
from .feeds import read_feed
from .html import read_html
from .jsonl import read_jsonl
from .source import Origin, format_for_name, maybe_gunzip, over_limit, read_limited, sniff, stem_of
from .text import read_text
from .warc import read_warc

log = logging.getLogger(__name__)
READERS = {"text": read_text, "html": read_html, "jsonl": read_jsonl, "feed": read_feed}
STDIN = "-"


def read_bytes(data: bytes, origin: Origin, fmt: str | None = None) -> Iterator[Article | InputError]:
    """Articles from raw bytes (gzip is undone first); ``fmt`` None means sniff the content."""
    try:
        data = maybe_gunzip(data, origin)
        yield from READERS[fmt or sniff(data)](data, origin)
    except InputError as e:
        yield e


def _os_reason(e: OSError) -> str:
    if isinstance(e, FileNotFoundError):
        return "no such file or directory"
    if isinstance(e, PermissionError):
        return "permission denied; check the file's permissions"
    return f"cannot read: {(e.strerror or str(e)).lower()}"


def read_file(path: Path, settings: Settings, fmt: str | None = None,
              on_skip: Callable[[int], None] | None = None) -> Iterator[Article | InputError]:
    """One file; its size is checked before anything is read (a web archive is streamed record by
    record instead; ``on_skip(n)`` is told how many of its records were not articles)."""
    origin = Origin(str(path), stem_of(path.name), settings)
    try:
        st = path.stat()
        if not stat.S_ISREG(st.st_mode):
            raise InputError(origin.path, "not a regular file")
        if (fmt or format_for_name(path.name)) == "warc":
            yield from read_warc(path, origin, on_skip)
            return
        if st.st_size > settings.max_bytes:
            raise over_limit(st.st_size, origin)
        with path.open("rb") as f:
            data = read_limited(f, origin, what="file grew while reading; it is")
    except OSError as e:
        yield InputError(origin.path, _os_reason(e))
        return
    except InputError as e:
        yield e
        return
    yield from read_bytes(data, origin, fmt or format_for_name(path.name))


def read_stdin(settings: Settings, stream=None) -> Iterator[Article | InputError]:
    """Standard input, format sniffed; id ``stdin`` (``stdin-N`` per JSON line)."""
    origin = Origin(STDIN, "stdin", settings)
    stream = stream if stream is not None else sys.stdin.buffer
    try:
        data = read_limited(stream, origin, what="standard input is")
    except InputError as e:
        yield e
        return
    yield from read_bytes(data, origin)


def walk(root: Path) -> Iterator[Path | InputError]:
    """Readable files under ``root`` in sorted order; hidden entries and unknown extensions skipped."""
    def on_error(e: OSError) -> None:
        errors.append(InputError(e.filename or str(root), f"cannot list directory: {_os_reason(e)}"))

    errors: list[InputError] = []
    for dirpath, dirnames, filenames in os.walk(root, onerror=on_error):
        yield from errors
        errors.clear()
        dirnames[:] = sorted(d for d in dirnames if not d.startswith("."))
        for name in sorted(filenames):
            if name.startswith(".") or format_for_name(name) is None:
                log.debug("skipping %s (not a known article format)", os.path.join(dirpath, name))
                continue
            yield Path(dirpath, name)
    yield from errors


def read_path(path: str | os.PathLike, settings: Settings | None = None,
              on_skip: Callable[[int], None] | None = None) -> Iterator[Article | InputError]:
    """Articles from a file, a directory (recursively) or ``"-"`` (standard input).

    A file named explicitly is read whatever its extension (unknown ones are sniffed);
    in a directory only known extensions are read (see ``source.EXTENSIONS``).
    """
    settings = settings or Settings.load()
    if str(path) == STDIN:
        yield from read_stdin(settings)
        return
    p = Path(path)
    if not p.is_dir():
        yield from read_file(p, settings, on_skip=on_skip)
        return
    for item in walk(p):
        if isinstance(item, InputError):
            yield item
        else:
            yield from read_file(item, settings, on_skip=on_skip)


def read_paths(paths: Iterable[str | os.PathLike], settings: Settings | None = None,
               on_skip: Callable[[int], None] | None = None) -> Iterator[Article | InputError]:
    """:func:`read_path` over several paths, in order. ``on_skip(n)``: records of a web archive
    that were not articles."""
    settings = settings or Settings.load()
    for path in paths:
        yield from read_path(path, settings, on_skip=on_skip)
