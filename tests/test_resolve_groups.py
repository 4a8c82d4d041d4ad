"""The collective a source speaks for, and descriptions that point back to a named source.

Real sentences from news (BASIL 2010-2014); attributions written by hand so that these tests
check resolution alone.
"""
import re

import pytest

from sayso.model import Article, Attribution, Span

pytestmark = pytest.mark.slow


def speaker(nlp, text: str, source: str, cue: str, content: str, *, nth: int = 0):
    """The speaker resolved for one hand-made attribution (source, cue, content found in text)."""
    from sayso.resolve import resolve_attributions

    def find(sub: str) -> Span:  # a whole-word match (the nth one for the source)
        if sub != source:
            i = text.index(sub)
        else:
            i = [m.start() for m in re.finditer(rf"(?<!\w){re.escape(sub)}(?!\w)", text)][nth]
        return Span.of(text, i, i + len(sub))

    att = Attribution(source=find(source), cue=find(cue), content=(find(content),))
    (out,) = resolve_attributions(nlp(text), [att], Article(id="t", text=text))
    return out.speaker


@pytest.mark.parametrize("text, source, group", [
    ("But Rep. Dana Rohrabacher, R-Calif., said \"any suggestion that this is a budget issue is off base.\"",
     "Rep. Dana Rohrabacher, R-Calif.", "Republican lawmakers"),
    ("\"These new rules show that Republicans are serious,\" said Rep. Michele Bachmann (R-Minn.), who has "
     "emerged a prominent voice of the Tea Party movement.", "Rep. Michele Bachmann (R-Minn.)",
     "Republican lawmakers"),
    ("Representative Jackie Speier, Democrat of California, said the action is part of a wider effort.",
     "Representative Jackie Speier, Democrat of California", "Democratic lawmakers"),
    ("“We need to close those holes,” said Representative Mike Thompson of California, who is heading a "
     "Democratic task force in the House.", "Representative Mike Thompson of California", "Democratic lawmakers"),
    ("“The president’s pathway to citizenship is a stumbling block,” said Representative Andy Harris, a "
     "conservative Republican who represents the Maryland district.", "Representative Andy Harris",
     "Republican lawmakers"),
])
def test_legislators_speak_for_their_party_in_the_legislature(nlp, text, source, group):
    sp = speaker(nlp, text, source, "said", text[-20:-2])
    assert sp.type == "person" and sp.group == group


def test_a_party_word_about_someone_else_in_the_clause_is_not_theirs(nlp):
    text = ("“I’m not standing here because I’m a person of color,” said William Cowan, who joins South "
            "Carolina Republican Sen. Tim Scott as the chamber’s two black senators.")
    sp = speaker(nlp, text, "William Cowan", "said", "I’m not standing here")
    assert sp.name == "William Cowan" and sp.group is None


def test_he_carries_the_group_of_the_person_he_refers_to(nlp):
    text = ("Rep. Elijah Cummings, D-Md., questioned the reading of the \"amended\" Constitution. "
            "\"It is a failure to show Americans that we seek a more perfect union,\" he added.")
    sp = speaker(nlp, text, "he", "added", "It is a failure")
    assert (sp.name, sp.group) == ("Elijah Cummings", "Democratic lawmakers")


def test_a_spokesman_speaks_for_his_principals_group(nlp):
    text = ("In a response, Brendan Buck, spokesman for House Speaker John Boehner (R-Ohio), said just that. "
            "\"Those findings are confirmed by the emails released today,\" said Buck.")
    sp = speaker(nlp, text, "Buck", "said", "Those findings", nth=1)
    assert sp.name == "Brendan Buck" and sp.group == "Republican lawmakers"


def test_a_nominee_speaks_for_his_campaign(nlp):
    text = ("Republican presidential nominee Mitt Romney has repeatedly targeted the administration, "
            "claiming that the president has “thrown Israel under a bus.”")
    sp = speaker(nlp, text, "Republican presidential nominee Mitt Romney", "claiming", "thrown Israel")
    assert sp.name == "Mitt Romney" and sp.group == "Romney campaign"


