"""The REST API: every endpoint, its filters and pagination, and the one error shape."""
from __future__ import annotations

import json
import warnings

import pytest

from sayso.settings import Settings
from sayso.web import create_app
from webdata import PASTED, FakePipeline, build_db

with warnings.catch_warnings():  # starlette warns that httpx is deprecated for its TestClient
    warnings.simplefilter("ignore", UserWarning)
    from fastapi.testclient import TestClient

REPORT = "000_9cfde4bed9230b3c"
TOKEN = "s3cret-token"


@pytest.fixture(scope="module")
def db(tmp_path_factory):
    return build_db(tmp_path_factory.mktemp("web") / "web.db")


def client_for(db, *, token=None, pipeline=None, **config):
    app = create_app(db, settings=Settings(db=str(db), api_token=token),
                     test_config={"pipeline": pipeline or FakePipeline(), **config})
    return TestClient(app, raise_server_exceptions=False, base_url="http://localhost")


@pytest.fixture(scope="module")
def client(db):
    return client_for(db)


def assert_error(response, status, code=None):
    """The one error shape: {"error": {"status", "code", "message"}}, JSON, no traceback."""
    assert response.status_code == status, response.text
    assert response.headers["content-type"].startswith("application/json")
    err = response.json()["error"]
    assert err["status"] == status and err["message"]
    assert "Traceback" not in response.text and 'File "' not in response.text
    if code:
        assert err["code"] == code
    return err


def test_articles_are_paginated_with_totals(client):
    first = client.get("/api/v1/articles", params={"limit": 2}).json()
    rest = client.get("/api/v1/articles", params={"limit": 2, "offset": 2}).json()
    assert first["total"] == rest["total"] == 3
    assert len(first["items"]) == 2 and len(rest["items"]) == 1
    keys = {a["key"] for a in first["items"] + rest["items"]}
    assert keys == {REPORT, "cnbc_witkoff", "xss"}


def test_articles_filter_by_outlet_and_words(client):
    assert [a["key"] for a in client.get("/api/v1/articles?outlet=CNBC").json()["items"]] == ["cnbc_witkoff"]
    found = client.get("/api/v1/articles", params={"q": "Kushner"}).json()
    assert found["total"] == 1 and found["items"][0]["key"] == REPORT


def test_article_spans_point_into_its_text(client):
    article = client.get(f"/api/v1/articles/{REPORT}").json()
    assert len(article["attributions"]) == 6
    for att in article["attributions"]:
        for span in [att["source"], att["cue"], *att["content"]]:
            assert article["text"][span["start"]:span["end"]] == span["text"]
    assert article["attributions"][0]["speaker"]["name"] == "Steve Witkoff"


def test_witkoff_statements_across_articles(client):
    page = client.get("/api/v1/attributions", params={"speaker": "Witkoff"}).json()
    assert page["total"] == 3
    assert {r["speaker_name"] for r in page["items"]} == {"Steve Witkoff"}
    assert {r["article_key"] for r in page["items"]} == {REPORT, "cnbc_witkoff"}


@pytest.mark.parametrize("params, total", [
    ({"outlet": "CNBC"}, 1), ({"source_type": "anonymous"}, 1), ({"stance": "hedges"}, 1),
    ({"date_from": "2026-03-01"}, 6), ({"date_to": "2026-02"}, 2), ({"article": "xss"}, 1),
    ({"speaker": "Witkoff", "outlet": "Digi24", "stance": "asserts"}, 1),
])
def test_attribution_filters(client, params, total):
    assert client.get("/api/v1/attributions", params=params).json()["total"] == total


def test_search_ranks_and_highlights_the_match_safely(client):
    page = client.get("/api/v1/search", params={"q": "intelligence"}).json()
    assert page["total"] == 3  # two say it, one has it in its source ("officials familiar with intelligence")
    in_content = [i for i in page["items"] if "intelligence" in i["content"]]
    assert len(in_content) == 2
    for item in in_content:
        assert '<mark class="match">intelligence</mark>' in item["snippet_html"]
        assert "intelligence" in item["snippet"] and "\x02" not in item["snippet"]
    xss = client.get("/api/v1/search", params={"q": "harmless"}).json()["items"][0]
    assert "<script>" not in xss["snippet_html"] and "&lt;script&gt;" in xss["snippet_html"]


@pytest.mark.parametrize("q", ['"unbalanced', "AND OR NOT", "intel* (", "it's -x ^y:z", "'; DROP TABLE x; --"])
def test_search_survives_operators_and_quotes(client, q):
    assert client.get("/api/v1/search", params={"q": q}).status_code == 200


def test_speakers_list_and_speaker_record(client):
    page = client.get("/api/v1/speakers", params={"limit": 2}).json()
    assert page["total"] == 6 and len(page["items"]) == 2
    assert page["items"][0]["name"] == "Steve Witkoff"  # most quoted first
    witkoff = client.get("/api/v1/speakers/Witkoff").json()
    assert witkoff["n_quotes"] == 3 and set(witkoff["outlets"]) == {"CNBC", "Digi24"}
    assert len(witkoff["statements"]) == 3
    assert client.get("/api/v1/speakers", params={"type": "anonymous"}).json()["total"] == 1


