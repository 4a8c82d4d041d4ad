"""Tables of real-style sentences: who the source is, what type, and how it is described."""
import pytest

from conftest import resolve_one

pytestmark = pytest.mark.slow


def resolve(nlp, text, source, cue, content):
    return resolve_one(nlp, text, source, cue, content).speaker


# (text, source, cue, content, name, type)
TYPES = [
    ("Moscow said the claims were false.", "Moscow", "said", "the claims were false", "Russia", "government"),
    ("The Kremlin said the report was wrong.", "The Kremlin", "said", "the report was wrong", "Russia",
     "government"),
    ("The Russians say they are not involved.", "The Russians", "say", "they are not involved", "Russia",
     "government"),
    ("The White House said the talks would resume.", "The White House", "said", "the talks would resume",
     "White House", "government"),
    ("CNN reported that the talks had stalled.", "CNN", "reported", "the talks had stalled", "CNN", "media"),
    ("The Washington Post reported that the deal was off.", "The Washington Post", "reported",
     "the deal was off", "Washington Post", "media"),
    ("A new poll shows the race is tight.", "A new poll", "shows", "the race is tight", "new poll", "document"),
    ("The company said profits would rise.", "The company", "said", "profits would rise", "company",
     "organisation"),
    ("Two U.S. officials said the strike was planned.", "Two U.S. officials", "said", "the strike was planned",
     "Two U.S. officials", "anonymous"),
    ("Senator Mary Landrieu said the bill would pass.", "Senator Mary Landrieu", "said", "the bill would pass",
     "Mary Landrieu", "person"),
]


@pytest.mark.parametrize("text,source,cue,content,name,type_", TYPES, ids=[t[1] for t in TYPES])
def test_source_type_and_name(nlp, text, source, cue, content, name, type_):
    sp = resolve(nlp, text, source, cue, content)
    assert (sp.name, sp.type) == (name, type_)


def test_anonymous_count_descriptor_and_affiliation(nlp):
    text = "Two senior U.S. officials familiar with the talks said the deal was close."
    sp = resolve(nlp, text, "Two senior U.S. officials familiar with the talks", "said", "the deal was close")
    assert (sp.type, sp.count, sp.affiliation) == ("anonymous", 2, "United States")
    assert sp.descriptor == "senior U.S. officials familiar with the talks"


def test_a_single_official_counts_one(nlp):
    text = "A senior administration official said the plan was dead."
    sp = resolve(nlp, text, "A senior administration official", "said", "the plan was dead")
    assert (sp.type, sp.count, sp.affiliation) == ("anonymous", 1, "administration")


@pytest.mark.parametrize("text,source,cue,content,name,role", [
    ("Rick Perry, the governor of Texas, visited Iowa. The governor said he would win.",
     "The governor", "said", "he would win", "Rick Perry", "the governor of Texas"),
    ("Republican presidential candidate Rick Santorum spoke in Ohio. He said the race was open.",
     "He", "said", "the race was open", "Rick Santorum", "Republican presidential candidate"),
    ("Hillary Clinton met Donald Trump. Clinton said the debate went well.",
     "Clinton", "said", "the debate went well", "Hillary Clinton", None),
    ("Ms. Lauten wrote a post about the girls. She said she regretted it.",
     "She", "said", "she regretted it", "Lauten", None),
])
def test_pronouns_and_descriptions_resolve_to_the_named_person(nlp, text, source, cue, content, name, role):
    sp = resolve(nlp, text, source, cue, content)
    assert (sp.name, sp.type, sp.role) == (name, "person", role)


def test_she_skips_a_man_named_just_before(nlp):
    text = ("Elizabeth Lauten wrote a post. Mr. Obama pardoned a turkey on Friday. "
            "She later said she was sorry.")
    sp = resolve(nlp, text, "She", "said", "she was sorry")
    assert sp.name == "Elizabeth Lauten"


def test_no_source_uses_the_subject_of_the_cue(nlp):
    text = "U.S. Defense Secretary Pete Hegseth declined to comment directly."
    a = resolve(nlp, text, None, "declined", "to comment directly")
    assert a.name == "Pete Hegseth"
