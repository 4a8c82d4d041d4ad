"""Claims on the web: /api/v1/claims (paginated, filtered), /api/v1/claims/{id}, the claim pages and
the links to claims from article and speaker pages. Hand-made articles: no spaCy needed."""
from __future__ import annotations

import re
import warnings

import pytest

from sayso.settings import Settings
from sayso.store import Store
from sayso.web import create_app
from test_claims_store import CLAIM, OTHER, analyzed
from webdata import XSS, FakePipeline

with warnings.catch_warnings():
    warnings.simplefilter("ignore", UserWarning)
    from fastapi.testclient import TestClient


@pytest.fixture(scope="module")
def client(tmp_path_factory):
    db = tmp_path_factory.mktemp("webclaims") / "c.db"
    with Store(db, claims=True) as s:
        s.add(analyzed("cnbc-1", CLAIM, outlet="CNBC", date="2026-03-10"))
        s.add(analyzed("reuters-1", CLAIM, speaker="Russia", type="government", stance="denies", outlet="Reuters",
                       date="2026-03-12"))
        s.add(analyzed("guardian-1", CLAIM + " " + XSS, speaker="Jane Roe", outlet="The Guardian", date="2026-03-11"))
        s.add(analyzed("gazette-1", OTHER, speaker="Jane Doe", outlet="Gazette", date="2026-03-11"))
    app = create_app(db, settings=Settings(db=str(db)), test_config={"pipeline": FakePipeline()})
    return TestClient(app, raise_server_exceptions=False, base_url="http://localhost")


def test_claims_are_a_page_most_reported_first(client):
    body = client.get("/api/v1/claims").json()
    assert {"total", "limit", "offset", "items"} <= set(body) and body["total"] == 2
    first = body["items"][0]
    assert set(first["articles"]) == {"cnbc-1", "reuters-1", "guardian-1"}
    assert first["deniers"] == ["Russia"] and first["independent_origins"] == 2
    page2 = client.get("/api/v1/claims", params={"limit": 1, "offset": 1}).json()
    assert page2["items"][0]["articles"] == ["gazette-1"] and page2["total"] == 2


def test_claims_filters(client):
    assert client.get("/api/v1/claims", params={"q": "playgrounds"}).json()["items"][0]["articles"] == ["gazette-1"]
    assert client.get("/api/v1/claims", params={"min_articles": 2}).json()["total"] == 1
    only = client.get("/api/v1/claims", params={"article": "gazette-1"}).json()
    assert only["total"] == 1
    by_russia = client.get("/api/v1/claims", params={"speaker": "Russia"}).json()
    assert by_russia["total"] == 1 and "reuters-1" in by_russia["items"][0]["articles"]


def test_one_claim_and_its_errors(client):
    cid = client.get("/api/v1/claims").json()["items"][0]["id"]
    card = client.get(f"/api/v1/claims/{cid}").json()
    assert card["id"] == cid and len(card["reports"]) == 3
    r = client.get("/api/v1/claims/99999")
    assert r.status_code == 404 and r.json()["error"]["code"] and "no such claim" in r.json()["error"]["message"]
    r = client.get("/api/v1/claims/abc")
    assert r.status_code == 422 and "claim_id" in r.json()["error"]["message"]
    r = client.get("/api/v1/claims", params={"limit": 0})
    assert r.status_code == 422


def test_claim_page_shows_statement_counts_charts_and_escapes(client):
    cid = client.get("/api/v1/claims").json()["items"][0]["id"]
    html = client.get(f"/claims/{cid}").text
    assert "3 reports in 3 outlets, 2 independent origins" in html
    assert re.search(r'<ul id="deniers"><li>Russia</li>', html)
    assert '<svg class="timeline"' in html and '<svg class="provenance"' in html and 'class="list matrix"' in html
    assert XSS not in html and "&lt;script&gt;" in html
    assert "<script>" not in html.replace('<script src="/static/app.js" defer></script>', "")


def test_claims_list_page_and_links_from_article_and_speaker(client):
    html = client.get("/claims").text
    assert "2 claims" in html and 'href="/claims/' in html
    cid = client.get("/api/v1/claims").json()["items"][0]["id"]
    assert f'href="/claims/{cid}"' in client.get("/articles/cnbc-1").text
    sid = client.get("/api/v1/speakers", params={"name": "Russia"}).json()["items"][0]["id"]
    assert f'href="/claims/{cid}"' in client.get(f"/speakers/{sid}").text


