"""Rule logic apart from the parser: stance, framing and cue candidates on spaCy ``Doc``s built by hand
(words, heads, dependency labels, tags and lemmas set here, on a blank English vocabulary), so a
failure points at the rules, never at a change in the statistical parse."""
import pytest
import spacy
from spacy.tokens import Doc

from sayso.model import Attribution, Span
from sayso.nlp.features import is_candidate
from sayso.resolve.stance import stance_of

VOCAB = spacy.blank("en").vocab

#: token: word, head index, dependency, fine tag, coarse POS, lemma
Tok = tuple[str, int, str, str, str, str]


def make_doc(tokens: list[Tok]) -> Doc:
    words = [t[0] for t in tokens]
    spaces = [i + 1 < len(words) and words[i + 1] not in {".", ",", "?", "n't"} for i in range(len(words))]
    return Doc(VOCAB, words=words, spaces=spaces, heads=[t[1] for t in tokens], deps=[t[2] for t in tokens],
               tags=[t[3] for t in tokens], pos=[t[4] for t in tokens], lemmas=[t[5] for t in tokens])


def attribution(doc: Doc, source: tuple[int, int] | None, cue: tuple[int, int], content: tuple[int, int]):
    def span(i, j):
        s = doc[i:j]
        return Span(s.start_char, s.end_char, s.text)
    return Attribution(source=span(*source) if source else None, cue=span(*cue), content=(span(*content),))


# "The ministry denied the report."
DENIED = [("The", 1, "det", "DT", "DET", "the"), ("ministry", 2, "nsubj", "NN", "NOUN", "ministry"),
          ("denied", 2, "ROOT", "VBD", "VERB", "deny"), ("the", 4, "det", "DT", "DET", "the"),
          ("report", 2, "dobj", "NN", "NOUN", "report"), (".", 2, "punct", ".", "PUNCT", ".")]
# "He declined to comment."
DECLINED = [("He", 1, "nsubj", "PRP", "PRON", "he"), ("declined", 1, "ROOT", "VBD", "VERB", "decline"),
            ("to", 3, "aux", "TO", "PART", "to"), ("comment", 1, "xcomp", "VB", "VERB", "comment"),
            (".", 1, "punct", ".", "PUNCT", ".")]
# "She said the talks may fail."
MAY_FAIL = [("She", 1, "nsubj", "PRP", "PRON", "she"), ("said", 1, "ROOT", "VBD", "VERB", "say"),
            ("the", 3, "det", "DT", "DET", "the"), ("talks", 5, "nsubj", "NNS", "NOUN", "talk"),
            ("may", 5, "aux", "MD", "AUX", "may"), ("fail", 1, "ccomp", "VB", "VERB", "fail"),
            (".", 1, "punct", ".", "PUNCT", ".")]
# "She said the talks will fail."
WILL_FAIL = [t if t[0] != "may" else ("will", 5, "aux", "MD", "AUX", "will") for t in MAY_FAIL]
# "He claimed the vote was rigged."
CLAIMED = [("He", 1, "nsubj", "PRP", "PRON", "he"), ("claimed", 1, "ROOT", "VBD", "VERB", "claim"),
           ("the", 3, "det", "DT", "DET", "the"), ("vote", 5, "nsubjpass", "NN", "NOUN", "vote"),
           ("was", 5, "auxpass", "VBD", "AUX", "be"), ("rigged", 1, "ccomp", "VBN", "VERB", "rig"),
           (".", 1, "punct", ".", "PUNCT", ".")]
CONFIRMED = [t if t[0] != "claimed" else ("confirmed", 1, "ROOT", "VBD", "VERB", "confirm") for t in CLAIMED]
# "He does n't believe the report."
NOT_BELIEVE = [("He", 3, "nsubj", "PRP", "PRON", "he"), ("does", 3, "aux", "VBZ", "AUX", "do"),
               ("n't", 3, "neg", "RB", "PART", "not"), ("believe", 3, "ROOT", "VB", "VERB", "believe"),
               ("the", 5, "det", "DT", "DET", "the"), ("report", 3, "dobj", "NN", "NOUN", "report"),
               (".", 3, "punct", ".", "PUNCT", ".")]
# "He asked whether the plan works."
ASKED = [("He", 1, "nsubj", "PRP", "PRON", "he"), ("asked", 1, "ROOT", "VBD", "VERB", "ask"),
         ("whether", 5, "mark", "IN", "SCONJ", "whether"), ("the", 4, "det", "DT", "DET", "the"),
         ("plan", 5, "nsubj", "NN", "NOUN", "plan"), ("works", 1, "ccomp", "VBZ", "VERB", "work"),
         (".", 1, "punct", ".", "PUNCT", ".")]


@pytest.mark.parametrize("tokens,source,cue,content,label,framing,trigger", [
    (DENIED, (0, 2), (2, 3), (3, 5), "denies", "neutral", "denied"),
    (DECLINED, (0, 1), (1, 2), (2, 4), "declines", "neutral", "declined"),
    (MAY_FAIL, (0, 1), (1, 2), (2, 6), "hedges", "neutral", "may"),
    (WILL_FAIL, (0, 1), (1, 2), (2, 6), "asserts", "neutral", None),
    (CLAIMED, (0, 1), (1, 2), (2, 6), "asserts", "distancing", "claimed"),
    (CONFIRMED, (0, 1), (1, 2), (2, 6), "asserts", "endorsing", "confirmed"),
    (NOT_BELIEVE, (0, 1), (3, 4), (4, 6), "denies", "neutral", "believe"),
    (ASKED, (0, 1), (1, 2), (2, 6), "questions", "neutral", "asked"),
])
def test_stance_rules_on_hand_made_parses(tokens, source, cue, content, label, framing, trigger):
    doc = make_doc(tokens)
    stance = stance_of(doc, attribution(doc, source, cue, content))
    assert (stance.label, stance.framing) == (label, framing), stance.explanation
    if trigger:
        assert trigger in [t.text for t in stance.triggers], stance.triggers
        for t in stance.triggers:  # trigger spans point into the text
            assert doc.text[t.start:t.end] == t.text
    else:
        assert stance.triggers == ()


def test_only_content_words_colons_and_dashes_can_head_a_cue():
    doc = make_doc(DENIED + [("Critics", 8, "nsubj", "NNS", "NOUN", "critic"), (":", 8, "punct", ":", "PUNCT", ":"),
                             ("no", 8, "ROOT", "UH", "INTJ", "no")])
    assert [t.text for t in doc if is_candidate(t)] == ["ministry", "denied", "report", "Critics", ":"]