def test_outlets_and_anonymous_share(client):
    page = client.get("/api/v1/outlets").json()
    assert page["total"] == 3
    digi = client.get("/api/v1/outlets/Digi24").json()
    assert digi["n_anonymous"] == 1 and digi["anonymous_share"] == pytest.approx(1 / 6, abs=1e-3)
    assert [a["key"] for a in digi["articles"]] == [REPORT]


def test_stats(client):
    stats = client.get("/api/v1/stats").json()
    assert (stats["articles"], stats["attributions"]) == (3, 8)


@pytest.mark.parametrize("url, code", [
    ("/api/v1/articles/nope", "not_found"), ("/api/v1/speakers/Nobody%20Atall", "not_found"),
    ("/api/v1/outlets/Nowhere", "not_found"), ("/api/v1/no-such-endpoint", "not_found"),
])
def test_not_found_has_the_error_shape(client, url, code):
    assert_error(client.get(url), 404, code)


@pytest.mark.parametrize("params", [
    {"limit": 0}, {"limit": 1000}, {"offset": -1}, {"date_from": "March"}, {"stance": "maybe"},
    {"source_type": "alien"}, {"limit": "ten"},
])
def test_invalid_parameters_are_422_with_the_field_named(client, params):
    err = assert_error(client.get("/api/v1/attributions", params=params), 422, "invalid_request")
    assert err["details"][0]["field"] == next(iter(params))


def test_search_needs_words(client):
    assert_error(client.get("/api/v1/search"), 422)


def test_wrong_method_has_the_error_shape(client):
    assert_error(client.delete("/api/v1/articles"), 405)


def test_unexpected_failure_is_a_500_without_trace(db, monkeypatch):
    from sayso.store import Store

    def boom(self):
        raise RuntimeError("secret internals at /srv/x.py line 3")
    monkeypatch.setattr(Store, "stats", boom)
    err = assert_error(client_for(db).get("/api/v1/stats"), 500, "internal_error")
    assert "secret" not in json.dumps(err)


def test_missing_database_is_503(tmp_path):
    assert_error(client_for(tmp_path / "absent.db").get("/api/v1/articles"), 503)


def test_reads_never_write_the_database(db):
    before = db.read_bytes()
    c = client_for(db)
    for url in ("/api/v1/articles", "/api/v1/search?q=Russia", "/api/v1/speakers/Witkoff", "/api/v1/stats"):
        assert c.get(url).status_code == 200
    assert db.read_bytes() == before
    with c.app.state.ctx.reader() as store:
        assert store.readonly


def test_openapi_documents_every_endpoint(client):
    paths = client.get("/api/v1/openapi.json").json()["paths"]
    for p in ("/api/v1/articles", "/api/v1/articles/{key}", "/api/v1/attributions", "/api/v1/search",
              "/api/v1/speakers", "/api/v1/speakers/{key}", "/api/v1/outlets", "/api/v1/outlets/{name}",
              "/api/v1/analyze", "/api/v1/analyze/upload", "/api/v1/ingest", "/api/v1/stats"):
        assert p in paths, p
    assert "/" not in paths  # pages are not part of the API


# -- analyze -------------------------------------------------------------------------------------

def test_analyze_pasted_text(client):
    r = client.post("/api/v1/analyze", json={"text": PASTED, "title": "Talks"})
    assert r.status_code == 200, r.text
    (article,) = r.json()["articles"]
    assert article["title"] == "Ceasefire talks resume"  # the text's own first line wins
    sources = [a["source"]["text"] for a in article["attributions"]]
    assert sources == ["Maria Lopez", "the minister"]
    for a in article["attributions"]:
        c = a["content"][0]
        assert PASTED[c["start"]:c["end"]] == c["text"]
    assert "stored" not in article


def test_analyze_upload_jsonl_gives_each_article(client):
    lines = [json.dumps({"id": f"n{i}", "title": f"T{i}", "text": f"“Yes {i},” Ann Lee said."}) for i in range(2)]
    r = client.post("/api/v1/analyze/upload", files={"file": ("batch.jsonl", "\n".join(lines), "application/x-ndjson")})
    assert r.status_code == 200, r.text
    assert [a["id"] for a in r.json()["articles"]] == ["n0", "n1"]


def test_analyze_upload_html(client):
    html = ("<html><head><title>Talks</title></head><body><article><h1>Talks</h1><p>“It went well,” "
            "John Smith said after the meeting in Geneva on Monday, adding that more talks would follow soon."
            "</p></article></body></html>")
    r = client.post("/api/v1/analyze/upload", files={"file": ("page.html", html, "text/html")})
    assert r.status_code == 200, r.text
    assert r.json()["articles"][0]["attributions"][0]["source"]["text"] == "John Smith"


@pytest.mark.parametrize("body", [{"text": ""}, {"text": "   \n "}, {}, {"text": "x", "format": "pdf"}])
def test_analyze_refuses_empty_or_bad_input(client, body):
    assert_error(client.post("/api/v1/analyze", json=body), 422)


