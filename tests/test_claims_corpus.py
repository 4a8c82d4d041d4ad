"""Claims across articles, end to end through `sayso ingest` and `sayso claims --format json`.

``fixtures/claims/corpus.jsonl`` mirrors the founding sample: one allegation ("Russia has been
providing Iran with intelligence ...") told by the Washington Post from three unnamed officials and
repeated by CNBC, Digi24 and two copies of one wire story (all resting on the Post's officials),
a second, independent origin (Kaja Kallas), a denial relayed by Steve Witkoff, and an unrelated
article about a city budget. The wording of the allegation is the same everywhere, so any sane
encoder groups it: these tests check the product (grouping, provenance, copies), not a model.
"""
import json
import re
import subprocess
import sys
from pathlib import Path

import pytest

SAYSO = str(Path(sys.executable).parent / "sayso")
CORPUS = Path(__file__).parent / "fixtures" / "claims" / "corpus.jsonl"
REPORTERS = {"wapo-russia-iran-intel", "cnbc-witkoff-interview", "digi24-rusia-iran", "guardian-kallas",
             "reuters-witkoff-denial", "herald-ap-russia-iran", "seattle-ap-russia-iran"}
pytestmark = pytest.mark.slow


def sayso(*args) -> subprocess.CompletedProcess:
    return subprocess.run([SAYSO, *map(str, args)], capture_output=True, text=True)


@pytest.fixture(scope="module")
def db(tmp_path_factory):
    path = tmp_path_factory.mktemp("claims") / "c.db"
    r = sayso("ingest", CORPUS, "--db", path)
    assert r.returncode == 0 and "8 stored" in r.stderr, r.stderr
    return path


@pytest.fixture(scope="module")
def listing(db):
    r = sayso("claims", "--db", db, "--format", "json", "--limit", "100")
    assert r.returncode == 0, r.stderr
    return json.loads(r.stdout)


@pytest.fixture(scope="module")
def allegation(listing):
    """The claim reported in most articles: it must be the allegation."""
    return listing[0]


def test_json_has_the_documented_shape(listing):
    for c in listing:
        assert {"id", "statement", "first_seen", "articles", "reports", "origins", "independent_origins",
                "supporters", "deniers"} <= set(c)
        for r in c["reports"]:
            assert {"article", "attribution", "speaker", "stance", "origin", "copy_of"} <= set(r)
            assert r["stance"] in ("supports", "denies", "hedges", "observing")
        for o in c["origins"]:
            assert {"id", "speaker", "type", "count", "articles"} <= set(o)


def test_one_claim_across_all_the_outlets_and_not_the_unrelated_article(allegation, listing):
    # the statement is the claim's first report: the Post's headline or its opening sentence
    assert re.search(r"Russia (is giving|has been providing) Iran (with )?intelligence", allegation["statement"])
    assert set(allegation["articles"]) == REPORTERS
    assert allegation["first_seen"] == "2026-03-09"
    for c in listing:
        if "local-parks-budget" in c["articles"]:
            assert set(c["articles"]) == {"local-parks-budget"}


def test_the_relayed_denial_is_russias(allegation):
    assert "Russia" in allegation["deniers"]
    assert "Russia" not in allegation["supporters"]
    relayed = [r for r in allegation["reports"] if r["speaker"] == "Steve Witkoff"]
    assert relayed and all(r["stance"] == "denies" and r["origin"] == "speaker:russia" for r in relayed)


def test_the_wire_copy_is_marked(allegation):
    copies = {r["article"]: r["copy_of"] for r in allegation["reports"]}
    assert copies["seattle-ap-russia-iran"] == "herald-ap-russia-iran"
    assert copies["herald-ap-russia-iran"] is None
    assert all(copies[a] is None for a in REPORTERS - {"seattle-ap-russia-iran"})


def test_the_posts_officials_count_once_beside_kallas(allegation):
    origins = {o["id"]: o for o in allegation["origins"]}
    officials = [o for o in origins.values() if o["type"] == "anonymous"]
    assert len(officials) == 1, origins
    assert "Washington Post" in officials[0]["speaker"]
    assert set(officials[0]["articles"]) == REPORTERS - {"guardian-kallas", "reuters-witkoff-denial"}
    assert "speaker:kaja kallas" in origins
    assert allegation["independent_origins"] == 2  # the Post's officials and Kallas; Russia denies it
    assert "Kaja Kallas" in allegation["supporters"]


def test_the_card_in_text(db, allegation):
    r = sayso("claim", allegation["id"], "--db", db)
    assert r.returncode == 0, r.stderr
    assert f"{len(allegation['reports'])} reports in 7 outlets, 2 independent origins" in r.stdout
    assert "deniers: Russia" in r.stdout


def test_claim_query_article_and_errors(db, allegation):
    r = sayso("claims", "intelligence", "--db", db, "--format", "json", "--article", "reuters-witkoff-denial")
    assert allegation["id"] in [c["id"] for c in json.loads(r.stdout)]
    r = sayso("claims", "playgrounds", "--db", db, "--format", "json")
    assert all("local-parks-budget" in c["articles"] for c in json.loads(r.stdout))
    r = sayso("claim", "9999", "--db", db)
    assert r.returncode == 1 and "claim 9999: no such claim" in r.stderr and "Traceback" not in r.stderr
    r = sayso("claims", "--db", db, "--article", "nope")
    assert r.returncode == 1 and "no article 'nope'" in r.stderr


def test_the_sample_report_card(tmp_path):
    db = tmp_path / "s.db"
    assert sayso("ingest", "data/samples/000_9cfde4bed9230b3c.txt", CORPUS, "--db", db).returncode == 0
    cards = json.loads(sayso("claims", "--db", db, "--format", "json", "--article", "000_9cfde4bed9230b3c",
                             "--limit", "100").stdout)
    post = next(c for c in cards if any(r["article"] == "000_9cfde4bed9230b3c" and r["speaker"] == "Washington Post"
                                         for r in c["reports"]))
    mine = [r for r in post["reports"] if r["article"] == "000_9cfde4bed9230b3c" and r["speaker"] == "Washington Post"]
    assert mine[0]["origin"].startswith("anonymous:washington post:officials familiar with intelligence matters")
    assert "000_9cfde4bed9230b3c" in post["articles"] and len(post["articles"]) > 1
    denial = [r for c in cards for r in c["reports"]
              if r["article"] == "000_9cfde4bed9230b3c" and r["origin"] == "speaker:russia"]
    assert denial and all(r["stance"] == "denies" for r in denial)
