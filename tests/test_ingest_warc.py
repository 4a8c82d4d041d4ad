"""Web archives: HTML responses become articles, other records are skipped and counted, a bad
record is reported by file and record number and the rest go on. The tests write their own WARC."""
from __future__ import annotations

from io import BytesIO

import pytest
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from sayso.errors import InputError
from sayso.ingest import read_paths
from sayso.settings import Settings

PAGE = """<!doctype html><html><head><title>{title}</title><meta name="author" content="Jo Reporter"></head>
<body><nav>Home | World</nav><article><h1>{title}</h1>
<p>{body}</p><p>"We will not back down," the mayor said on Tuesday, adding that the city would appeal.</p>
<p>Officials familiar with the talks said a deal was close, according to two people briefed on them.</p>
</article><footer>Copyright</footer></body></html>"""


def page(title: str, body: str) -> bytes:
    return PAGE.format(title=title, body=body).encode()


def write_warc(path, *, gz: bool) -> None:
    """warcinfo, request, HTML response, image, redirect, a response with a corrupt gzip body, HTML response."""
    with open(path, "wb") as f:
        w = WARCWriter(f, gzip=gz)
        w.write_record(w.create_warcinfo_record(path.name, {"software": "sayso tests"}))

        def response(uri, body, ctype="text/html; charset=utf-8", status="200 OK", extra=()):
            headers = StatusAndHeaders(status, [("Content-Type", ctype), *extra], protocol="HTTP/1.1")
            w.write_record(w.create_warc_record(uri, "response", payload=BytesIO(body), http_headers=headers))

        req = StatusAndHeaders("GET /a HTTP/1.1", [("Host", "news.example")], is_http_request=True)
        w.write_record(w.create_warc_record("https://news.example/a", "request", payload=BytesIO(b""),
                                            http_headers=req))
        response("https://news.example/a", page("Mayor vows appeal", "The city lost its case in court."))
        response("https://news.example/logo.png", b"\x89PNG\r\n\x1a\n" + bytes(200), ctype="image/png")
        response("https://news.example/old", b"", status="301 Moved Permanently",
                 extra=[("Location", "https://news.example/a")])
        response("https://news.example/broken", b"\x1f\x8b\x08\x00 this is not gzip at all",
                 extra=[("Content-Encoding", "gzip")])
        response("https://news.example/b", page("Talks resume", "Negotiators met again in Geneva."))


@pytest.mark.parametrize("name", ["crawl.warc", "crawl.warc.gz"])
def test_html_responses_become_articles_and_the_rest_is_counted(tmp_path, name):
    path = tmp_path / name
    write_warc(path, gz=name.endswith(".gz"))
    skipped = []
    items = list(read_paths([tmp_path], Settings(), on_skip=skipped.append))  # found by walking the folder
    articles = [i for i in items if not isinstance(i, InputError)]
    errors = [i for i in items if isinstance(i, InputError)]
    assert [a.url for a in articles] == ["https://news.example/a", "https://news.example/b"]
    assert [a.title for a in articles] == ["Mayor vows appeal", "Talks resume"]
    assert all(a.format == "warc" and a.path == str(path) for a in articles)
    assert articles[0].id == "crawl-00003" and "the mayor said" in articles[0].text
    assert len({a.id for a in articles}) == 2
    assert sum(skipped) == 4  # warcinfo, request, image, redirect
    (err,) = errors
    assert err.path == f"{path}: record 6 (https://news.example/broken)"
    assert err.reason == "binary file, not text"  # the undecodable body, as the HTML reader says it


def test_a_broken_archive_names_the_record_where_it_broke(tmp_path):
    path = tmp_path / "cut.warc.gz"
    write_warc(path, gz=True)
    path.write_bytes(path.read_bytes() + b"GARBAGE" * 20 + path.read_bytes())
    items = list(read_paths([path], Settings()))
    assert sum(not isinstance(i, InputError) for i in items) == 2  # what came before is kept
    err = items[-1]
    assert isinstance(err, InputError) and err.path == f"{path}: record 8"
    assert err.reason.startswith("not a readable WARC record (ArchiveLoadFailed")
    assert err.reason.endswith("the rest of the file cannot be read")
