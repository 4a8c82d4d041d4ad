"""The server under hostile or careless use: limits, odd numbers and bytes, HEAD, hosts, uploads."""
from __future__ import annotations

import sqlite3
import time
import warnings

import pytest
from click.testing import CliRunner

from sayso.cli import main
from sayso.errors import QueryInterrupted
from sayso.settings import Settings
from sayso.store import Store
from sayso.store.pool import ReadPool
from sayso.web import create_app
from sayso.web.nodelay import NoDelayH11
from webdata import PASTED, FakePipeline, build_db

with warnings.catch_warnings():
    warnings.simplefilter("ignore", UserWarning)
    from fastapi.testclient import TestClient

TOKEN = "s3cret-token"
REPORT = "000_9cfde4bed9230b3c"


@pytest.fixture(scope="module")
def db(tmp_path_factory):
    return build_db(tmp_path_factory.mktemp("hard") / "hard.db")


def client_for(db, *, host="localhost", hosts=(), **settings):
    app = create_app(db, settings=Settings(db=str(db), **settings), hosts=hosts,
                     test_config={"pipeline": FakePipeline()})
    return TestClient(app, raise_server_exceptions=False, base_url=f"http://{host}")


@pytest.fixture(scope="module")
def client(db):
    return client_for(db)


def error_of(response, status):
    assert response.status_code == status, response.text
    assert "Traceback" not in response.text
    if response.headers["content-type"].startswith("application/json"):
        return response.json()["error"]
    return {"message": response.text}


@pytest.mark.parametrize("url", [
    f"/api/v1/attributions?offset={2 ** 63}", f"/api/v1/articles?offset={2 ** 64}", "/api/v1/speakers?offset=1001",
    f"/?offset={2 ** 63}", f"/speakers?offset={2 ** 70}", "/api/v1/attributions?limit=99999999999999999999",
])
def test_out_of_range_numbers_are_422_naming_the_limit(client, url):
    err = error_of(client.get(url), 422)
    assert "offset" in err["message"] or "limit" in err["message"]


@pytest.mark.parametrize("url", [f"/api/v1/articles/{2 ** 63}", f"/api/v1/speakers/{2 ** 64}",
                                 f"/articles/{2 ** 63 + 5}", f"/speakers/{10 ** 30}", f"/api/v1/claims/{2 ** 63}",
                                 f"/claims/{10 ** 20}"])
def test_ids_beyond_64_bits_are_404(client, url):
    error_of(client.get(url), 404)


def test_nul_characters_are_stripped_from_words_and_filters(client):
    r = client.get("/api/v1/attributions", params={"q": "Rus\x00sians", "speaker": "Wit\x00koff"})
    assert r.status_code == 200, r.text
    assert r.json()["total"] >= 1
    assert client.get("/", params={"q": "\x00\x00"}).status_code == 200
    assert client.get(f"/api/v1/articles/{REPORT}%00").status_code == 200


GET_ROUTES = ["/", "/articles", f"/articles/{REPORT}", "/speakers", "/speakers/Witkoff", "/outlets",
              "/outlets/CNBC", "/analyze", "/api/v1/stats", "/api/v1/articles", f"/api/v1/articles/{REPORT}",
              "/api/v1/attributions", "/api/v1/search?q=Russians", "/api/v1/speakers", "/api/v1/speakers/Witkoff",
              "/api/v1/outlets", "/api/v1/outlets/CNBC", "/api/v1/openapi.json", "/api/docs", "/static/style.css"]


@pytest.mark.parametrize("url", GET_ROUTES)
def test_head_answers_every_get_route_without_a_body(client, url):
    get, head = client.get(url), client.head(url)
    assert get.status_code == head.status_code == 200
    assert head.content == b""
    assert head.headers["content-type"] == get.headers["content-type"]


def test_every_get_route_is_in_the_head_list(client):
    paths = {getattr(r, "path", None) for r in client.app.routes if "GET" in getattr(r, "methods", ())}
    listed = {u.split("?")[0] for u in GET_ROUTES}
    for p in paths - {None}:
        assert any(p == u or ("{" in p and u.startswith(p.split("{")[0])) for u in listed), p


@pytest.mark.parametrize("params", [{"stance": "furious"}, {"source_type": "alien"}, {"date_from": "March"},
                                    {"q": "word " * 13}, {"q": "x" * 301}])
