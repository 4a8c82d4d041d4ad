"""Constructions of real news pages (issue 11, first slice), each a sentence seen on a real page."""
import pytest

from conftest import found_by_cue

from sayso.nlp.extract import extract_attributions

pytestmark = pytest.mark.slow

# (text, source, cue, content fragments)
TABLE = [
    # quote-then-cue where the quote closes on "!" or "?" (the parser ends the sentence there)
    ('Police knocked on the door.\n\n"Fort Worth P.D. Open the door! We’re coming in!” an officer shouts.\n\n'
     "Nobody answered.", "an officer", "shouts", ['"Fort Worth P.D. Open the door! We’re coming in!”']),
    ('The family did not answer.\n\n"Who told you that?" he asked. The minister said nothing more.',
     "he", "asked", ['"Who told you that?"']),
    # wire-service marks: a closing ’’ (two apostrophes), `` '' and guillemets
    ("“We will not back down,’’ said union leader Maria Lopez on Tuesday.",
     "union leader Maria Lopez", "said", ["“We will not back down,’’"]),
    ("``The market is weak,'' said John Smith, an analyst at the bank.",
     "John Smith, an analyst at the bank", "said", ["``The market is weak,''"]),
    ("«We are staying,» said Pierre Martin, the mayor of the town.",
     "Pierre Martin, the mayor of the town", "said", ["«We are staying,»"]),
]


@pytest.mark.parametrize("text,source,cue,content", TABLE, ids=[f"{c}:{s}" for _, s, c, _ in TABLE])
def test_construction(nlp, text, source, cue, content):
    atts = extract_attributions(nlp(text))
    assert (source, content) in found_by_cue(atts, cue)


def test_a_quote_opening_the_next_paragraph_is_not_the_previous_sentences_content(nlp):
    text = 'The family did not answer.\n\n"Who told you that?" he asked.'
    atts = extract_attributions(nlp(text))
    assert [a.cue.text for a in atts if a.cue is not None] == ["asked"]


FURNITURE = ("The mayor said on Monday that the bridge would reopen next week.\n\n"
             "READ MORE: Mayor says bridge closure cost businesses millions\n\n"
             "WATCH: Drone footage shows the damaged bridge\n\n"
             "Related: Council says it will raise parking fees\n\n"
             "Engineers found cracks in two of the supports, officials said.\n\n"
             "Disclaimer: The views and investment tips expressed by investment experts on Moneycontrol.com are "
             "their own and not that of the website or its management.\n\n"
             "Sign up for our newsletter: Get the latest news delivered to your inbox.\n")


def test_page_furniture_is_never_speaker_cue_or_content(nlp):
    atts = extract_attributions(nlp(FURNITURE))
    found = sorted((a.source.text if a.source else None, a.cue.text) for a in atts)
    assert found == [("The mayor", "said"), ("officials", "said")]


def test_a_transcript_turn_stops_at_page_furniture(nlp):
    text = ("WALLACE: Will the bridge open on time?\n\n"
            "PENCE: It will open on time.\n\n"
            "READ MORE: Pence says the bridge will open on time\n\n"
            "WALLACE: Thank you.\n\n"
            "PENCE: Thank you.\n")
    atts = extract_attributions(nlp(text))
    pence = [a for a in atts if a.source is not None and a.source.text == "PENCE"]
    assert [[c.text for c in a.content] for a in pence] == [["It will open on time"], ["Thank you"]]
    assert not [a for a in atts if "READ MORE" in text[a.content[0].start - 12:a.content[-1].end]]


# the sample report's precision errors (../shared/samples/000_*.txt): (sentence, cue that heads no attribution)
NOT_ATTRIBUTIONS = [
    # a noun cue under "despite" is neither the clause subject's nor has the clause as content
    ("Despite the claims, officials in the Trump administration have largely played down the possibility that "
     "Moscow is directly helping Tehran target American troops.", "claims"),
    # a topic is no content
    ("Witkoff and Jared Kushner reportedly discussed several topics with the Kremlin official.", "discussed"),
    ("Speaking about the possibility of Russian support for Iran, Trump said the United States does not know for "
     "certain whether Moscow is assisting Tehran.", "Speaking"),
]


@pytest.mark.parametrize("text,cue", NOT_ATTRIBUTIONS, ids=[c for _, c in NOT_ATTRIBUTIONS])
def test_not_an_attribution(nlp, text, cue):
    atts = extract_attributions(nlp(text))
    assert not [a for a in atts if a.cue is not None and a.cue.text == cue]


def test_speaking_on_a_topic_leaves_the_said_clause(nlp):
    text = ("Speaking about the possibility of Russian support for Iran, Trump said the United States does not "
            "know for certain whether Moscow is assisting Tehran.")
    atts = extract_attributions(nlp(text))
    assert [(a.source.text, a.cue.text) for a in atts] == [("Trump", "said")]


def test_media_reports_are_not_credited_to_whoever_discussed_them(nlp):
    text = ("Witkoff and Jared Kushner reportedly discussed several topics with the Kremlin official, including "
            "media reports that Russia had supplied intelligence to Iran used in attacks on U.S. forces.")
    atts = extract_attributions(nlp(text))
    assert not [a for a in atts if a.source is not None and "Kushner" in a.source.text]
