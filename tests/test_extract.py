"""The extractor on real sentences: the founding sample report and a table from PolNeAR dev."""
import pytest

from sayso.nlp.extract import extract_attributions

pytestmark = pytest.mark.slow

# (paragraph, source, cue, content fragments) -- real sentences of PolNeAR dev, as its gold has them
TABLE = [
    # indirect, source before the cue
    ("Figueroa said the campaign planned to bus in supporters to stage a protest to grant her admission into "
     "Monday night’s debate, though she acknowledged it was unlikely to work.",
     "Figueroa", "said", ["the campaign planned to bus in supporters to stage a protest to grant her admission "
                          "into Monday night’s debate"]),
    ("Speaking at a rally in Novi, Michigan, Trump says he is making “a demand” of Obama.",
     "Trump", "says", ["he is making “a demand” of Obama"]),
    ("Clinton beats Trump by 46 percent to 42 percent, according to the poll. Twelve percent indicated that "
     "they were not sure.", "Twelve percent", "indicated", ["that they were not sure"]),
    # direct quote, source after the quote
    ('"I am proud of you," Mr. Clarke told some of the miners.',
     "Mr. Clarke", "told", ['"I am proud of you,"']),
    # "…," said X. "…" -- a quote resumed after the cue belongs to the same attribution
    ("''You'd think the business community would be up in arms over this, but I haven't heard a peep,'' said "
     "Mr. Holtz-Eakin. ''The focus on personalities has driven this off the radar.''",
     "Mr. Holtz-Eakin", "said",
     ["''You'd think the business community would be up in arms over this, but I haven't heard a peep,''",
      "''The focus on personalities has driven this off the radar.''"]),
    ('"It\'s heartbreaking," Ryan said. "And this country has to find new ways of learning how to heal and '
     'understand all the different perspectives."', "Ryan", "said",
     ['"It\'s heartbreaking,"', '"And this country has to find new ways of learning how to heal and understand '
                                'all the different perspectives."']),
    # "said X, <appositive>"
    ('"He\'s not demonstrated, until recently, an ambition for higher office," said Quentin Kidd, a political '
     'scientist at Christopher Newport University in Scott\'s district. "There\'s an uncertainty whether he can '
     'raise money."', "Quentin Kidd, a political scientist at Christopher Newport University in Scott's district",
     "said", ['"He\'s not demonstrated, until recently, an ambition for higher office,"',
              '"There\'s an uncertainty whether he can raise money."']),
    # according to X (content around the cue, discontinuous)
    ("The top 1 percent paid 25.4 percent of all federal taxes in 2013, according to the nonpartisan "
     "Congressional Budget Office, and the top 10 percent paid 69 percent of all taxes.",
     "the nonpartisan Congressional Budget Office", "according to",
     ["The top 1 percent paid 25.4 percent of all federal taxes in 2013",
      "the top 10 percent paid 69 percent of all taxes"]),
    ("HIllary Clinton and Donald Trump are virtually tied heading into their first debate, according to a new "
     "Washington Post-ABC News national poll.", "a new Washington Post-ABC News national poll", "according to",
     ["HIllary Clinton and Donald Trump are virtually tied heading into their first debate"]),
    # colon headlines
    ("Politifact: Donald Trump Is Right, ‘Thousands of Shootings’ in Chicago this Year.",
     "Politifact", ":", ["Donald Trump Is Right, ‘Thousands of Shootings’ in Chicago this Year"]),
    ("Sanders: Clinton needs to 'get away from all of this personality stuff' with Trump.",
     "Sanders", ":", ["Clinton needs to 'get away from all of this personality stuff' with Trump"]),
    # mixed: a quotation inside reported speech, and a cue other than "say"
    ("At a recent fundraising gig in New York with celebrity Barbra Streisand, Clinton called half of Donald "
     "Trump’s supporters “deplorables.”", "Clinton", "called", ["half of Donald Trump’s supporters “deplorables.”"]),
    ("Several former RT journalists have complained they weren't given such a free hand.",
     "Several former RT journalists", "have complained", ["they weren't given such a free hand"]),
]


def _find(atts, cue):
    return [a for a in atts if a.cue is not None and a.cue.text == cue]


@pytest.mark.parametrize("text,source,cue,content", TABLE, ids=[f"{c}:{s[:20]}" for _, s, c, _ in TABLE])
def test_table(nlp, text, source, cue, content):
    atts = extract_attributions(nlp(text))
    found = [(a.source.text if a.source else None, [c.text for c in a.content]) for a in _find(atts, cue)]
    assert (source, content) in found


@pytest.fixture(scope="module")
def sample(nlp, samples):
    text = (samples / "000_9cfde4bed9230b3c.txt").read_text(encoding="utf-8")
    return text, extract_attributions(nlp(text))


def _with_content(atts, words):
    return [a for a in atts if any(words in c.text for c in a.content)]


def test_sample_witkoff(sample):
    _, atts = sample
    (a,) = _with_content(atts, "The Russians assure us they are not passing intelligence")
    assert "Let’s hope they are not" in a.content[-1].text
    assert a.source.text == "Witkoff" and a.cue.text == "said" and a.kind == "direct"


def test_sample_trump(sample):
    _, atts = sample
    (a,) = _with_content(atts, "Look, they can release all the information they want")
    assert a.source.text == "Trump" and a.kind == "direct"


def test_sample_hegseth(sample):
    _, atts = sample
    (a,) = _with_content(atts, "have no relevance")
    assert a.source.text == "He" and a.cue.text == "said" and a.kind == "mixed"


def test_sample_washington_post(sample):
    _, atts = sample
    # the Post's report, and the three officials it cites (nested, same content)
    post, officials = sorted(_with_content(atts, "Russia has been providing Iran with information"),
                             key=lambda a: a.cue.text != "suggested")
    assert "the Washington Post" in post.source.text and post.cue.text == "suggested"
    assert officials.source.text == "three officials familiar with intelligence matters"


def test_sample_according_to(sample):
    _, atts = sample
    (a,) = _find(atts, "According to")
    assert a.source.text == "the report"
    assert a.content[0].text.startswith("the full scale of the alleged intelligence cooperation")


def test_sample_spans_point_into_the_text(sample):
    text, atts = sample
    assert atts == sorted(atts, key=lambda a: (a.content[0].start, a.cue.start))
    for a in atts:
        for s in (a.source, a.cue, *a.content):
            if s is not None:
                assert text[s.start:s.end] == s.text
        assert a.kind in ("direct", "indirect", "mixed") and 0.0 <= a.confidence <= 1.0
        assert a.speaker is None and a.stance is None and a.via is None
