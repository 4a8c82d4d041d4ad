"""Stance and framing: a table of sentences, each with the words that must decide it."""
import pytest

from conftest import resolve_one

pytestmark = pytest.mark.slow


def stance(nlp, text, source, cue, content):
    return resolve_one(nlp, text, source, cue, content).stance


# (text, source, cue, content, label, framing, a trigger word)
TABLE = [
    ("The minister said the economy grew.", "The minister", "said", "the economy grew", "asserts", "neutral", None),
    ("The Kremlin denied the allegations.", "The Kremlin", "denied", "the allegations", "denies", "neutral",
     "denied"),
    ("The spokesman said the report was not true.", "The spokesman", "said", "the report was not true",
     "denies", "neutral", "not true"),
    ("“The Russians assure us they are not passing intelligence,” he said.", "The Russians", "assure",
     "they are not passing intelligence", "denies", "neutral", "assure"),
    ("“Let’s hope they are not,” Witkoff said.", "Witkoff", "said", "Let’s hope they are not", "hedges",
     "neutral", "Let’s hope"),
    ("Officials said Russia may be sharing data.", "Officials", "said", "Russia may be sharing data", "hedges",
     "neutral", "may"),
    ("Analysts believe the deal will collapse.", "Analysts", "believe", "the deal will collapse", "hedges",
     "neutral", "believe"),
    ("He doesn't think so.", "He", "think", "so", "denies", "neutral", "think"),
    ("Trump downplayed the reports.", "Trump", "downplayed", "the reports", "dismisses", "neutral", "downplayed"),
    ("He said the countries “have no relevance” to the situation.", "He", "said",
     "the countries “have no relevance” to the situation", "dismisses", "neutral", "no relevance"),
    ("Hegseth declined to comment on the talks.", "Hegseth", "declined", "on the talks", "declines", "neutral",
     "declined"),
    ("The senator would not say whether she would run.", "The senator", "say", "whether she would run",
     "declines", "neutral", "say"),
    ("Trump refuses to release his tax returns.", "Trump", "refuses", "to release his tax returns", "declines",
     "neutral", "refuses"),
    ("The court declined to hear the appeal.", "The court", "declined", "to hear the appeal", "asserts",
     "neutral", None),
    ("Reporters asked whether the deal was dead.", "Reporters", "asked", "whether the deal was dead", "questions",
     "neutral", "asked"),
    ("Lauer asked the candidates to discuss their ideas.", "Lauer", "asked", "to discuss their ideas", "asserts",
     "neutral", None),
    ("Critics questioned the integrity of the vote.", "Critics", "questioned", "the integrity of the vote",
     "questions", "neutral", "questioned"),
    ("The agency confirmed that the data was stolen.", "The agency", "confirmed", "the data was stolen",
     "asserts", "endorsing", "confirmed"),
    ("The Post revealed that the envoy met Putin.", "The Post", "revealed", "the envoy met Putin", "asserts",
     "endorsing", "revealed"),
    ("Trump claimed that he won the debate.", "Trump", "claimed", "he won the debate", "asserts", "distancing",
     "claimed"),
    ("Prosecutors alleged that he hid the money.", "Prosecutors", "alleged", "he hid the money", "asserts",
     "distancing", "alleged"),
    ("She insisted that the campaign would continue.", "She", "insisted", "the campaign would continue",
     "asserts", "distancing", "insisted"),
]


@pytest.mark.parametrize("text,source,cue,content,label,framing,trigger", TABLE, ids=[t[0][:40] for t in TABLE])
def test_stance_framing_and_triggers(nlp, text, source, cue, content, label, framing, trigger):
    st = stance(nlp, text, source, cue, content)
    assert (st.label, st.framing) == (label, framing), st.explanation
    if trigger:
        assert trigger in [t.text for t in st.triggers], st.triggers
        assert trigger in st.explanation
    for t in st.triggers:
        assert text[t.start:t.end] == t.text


def test_a_could_inside_a_relative_clause_does_not_hedge(nlp):
    text = "The report said Russia gave Iran data that could help it strike."
    st = stance(nlp, text, "The report", "said", "Russia gave Iran data that could help it strike")
    assert st.label == "asserts"
