"""`ingest --workers N`: the same record as one process, and a store that survives a killed parent."""
from __future__ import annotations

import os
import shutil
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest
from click.testing import CliRunner

from sayso.cli import main

SAYSO = str(Path(sys.executable).parent / "sayso")
pytestmark = pytest.mark.slow


def run(*args):
    return CliRunner().invoke(main, [str(a) for a in args], catch_exceptions=False)


def record(db) -> str:
    """Everything quotes, show, stats and speakers print for a database."""
    out = [run("quotes", "--db", db, "--limit", 10000, "--format", "jsonl").output,
           run("stats", "--db", db).output, run("speakers", "--db", db, "--limit", 10000, "--format", "jsonl").output]
    keys = [r[0] for r in sqlite3.connect(db).execute("SELECT key FROM articles ORDER BY id")]
    out += [run("show", k, "--db", db).output for k in keys]
    return "\n".join(out)


def test_workers_store_the_same_record_as_one_process(tmp_path, samples, monkeypatch):
    monkeypatch.setenv("SAYSO_BATCH_SIZE", "2")  # several batches, so the worker processes really run
    for n in (1, 2):
        r = run("ingest", samples, "--db", tmp_path / f"w{n}.db", "--workers", n)
        assert r.exit_code == 0, r.output
    serial, parallel = record(tmp_path / "w1.db"), record(tmp_path / "w2.db")
    assert "Witkoff" in serial and len(serial) > 10000
    assert parallel == serial


def _children(pid: int) -> list[int]:
    kids = []
    for d in Path("/proc").iterdir():
        if d.name.isdigit():
            try:
                if int((d / "stat").read_text().rsplit(")", 1)[1].split()[1]) == pid:
                    kids.append(int(d.name))
            except (OSError, ValueError, IndexError):
                pass
    return kids


def _stored(db: Path) -> int:
    try:
        c = sqlite3.connect(f"file:{db}?mode=ro", uri=True, timeout=5)
        try:
            return c.execute("SELECT count(*) FROM articles").fetchone()[0]
        finally:
            c.close()
    except sqlite3.Error:
        return 0


def _start_and_stop(inputs: Path, db: Path, who: str, sig: int) -> int:
    """Start a 2-worker ingest; once some articles are stored send ``sig`` to the parent or to
    one worker; return how many articles were stored when it ended."""
    env = {**os.environ, "SAYSO_BATCH_SIZE": "1"}
    p = subprocess.Popen([SAYSO, "ingest", str(inputs), "--db", str(db), "--workers", "2"], env=env,
                         stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    deadline = time.monotonic() + 240
    while _stored(db) < 2 and p.poll() is None and time.monotonic() < deadline:
        time.sleep(0.05)
    workers = [c for c in _children(p.pid) if "spawn_main" in Path(f"/proc/{c}/cmdline").read_text()]
    assert len(workers) == 2
    os.kill(p.pid if who == "parent" else workers[0], sig)
    _, err = p.communicate(timeout=120)
    if who == "worker":
        assert p.returncode == 1 and "a worker process ended abruptly" in err, err
        assert "Traceback" not in err
    for _ in range(100):  # the workers follow their parent out
        if not any(Path(f"/proc/{w}").exists() and "zombie" not in Path(f"/proc/{w}/status").read_text().lower()
                   for w in workers):
            break
        time.sleep(0.1)
    else:
        pytest.fail(f"worker processes {workers} outlived their parent")
    return _stored(db)


@pytest.mark.parametrize("who, sig", [("parent", signal.SIGKILL), ("parent", signal.SIGINT),
                                      ("worker", signal.SIGKILL)])
def test_a_stopped_ingest_leaves_a_sound_store_and_a_rerun_finishes(tmp_path, shared, who, sig):
    inputs = tmp_path / "in"
    inputs.mkdir()
    texts = sorted((shared / "data" / "polnear" / "train" / "text").iterdir())[:24]
    for t in texts:
        shutil.copy(t, inputs / t.name)
    db = tmp_path / "k.db"
    at_stop = _start_and_stop(inputs, db, who, sig)
    assert at_stop < len(texts), "the ingest finished before it could be stopped"
    r = subprocess.run([SAYSO, "ingest", str(inputs), "--db", str(db), "--workers", "2"],
                       capture_output=True, text=True)
    assert r.returncode == 0, r.stderr
    assert f"{len(texts)} articles read: {len(texts) - at_stop} stored, {at_stop} already in" in r.stderr
    c = sqlite3.connect(db)
    assert c.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    assert c.execute("SELECT count(*), count(DISTINCT content_hash) FROM articles").fetchone() == (24, 24)
    assert c.execute("SELECT count(*) FROM attributions_fts").fetchone() == c.execute(
        "SELECT count(*) FROM attributions").fetchone()
