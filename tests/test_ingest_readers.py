"""Readers per format: what a user gets from text, HTML, JSON Lines and feed files."""
from __future__ import annotations

from pathlib import Path

import pytest

from sayso.errors import InputError
from sayso.ingest import read_path
from sayso.model import Article

FIXTURES = Path(__file__).parent / "fixtures" / "ingest"


def read_one(path) -> Article:
    (item,) = list(read_path(path))
    assert isinstance(item, Article), item
    return item


def split(items):
    items = list(items)
    return [i for i in items if isinstance(i, Article)], [i for i in items if isinstance(i, InputError)]


# --- plain text ---------------------------------------------------------------------------------

def test_sample_report_keeps_the_whole_file_as_text_and_reads_its_metadata(samples):
    path = samples / "000_9cfde4bed9230b3c.txt"
    a = read_one(path)
    assert a.text == path.read_text(encoding="utf-8")  # title and Sources lines stay in the text
    assert a.id == "000_9cfde4bed9230b3c"
    assert a.date == "2026-03-11"
    assert a.title.startswith("Trump envoy’s unusual reaction to Russia sharing intel with Iran")
    assert a.credits == ("CNBC", "Washington Post", "Digi24", "WP")
    assert (a.format, a.path) == ("text", str(path))


def test_title_offsets_point_into_the_unchanged_text(tmp_path):
    p = tmp_path / "x.txt"
    p.write_text("  date 2026-01-02 A headline here\n\nBody said he.\nSources: AP; Reuters.\n", encoding="utf-8")
    a = read_one(p)
    assert a.text.startswith("  date 2026-01-02")
    start = a.text.index(a.title)
    assert a.text[start:start + len(a.title)] == "A headline here"
    assert a.credits == ("AP", "Reuters")


def test_short_first_line_is_a_title_but_a_long_paragraph_is_not(tmp_path):
    (tmp_path / "t.txt").write_text("Outside GOP group goes in big for Shuster.\n\nBody text.", encoding="utf-8")
    (tmp_path / "p.txt").write_text(("word " * 60).strip() + ".\n\nMore.", encoding="utf-8")
    assert read_one(tmp_path / "t.txt").title == "Outside GOP group goes in big for Shuster."
    assert read_one(tmp_path / "p.txt").title is None


def test_byte_order_mark_is_dropped_and_offsets_count_from_after_it(tmp_path):
    p = tmp_path / "bom.txt"
    p.write_bytes(b"\xef\xbb\xbfHeadline\n\nHe said hi.")
    a = read_one(p)
    assert a.text == "Headline\n\nHe said hi."


def test_windows_line_endings_are_kept(tmp_path):
    p = tmp_path / "crlf.txt"
    p.write_bytes(b"Headline\r\n\r\nHe said hi.\r\n")
    assert read_one(p).text == "Headline\r\n\r\nHe said hi.\r\n"


# --- HTML ---------------------------------------------------------------------------------------

def test_html_main_text_and_metadata_without_scripts():
    a = read_one(FIXTURES / "script.html")
    assert a.format == "html"
    assert "denied a newspaper report" in a.text
    assert "never done such a thing" in a.text
    for junk in ("EVIL", "STYLE-TEXT", "document.write", "Copyright"):
        assert junk not in a.text
    assert a.title == "Minister denies report"
    assert (a.date, a.outlet, a.authors) == ("2026-03-11", "Example Times", ("Carla Columnist",))
    assert a.url == "https://times.example.com/minister-denies"


def test_bundled_html_sample_has_title_date_and_text(samples):
    a = read_one(samples / "ap_sondland-testimony.html")
    assert a.title == "Unpredictable Sondland faces questions about Trump, Ukraine"
    assert a.date == "2019-11-20"
    assert "Sondland" in a.text and "<" not in a.text


def test_html_in_a_declared_legacy_charset_is_decoded(tmp_path):
    page = (FIXTURES / "script.html").read_text(encoding="utf-8")
    page = page.replace('charset="utf-8"', 'charset="iso-8859-1"').replace("minister told", "ministre élu told")
    (tmp_path / "latin.html").write_bytes(page.encode("latin-1"))
    assert "ministre élu told" in read_one(tmp_path / "latin.html").text


