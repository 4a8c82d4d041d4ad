"""Speaker names that are no names, and companies the tagger takes for people (issue 11, first slice)."""
import pytest

from conftest import resolve_one

from sayso.resolve.names import is_no_name, tidy_name

pytestmark = pytest.mark.slow

LONG = ("The group of more than two dozen former senior national security officials from both Republican and "
        "Democratic administrations who served under four presidents")

# (text, source, cue, content, expected name, expected type)
TABLE = [
    ("The chief executive was accused Wednesday of misleading investors.", "Wednesday", "accused",
     "of misleading investors", "unknown", "unknown"),
    ("No details were given about the settlement.", "No details", "given", "about the settlement",
     "unknown", "unknown"),
    ("WeWork declined to comment on the lawsuit.", "WeWork", "declined", "to comment on the lawsuit",
     "WeWork", "organisation"),
    (LONG + " said the deal was dangerous.", LONG, "said", "the deal was dangerous", None, None),
    ("The Securities and Exchange Commission (SEC said it was reviewing the filing.",
     "The Securities and Exchange Commission (SEC", "said", "it was reviewing the filing",
     "Securities and Exchange Commission", "government"),
]


@pytest.mark.parametrize("text,source,cue,content,name,kind", TABLE, ids=[t[1][:20] for t in TABLE])
def test_speaker_name(nlp, text, source, cue, content, name, kind):
    sp = resolve_one(nlp, text, source, cue, content).speaker
    if name is None:  # a phrase too long to be a name is named by its head phrase
        assert len(sp.name) <= 80 and sp.name.split()[-1] == "group"
    else:
        assert (sp.name, sp.type) == (name, kind)


def test_a_camel_case_surname_is_still_a_person(nlp):
    sp = resolve_one(nlp, "Senator John McCain said the vote would go ahead.", "Senator John McCain", "said",
                     "the vote would go ahead").speaker
    assert (sp.name, sp.type) == ("John McCain", "person")


@pytest.mark.parametrize("name,bad", [("Wednesday", True), ("last Friday", True), ("No details", True),
                                      ("Nobody", False), ("Mayor Bill de Blasio", False)])
def test_is_no_name(name, bad):
    assert is_no_name(name) is bad


@pytest.mark.parametrize("name,tidy", [("John Smith (R", "John Smith"), ("R-Texas) Ted Cruz", "Ted Cruz"),
                                       ("Sen. Ted Cruz (R-Texas)", "Sen. Ted Cruz (R-Texas)")])
def test_brackets_are_balanced(name, tidy):
    assert tidy_name(name) == tidy
