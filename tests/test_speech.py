"""The speech check and the confidence floor (issue 11, second slice): actions read as speech lose
confidence and fall under the default floor; words keep theirs; everything stays reachable at 0."""
import json

import pytest
from click.testing import CliRunner

from sayso.cli import main
from sayso.model import AnalyzedArticle, Article, Attribution, Span
from sayso.nlp.speech import is_action, speech_share
from sayso.pipeline import above_floor
from sayso.settings import Settings



def test_speech_verbs_are_cues_on_polnear_and_deeds_are_not():
    for word in ("say", "tell", "accuse", "vow", "urge", "argue", "warn"):
        assert speech_share(word) > 0.5, word
    for word in ("buy", "release", "make", "cause", "give", "shelve"):
        assert speech_share(word) < 0.25, word


def _first(nlp, text, cue):
    from sayso.nlp.extract import extract_attributions
    doc = nlp(text)
    found = [a for a in extract_attributions(doc) if a.cue is not None and a.cue.text == cue]
    return doc, found[0] if found else None


# (sentence from a real page, cue, is it an action?)
CASES = [
    ("In December 2015, Trump released a letter from his longtime physician Dr. Harold Bornstein.", "released", True),
    ("The Latest: Man stabbed to death on San Francisco Bay train\nThe fight broke out on Tuesday.", ":", True),
    ("Officials in Britain have made no significant changes to laws governing online ads.", "have made", True),
    ("Foreign Secretary Dominic Raab said the Twitter account was clearly linked to the Conservatives.", "said", False),
    ("The Chinese CDC has said that there is “no need” for Beijing residents to worry.", "has said", False),
]


@pytest.mark.slow
@pytest.mark.parametrize("text,cue,action", CASES, ids=[c for _, c, _ in CASES])
def test_action_or_speech(nlp, text, cue, action):
    doc, att = _first(nlp, text, cue)
    if att is None:
        assert action, f"the speech reading of {cue!r} was not found at all"
        return
    assert is_action(doc, att) is action


def _analyzed(*confidences, via=None):
    text = "x" * 40
    atts = tuple(Attribution(source=None, cue=Span(i, i + 1, "x"), content=(Span(i + 1, i + 2, "x"),),
                             confidence=c, via=(via or {}).get(i)) for i, c in enumerate(confidences))
    return AnalyzedArticle(Article(id="a", text=text), atts)


def test_the_floor_drops_weak_attributions_and_keeps_links_pointing_right():
    kept = above_floor(_analyzed(0.9, 0.36, 0.8, via={2: 0, 1: 0}), 0.6)
    assert [a.confidence for a in kept.attributions] == [0.9, 0.8]
    assert kept.attributions[1].via == 0
    assert above_floor(_analyzed(0.9, 0.36), 0.0).attributions[1].confidence == 0.36


def test_the_floor_is_a_setting_with_a_checked_value(monkeypatch):
    assert Settings.load().min_confidence == 0.6
    monkeypatch.setenv("SAYSO_MIN_CONFIDENCE", "0")
    assert Settings.load().min_confidence == 0.0
    monkeypatch.setenv("SAYSO_MIN_CONFIDENCE", "2")
    from sayso.errors import SettingsError
    with pytest.raises(SettingsError, match="SAYSO_MIN_CONFIDENCE"):
        Settings.load()


@pytest.mark.slow
def test_extract_leaves_out_an_action_unless_the_floor_is_lowered(tmp_path):
    page = tmp_path / "a.txt"
    page.write_text("In December 2015, Trump released a letter from his longtime physician Dr. Harold Bornstein. "
                    "Bornstein told CNN in 2018 that Trump dictated that whole letter.\n", encoding="utf-8")

    def cues(*flags):
        res = CliRunner().invoke(main, ["extract", str(page), "--workers", "1", *flags])
        assert res.exit_code == 0, res.output
        return [a["cue"]["text"] for a in json.loads(res.output)["attributions"]]
    assert cues() == ["told"]
    assert "released" in cues("--min-confidence", "0")
