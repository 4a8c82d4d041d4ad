"""Quotations that carry on after the cue, and attributions nested in another's content
(real sentences: BASIL articles and the founding sample report)."""
from pathlib import Path

import pytest

from sayso.nlp.extract import extract_attributions

pytestmark = pytest.mark.slow

# (paragraph, source, cue, content fragments of the attribution with that cue)
CONTINUED = [
    ('"I think this is overdue, and I think other states should jump on board," Overman said of the lawsuit. '
     '"I\'m very frustrated. I take an oath of office, as does every other police officer in this country."',
     "Overman", "said",
     ['"I think this is overdue, and I think other states should jump on board,"',
      '"I\'m very frustrated. I take an oath of office, as does every other police officer in this country."']),
    ('"Sheriff Arpaio knows the struggle border states face," Perry said in a statement. "I am honored to have '
     'Sheriff Arpaio\'s support for my presidential campaign."',
     "Perry", "said",
     ['"Sheriff Arpaio knows the struggle border states face,"',
      '"I am honored to have Sheriff Arpaio\'s support for my presidential campaign."']),
]

SAMPLE = Path(__file__).resolve().parent.parent / "data" / "samples" / "000_9cfde4bed9230b3c.txt"


def _texts(att):
    return (att.source.text if att.source else None, att.cue.text, [c.text for c in att.content])


@pytest.mark.parametrize("text,source,cue,content", CONTINUED, ids=[s for _, s, _, _ in CONTINUED])
def test_a_quotation_after_the_cue_is_the_same_speakers(nlp, text, source, cue, content):
    atts = extract_attributions(nlp(text))
    assert (source, cue, content) in [_texts(a) for a in atts]


@pytest.fixture(scope="module")
def sample_atts(nlp):
    return [_texts(a) for a in extract_attributions(nlp(SAMPLE.read_text(encoding="utf-8")))]


def test_a_denial_relayed_by_another_is_its_own_attribution_too(sample_atts):
    assert ("Witkoff", "said", ["Russian officials had denied the allegations"]) in sample_atts
    assert ("Russian officials", "had denied", ["the allegations"]) in sample_atts


def test_citing_makes_the_cited_sources_an_attribution_of_the_same_content(sample_atts):
    content = ["that Russia has been providing Iran with information that could help Tehran carry out attacks on "
               "American military forces in the region"]
    assert ("three officials familiar with intelligence matters", "citing", content) in sample_atts
    assert any(s and s.startswith("Earlier reporting by the Washington Post") and c == content
               for s, _, c in sample_atts)
