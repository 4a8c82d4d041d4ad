"""`sayso evaluate emergent` and `sayso evaluate fnc1` on small CSVs made here, and on the real corpora."""
import csv

import pytest
from click.testing import CliRunner

from sayso.cli import main

EMERGENT = [
    ("0", "Banksy was arrested in London", "Banksy arrested in London, identity revealed", "for", "c1"),
    ("1", "Banksy was arrested in London", "Graffiti artist Banksy arrested by London police", "for", "c1"),
    ("2", "Banksy was arrested in London", "Banksy arrest story is a hoax", "against", "c1"),
    ("3", "Apple will sell 19 million Apple Watches in 2015", "BMO forecasts 19M Apple Watch sales in 2015", "observing", "c2"),
    ("4", "Apple will sell 19 million Apple Watches in 2015", "Apple to sell 19 million Apple Watches in 2015, analyst says", "for", "c2"),
]


def write(path, header, rows):
    with open(path, "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f)
        w.writerow(header)
        w.writerows(rows)
    return path


def read(path):
    with open(path, newline="", encoding="utf-8") as f:
        return list(csv.DictReader(f))


def run(*args):
    return CliRunner().invoke(main, [str(a) for a in args], catch_exceptions=False)


def emergent_csv(path, rows=EMERGENT, blank_claim=False, gold=True):
    header = ["id", "claimHeadline", "articleHeadline"] + (["articleHeadlineStance", "claimId"] if gold else [])
    return write(path, header, [[r[0], "" if blank_claim else r[1], r[2]] + (list(r[3:]) if gold else []) for r in rows])


def test_emergent_writes_predictions_and_scores(tmp_path):
    out = tmp_path / "pred.csv"
    res = run("evaluate", "emergent", emergent_csv(tmp_path / "in.csv"), "--predictions", out)
    assert res.exit_code == 0, res.output
    assert "stance accuracy" in res.output and "macro-F1" in res.output and "B-cubed F1" in res.output
    pred = read(out)
    assert [p["id"] for p in pred] == ["0", "1", "2", "3", "4"]
    assert {p["stance"] for p in pred} <= {"for", "against", "observing"}
    groups = [p["group"] for p in pred]
    assert groups[0] == groups[1] and groups[3] == groups[4] and groups[0] != groups[3]
    assert pred[2]["stance"] == "against"


def test_emergent_never_reads_claim_id_and_works_without_claim_headline(tmp_path):
    a, b = tmp_path / "a.csv", tmp_path / "b.csv"
    run("evaluate", "emergent", emergent_csv(tmp_path / "in.csv"), "--predictions", a)
    garbled = [r[:4] + (f"x{len(EMERGENT) - i}",) for i, r in enumerate(EMERGENT)]  # every claimId different
    res = run("evaluate", "emergent", emergent_csv(tmp_path / "g.csv", garbled), "--predictions", b)
    assert res.exit_code == 0 and read(a) == read(b)
    c = tmp_path / "c.csv"
    res = run("evaluate", "emergent", emergent_csv(tmp_path / "blank.csv", blank_claim=True, gold=False), "--predictions", c)
    assert res.exit_code == 0, res.output
    assert [p["group"] for p in read(c)] == [p["group"] for p in read(a)]  # groups from headlines alone


def test_emergent_bad_input_is_a_clear_error(tmp_path):
    bad = write(tmp_path / "bad.csv", ["id", "headline"], [["0", "x"]])
    res = CliRunner().invoke(main, ["evaluate", "emergent", str(bad)])
    assert res.exit_code == 1 and "bad.csv" in res.output and "articleHeadline" in res.output
    assert "Traceback" not in res.output
    res = CliRunner().invoke(main, ["evaluate", "emergent", str(tmp_path / "missing.csv")])
    assert res.exit_code == 2 and "does not exist" in res.output and "missing.csv" in res.output


BODIES = [
    ("1", "Police in London arrested the graffiti artist Banksy on Monday. Officers said the artist, "
          "whose identity has long been secret, was detained after a tip. His name was released."),
    ("2", "The story that Banksy was arrested is a hoax. It was published by a satirical website and "
          "is false. Banksy's representatives denied that any arrest took place."),
    ("3", "Apple's quarterly results beat expectations as iPhone sales rose in China. Analysts expect "
          "strong demand for the new models."),
]
STANCES = [
    ("Banksy arrested in London", "1", "agree"),
    ("Banksy arrested in London", "2", "disagree"),
    ("Banksy arrested in London", "3", "unrelated"),
    ("Apple iPhone sales rise in China", "3", "agree"),
    ("Apple iPhone sales rise in China", "1", "unrelated"),
]


def test_fnc1_writes_predictions_in_the_fnc_layout_and_scores(tmp_path):
    bodies = write(tmp_path / "bodies.csv", ["Body ID", "articleBody"], BODIES)
    stances = write(tmp_path / "stances.csv", ["Headline", "Body ID", "Stance"], STANCES)
    out = tmp_path / "pred.csv"
    res = run("evaluate", "fnc1", "--stances", stances, "--bodies", bodies, "--predictions", out)
    assert res.exit_code == 0, res.output
    assert "macro-F1" in res.output and "weighted score" in res.output and "disagree" in res.output
    pred = read(out)
    assert list(pred[0]) == ["Headline", "Body ID", "Stance"]
    assert [(p["Headline"], p["Body ID"]) for p in pred] == [s[:2] for s in STANCES]
    assert {p["Stance"] for p in pred} <= {"agree", "disagree", "discuss", "unrelated"}
    assert pred[2]["Stance"] == "unrelated" and pred[4]["Stance"] == "unrelated"
    assert pred[0]["Stance"] != "unrelated"
    # without gold: predictions only
    nogold = write(tmp_path / "s2.csv", ["Headline", "Body ID"], [s[:2] for s in STANCES])
    res = run("evaluate", "fnc1", "--stances", nogold, "--bodies", bodies, "--predictions", tmp_path / "p2.csv")
    assert res.exit_code == 0 and "macro-F1" not in res.output
    assert read(tmp_path / "p2.csv") == pred


def test_fnc1_unknown_body_is_a_clear_error(tmp_path):
    bodies = write(tmp_path / "bodies.csv", ["Body ID", "articleBody"], BODIES[:1])
    stances = write(tmp_path / "stances.csv", ["Headline", "Body ID"], [("Banksy arrested", "9")])
    res = CliRunner().invoke(main, ["evaluate", "fnc1", "--stances", str(stances), "--bodies", str(bodies)])
    assert res.exit_code == 1 and "stances.csv" in res.output and "'9'" in res.output


@pytest.mark.slow
def test_emergent_grouping_from_headlines_on_all_of_train(shared, tmp_path):
    from sayso.evaluate import emergent
    result = emergent.evaluate(shared / "data" / "emergent" / "train.csv", tmp_path / "p.csv")
    assert result["grouping"]["f1"] >= 0.875   # README: 0.878 (TF-IDF average linkage: 0.83-0.85)


def test_train_claims_is_deterministic_on_small_data(tmp_path):
    import numpy as np
    rows = [(str(i), r[1], r[2], r[3], r[4]) for i, r in enumerate(EMERGENT * 3)]
    em = write(tmp_path / "em.csv", ["id", "claimHeadline", "articleHeadline", "articleHeadlineStance", "claimId"], rows)
    bodies = write(tmp_path / "bodies.csv", ["Body ID", "articleBody"], BODIES)
    stances = write(tmp_path / "stances.csv", ["Headline", "Body ID", "Stance"],
                    STANCES + [("Banksy arrest is a hoax", "2", "agree"), ("Banksy arrest is a hoax", "1", "discuss")])
    outs = []
    for name in ("a", "b"):
        res = run("train-claims", "--emergent", em, "--fnc-stances", stances, "--fnc-bodies", bodies, "--out", tmp_path / name)
        assert res.exit_code == 0, res.output
        outs.append(tmp_path / name)
    for f in ("stance.npz", "fnc1.npz"):
        a, b = np.load(outs[0] / f), np.load(outs[1] / f)
        assert sorted(a.files) == sorted(b.files)
        assert all(np.array_equal(a[k], b[k]) for k in a.files)
