"""Parquet shards: what is written reads back exactly, other tools can read it, ingest loads it."""
from __future__ import annotations

import pyarrow.parquet as pq
import pytest
from test_store import article_a, article_b, article_c

from sayso.batch import ingest_paths
from sayso.errors import SaysoError
from sayso.scale.parquet import ShardWriter, is_dataset, read_dataset
from sayso.store import Store


def analysed():
    return [article_a(path="a.txt", format="text", url="https://x.example/a"), article_b(), article_c()]


def test_round_trip_is_exact_and_sharded(tmp_path):
    out = tmp_path / "run.parquet"
    with ShardWriter(out, shard_articles=2) as w:
        for a in analysed():
            w.add(a)
    assert w.shards == 2 and is_dataset(out)
    assert sorted(p.name for p in (out / "articles").iterdir()) == ["part-00000.parquet", "part-00001.parquet"]
    assert list(read_dataset(out)) == analysed()  # every field, every span, in order


def test_shards_are_flat_tables_other_tools_read(tmp_path):
    with ShardWriter(tmp_path) as w:
        for a in analysed():
            w.add(a)
    atts = pq.read_table(tmp_path / "attributions").to_pylist()  # the whole directory as one table
    arts = pq.read_table(tmp_path / "articles").to_pylist()
    assert len(arts) == 3 and len(atts) == 4 + 3 + 2
    text = {a["content_hash"]: a["text"] for a in arts}
    kremlin = next(r for r in atts if r["speaker"] == "Russia")
    assert (kremlin["stance"], kremlin["source_text"], kremlin["content_text"]) == ("denies", "The Kremlin", "the report")
    t = text[kremlin["content_hash"]]
    assert t[kremlin["source_start"]:kremlin["source_end"]] == "The Kremlin"
    assert all(not isinstance(v, dict) for r in atts for v in r.values())  # no nested structs


def test_ingest_loads_shards_without_analysis_and_is_idempotent(tmp_path):
    out = tmp_path / "shards"
    with ShardWriter(out) as w:
        for a in analysed():
            w.add(a)

    class NoAnalysis:
        def analyze_many(self, articles, on_error=None):
            raise AssertionError("Parquet input must not be analysed again")

    with Store(tmp_path / "p.db") as store, Store(tmp_path / "direct.db") as direct:
        s = ingest_paths([str(out)], store, pipeline=NoAnalysis(), progress=False)
        assert (s.read, s.stored, s.attributions, s.failed) == (3, 3, 9, 0)
        again = ingest_paths([str(out)], store, pipeline=NoAnalysis(), progress=False)
        assert (again.stored, again.known) == (0, 3)
        for a in analysed():
            direct.add(a)
        assert store.quotes(limit=100) == direct.quotes(limit=100)
        assert store.stats() == direct.stats()


def test_a_directory_with_shards_is_not_overwritten(tmp_path):
    with ShardWriter(tmp_path) as w:
        w.add(article_c())
    with pytest.raises(SaysoError, match="already holds Parquet shards"):
        ShardWriter(tmp_path)


def test_a_broken_shard_is_reported_and_the_others_load(tmp_path):
    with ShardWriter(tmp_path, shard_articles=1) as w:
        for a in analysed():
            w.add(a)
    (tmp_path / "attributions" / "part-00001.parquet").write_bytes(b"not parquet")
    errors = []
    got = list(read_dataset(tmp_path, on_error=errors.append))
    assert [g.article.id for g in got] == ["a", "c"]
    assert len(errors) == 1 and "part-00001.parquet" in errors[0].path and "cannot read" in errors[0].reason
