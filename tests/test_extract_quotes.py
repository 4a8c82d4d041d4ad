"""Quotation finding: curly and straight marks, stray and unbalanced ones, multi-paragraph quotes."""
import pytest

from sayso.nlp.quotes import find_quotes

CASES = [
    ("He said: “Hello there,” and left. “Bye.”", ["“Hello there,”", "“Bye.”"]),
    ('A "straight" quote and "another."', ['"straight"', '"another."']),
    # a closing glyph used as the opening mark (PolNeAR huff-post)
    ("”Fear. I am truly afraid.” ― Edwin G. Monroy", ["”Fear. I am truly afraid.”"]),
    # NYT-style doubled apostrophes
    ("''It is a big story,'' the economist said.", ["''It is a big story,''"]),
    # an opening mark never closed: the quote runs to the end of its paragraph
    ("She said “we will win.\n\nNext paragraph.", ["“we will win."]),
    # a closing mark never opened: the quote runs from the start of its paragraph
    ("Full panic mode,” said Leslie Wimes.", ["Full panic mode,”"]),
    # a paragraph that opens a quote and never closes it continues into the next quoted paragraph
    ("“First part.\n\n“Second part.”\n\nAfter.", ["“First part.\n\n“Second part.”"]),
    ("No quotes at all; it’s an apostrophe.", []),
    # a straight closing mark after the sentence's stop and a space (BASIL: '… is wrong. "Perry is
    # referring to …'), while a typographic opening mark there still opens a new quotation
    ('Garcia said, "the council cut the flood budget again. This neglect must end. "Garcia was referring to a report.',
     ['"the council cut the flood budget again. This neglect must end. "']),
    ("He wrote “the council cut the flood budget again. “We will not wait,” she said.", ["“We will not wait,”"]),
    ('A "short. "Then" word.', ['"Then"']),
]


@pytest.mark.parametrize("text,expected", CASES)
def test_find_quotes(text, expected):
    assert [text[q.start:q.end] for q in find_quotes(text)] == expected


def test_quotes_are_offsets_into_the_text():
    text = "x “a” y \"b\" z ''c''"
    for q in find_quotes(text):
        assert 0 <= q.start < q.end <= len(text)


@pytest.mark.parametrize("text,expected", [
    ("“We will not back down,’’ said Maria Lopez.", ["“We will not back down,’’"]),
    ("‘‘It is over,’’ he said.", ["‘‘It is over,’’"]),
    ("«We are staying,» said the mayor.", ["«We are staying,»"]),
])
def test_wire_service_marks(text, expected):
    assert [text[q.start:q.end] for q in find_quotes(text)] == expected
