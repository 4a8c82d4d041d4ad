"""Work goes to workers in runs that the serial pipeline parses as whole batches (no model needed)."""
from sayso.model import Article
from sayso.pipeline import _batch_full, _pieces, article_batches
from sayso.settings import Settings


def serial_batches(articles, settings):
    """The (article index, piece start) groups that Pipeline._parse hands to spaCy."""
    groups, group, chars = [], [], 0
    for i, a in enumerate(articles):
        for s, e, _ in _pieces(a.text, settings.chunk_chars):
            if group and _batch_full(len(group), chars, e - s, settings):
                groups.append(group)
                group, chars = [], 0
            group.append((i, s))
            chars += e - s
    return groups + [group]


def test_runs_are_whole_serial_batches_in_order():
    settings = Settings(batch_size=3, chunk_chars=50)
    lengths = [10, 10, 10, 10, 120, 5, 45, 45, 10, 10, 10, 10, 10]
    articles = [Article(id=f"a{i}", text=("word " * (n // 5 + 1))[:n].replace("  ", " ") + "\n\n" * (n > 50))
                for i, n in enumerate(lengths)]
    runs = list(article_batches(articles, settings))
    assert [a for run in runs for a in run] == articles  # every article once, in order
    # each run starts where a serial batch starts at an article's first piece
    starts = {g[0] for g in serial_batches(articles, settings)}
    i = 0
    for run in runs:
        assert (i, 0) in starts
        i += len(run)
    assert len(runs) > 3


def test_small_input_is_one_run():
    settings = Settings()
    articles = [Article(id=str(i), text="He said so.") for i in range(5)]
    assert list(article_batches(articles, settings)) == [articles]
    assert list(article_batches([], settings)) == []


def test_the_analyser_follows_workers_and_starts_nothing_until_needed(monkeypatch):
    from sayso.scale import InProcess, cpu_count, make_analyzer
    from sayso.scale.local import LocalAnalyzer

    assert type(make_analyzer(Settings(workers=1))) is InProcess
    with make_analyzer(Settings(workers=1), workers=3) as a:  # the flag wins over the setting
        assert isinstance(a, LocalAnalyzer) and a.workers == 3 and a.window == 6 and a._pool is None
    monkeypatch.setattr("sayso.scale.cpu_count", lambda: 5)
    assert make_analyzer(Settings()).workers == 5  # 0: one per core
    assert cpu_count() >= 1
