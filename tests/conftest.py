"""Shared fixtures. The spaCy model is loaded once per session (tests using it are marked slow)."""
from __future__ import annotations

import os
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
SAMPLES = REPO / "data" / "samples"
SAMPLE_REPORT = SAMPLES / "000_9cfde4bed9230b3c.txt"


#: What the corpus tests need under shared/: folder, a file that must be there, where it comes from
#: (shared/README.md). `make data` (scripts/fetch-data) fetches the public ones.
CORPORA = {
    "polnear": ("data/polnear", "dev/text", "PolNeAR v1.0.0, github.com/networkdynamics/PolNeAR @ c3eee833"),
    "basil": ("data/basil", "annotations", "BASIL, github.com/launchnlp/BASIL @ 4fdbc4f6"),
    "emergent": ("data/emergent", "train.csv",
                 "Emergent, github.com/andreaalf97/Natural-Language-Processing @ bc235211"),
    "fnc1": ("data/fnc1", "train_stances.csv", "FNC-1, github.com/FakeNewsChallenge/fnc-1 (no commit recorded)"),
    "html-articles": ("data/html-articles", "ground-truth.json",
                      "github.com/scrapinghub/article-extraction-benchmark @ 4a3bc979"),
    "tools": ("tools", "polnear_score.py", "reference scorers, shared/tools (written for sayso, not public)"),
}


def shared_dir() -> Path:
    """The project's shared/ folder: $SAYSO_SHARED, else ../shared beside the repository."""
    from sayso.settings import Settings
    return Settings.load().shared_dir


def missing_corpora() -> list[str]:
    d = shared_dir()
    return [name for name, (folder, probe, _) in CORPORA.items() if not (d / folder / probe).exists()]


MISSING = "evaluation data missing from"


def _missing_data(names) -> None:
    """Skip (or, with SAYSO_REQUIRE_DATA=1, fail) a test whose data is absent: one reason for all."""
    missing = missing_corpora()
    if not set(names) & set(missing):
        return
    where = "; ".join(CORPORA[n][2] for n in missing)
    reason = (f"{MISSING} {shared_dir()}: {', '.join(missing)} "
              f"(get it with `make data`, or set SAYSO_SHARED; sources: {where})")
    if os.environ.get("SAYSO_REQUIRE_DATA", "") not in ("", "0"):
        pytest.fail(f"SAYSO_REQUIRE_DATA is set and the {reason}", pytrace=False)
    pytest.skip(reason)


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item, call):
    """Every skip for missing data at one place, so `-ra` sums them up in one line."""
    report = (yield).get_result()
    if report.skipped and isinstance(report.longrepr, tuple) and str(report.longrepr[2]).startswith(
            ("Skipped: " + MISSING, MISSING)):
        report.longrepr = (str(Path(__file__)), _missing_data.__code__.co_firstlineno, report.longrepr[2])


@pytest.fixture(scope="session")
def shared() -> Path:
    """The shared/ folder: a test using it is skipped unless every corpus under data/ is there
    (``corpus(name)`` asks for one)."""
    _missing_data([name for name in CORPORA if name != "tools"])
    return shared_dir()


@pytest.fixture(scope="session")
def corpus():
    """``corpus("polnear")`` -> shared/data/polnear; the test is skipped if it is absent.

    Names are the keys of ``CORPORA``; ``corpus("tools")`` is the folder of the reference scorers.
    """
    def get(name: str) -> Path:
        _missing_data((name,))
        return shared_dir() / CORPORA[name][0]
    return get


@pytest.fixture(scope="session")
def samples() -> Path:
    return SAMPLES


@pytest.fixture(scope="session")
def nlp():
    from sayso.nlp import load_nlp
    return load_nlp()


@pytest.fixture(scope="session")
def pipeline():
    from sayso.pipeline import Pipeline
    return Pipeline()


@pytest.fixture(scope="session")
def sample_report(pipeline):
    """The founding sample report, read and analysed once."""
    from sayso.ingest import read_path
    (article,) = list(read_path(SAMPLE_REPORT))
    return pipeline.analyze(article)


def resolve_one(nlp, text: str, source: str | None, cue: str, content: str):
    """Resolve one hand-made attribution (each part given by its first occurrence in ``text``)."""
    from sayso.model import Article, Attribution, Span
    from sayso.resolve import resolve_attributions

    def sp(sub):
        i = text.index(sub)
        return Span.of(text, i, i + len(sub))
    a = Attribution(source=sp(source) if source else None, cue=sp(cue), content=(sp(content),))
    (out,) = resolve_attributions(nlp(text), [a], Article(id="t", text=text))
    return out


def reference_polnear_scores(tools: Path, compartment, metadata, preds: dict, tmp_path: Path) -> dict:
    """The reference scorer (``tools`` = shared/tools: polnear_score.py) run on ``{stem: [Attribution]}``."""
    import json
    import subprocess
    import sys

    path = tmp_path / "preds.jsonl"
    with open(path, "w", encoding="utf-8") as f:
        for stem, atts in preds.items():
            f.write(json.dumps({"id": stem, "attributions": [a.to_dict() for a in atts]}) + "\n")
    out = subprocess.run([sys.executable, str(tools / "polnear_score.py"), str(compartment), str(path),
                          "--metadata", str(metadata), "--json"], capture_output=True, text=True, check=True)
    return json.loads(out.stdout)


def found_by_cue(atts, cue: str) -> list[tuple]:
    """(source text, content texts) of every attribution whose cue reads ``cue``."""
    return [(a.source.text if a.source else None, [c.text for c in a.content])
            for a in atts if a.cue is not None and a.cue.text == cue]
