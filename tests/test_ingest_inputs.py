"""Paths, directories, standard input and every kind of bad input: one clear error each, the rest goes on."""
from __future__ import annotations

import gzip
import io
import os
import sys
from pathlib import Path

import pytest

from sayso.errors import InputError
from sayso.ingest import read_path, read_paths, read_stdin
from sayso.model import Article
from sayso.settings import Settings

FIXTURES = Path(__file__).parent / "fixtures" / "ingest"
GOOD = "Headline\n\nThe minister said it was false.\n"


def split(items):
    items = list(items)
    return [i for i in items if isinstance(i, Article)], [i for i in items if isinstance(i, InputError)]


def only_error(path, settings=None) -> InputError:
    (item,) = list(read_path(path, settings))
    assert isinstance(item, InputError), item
    assert item.path == str(path)
    return item


# --- bad files: one error each, naming the file and the reason -----------------------------------

@pytest.mark.parametrize("name, content, reason", [
    ("empty.txt", b"", "file is empty"),
    ("blank.txt", b"  \n\t\n ", "file has only whitespace"),
    ("image.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)), "binary file, not text"),
    ("latin1.txt", "Le ministre a déclaré.".encode("latin-1"), "not valid UTF-8 at byte 15: 0xe9"),
    ("empty.jsonl", b"", "file is empty"),
    ("blank.html", b"\n\n", "file has only whitespace"),
    ("binary.html", b"\x00\x01\x02garbage", "binary file, not text"),
    ("empty.rss", b"", "file is empty"),
])
def test_bad_file_gives_one_error_with_its_reason(tmp_path, name, content, reason):
    p = tmp_path / name
    p.write_bytes(content)
    assert only_error(p).reason.startswith(reason)


def test_non_utf8_error_says_how_to_fix_it(tmp_path):
    p = tmp_path / "cp1252.txt"
    p.write_bytes("“Smart quotes” from Word".encode("cp1252"))
    err = only_error(p)
    assert str(err).startswith(f"{p}: not valid UTF-8 at byte 0")
    assert "re-encode the file as UTF-8" in err.reason


def test_file_over_the_byte_limit_is_refused_by_its_size(tmp_path):
    p = tmp_path / "huge.txt"
    p.write_bytes(b"x" * (3 * 1024 * 1024 + 300 * 1024))
    err = only_error(p, Settings(max_bytes=2 * 1024 * 1024))
    assert err.reason == "file is 3.3 MB, over the 2 MB limit (SAYSO_MAX_BYTES)"


def test_default_limit_message_names_the_setting(tmp_path):
    p = tmp_path / "big.txt"
    with p.open("wb") as f:  # sparse: 25.3 MB on paper, nothing read
        f.truncate(int(25.3 * 1024 * 1024))
    assert only_error(p, Settings()).reason == "file is 25.3 MB, over the 20 MB limit (SAYSO_MAX_BYTES)"


def test_text_over_the_character_limit_is_refused(tmp_path):
    p = tmp_path / "long.txt"
    p.write_text("word " * 30, encoding="utf-8")
    err = only_error(p, Settings(max_chars=100))
    assert err.reason == "text is 150 characters, over the 100 limit (SAYSO_MAX_CHARS)"


def test_missing_path_is_an_error_not_an_exception(tmp_path):
    assert only_error(tmp_path / "nope.txt").reason == "no such file or directory"


def test_fifo_is_not_a_regular_file(tmp_path):
    p = tmp_path / "pipe.txt"
    os.mkfifo(p)
    assert only_error(p).reason == "not a regular file"


def test_unreadable_file_is_reported(tmp_path, monkeypatch):
    p = tmp_path / "secret.txt"
    p.write_text(GOOD, encoding="utf-8")
    p.chmod(0)
    if os.geteuid() == 0:  # root reads anything: make the open fail as it would for a user
        real_open = Path.open

        def denied_open(self, *args, **kwargs):
            if self == p:
                raise PermissionError(13, "Permission denied", str(self))
            return real_open(self, *args, **kwargs)
        monkeypatch.setattr(Path, "open", denied_open)
    assert only_error(p).reason.startswith("permission denied")


def test_unlistable_directory_is_reported_and_others_go_on(tmp_path, monkeypatch):
    locked = tmp_path / "locked"
    locked.mkdir()
    (tmp_path / "ok.txt").write_text(GOOD, encoding="utf-8")
    locked.chmod(0)
    if os.geteuid() == 0:  # as above, for listing the directory
        real_scandir = os.scandir

        def denied_scandir(d="."):
            if Path(d) == locked:
                raise PermissionError(13, "Permission denied", str(d))
            return real_scandir(d)
        monkeypatch.setattr(os, "scandir", denied_scandir)
    try:
        articles, errors = split(read_path(tmp_path))
    finally:
        locked.chmod(0o755)
    assert [a.id for a in articles] == ["ok"]
    (err,) = errors
    assert err.path == str(locked) and err.reason.startswith("cannot list directory: permission denied")


def test_one_bad_input_does_not_stop_the_others(tmp_path, samples):
    (tmp_path / "empty.txt").write_bytes(b"")
    items = list(read_paths([tmp_path / "empty.txt", tmp_path / "missing.txt", samples / "000_9cfde4bed9230b3c.txt"]))
    assert [type(i).__name__ for i in items] == ["InputError", "InputError", "Article"]


# --- directories --------------------------------------------------------------------------------

def test_directory_is_walked_recursively_in_sorted_order_reading_known_extensions(tmp_path):
    (tmp_path / "b").mkdir()
    (tmp_path / "b" / "two.txt").write_text(GOOD, encoding="utf-8")
    (tmp_path / "a.txt").write_text(GOOD, encoding="utf-8")
    (tmp_path / "README.md").write_text("# not an article", encoding="utf-8")
    (tmp_path / "photo.jpg").write_bytes(b"\xff\xd8\x00")
    (tmp_path / ".hidden").mkdir()
    (tmp_path / ".hidden" / "x.txt").write_text(GOOD, encoding="utf-8")
    articles, errors = split(read_path(tmp_path))
    assert [a.id for a in articles] == ["a", "two"] and not errors


def test_bundled_samples_directory_reads_every_article_and_skips_the_readme(samples):
    articles, errors = split(read_path(samples))
    assert not errors
    assert {a.format for a in articles} == {"text", "html", "jsonl"}
    assert "README" not in {a.id for a in articles}
    assert len(articles) == 9


def test_file_named_explicitly_is_read_whatever_its_extension(tmp_path):
    (tmp_path / "notes.md").write_text(GOOD, encoding="utf-8")
    (tmp_path / "feed.dat").write_bytes((FIXTURES / "atom.atom").read_bytes())
    (a,) = read_path(tmp_path / "notes.md")
    (f,) = read_path(tmp_path / "feed.dat")
    assert (a.format, a.id, f.format) == ("text", "notes", "feed")


# --- gzip ---------------------------------------------------------------------------------------

def test_gzipped_html_is_read_with_the_inner_stem_as_id(tmp_path):
    p = tmp_path / "page.html.gz"
    p.write_bytes(gzip.compress((FIXTURES / "script.html").read_bytes()))
    (a,) = read_path(p)
    assert (a.id, a.format) == ("page", "html") and "denied a newspaper report" in a.text


def test_gzip_bomb_is_refused_without_expanding_it(tmp_path):
    p = tmp_path / "bomb.txt.gz"
    p.write_bytes(gzip.compress(b"A" * (50 * 1024 * 1024)))  # 50 MB -> ~50 KB
    assert p.stat().st_size < 100_000
    err = only_error(p, Settings(max_bytes=1024 * 1024))
    assert err.reason.startswith("decompresses to over the 1 MB limit (SAYSO_MAX_BYTES)")


def test_corrupt_gzip_is_an_error(tmp_path):
    p = tmp_path / "bad.txt.gz"
    p.write_bytes(b"\x1f\x8b\x08\x00garbage-not-deflate")
    assert only_error(p).reason.startswith("not a valid gzip file")


# --- standard input -----------------------------------------------------------------------------

@pytest.mark.parametrize("data, fmt, ids", [
    (GOOD.encode(), "text", ["stdin"]),
    (b'\n{"text": "One said."}\n{"text": "Two said."}\n', "jsonl", ["stdin-2", "stdin-3"]),
    ((FIXTURES / "script.html").read_bytes(), "html", ["stdin"]),
    ((FIXTURES / "rss.xml").read_bytes(), "feed", ["wire-2026-0311-envoy", "https://wire.example.org/2026/03/11/hegseth"]),
])
def test_stdin_format_is_sniffed(data, fmt, ids):
    articles, errors = split(read_stdin(Settings(), io.BytesIO(data)))
    assert not errors
    assert [a.id for a in articles] == ids
    assert {a.format for a in articles} == {fmt} and {a.path for a in articles} == {"-"}


def test_dash_reads_sys_stdin(monkeypatch):
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(GOOD.encode())))
    (a,) = read_path("-")
    assert a.text == GOOD and a.id == "stdin"


def test_stdin_over_the_limit_is_refused():
    (err,) = read_stdin(Settings(max_bytes=10), io.BytesIO(b"x" * 50))
    assert err.path == "-" and "over the 10 bytes limit" in err.reason