def test_html_without_article_text_is_an_error(tmp_path):
    (tmp_path / "nav.html").write_text("<html><head><script>steal()</script></head><body><img src=x></body></html>", encoding="utf-8")
    (err,) = read_path(tmp_path / "nav.html")
    assert isinstance(err, InputError) and "no article text found" in err.reason


# --- JSON Lines ---------------------------------------------------------------------------------

def test_jsonl_good_lines_are_read_and_bad_lines_are_reported_by_line_number():
    path = FIXTURES / "articles.jsonl"
    articles, errors = split(read_path(path))
    assert [a.id for a in articles] == ["a1", "articles-2", "6"]
    a1, a2, a6 = articles
    assert a1.authors == ("Jane Roe", "John Doe") and a1.outlet == "Example News"
    assert a1.text == "The envoy said the Russians had assured him.\nAnother line."
    assert (a2.text, a2.outlet, a2.date, a2.authors) == (
        "Officials said the claims were false.", "Other Daily", "2026-03-12", ("Ann Writer",))
    assert a6.outlet == "Wire" and a6.format == "jsonl"
    assert [e.path for e in errors] == [f"{path}:3", f"{path}:4", f"{path}:6"]
    assert "malformed JSON" in errors[0].reason
    assert "array, not a JSON object" in errors[1].reason
    assert "no article text" in errors[2].reason


@pytest.mark.parametrize("line, reason", [
    (b"42", "line is a number"),
    (b'"just a string"', "line is a string"),
    (b"null", "line is null"),
    (b"[" * 100_000 + b"]" * 100_000, "nested too deeply"),
    (b'{"text": ["not", "a", "string"]}', '"text" must be a string'),
    (b'{"text": "   "}', "only whitespace"),
    (b'{"text": "caf\xe9"}', "not valid UTF-8"),
])
def test_hostile_jsonl_lines_each_give_one_clear_error(tmp_path, line, reason):
    p = tmp_path / "bad.jsonl"
    p.write_bytes(b'{"id": "ok", "text": "Fine."}\n' + line + b"\n")
    articles, errors = split(read_path(p))
    assert [a.id for a in articles] == ["ok"]
    (err,) = errors
    assert err.path == f"{p}:2" and reason in err.reason


def test_bundled_basil_jsonl_gives_three_outlets(samples):
    articles, errors = split(read_path(samples / "basil_2012_triplet.jsonl"))
    assert not errors
    assert [a.outlet for a in articles] == ["hpo", "fox", "nyt"]


# --- feeds --------------------------------------------------------------------------------------

def test_rss_entries_become_articles_with_paragraphs_and_no_script():
    first, second = read_path(FIXTURES / "rss.xml")
    assert first.id == "wire-2026-0311-envoy" and first.format == "feed"
    assert first.text == ("The envoy said the Russians had assured him they were not passing intelligence."
                          "\n\n“Let’s hope they are not,” he told reporters.")
    assert (first.outlet, first.date, first.authors) == ("Example Wire", "2026-03-11", ("Jane Roe",))
    assert first.url == "https://wire.example.org/2026/03/11/envoy"
    assert second.id == second.url == "https://wire.example.org/2026/03/11/hegseth"
    assert second.text == "He said the countries “have no relevance” to the situation."


def test_atom_entry_keeps_authors_date_and_paragraphs():
    a = read_one(FIXTURES / "atom.atom")
    assert a.authors == ("Ann Writer", "Bob Reporter")
    assert a.date == "2026-03-12" and a.outlet == "Atom Daily"
    assert a.text == "Officials said the possibility was remote.\n\nA spokesperson declined to comment."


@pytest.mark.parametrize("name, reason", [
    ("empty-feed.rss", "feed has no items"),
    ("not-a-feed.xml", "not an RSS or Atom feed"),
])
def test_feed_problems_are_errors(name, reason):
    (err,) = read_path(FIXTURES / name)
    assert isinstance(err, InputError) and err.reason.startswith(reason)