COPIES = 60


@pytest.fixture(scope="module")
def big(tmp_path_factory):
    """A store whose claims have many reports: the web test record copied COPIES times as one story."""
    from sayso.store import bulk
    from webdata import build_db

    path = build_db(tmp_path_factory.mktemp("bigclaims") / "b.db")
    bulk.replicate(path, COPIES, story=COPIES + 1, on_step=lambda name: None)
    app = create_app(path, settings=Settings(db=str(path)), test_config={"pipeline": FakePipeline()})
    return path, TestClient(app, raise_server_exceptions=False, base_url="http://localhost")


def _figures(card: dict) -> dict:
    return {"outlets": card["outlets"], "independent_origins": card["independent_origins"],
            "supporters": card["supporters"], "deniers": card["deniers"],
            "origins": sorted((o["id"], o["count"]) for o in card["origins"])}


def test_a_claim_with_many_reports_is_a_bounded_page_with_the_full_cards_figures(big):
    path, client = big
    with Store(path, readonly=True) as store:
        top = store.claims(limit=3)  # full cards, as `sayso claims --format json` gives them
    cid, n = top[0]["id"], len(top[0]["reports"])
    assert n > 100  # the copies made it big
    card = client.get(f"/api/v1/claims/{cid}").json()
    assert len(card["reports"]) == 50 and card["reports_total"] == n and card["reports_offset"] == 0
    assert _figures(card) == _figures(top[0])  # SQL-grouped figures are the full card's
    assert sum(m["n"] for m in card["matrix"]) == n and sum(t["n"] for t in card["timeline"]) == n
    last = client.get(f"/api/v1/claims/{cid}", params={"offset": n - 10}).json()
    assert len(last["reports"]) == 10
    shown = {(r["article"], r["attribution"], r["text"]) for r in card["reports"] + last["reports"]}
    assert shown <= {(r["article"], r["attribution"], r["text"]) for r in top[0]["reports"]}
    listed = client.get("/api/v1/claims", params={"limit": 3}).json()["items"]
    assert [c["id"] for c in listed] == [c["id"] for c in top] and "reports" not in listed[0]
    assert [_figures(c) for c in listed] == [_figures(c) for c in top]
    assert listed[0]["reports_total"] == n and len(listed[0]["articles"]) == min(len(top[0]["articles"]), 50)
    html = client.get(f"/claims/{cid}").text
    assert html.count('class="quote"') == 50 and f"{n - 50:,} more" in html
    assert f'href="/claims/{cid}?offset=50"' in html and f"{n:,} reports in" in html


def test_every_report_of_a_big_claim_can_be_paged_to(big):
    path, client = big
    listed = client.get("/api/v1/claims", params={"limit": 1}).json()["items"][0]
    n, seen, offset = listed["reports_total"], [], 0
    while offset < n:
        page = client.get(f"/api/v1/claims/{listed['id']}", params={"offset": offset, "limit": 200}).json()
        seen += [(r["article"], r["attribution"]) for r in page["reports"]]
        offset += 200
    assert len(seen) == n == len(set(seen))  # each report once, in pages
    assert client.get(f"/claims/{listed['id']}", params={"offset": n + 5}).status_code == 200
    assert client.get(f"/claims/{listed['id']}", params={"offset": -1}).status_code in (400, 422)


def test_a_broad_word_counts_claims_only_past_the_page(client, monkeypatch):
    from sayso.store import claim_cards

    monkeypatch.setattr(claim_cards, "FEW", 0)  # as when the word is in more than FEW reports
    body = client.get("/api/v1/claims", params={"q": "that", "limit": 1}).json()
    assert body["total_capped"] and body["total"] == 1 and len(body["items"]) == 1  # "more than 1"
    assert client.get("/api/v1/claims", params={"q": "that", "limit": 1, "offset": 1}).json()["items"]
    whole = client.get("/api/v1/claims", params={"q": "that"}).json()
    assert not whole["total_capped"] and whole["total"] == len(whole["items"]) == 2
