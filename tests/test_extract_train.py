"""`sayso train` end to end on a few PolNeAR articles: it writes a model the extractor loads and uses."""
import shutil

import pytest

from sayso.nlp.extract import extract_attributions, load_model
from sayso.nlp.train import train

pytestmark = pytest.mark.slow


def _subset(src, dst, n):
    (dst / "text").mkdir(parents=True)
    (dst / "attributions").mkdir()
    for p in sorted((src / "text").glob("*.txt"))[:n]:
        shutil.copy(p, dst / "text")
        for a in (src / "attributions").glob(f"{p.stem}_*.ann"):
            shutil.copy(a, dst / "attributions")
    return dst


def test_train_on_a_small_subset(corpus, nlp, tmp_path):
    polnear = corpus("polnear")
    tr = _subset(polnear / "train", tmp_path / "train", 40)
    dv = _subset(polnear / "dev", tmp_path / "dev", 8)
    report = train(tr, dv, tmp_path / "model", nlp=nlp, metadata=polnear / "metadata.tsv")
    assert report["stage_one"][1] > 100 and report["stage_two"][0] > 100
    assert report["dev"]["attribution"]["f1"] > 0.3
    assert [b["n"] for b in report["reliability"]] and 0.2 <= report["threshold"] <= 0.8
    model = load_model(tmp_path / "model" / "attribution.json.gz")
    atts = extract_attributions(nlp("“We will win,” the senator said on Monday."), model=model)
    assert any(a.source and a.source.text == "the senator" for a in atts)
