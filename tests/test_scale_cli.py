"""The scale-out paths through the real commands: Parquet out and in, --reanalyze, WARC input."""
from __future__ import annotations

import re
import sqlite3

import pytest
from test_ingest_warc import write_warc
from test_scale_workers import record, run

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def direct(tmp_path_factory, samples):
    db = tmp_path_factory.mktemp("direct") / "d.db"
    r = run("ingest", samples, "--db", db, "--workers", 1)
    assert r.exit_code == 0, r.output
    return db


def test_parquet_shards_load_into_the_same_record(tmp_path, samples, direct):
    r = run("extract", samples, "--to", "parquet", tmp_path / "out.parquet", "--workers", 1)
    assert r.exit_code == 0, r.output
    assert "wrote 1 Parquet shard pairs" in r.output
    r = run("ingest", tmp_path / "out.parquet", "--db", tmp_path / "p.db")
    assert r.exit_code == 0, r.output
    assert record(tmp_path / "p.db") == record(direct)


def test_reanalyze_rewrites_every_stored_article_with_the_same_result(tmp_path, direct):
    import shutil

    db = tmp_path / "r.db"
    shutil.copy(direct, db)
    before = record(db)
    r = run("ingest", "--reanalyze", "--db", db, "--workers", 1)
    assert r.exit_code == 0, r.output
    n = sqlite3.connect(db).execute("SELECT count(*) FROM articles").fetchone()[0]
    assert f"{n} articles read: 0 stored, 0 already in {db}, 0 failed" in r.output
    assert f"; {n} re-analysed" in r.output
    # new rows get new ids; everything a reader sees is the same
    assert _without_ids(record(db)) == _without_ids(before)
    assert sqlite3.connect(db).execute("SELECT count(*) FROM speakers s WHERE NOT EXISTS "
                                       "(SELECT 1 FROM attributions a WHERE a.speaker_id = s.id)").fetchone() == (0,)


def _without_ids(text: str) -> str:
    return re.sub(r'"(id|speaker_id)": \d+', "", text)


def test_ingest_without_paths_or_reanalyze_is_a_usage_error(tmp_path):
    r = run("ingest", "--db", tmp_path / "x.db")
    assert r.exit_code == 2 and "give at least one PATH" in r.output


def test_a_web_archive_is_ingested_with_skipped_records_counted(tmp_path):
    path = tmp_path / "crawl.warc.gz"
    write_warc(path, gz=True)
    r = run("ingest", path, "--db", tmp_path / "w.db", "--workers", 1)
    assert r.exit_code == 1  # one record could not be read
    assert f"error: {path}: record 6 (https://news.example/broken): binary file, not text" in r.stderr
    assert "2 articles read: 2 stored" in r.stderr and "4 non-HTML archive records skipped" in r.stderr

