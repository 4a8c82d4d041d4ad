"""The pages: search, article highlights (nesting, escaping), speaker, outlet, analyze, errors."""
from __future__ import annotations

import html
import re
import warnings
from html.parser import HTMLParser

import pytest

from sayso.settings import Settings
from sayso.web import create_app
from sayso.web.highlight import highlight_article
from sayso.web.views import Pager
from webdata import PASTED, REPO, XSS, FakePipeline, build_db, sample_report

with warnings.catch_warnings():  # starlette warns that httpx is deprecated for its TestClient
    warnings.simplefilter("ignore", UserWarning)
    from fastapi.testclient import TestClient

REPORT = "000_9cfde4bed9230b3c"


class Marks(HTMLParser):
    """Every <mark> of a page: its attributes, its whole text, and the marks around it."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.stack, self.marks, self.scripts, self.text = [], [], [], []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "script":
            self.scripts.append(attrs)
        if tag == "mark":
            m = {"attrs": attrs, "text": "", "outer": [s["attrs"] for s in self.stack]}
            self.stack.append(m)
            self.marks.append(m)

    def handle_endtag(self, tag):
        if tag == "mark":
            self.stack.pop()

    def handle_data(self, data):
        for m in self.stack:
            m["text"] += data


def parse(page: str) -> Marks:
    p = Marks()
    p.feed(page)
    return p


@pytest.fixture(scope="module")
def db(tmp_path_factory):
    return build_db(tmp_path_factory.mktemp("pages") / "pages.db")


def client_for(db, token=None):
    app = create_app(db, settings=Settings(db=str(db), api_token=token), test_config={"pipeline": FakePipeline()})
    return TestClient(app, raise_server_exceptions=False, base_url="http://localhost")


@pytest.fixture(scope="module")
def client(db):
    return client_for(db)


def test_search_finds_witkoff_with_links(client):
    r = client.get("/", params={"speaker": "Witkoff"})
    assert r.status_code == 200 and "text/html" in r.headers["content-type"]
    assert "3 attributions found" in r.text
    assert f'href="/articles/{REPORT}#a-0"' in r.text and 'href="/articles/cnbc_witkoff#a-0"' in r.text
    assert re.search(r'href="/speakers/\d+">Steve Witkoff</a>', r.text)


def test_search_highlights_matches_and_escapes_the_query(client):
    r = client.get("/", params={"q": "passing intelligence"})
    assert '<mark class="match">passing</mark> <mark class="match">intelligence</mark>' in r.text
    r = client.get("/", params={"q": XSS})
    assert XSS not in r.text and 'value="&lt;script&gt;alert(1)&lt;/script&gt;"' in r.text


def test_search_form_offers_every_filter(client):
    text = client.get("/").text
    for name in ("q", "speaker", "source_type", "outlet", "date_from", "date_to", "stance"):
        assert f'name="{name}"' in text
    assert "<option>anonymous</option>" in text and "<option>Digi24</option>" in text
    assert "Latest of 8 attributions in 3 articles" in text


def test_search_filters_and_bad_filter(client):
    assert "1 attribution found" in client.get("/", params={"source_type": "anonymous", "stance": ""}).text
    r = client.get("/", params={"stance": "furious"})
    assert r.status_code == 422 and "stance: unknown value" in r.text and "text/html" in r.headers["content-type"]


def test_search_is_paginated(tmp_path):
    from sayso.model import AnalyzedArticle, Article, Attribution, Span

    text = " ".join(f"Official {i} said yes." for i in range(45))
    atts = tuple(Attribution(Span.of(text, *m.span(1)), Span.of(text, *m.span(2)), (Span.of(text, *m.span(3)),))
                 for m in re.finditer(r"(Official \d+) (said) (yes)", text))
    db = build_db(tmp_path / "many.db", [AnalyzedArticle(Article("many", text, title="Many"), atts)])
    c = client_for(db)
    first = c.get("/", params={"q": "yes official"}).text
    assert "1–20 of 45" in first and 'rel="next" href="/?q=yes+official&amp;offset=20"' in first
    last = c.get("/", params={"q": "yes official", "offset": 40}).text
    assert "41–45 of 45" in last and 'rel="prev"' in last and 'rel="next"' not in last


def test_pager_arithmetic():
    p = Pager(total=45, limit=20, offset=20)
    assert (p.first, p.last, p.prev_offset, p.next_offset) == (21, 40, 0, 40)
    assert Pager(0, 20, 0).first == 0 and Pager(0, 20, 0).next_offset is None


def test_article_highlights_sit_on_the_right_words(client):
    analyzed = sample_report()
    page = parse(client.get(f"/articles/{REPORT}").text)
    by_key = {(int(m["attrs"]["data-att"]), m["attrs"]["data-role"]): m for m in page.marks
              if "data-att" in m["attrs"]}
    for i, att in enumerate(analyzed.attributions):
        assert by_key[(i, "source")]["text"] == att.source.text
        assert by_key[(i, "cue")]["text"] == att.cue.text
        assert by_key[(i, "content")]["text"] == att.content[0].text
    for m in page.marks:
        if "data-att" in m["attrs"]:
            assert m["attrs"]["tabindex"] == "0" and m["attrs"]["aria-describedby"] == f"a-{m['attrs']['data-att']}"


def test_nested_source_and_cue_sit_inside_the_outer_content(client):
    page = parse(client.get(f"/articles/{REPORT}").text)
    russians = next(m for m in page.marks if m["text"] == "The Russians")
    assert russians["attrs"]["class"] == "hl hl-source"
    assert [o["data-role"] for o in russians["outer"]] == ["content"]  # Witkoff's quote holds it
    assert russians["outer"][0]["data-speaker"] == "Steve Witkoff"
    assert russians["attrs"]["data-speaker"] == "Russian officials"


def test_tooltip_data_speaker_type_stance_confidence(client):
    page = parse(client.get(f"/articles/{REPORT}").text)
    m = next(m for m in page.marks if m["attrs"].get("data-att") == "0" and m["attrs"]["data-role"] == "source")
    assert {k: m["attrs"][k] for k in ("data-speaker", "data-type", "data-stance", "data-confidence")} == {
        "data-speaker": "Steve Witkoff", "data-type": "person", "data-stance": "hedges", "data-confidence": "0.90"}


def test_article_page_has_legend_side_list_and_original_link(client):
    text = client.get(f"/articles/{REPORT}").text
    assert 'aria-label="Colour legend"' in text
    assert text.count('<li id="a-') == 6
    assert 'href="https://www.digi24.ro/example"' in text and "Original article" in text
    assert 'href="/outlets/Digi24"' in text


def test_script_injection_is_escaped_everywhere(client):
    for url in ("/articles/xss", "/?q=harmless", "/speakers", "/outlets", "/articles"):
        page = client.get(url).text
        assert "<script>alert" not in page and "<img src=x" not in page and "<b>Evil" not in page, url
        assert [s.get("src") for s in parse(page).scripts] == ["/static/app.js"], url
    page = client.get("/articles/xss").text
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert "javascript:" not in page  # the article's javascript: URL is never linked


def test_speaker_page_has_descriptions_outlets_and_timeline(client):
    r = client.get("/speakers/Witkoff")
    assert r.status_code == 200
    assert "3 statements in 2 articles" in r.text
    assert "special envoy to the Middle East" in r.text
    assert 'href="/outlets/CNBC"' in r.text and 'href="/outlets/Digi24"' in r.text
    svg = re.search(r"<svg class=\"timeline\".*?</svg>", r.text, re.S).group(0)
    assert re.findall(r"<title>(.*?)</title>", svg) == ["2026-02: 1 statement", "2026-03: 2 statements"]


def test_speakers_and_outlets_lists(client):
    assert "Steve Witkoff" in client.get("/speakers", params={"name": "witkoff"}).text
    outlets = client.get("/outlets").text
    assert "Digi24" in outlets and "17%" in outlets
    outlet = client.get("/outlets/Digi24").text
    assert "Most-cited sources" in outlet and "Steve Witkoff" in outlet and "17%" in outlet


def test_unknown_pages_are_html_404s(client):
    for url in ("/articles/nope", "/speakers/Nobody%20Atall", "/outlets/Nowhere", "/no/such/page"):
        r = client.get(url)
        assert r.status_code == 404 and "text/html" in r.headers["content-type"] and "Error 404" in r.text


def test_analyze_page_shows_highlights_at_once(client):
    assert 'enctype="multipart/form-data"' in client.get("/analyze").text
    r = client.post("/analyze", data={"text": PASTED})
    assert r.status_code == 200
    marks = {m["text"] for m in parse(r.text).marks}
    assert {"Maria Lopez", "said", "We are closer than ever,", "the minister"} <= marks
    assert "2 attributions found" in r.text


def test_analyze_page_upload(client):
    r = client.post("/analyze", files={"file": ("talks.txt", PASTED.encode(), "text/plain")})
    assert r.status_code == 200 and "Maria Lopez" in {m["text"] for m in parse(r.text).marks}


def test_analyze_page_explains_problems_in_the_form(client):
    r = client.post("/analyze", data={"text": "  "})
    assert r.status_code == 422 and 'role="alert"' in r.text and "paste an article" in r.text
    r = client.post("/analyze", data={"text": PASTED, "store": "true"})
    assert r.status_code == 403 and "SAYSO_API_TOKEN" in r.text


def test_analyze_page_stores_with_the_token(tmp_path):
    db = build_db(tmp_path / "s.db")
    c = client_for(db, token="tok")
    assert "API token" in c.get("/analyze").text
    assert c.post("/analyze", data={"text": PASTED, "store": "true", "token": "bad"}).status_code == 401
    r = c.post("/analyze", data={"text": PASTED, "store": "true", "token": "tok"})
    assert r.status_code == 200 and "stored as" in r.text
    assert "Maria Lopez" in c.get("/speakers").text


def test_static_files_are_served(client):
    assert client.get("/static/style.css").status_code == 200
    assert "focusin" in client.get("/static/app.js").text


# -- highlighting: pure functions -----------------------------------------------------------------

def _span(start, end, text):
    return {"start": start, "end": end, "text": text[start:end]}


def _visible(markup: str) -> str:
    return html.unescape(re.sub(r"<[^>]+>", "", markup))


def test_highlight_keeps_every_character_and_escapes():
    text = "<b>“A & B,”</b> she said."
    atts = [{"source": _span(16, 19, text), "cue": _span(20, 24, text), "content": [_span(4, 10, text)]}]
    out = str(highlight_article(text, atts))
    assert _visible(out) == text
    assert "<b>" not in out and "&lt;b&gt;" in out and "&amp;" in out


def test_crossing_spans_are_cut_into_a_proper_tree():
    text = "0123456789abcdefghij"
    atts = [{"source": None, "cue": None, "content": [_span(2, 10, text)]},
            {"source": _span(8, 14, text), "cue": None, "content": []}]
    out = str(highlight_article(text, atts))
    assert _visible(out) == text
    page = parse(out)
    pieces = [m["text"] for m in page.marks if m["attrs"]["data-att"] == "1"]
    assert pieces == ["89", "abcd"]  # the source is cut where the content ends
    assert out.count("<mark") == out.count("</mark>") == 3


def test_the_real_sample_highlights_without_losing_text(tmp_path):
    analyzed = sample_report()
    d = analyzed.to_dict()
    out = str(highlight_article(analyzed.article.text, d["attributions"]))
    assert _visible(out) == (REPO / "data" / "samples" / f"{REPORT}.txt").read_text(encoding="utf-8")


def test_pages_forbid_inline_scripts(client):
    r = client.get(f"/articles/{REPORT}")
    csp = r.headers["content-security-policy"]
    assert "script-src 'self'" in csp and "unsafe-inline" not in csp
    assert r.headers["x-content-type-options"] == "nosniff"
    assert "innerHTML" not in client.get("/static/app.js").text  # the tooltip is built from text only
    assert client.get("/api/v1/stats").headers["x-frame-options"] == "DENY"