def test_analyze_refuses_binary_upload(client):
    err = assert_error(client.post("/api/v1/analyze/upload", files={"file": ("x.txt", b"\x00\x01" * 50)}), 422)
    assert "binary" in err["message"]


def test_malformed_json_body_is_422(client):
    r = client.post("/api/v1/analyze", content=b"{not json", headers={"content-type": "application/json"})
    assert_error(r, 422)


def test_upload_over_the_limit_is_413(db):
    c = client_for(db, max_body_bytes=2000)
    err = assert_error(c.post("/api/v1/analyze/upload", files={"file": ("big.txt", "word " * 2000)}), 413,
                       "payload_too_large")
    assert "limit" in err["message"]
    assert_error(c.post("/api/v1/analyze", json={"text": "a " * 5000}), 413)


def test_file_over_max_bytes_is_413(db):
    app = create_app(db, settings=Settings(db=str(db), max_bytes=100), test_config={"pipeline": FakePipeline()})
    c = TestClient(app, raise_server_exceptions=False, base_url="http://localhost")
    assert_error(c.post("/api/v1/analyze/upload", files={"file": ("a.txt", "“Hi,” Al Bo said. " * 20)}), 413)


def test_pipeline_is_loaded_lazily_once(db):
    fake = FakePipeline()
    c = client_for(db, pipeline=fake)
    assert c.get("/api/v1/articles").status_code == 200
    assert fake.calls == 0
    c.post("/api/v1/analyze", json={"text": PASTED})
    c.post("/api/v1/analyze", json={"text": PASTED})
    assert fake.calls == 2


# -- writes need the token -----------------------------------------------------------------------

def test_store_is_refused_when_writes_are_disabled(client):
    err = assert_error(client.post("/api/v1/analyze", json={"text": PASTED, "store": True}), 403)
    assert "SAYSO_API_TOKEN" in err["message"]
    assert_error(client.post("/api/v1/ingest", files={"file": ("a.txt", PASTED)}), 403)


@pytest.mark.parametrize("headers", [{}, {"Authorization": "Bearer wrong"}, {"X-Sayso-Token": "nope"}])
def test_store_needs_the_right_token(db, headers):
    c = client_for(db, token=TOKEN)
    assert_error(c.post("/api/v1/analyze", json={"text": PASTED, "store": True}, headers=headers), 401)
    assert c.get("/api/v1/stats").json()["articles"] == 3


def test_store_with_the_token_adds_the_article_once(tmp_path):
    db = build_db(tmp_path / "w.db")
    c = client_for(db, token=TOKEN)
    auth = {"Authorization": f"Bearer {TOKEN}"}
    first = c.post("/api/v1/analyze", json={"text": PASTED, "store": True}, headers=auth).json()
    key = first["articles"][0]["stored"]["key"]
    assert first["articles"][0]["stored"]["created"] is True
    again = c.post("/api/v1/ingest", files={"file": ("talks.txt", PASTED)}, headers={"X-Sayso-Token": TOKEN})
    assert again.json()["articles"][0]["stored"] == {"key": key, "created": False}
    assert c.get(f"/api/v1/articles/{key}").json()["attributions"][0]["source"]["text"] == "Maria Lopez"
    assert c.get("/api/v1/stats").json()["articles"] == 4


@pytest.mark.slow
def test_analyze_with_the_real_pipeline(db):
    app = create_app(db, settings=Settings(db=str(db)))
    c = TestClient(app, raise_server_exceptions=False, base_url="http://localhost")
    text = "“The Russians assure us they are not passing intelligence,” Witkoff said on Tuesday.\n"
    r = c.post("/api/v1/analyze", json={"text": text})
    assert r.status_code == 200, r.text
    atts = r.json()["articles"][0]["attributions"]
    assert any(a["source"] and a["source"]["text"] == "Witkoff" for a in atts)


def test_read_pages_start_without_loading_spacy(db):
    app = create_app(db, settings=Settings(db=str(db)))
    c = TestClient(app, raise_server_exceptions=False, base_url="http://localhost")
    assert c.get("/").status_code == c.get("/api/v1/articles").status_code == 200
    assert app.state.ctx.pipeline.loaded is False


def test_serve_binds_loopback_by_default():
    import inspect

    from sayso.web import serve

    params = inspect.signature(serve).parameters
    assert params["host"].default == "127.0.0.1" and params["port"].default == 8000


def test_api_docs_page_works_offline(client):
    """/api/docs serves Swagger UI whose script and stylesheet come from this server, not a CDN."""
    page = client.get("/api/docs")
    assert page.status_code == 200 and "/api/v1/openapi.json" in page.text
    assert "cdn." not in page.text and "https://" not in page.text.split("<body>")[0]
    for asset in ("/api/docs-static/swagger-ui-bundle.js", "/api/docs-static/swagger-ui.css"):
        assert asset in page.text
        r = client.get(asset)
        assert r.status_code == 200 and len(r.content) > 10_000
