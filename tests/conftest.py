"""Shared fixtures. The spaCy model is loaded once per session (tests using it are marked slow)."""
from __future__ import annotations

import os
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
SAMPLES = REPO / "data" / "samples"
SAMPLE_REPORT = SAMPLES / "000_9cfde4bed9230b3c.txt"


def shared_dir() -> Path:
    """The project's shared/ folder: $SAYSO_SHARED, else ../shared beside the repository."""
    return Path(os.environ.get("SAYSO_SHARED", REPO.parent / "shared"))


@pytest.fixture(scope="session")
def shared() -> Path:
    d = shared_dir()
    if not (d / "data").is_dir():
        pytest.fail(f"shared data not found at {d} (set SAYSO_SHARED)")
    return d


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


def reference_polnear_scores(shared: Path, compartment, metadata, preds: dict, tmp_path: Path) -> dict:
    """The reference scorer (shared/tools/polnear_score.py) run on ``{stem: [Attribution]}``."""
    import json
    import subprocess
    import sys

    path = tmp_path / "preds.jsonl"
    with open(path, "w", encoding="utf-8") as f:
        for stem, atts in preds.items():
            f.write(json.dumps({"id": stem, "attributions": [a.to_dict() for a in atts]}) + "\n")
    out = subprocess.run([sys.executable, str(shared / "tools" / "polnear_score.py"), str(compartment), str(path),
                          "--metadata", str(metadata), "--json"], capture_output=True, text=True, check=True)
    return json.loads(out.stdout)
