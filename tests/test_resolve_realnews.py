"""Who the speaker is on real news pages (issue 11, second slice): each case a sentence from a page
of shared/data/html-articles, the class of error it stands for in the comment."""
import pytest

from sayso.pipeline import Pipeline
from sayso.model import Article

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def pipe():
    return Pipeline()


def speakers(pipe, text):
    """``(source text, cue text, speaker name, speaker type)`` of every attribution of ``text``."""
    atts = pipe.analyze(Article(id="t", text=text)).attributions
    return [(a.source.text if a.source else None, a.cue.text if a.cue else None, a.speaker.name, a.speaker.type)
            for a in atts]


def speaker_of(pipe, text, cue):
    found = [(name, kind) for _, c, name, kind in speakers(pipe, text) if c == cue]
    assert found, f"no attribution with cue {cue!r} in {speakers(pipe, text)}"
    return found[-1]


def test_the_company_says_is_the_company_that_spoke_before(pipe):
    # a definite "the company/utility/group" is the body named or heard a sentence or two before
    text = ("The group that owns most of her music, Big Machine, says she will be allowed to play her old tracks "
            "at the American Music Awards on Sunday.\n\nSwift got high profile support last week.\n\n"
            "But the company says she didn't need their permission in the first place.\n")
    assert speaker_of(pipe, text, "says") == ("Big Machine", "organisation")


def test_a_speaker_named_in_apposition(pipe):
    # "The group, Workers Coalition, said" / "The company that runs the AMAs, Dick Clark Productions, denies"
    text = ("The company that runs the AMAs, Dick Clark Productions, denies that anything has been definitely "
            "sorted, though.\n")
    assert speaker_of(pipe, text, "denies") == ("Dick Clark Productions", "organisation")


def test_the_utility_said_is_the_utility_named_before(pipe):
    text = ("The weather should ease by Thursday morning, allowing PG&E to begin restoring power, said Mark "
            "Quinlan, PG&E's senior director of emergency preparedness and response.\nThe state's largest "
            "utility decreased the number of people who could be affected. The utility said it will closely "
            "monitor the weather.\n")
    assert speaker_of(pipe, text, "said")[0] in ("PG&E",) or speakers(pipe, text)[-1][2] == "PG&E"


def test_an_accusation_in_the_passive_is_not_the_accused_speaking(pipe):
    # "He is accused of ...": the subject is the target; with no "by ..." the speaker is unknown
    text = ("Assange faces a charge of conspiracy to commit computer intrusion in the US.\n"
            "He is accused of participating in one of the largest ever leaks of government secrets.\n")
    assert speaker_of(pipe, text, "accused") == ("unknown", "unknown")


def test_a_role_named_after_the_quote(pipe):
    # "Austria's interior minister said ..." with the minister named in the next paragraph
    text = ("The house where Adolf Hitler was born will be turned into a police station, Austria's interior "
            "minister said on Tuesday.\n\"The house's future use by the police should send an unmistakable "
            "signal,\" Interior Minister Wolfgang Peschorn said in the statement.\n")
    names = [name for src, _, name, _ in speakers(pipe, text) if src == "Austria's interior minister"]
    assert names == ["Wolfgang Peschorn"]


def test_a_described_role_nobody_holds_is_not_the_last_person_named(pipe):
    text = ("The video had been altered to show Keir Starmer failing to answer a question about Brexit. "
            "The chairman of the Conservative Party described the doctored video as lighthearted satire.\n")
    name, _ = speaker_of(pipe, text, "described")
    assert "Starmer" not in name


def test_a_body_parsed_apart_from_the_title_and_name_after_it(pipe):
    text = ("In a letter calling for the meeting, CPUC President Marybel Batjer said that lack of service "
            "endangers lives.\n")
    assert speaker_of(pipe, text, "said") == ("Marybel Batjer", "person")


def test_a_lone_surname_the_tagger_calls_a_place_is_the_person(pipe):
    # never "Fleck officials", typed government
    text = ("Coach P.J. Fleck said Morgan has made progress this week.\n"
            "They're both true freshmen that Fleck would like to keep at the limit, Fleck said.\n")
    for src, _, name, kind in speakers(pipe, text):
        if src == "Fleck":
            assert (name, kind) == ("P.J. Fleck", "person")