def test_a_bad_filter_value_is_the_same_422_on_the_page_and_the_api(client, params):
    page = client.get("/", params=params)
    api = client.get("/api/v1/attributions", params=params)
    assert page.status_code == api.status_code == 422
    assert "text/html" in page.headers["content-type"]
    field = next(iter(params))
    assert api.json()["error"]["details"][0]["field"] == field and field in page.text


def test_hostile_queries_are_refused_at_once_naming_the_limit(client):
    for q, limit in (("a* " * 3000, "300"), ("said " * 2000, "300"), ("said " * 40, "12")):
        started = time.monotonic()
        err = error_of(client.get("/api/v1/attributions", params={"q": q}), 422)
        assert time.monotonic() - started < 1
        assert err["code"] == "query_too_long" and limit in err["message"]
        error_of(client.get("/articles", params={"q": q}), 422)


def test_a_prefix_too_short_to_search_quickly_is_refused_and_a_longer_one_searches(client):
    for route in ("/api/v1/attributions", "/api/v1/claims", "/articles", "/"):
        err = error_of(client.get(route, params={"q": "s* t* a* e*"}), 422)
        if route.startswith("/api"):
            assert err["code"] == "query_too_broad" and "'s*'" in err["message"] and "3" in err["message"]
    found = client.get("/api/v1/attributions", params={"q": "Russ*"})
    assert found.status_code == 200 and found.json()["items"], found.text


def test_a_query_over_the_time_limit_is_a_400_naming_the_limit(db):
    slow = client_for(db, query_time_limit_ms=0)
    err = error_of(slow.get("/api/v1/attributions", params={"q": "Russians"}), 400)
    assert err["code"] == "query_interrupted" and "time limit" in err["message"]
    assert "SAYSO_QUERY_TIME_LIMIT_MS" in err["message"]
    page = slow.get("/", params={"q": "Russians"})
    assert page.status_code == 400 and "time limit" in page.text


def test_reads_stop_when_the_client_leaves_or_the_server_stops(db):
    pool = ReadPool(db, size=1, time_limit=10)
    with pytest.raises(QueryInterrupted, match="cancelled"):
        with pool.read(cancelled=lambda: True) as store:
            store.quotes(text="Russians")
    with pool.read() as store:  # the connection is usable again
        assert store.count_quotes() == 8
    pool.close()
    with pytest.raises(Exception, match="stopping"):
        with pool.read():
            pass


def test_an_upload_named_with_directories_is_stored_under_its_file_name(tmp_path):
    db = build_db(tmp_path / "u.db")
    c = client_for(db, api_token=TOKEN)
    r = c.post("/api/v1/ingest", files={"file": ("../../x.txt", PASTED)}, headers={"X-Sayso-Token": TOKEN})
    assert r.status_code == 200, r.text
    assert r.json()["articles"][0]["stored"]["key"] == "x"
    assert c.get("/api/v1/articles/x").status_code == 200


def test_no_public_response_shows_a_server_path(client, db):
    from webdata import REPO

    for url in (f"/api/v1/articles/{REPORT}", f"/articles/{REPORT}", "/api/v1/attributions?limit=50",
                "/api/v1/speakers/Witkoff", "/api/v1/outlets/Digi24", "/api/v1/articles/nope"):
        r = client.get(url)
        assert str(REPO) not in r.text and str(db.parent) not in r.text, url
    assert client.get(f"/api/v1/articles/{REPORT}").json()["path"] == f"{REPORT}.txt"


def test_only_trusted_host_names_are_answered(db):
    for host in ("localhost", "127.0.0.1", "127.0.0.1:8000", "[::1]:8000"):
        assert client_for(db, host=host).get("/api/v1/stats").status_code == 200, host
    evil = client_for(db, host="rebind.evil.example")
    err = error_of(evil.get("/api/v1/stats"), 400)
    assert err["code"] == "untrusted_host" and "--allow-host rebind.evil.example" in err["message"]
    assert "text/html" in evil.get("/").headers["content-type"] and evil.get("/").status_code == 400
    assert client_for(db, host="news.example:80", hosts=("news.example",)).get("/").status_code == 200
    assert client_for(db, host="anything", hosts=("*",)).get("/").status_code == 200


@pytest.mark.parametrize("content", [b"not a database at all", b""])
def test_serve_refuses_a_file_that_is_not_a_sayso_database(tmp_path, content):
    path = tmp_path / "notes.db"
    path.write_bytes(content)
    result = CliRunner().invoke(main, ["serve", "--db", str(path)])
    assert result.exit_code == 1
    assert str(path) in result.output and "sayso database" in result.output and "Traceback" not in result.output


