"""Offsets are sacred: on all of PolNeAR dev, every extracted span is the article text at its offsets."""
import pytest

from sayso.evaluate.polnear import extract_corpus, load_gold

pytestmark = pytest.mark.slow


def test_every_span_on_polnear_dev_is_the_text_at_its_offsets(corpus, nlp):
    dev = corpus("polnear") / "dev"
    gold = load_gold(dev, corpus("polnear") / "metadata.tsv")
    preds = extract_corpus(gold, nlp)
    n = 0
    for stem, atts in preds.items():
        text = gold[stem][0]
        for a in atts:
            assert a.content, f"{stem}: an attribution without content"
            for s in (a.source, a.cue, *a.content):
                if s is None:
                    continue
                assert 0 <= s.start < s.end <= len(text)
                assert text[s.start:s.end] == s.text, f"{stem}: {s}"
                assert s.text == s.text.strip(), f"{stem}: untrimmed span {s}"
                n += 1
    assert n > 3000  # the check ran over thousands of spans
