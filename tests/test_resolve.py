"""Speaker resolution, descriptions, chains and stance on the founding sample report.

The attributions are written by hand (source, cue and content found in the text), so these tests
check resolution alone; ``test_resolve_sample.py`` checks the same things through the pipeline.
"""
import pytest

from conftest import SAMPLE_REPORT
from sayso.model import Article, Attribution, Span

pytestmark = pytest.mark.slow

TEXT = SAMPLE_REPORT.read_text(encoding="utf-8")


def span(sub: str, after: str | None = None) -> Span:
    i = TEXT.index(sub, TEXT.index(after) if after else 0)
    return Span.of(TEXT, i, i + len(sub))


def att(src, cue, content, after=None) -> Attribution:
    return Attribution(source=span(src, after) if src else None, cue=span(cue, after),
                       content=(span(content, after),))


ATTS = [
    att("Witkoff", "said", "Russian officials had denied the allegations", "Speaking later"),  # 0
    att("Russian officials", "had denied", "the allegations", "Speaking later"),  # 1
    att("Witkoff", "said", "The Russians assure us they are not passing intelligence information to the "
        "Iranians. Let’s hope they are not,", "Speaking later"),  # 2
    att("The Russians", "assure", "they are not passing intelligence information to the Iranians"),  # 3
    att("Earlier reporting by the Washington Post", "suggested", "that Russia has been providing Iran"),  # 4
    att("three officials familiar with intelligence matters", "citing", "that Russia has been providing Iran"),
    att("the report", "According to", "the full scale of the alleged intelligence cooperation remains unclear"),
    att("Trump", "said", "Look, they can release all the information they want, but the people they’re "
        "sending it to are overwhelmed.", "“Look"),  # 7
    att("he", "argued", "that even if intelligence sharing is taking place, it may not significantly affect "
        "the conflict", "However"),  # 8
    att("U.S. Defense Secretary Pete Hegseth", "declined to comment", "directly"),  # 9
    att("He", "said", "the countries “have no relevance” to the situation", "He said the"),  # 10
]


@pytest.fixture(scope="module")
def resolved(nlp):
    from sayso.resolve import resolve_attributions
    return resolve_attributions(nlp(TEXT), ATTS, Article(id="sample", text=TEXT))


def test_spans_and_order_are_unchanged(resolved):
    assert [(a.source, a.cue, a.content) for a in resolved] == [(a.source, a.cue, a.content) for a in ATTS]
    for a in resolved:
        for m in a.speaker.mentions + a.stance.triggers:
            assert TEXT[m.start:m.end] == m.text


def test_witkoff_gets_his_fullest_name_and_role(resolved):
    sp = resolved[0].speaker
    assert (sp.name, sp.type) == ("Steve Witkoff", "person")
    assert sp.role == "Donald Trump’s special envoy to the Middle East"
    assert any(m.text == "Steve Witkoff" for m in sp.mentions)


def test_the_denial_is_russias_relayed_by_witkoff(resolved):
    denial = resolved[1]
    assert (denial.speaker.name, denial.speaker.type) == ("Russia", "government")
    assert denial.stance.label == "denies"
    # via points toward the origin: Witkoff's reports rest on the Russian assurances he relays
    assert resolved[0].via == 1 and denial.via is None
    assert resolved[3].speaker.name == "Russia" and resolved[2].via == 3 and resolved[3].via is None


def test_lets_hope_is_witkoffs_hedge(resolved):
    a = resolved[2]
    assert a.speaker.name == "Steve Witkoff"
    assert a.stance.label == "hedges"
    assert any("hope" in t.text for t in a.stance.triggers)


def test_the_post_is_a_media_outlet_resting_on_three_anonymous_officials(resolved):
    post, officials = resolved[4], resolved[5]
    assert (post.speaker.name, post.speaker.type) == ("Washington Post", "media")
    assert post.via == 5
    sp = officials.speaker
    assert (sp.type, sp.count, sp.descriptor) == ("anonymous", 3, "officials familiar with intelligence matters")
    assert resolved[6].via == 4  # "According to the report" rests on the Post's reporting


def test_trump_downplays(resolved):
    for a in resolved[7:9]:
        assert a.speaker.name == "Donald Trump"
        assert a.stance.label == "dismisses", a.stance.explanation


def test_hegseth_declines_then_dismisses(resolved):
    declined, dismissed = resolved[9], resolved[10]
    assert declined.stance.label == "declines"
    assert dismissed.speaker.name == "Pete Hegseth"
    assert dismissed.speaker.role == "U.S. Defense Secretary"
    assert dismissed.stance.label == "dismisses"
    assert [t.text for t in dismissed.stance.triggers] == ["no relevance"]


def test_ushakov_carries_his_role(nlp):
    from sayso.resolve.people import People
    people = People(nlp(TEXT))
    assert people.persons["Yuri Ushakov"].role == "an adviser to Russian President Vladimir Putin"
    assert people.persons["Vladimir Putin"].role == "Russian President"


def test_no_attributions_is_no_work(nlp):
    from sayso.resolve import resolve_attributions
    assert resolve_attributions(nlp("Nothing said here."), [], Article(id="x", text="Nothing said here.")) == []


def test_two_people_speaking_together_are_one_joint_speaker(nlp):
    """"Witkoff and Jared Kushner reportedly discussed …" is neither man alone."""
    from sayso.resolve import resolve_attributions

    joint = att("Witkoff and Jared Kushner", "discussed", "several topics")
    (out,) = resolve_attributions(nlp(TEXT), [joint], Article(id="sample", text=TEXT))
    assert out.speaker.name == "Steve Witkoff and Jared Kushner"
    assert out.speaker.type == "person" and out.speaker.count == 2
    assert [m.text for m in out.speaker.mentions][1:] == ["Witkoff", "Jared Kushner"]
