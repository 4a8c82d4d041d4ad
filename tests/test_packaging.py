"""What an installed sayso needs travels with the package: the labelled set and its article, the
model file (versioned, checked against the feature schema on load), and no scikit-learn at inference."""
import gzip
import json
import subprocess
import sys

import pytest

from conftest import SAMPLE_REPORT
from sayso.errors import InputError, ModelError
from sayso.evaluate import labels
from sayso.nlp.extract import MODEL_PATH, MODEL_VERSION, load_model
from sayso.nlp.features import FEATURE_SCHEMA


def test_the_labelled_set_and_its_article_live_inside_the_package():
    assert labels.DEFAULT_LABELS.is_relative_to(MODEL_PATH.parents[2])  # src/sayso/...
    rows = labels.load_labels()
    samples = {labels.article_path(r, shared=None) for r in rows if r["corpus"] == "sample"}
    assert samples and all(p.is_file() for p in samples)
    shipped = labels.LABELS_DIR / "articles" / SAMPLE_REPORT.name
    assert shipped.read_bytes() == SAMPLE_REPORT.read_bytes()  # the same article as data/samples


def test_a_missing_polnear_text_is_a_clear_error(tmp_path):
    with pytest.raises(InputError) as e:
        labels.evaluate(nlp=_no_nlp, shared=tmp_path)
    assert "labelled article not found" in str(e.value) and "SAYSO_SHARED" in str(e.value)


def _no_nlp(text):  # never reached: the first article is missing
    raise AssertionError("parsed before the file check")


def test_the_shipped_model_records_its_version_and_feature_schema():
    with gzip.open(MODEL_PATH, "rt", encoding="utf-8") as f:
        d = json.load(f)
    assert (d["version"], d["feature_schema"]) == (MODEL_VERSION, FEATURE_SCHEMA)


@pytest.mark.parametrize("change,words", [({"feature_schema": FEATURE_SCHEMA + 1}, "feature schema"),
                                          ({"version": MODEL_VERSION + 1}, "file version"),
                                          ({"feature_schema": None}, "feature schema")])
def test_a_model_for_other_features_is_refused_with_a_clear_error(tmp_path, change, words):
    with gzip.open(MODEL_PATH, "rt", encoding="utf-8") as f:
        d = json.load(f)
    d.update(change)
    path = tmp_path / "old.json.gz"
    with gzip.open(path, "wt", encoding="utf-8") as f:
        json.dump(d, f)
    with pytest.raises(ModelError, match=f"{words}.*Retrain it with `sayso train`"):
        load_model(path)


@pytest.mark.slow
def test_inference_never_imports_scikit_learn():
    code = ("import sys, sayso, sayso.cli, sayso.web\n"
            "r = sayso.analyze_text('“We will win,” the senator said.')\n"
            "assert r.attributions, r\n"
            "print(sorted(m for m in sys.modules if m.split('.')[0] in ('sklearn', 'scipy')))\n")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"
