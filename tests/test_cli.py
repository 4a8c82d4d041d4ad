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
                ["evaluate"], ["evaluate", "polnear"], ["evaluate", "basil"], ["train"]):
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
