"""The CLI end to end over the bundled samples: extract, ingest, quotes, show, stats, speakers."""
import json
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from sayso.cli import main

SAYSO = str(Path(sys.executable).parent / "sayso")
REPORT = "data/samples/000_9cfde4bed9230b3c.txt"
pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def db(tmp_path_factory):
    """A database with all bundled samples ingested once through the real command."""
    path = tmp_path_factory.mktemp("db") / "s.db"
    r = subprocess.run([SAYSO, "ingest", "data/samples", "--db", str(path)], capture_output=True, text=True)
    assert r.returncode == 0, r.stderr
    assert "0 failed" in r.stderr
    return path


def run(*args, input=None):
    return CliRunner().invoke(main, [str(a) for a in args], input=input, catch_exceptions=False)


def test_every_command_has_help():
    for cmd in ([], ["extract"], ["ingest"], ["quotes"], ["show"], ["stats"], ["speakers"], ["serve"],
                ["evaluate"], ["evaluate", "polnear"], ["evaluate", "basil"], ["evaluate", "labels"], ["train"]):
        r = run(*cmd, "--help")
        assert r.exit_code == 0 and "Usage:" in r.output, cmd
        assert len(r.output.splitlines()) > 3


def test_extract_prints_one_json_object_per_article_with_verifiable_offsets():
    r = run("extract", REPORT, "data/samples/basil_2012_triplet.jsonl")
    assert r.exit_code == 0
    recs = [json.loads(line) for line in r.output.splitlines()]
    assert [x["id"] for x in recs][0] == "000_9cfde4bed9230b3c" and len(recs) == 4
    text = Path(REPORT).read_text(encoding="utf-8")
    report = recs[0]
    assert report["date"] == "2026-03-11"
    assert report["credits"] == ["CNBC", "Washington Post", "Digi24", "WP"]
    assert len(report["attributions"]) >= 4
    for att in report["attributions"]:
        for span in [att["source"], att["cue"], *att["content"]]:
            if span:
                assert text[span["start"]:span["end"]] == span["text"]


def test_extract_reads_standard_input_and_reports_bad_files(tmp_path):
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    r = subprocess.run([SAYSO, "extract", "-", str(empty)], capture_output=True, text=True,
                       input="“We are not leaving,” the mayor said on Tuesday.\n")
    assert r.returncode == 1  # one input failed
    assert f"{empty}: " in r.stderr and "empty" in r.stderr
    (rec,) = [json.loads(x) for x in r.stdout.splitlines()]
    assert rec["path"] == "-"
    assert any(a["source"] and a["source"]["text"] == "the mayor" for a in rec["attributions"])


def test_quotes_by_speaker_finds_witkoff(db):
    r = run("quotes", "--db", db, "--speaker", "Witkoff", "--format", "jsonl")
    assert r.exit_code == 0
    rows = [json.loads(x) for x in r.output.splitlines()]
    assert any("Let’s hope they are not" in row["content"] for row in rows)


def test_quotes_full_text_search_and_filters(db):
    r = run("quotes", "intelligence", "--db", db, "--format", "jsonl")
    rows = [json.loads(x) for x in r.output.splitlines()]
    assert rows and all("intelligence" in (row["content"] + (row.get("source") or "")).lower() for row in rows)
    r = run("quotes", "intelligence", "--db", db, "--since", "2030-01-01", "--format", "jsonl")
    assert r.output.strip() == ""


def test_ingest_twice_stores_once(db):
    before = json.loads(run("stats", "--db", db, "--format", "json").output)
    r = subprocess.run([SAYSO, "ingest", REPORT, "--db", str(db)], capture_output=True, text=True)
    assert r.returncode == 0 and "0 stored" in r.stderr and "1 already" in r.stderr
    after = json.loads(run("stats", "--db", db, "--format", "json").output)
    assert after == before


def test_show_prints_the_article_and_its_attributions(db):
    r = run("show", "000_9cfde4bed9230b3c", "--db", db)
    assert r.exit_code == 0
    assert "Let’s hope they are not" in r.output and "legend" in r.output
    assert run("show", "no-such-article", "--db", db).exit_code == 1


def test_commands_on_a_missing_database_fail_cleanly(tmp_path):
    r = run("stats", "--db", tmp_path / "nope.db")
    assert r.exit_code == 1 and "no such database" in r.output


def test_speakers_lists_sources_with_counts(db):
    r = run("speakers", "--db", db, "--format", "jsonl")
    rows = [json.loads(x) for x in r.output.splitlines()]
    assert rows and all(row["n_quotes"] >= 1 for row in rows)


def test_bad_inputs_are_reported_one_line_each_and_stored_data_survives(db, tmp_path):
    """Every kind of bad input next to a good one: errors name the file, the rest goes on."""
    bad = tmp_path / "bad"
    bad.mkdir()
    (bad / "empty.txt").write_bytes(b"")
    (bad / "binary.txt").write_bytes(b"\x00\x01\x02\xff" * 100)
    (bad / "latin1.txt").write_bytes("Le ministre a déclaré que tout allait bien.".encode("latin-1"))
    (bad / "broken.jsonl").write_text('{"id": "ok1", "text": "The mayor said the road will open."}\n{"id": "x", "text": \n')
    (bad / "empty-feed.rss").write_text('<?xml version="1.0"?><rss version="2.0"><channel><title>t</title></channel></rss>')
    (bad / "huge.txt").write_text("word " * 5000)
    (bad / "good.txt").write_text("“It will rain,” the forecaster said on Sunday.\n")
    before = json.loads(run("stats", "--db", db, "--format", "json").output)
    r = subprocess.run([SAYSO, "ingest", str(bad), str(tmp_path / "missing.txt"), "--db", str(db),
                        "--max-bytes", "20000"], capture_output=True, text=True)
    assert r.returncode == 1
    errors = [line for line in r.stderr.splitlines() if line.startswith("error: ")]
    for name in ("empty.txt", "binary.txt", "latin1.txt", "broken.jsonl:2", "empty-feed.rss", "huge.txt", "missing.txt"):
        assert sum(name in line for line in errors) == 1, (name, errors)
    assert len(errors) == 7
    assert "2 stored" in r.stderr  # good.txt and the good JSON line
    after = json.loads(run("stats", "--db", db, "--format", "json").output)
    assert after["articles"] == before["articles"] + 2
    assert after["attributions"] >= before["attributions"]
    import sqlite3
    with sqlite3.connect(db) as con:
        assert con.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    # the new article is there and the old ones are untouched
    assert run("show", "good", "--db", db).exit_code == 0
    assert "Let’s hope they are not" in run("show", "000_9cfde4bed9230b3c", "--db", db).output
