"""Searching the attributions of one claim: the store, the CLI and the API answer the same rows."""
from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from webdata import build_db

from sayso.store import Store

SAYSO = str(Path(sys.executable).parent / "sayso")


@pytest.fixture(scope="module")
def db(tmp_path_factory):
    return build_db(tmp_path_factory.mktemp("claimfilter") / "c.db")


def reported(store, claim_id) -> set[tuple[str, int]]:
    """(article key, attribution index) of every attribution the claim's card lists."""
    card = store.claim(claim_id)
    return {(r["article"], r["attribution"]) for r in card["reports"] if r.get("attribution") is not None}


def test_the_claim_filter_gives_exactly_the_attributions_of_the_claim(db):
    with Store(db, readonly=True) as store:
        claims = [c for c in store.claims(limit=100) if any(r.get("attribution") is not None for r in c["reports"])]
        assert claims, "the test store holds claims with attribution reports"
        for c in claims[:5]:
            rows = store.quotes(claim=c["id"], limit=200)
            found = {(r["article_id"], r["index"]) for r in rows}
            assert found == reported(store, c["id"])
            assert store.count_quotes(claim=c["id"]) == len(rows)
        # other filters narrow within the claim
        cid = claims[0]["id"]
        stance = store.quotes(claim=cid, limit=1)[0]["stance"]
        assert all(r["stance"] == stance for r in store.quotes(claim=cid, stance=stance, limit=200))


def test_cli_and_api_take_the_claim_filter(db):
    from test_web_api import client_for
    with Store(db, readonly=True) as store:
        cid = next(c["id"] for c in store.claims(limit=100) if any(r.get("attribution") is not None for r in c["reports"]))
        want = {(r["article_id"], r["index"]) for r in store.quotes(claim=cid, limit=200)}
    r = subprocess.run([SAYSO, "quotes", "--db", str(db), "--claim", str(cid), "--format", "jsonl", "--limit", "200"],
                       capture_output=True, text=True)
    assert r.returncode == 0, r.stderr
    assert {(d["article_id"], d["index"]) for d in map(json.loads, r.stdout.splitlines())} == want
    with client_for(db) as client:
        page = client.get("/api/v1/attributions", params={"claim": cid, "limit": 200})
        assert page.status_code == 200
        assert {(d["article_id"], d["index"]) for d in page.json()["items"]} == want
        assert client.get("/api/v1/attributions", params={"claim": "x"}).status_code == 422
        assert client.get("/api/v1/attributions", params={"claim": 2**63}).status_code == 422
    bad = subprocess.run([SAYSO, "quotes", "--db", str(db), "--claim", "0"], capture_output=True, text=True)
    assert bad.returncode == 2 and "Traceback" not in bad.stderr


def test_the_claim_page_links_to_a_search_within_the_claim(db):
    from test_web_api import client_for
    with Store(db, readonly=True) as store:
        cid = store.claims(limit=1)[0]["id"]
    with client_for(db) as client:
        page = client.get(f"/claims/{cid}")
        assert f'href="/?claim={cid}"' in page.text
        search = client.get("/", params={"claim": cid})
        assert search.status_code == 200
        assert f'name="claim" value="{cid}"' in search.text and f'href="/claims/{cid}"' in search.text
