"""Constructions fixed for issue 3, on real sentences of PolNeAR dev (and one built to show a cue per quote)."""
import pytest

from conftest import found_by_cue

from sayso.nlp.extract import extract_attributions

pytestmark = pytest.mark.slow

HUFF = ("“Maybe, we can build a wall around Donald Trump.”― Steve Quinlan.\n"
        "“During the debate Trump said Hispanics live in hell. He is ignorant of our culture and lives.”― Pamela Padilla \n"
        "”Fear. I am truly afraid that Donald Trump will win.” ― Edwin G. Monroy\n")
TRANSCRIPT = ('"WALLACE: If I may, sir, because we’ve got limited time. I want to ask you, will Gennifer Flowers be there?\n\n'
              '"PENCE: Gennifer Flowers will not be attending the debate tomorrow night.\n\n'
              '"WALLACE: Do you really see those two as equivalent?\n\n'
              '"PENCE: And that’s why Donald Trump is on his way to the White House.\n')

# (text, source, cue, content fragments)
TABLE = [
    # a quote byline: closed quotation, dash, name ending the line (the dash may be glued to the mark)
    (HUFF, "Steve Quinlan", "―", ["“Maybe, we can build a wall around Donald Trump.”"]),
    (HUFF, "Pamela Padilla", "―", ["“During the debate Trump said Hispanics live in hell. He is ignorant of our "
                                   "culture and lives.”"]),
    (HUFF, "Edwin G. Monroy", "―", ["”Fear. I am truly afraid that Donald Trump will win.”"]),
    # transcript turns inside a quotation left open: the label without its quotation mark is the source
    (TRANSCRIPT, "PENCE", ":", ["Gennifer Flowers will not be attending the debate tomorrow night"]),
    (TRANSCRIPT, "WALLACE", ":", ["Do you really see those two as equivalent"]),
    # a participle clause after the subject is not part of the source
    ("Trump, speaking to a veterans group in Virginia, said he would order a thorough review of the nation’s "
     "computer defenses and warned against potential hackers from China, Russia and North Korea.",
     "Trump", "said", ["he would order a thorough review of the nation’s computer defenses and warned against "
                       "potential hackers from China, Russia and North Korea"]),
    # the next sentence's quotation has a cue of its own: it is not joined to the first one
    ('"We are not going anywhere," Smith said. "It is a scandal," Jones replied.',
     "Smith", "said", ['"We are not going anywhere,"']),
    # issue 11: a quotation of several sentences before its cue; the parser makes a quoted word a
    # second subject of "said", and the speaker is the subject next to the verb
    ('"He would be a great senator. Not good, great. One of the brightest members of the entire Congress," '
     "Rep. Elijah E. Cummings (D-Md.) said in a phone interview.",
     "Rep. Elijah E. Cummings (D-Md.)", "said", ['"He would be a great senator. Not good, great. One of the '
                                                 'brightest members of the entire Congress,"']),
    ("“Hillary Clinton’s campaign is in panic mode. Full panic mode,” said Leslie Wimes, a South Florida-based "
     "president of the Democratic African-American Women Caucus.",
     "Leslie Wimes, a South Florida-based president of the Democratic African-American Women Caucus", "said",
     ["“Hillary Clinton’s campaign is in panic mode. Full panic mode,”"]),
    # issue 11: unquoted words before a comma and a reporting clause that closes the sentence
    ("Language unclear on whether single mothers are covered, experts say.",
     "experts", "say", ["Language unclear on whether single mothers are covered"]),
    # issue 11: a ", who …" clause that reports something itself is no part of the source
    ("Mr. Obama, who understood that a legislative push would be fruitless, told his advisers to figure out "
     "how to enact deep emissions cuts without Congress.",
     "Mr. Obama", "told", ["his advisers to figure out how to enact deep emissions cuts without Congress"]),
    # issue 11: a subject the parser hung on the phrase before it as an appositive
    ("When asked whether Washington had a message for Russia or China, which are widely viewed as Iran’s most "
     "powerful allies, U.S. Defense Secretary Pete Hegseth declined to comment directly.",
     "U.S. Defense Secretary Pete Hegseth", "declined", ["to comment directly"]),
]


@pytest.mark.parametrize("text,source,cue,content", TABLE, ids=[f"{c}:{s}" for _, s, c, _ in TABLE])
def test_construction(nlp, text, source, cue, content):
    atts = extract_attributions(nlp(text))
    assert (source, content) in found_by_cue(atts, cue)
    for a in atts:
        for s in (a.source, a.cue, *a.content):
            if s is not None:
                assert text[s.start:s.end] == s.text


def test_a_single_upper_case_heading_is_not_a_transcript(nlp):
    text = "UPDATE: The senator later said the vote would go ahead.\n"
    atts = extract_attributions(nlp(text))
    assert not [a for a in atts if a.cue is not None and a.cue.text == ":" and a.confidence >= 0.9]
