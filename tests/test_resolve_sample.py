"""The founding sample report through the whole pipeline (parse -> extract -> resolve)."""
import pytest

pytestmark = pytest.mark.slow


def find(report, content_words: str, source: str | None = None):
    """The attribution whose content holds these words (and whose source text contains ``source``)."""
    for a in report.attributions:
        if any(content_words in c.text for c in a.content):
            if source is None or (a.source and source in a.source.text):
                return a
    pytest.fail(f"no attribution with content {content_words!r} (source {source!r}): extractor output changed")


def test_every_attribution_is_resolved_and_offsets_hold(sample_report):
    text = sample_report.article.text
    for a in sample_report.attributions:
        assert a.speaker is not None and a.stance is not None
        for m in a.speaker.mentions + a.stance.triggers:
            assert text[m.start:m.end] == m.text
        assert a.via is None or 0 <= a.via < len(sample_report.attributions)


def test_witkoff_with_his_role_hedges(sample_report):
    a = find(sample_report, "Let’s hope they are not", "Witkoff")
    assert a.speaker.name == "Steve Witkoff"
    assert a.speaker.role == "Donald Trump’s special envoy to the Middle East"
    assert a.stance.label == "hedges"


def test_the_post_is_a_media_outlet(sample_report):
    a = find(sample_report, "Russia has been providing Iran", "Washington Post")
    assert (a.speaker.name, a.speaker.type) == ("Washington Post", "media")


def test_the_post_rests_on_three_anonymous_officials(sample_report):
    a = find(sample_report, "Russia has been providing Iran", "Washington Post")
    assert a.via is not None
    officials = sample_report.attributions[a.via].speaker
    assert (officials.type, officials.count) == ("anonymous", 3)
    assert officials.descriptor == "officials familiar with intelligence matters"


def test_the_russian_denial_is_relayed_by_witkoff(sample_report):
    a = find(sample_report, "the allegations", "Russian officials")
    assert (a.speaker.name, a.speaker.type, a.stance.label) == ("Russia", "government", "denies")
    atts = sample_report.attributions
    witkoff = find(sample_report, "Russian officials had denied the allegations", "Witkoff")
    assert witkoff.speaker.name == "Steve Witkoff"
    assert atts[witkoff.via] == a  # via points toward the origin: the relayer rests on the denial


def test_trump_downplays(sample_report):
    for words in ("even if intelligence sharing is taking place", "they can release all the information"):
        a = find(sample_report, words)
        assert (a.speaker.name, a.stance.label) == ("Donald Trump", "dismisses")


def test_hegseth_declines(sample_report):
    declined = find(sample_report, "comment directly")
    assert (declined.speaker.name, declined.stance.label) == ("Pete Hegseth", "declines")


def test_hegseth_dismisses_their_relevance(sample_report):
    a = find(sample_report, "have no relevance")
    assert (a.speaker.name, a.speaker.role, a.stance.label) == ("Pete Hegseth", "U.S. Defense Secretary",
                                                                 "dismisses")