def test_ingest_leaves_the_wal_empty_and_checkpoint_waits_for_readers(tmp_path):
    from webdata import cnbc_article, sample_report

    path = tmp_path / "c.db"
    with Store(path) as store:
        store.add(sample_report())
        assert (tmp_path / "c.db-wal").stat().st_size > 0
        reader = sqlite3.connect(path)
        reader.execute("BEGIN")
        reader.execute("SELECT count(*) FROM attributions").fetchone()  # holds a snapshot
        store.add(cnbc_article())
        started = time.monotonic()
        assert store.checkpoint(wait=0.3) is False  # the reader still needs the WAL
        assert 0.3 <= time.monotonic() - started < 2
        reader.rollback()
        assert store.checkpoint() is True
        assert (tmp_path / "c.db-wal").stat().st_size == 0
        reader.close()


@pytest.mark.slow
def test_serve_with_workers_answers_and_stops_on_sigterm_within_seconds(tmp_path):
    import json
    import os
    import signal
    import socket
    import subprocess
    import sys
    import urllib.request

    db = build_db(tmp_path / "w.db")
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    proc = subprocess.Popen([sys.executable, "-m", "sayso.cli", "serve", "--db", str(db), "--port", str(port),
                             "--workers", "2"], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
                            env={**os.environ, "NO_COLOR": "1"})
    try:
        deadline, stats = time.monotonic() + 60, None
        while stats is None and time.monotonic() < deadline:
            try:
                with urllib.request.urlopen(f"http://localhost:{port}/api/v1/stats", timeout=5) as r:
                    stats = json.load(r)
            except OSError:
                assert proc.poll() is None, proc.stderr.read().decode()
                time.sleep(0.3)
        assert stats and stats["articles"] == 3
        started = time.monotonic()
        proc.send_signal(signal.SIGTERM)
        proc.wait(timeout=10)
        assert time.monotonic() - started < 5
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()


def test_serve_keeps_connections_alive_long_and_stops_quickly(db, monkeypatch):
    """Keep-alive outlives a client's pause (uvicorn's 5 s made clients reuse a connection the server
    was closing: resets at 100 clients); a stop waits at most 2 s for running requests."""
    import uvicorn

    import sayso.web as web

    seen = {}
    monkeypatch.setattr(uvicorn, "run", lambda app, **kw: seen.update(kw, app=app))
    web.serve(db, host="0.0.0.0", port=8123, allow_hosts=("news.example",))
    assert seen["timeout_keep_alive"] >= 60 and seen["timeout_graceful_shutdown"] <= 2
    assert seen["host"] == "0.0.0.0" and seen["backlog"] >= 2048
    assert seen["http"] is NoDelayH11  # TCP_NODELAY also where uvicorn binds the port (--workers)
    c = TestClient(seen["app"], base_url="http://news.example")
    assert c.get("/api/v1/stats").status_code == 200


def test_connections_on_a_port_bound_as_workers_bind_it_send_without_delay():
    """With --workers uvicorn binds the port as ``socket.socket(family)`` (protocol number 0), so
    asyncio leaves Nagle's algorithm on the connections it accepts there: every keep-alive
    response waited ~40 ms for the client's delayed ACK. sayso's protocol turns it off."""
    import asyncio
    import socket

    from uvicorn.config import Config
    from uvicorn.server import ServerState

    from sayso.web.nodelay import NoDelayH11

    async def app(scope, receive, send):  # an ASGI app answering 204
        await send({"type": "http.response.start", "status": 204, "headers": []})
        await send({"type": "http.response.body", "body": b""})

    config = Config(app=app, log_level="warning")
    config.load()
    seen = []

    class Probe(NoDelayH11):
        def connection_made(self, transport):
            super().connection_made(transport)
            seen.append(transport.get_extra_info("socket").getsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY))

    async def main():
        listener = socket.socket(socket.AF_INET)  # as uvicorn's Config.bind_socket makes it
        listener.bind(("127.0.0.1", 0))
        listener.listen()
        server = await asyncio.get_running_loop().create_server(
            lambda: Probe(config=config, server_state=ServerState(), app_state={}), sock=listener)
        reader, writer = await asyncio.open_connection(*listener.getsockname())
        writer.write(b"GET / HTTP/1.1\r\nHost: localhost\r\n\r\n")
        status = await reader.readline()
        writer.close()
        server.close()
        return status

    assert asyncio.run(main()).startswith(b"HTTP/1.1 204")
    assert seen and seen[0] != 0