@pytest.mark.parametrize("text", [
    "The Romney campaign retorted with an ad of its own Tuesday. The ad says: “Why? To pay for ObamaCare.”",
    ("The Republicans hit back on Tuesday with a television commercial. “Why? To pay for Obamacare,” the ad "
     "says. Lis Smith said, “Mitt Romney’s Medicare ad is dishonest and hypocritical.”"),
])
def test_an_ad_speaks_for_the_campaign_the_article_ties_it_to(nlp, text):
    source = "The ad" if "The ad says" in text else "the ad"
    sp = speaker(nlp, text, source, "says", "Why? To pay")
    assert sp.type == "document" and sp.group == "Romney campaign"


def test_the_spokesperson_is_the_one_named_just_before(nlp):
    text = ("A spokesperson for Google says the company \"cares deeply\" about the security of users' data.\n\n"
            "\"We disclose user data to government in accordance with the law,\" the spokesperson said.")
    sp = speaker(nlp, text, "the spokesperson", "said", "We disclose")
    assert sp.type == "anonymous" and sp.affiliation == "Google" and sp.group == "Google"


def test_the_group_is_the_organisation_named_just_before(nlp):
    text = ("The nearby St. Louis Tea Party had an all-hands-on-deck response to the NAACP's plan. The group "
            "has drafted a resolution condemning the civil rights group for reducing itself to a \"partisan "
            "attack dog organization.\"")
    sp = speaker(nlp, text, "The group", "has drafted", "partisan attack dog")
    assert sp.name == "St. Louis Tea Party" and sp.type == "organisation"


def test_a_video_of_his_remarks_is_his(nlp):
    text = ("“It was the president who was trying to be cute,” Mr. Steele said, according to a video of his "
            "remarks that was circulated by Democrats on Friday.")
    sp = speaker(nlp, text, "a video of his remarks", "according to", "who was trying")
    assert sp.name == "Steele" and sp.type == "person"


def test_a_body_speaks_for_its_officials(nlp):
    text = "The State Department noted that the board had \"demonstrated a lack of proactive leadership.\""
    sp = speaker(nlp, text, "The State Department", "noted", "demonstrated a lack")
    assert sp.type == "government" and sp.group == "State Department officials"


def test_a_misspelt_surname_is_the_person_named_in_full(nlp):
    text = ("Gov. Deval Patrick picked his former Chief of Staff William \"Mo\" Cowan for the seat. "
            "“I believe I can do the job,” said Cowen, who joins Sen. Tim Scott in the chamber.")
    sp = speaker(nlp, text, "Cowen", "said", "I believe")
    assert sp.name == 'William "Mo" Cowan'


@pytest.mark.parametrize("text, source, group", [
    ("\"This contraband has been heavily trafficked into our state,\" Nebraska Attorney General Jon Bruning "
     "said at a news conference in Lincoln.", "Nebraska Attorney General Jon Bruning", "Nebraska officials"),
    ("Scotts Bluff County Sheriff Mark Overman, in western Nebraska, said Colorado marijuana is extra "
     "potent, making it worth more in his region.", "Scotts Bluff County Sheriff Mark Overman",
     "Scotts Bluff County officials"),
])
def test_a_public_officer_speaks_for_the_officials_of_the_place_served(nlp, text, source, group):
    content = "This contraband" if text.startswith("\"") else "Colorado marijuana"
    sp = speaker(nlp, text, source, "said", content)
    assert sp.type == "person" and sp.group == group


def test_a_person_the_article_names_a_campaign_after_speaks_for_it(nlp):
    text = ("The Obama campaign used that line Monday in a Web video timed for Romney’s arrival in Florida. "
            "“The problem is, those views are wrong,” Obama said.")
    sp = speaker(nlp, text, "Obama", "said", "The problem is", nth=1)
    assert sp.name == "Obama" and sp.group == "Obama campaign"


def test_a_legislator_is_affiliated_with_the_members_of_his_party(nlp):
    text = ("“The president has shown he’s not willing to work with us on immigration,” said Representative "
            "Raúl R. Labrador, a Republican of Idaho.")
    sp = speaker(nlp, text, "Representative Raúl R. Labrador", "said", "The president has shown")
    assert sp.group == "Republican lawmakers" and sp.affiliation == "Republicans"
