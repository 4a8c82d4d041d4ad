"""The shipped claim models: encoder, grouping and stance on hand-made headlines and reports."""
import numpy as np
import pytest

from sayso.claims.encode import load_encoder
from sayso.claims.group import SAME_CLAIM, centroid, cluster, nearest
from sayso.claims.stance import CLAIM_STANCES, claim_stance, claim_stances


@pytest.fixture(scope="module")
def enc():
    return load_encoder()


def sim(enc, a, b):
    va, vb = enc.encode([a, b])
    return float(va @ vb)


def test_encoder_gives_unit_float32_rows_and_zero_for_empty(enc):
    v = enc.encode(["Russia is giving Iran intelligence", "", "the of and"])
    assert v.shape == (3, enc.dim) and v.dtype == np.float32
    assert np.isclose(np.linalg.norm(v[0]), 1.0, atol=1e-5)
    assert not v[1].any() and not v[2].any()


def test_encoder_is_deterministic_and_order_free(enc):
    a = enc.encode(["Banksy arrested in London", "Apple Watch sales"])
    b = enc.encode(["Apple Watch sales", "Banksy arrested in London"])
    assert np.allclose(a[0], b[1]) and np.allclose(a[1], b[0])


def test_synonyms_count_without_shared_words(enc):
    # no content word in common: only the distilled word vectors can bring these together
    paraphrase = sim(enc, "Russia is giving Iran intelligence", "Moscow has been providing Tehran with information")
    unrelated = sim(enc, "Russia is giving Iran intelligence", "Banksy arrested in London")
    assert paraphrase > unrelated + 0.15


def test_paraphrases_grouped_and_other_claims_apart(enc):
    texts = ["Russia is giving Iran intelligence",
             "Russia gives intelligence to Iran, officials say",
             "Apple will sell 19 million Apple Watches in 2015",
             "BMO forecasts 19M Apple Watch sales in 2015",
             "Banksy arrested in London",
             "Graffiti artist Banksy arrested by London police, identity revealed"]
    labels = cluster(enc.encode(texts))
    assert labels[0] == labels[1] and labels[2] == labels[3] and labels[4] == labels[5]
    assert len({labels[0], labels[2], labels[4]}) == 3


def test_related_topic_is_not_the_same_claim(enc):
    assert sim(enc, "Apple will sell 19 million Apple Watches in 2015", "Apple unveils a new iPhone") < SAME_CLAIM
    assert sim(enc, "ISIS leader killed in airstrike", "ISIS seizes town in Syria") < SAME_CLAIM


def test_nearest_and_centroid(enc):
    v = enc.encode(["Banksy arrested in London", "Police arrest Banksy", "Apple Watch sales forecast"])
    cents = np.stack([centroid(v[:2]), centroid(v[2:])])
    i, s = nearest(enc.encode(["Banksy has been arrested"])[0], cents)
    assert i == 0 and s > SAME_CLAIM
    assert nearest(v[0], np.zeros((0, enc.dim))) == (-1, 0.0)
    assert cluster(np.zeros((0, enc.dim))) == []


CLAIM = "Russia is giving Iran intelligence"


@pytest.mark.parametrize("report, attribution_stance, expected", [
    ("The Kremlin denies that Russia is giving Iran intelligence", None, "denies"),
    ("Report that Russia gives Iran intelligence is false, Moscow says", None, "denies"),
    ("Russia is giving Iran intelligence", "denies", "denies"),        # a denial, whatever the words
    ("Russia may be giving Iran intelligence", None, "hedges"),
    ("Is Russia giving Iran intelligence?", None, "hedges"),
    ("Russia is giving Iran intelligence", "questions", "hedges"),
    ("Russia is giving Iran intelligence", "asserts", "supports"),
])
def test_claim_stance(report, attribution_stance, expected):
    label, conf = claim_stance(CLAIM, report, attribution_stance)
    assert label == expected and label in CLAIM_STANCES and 0 < conf <= 1


def test_batch_form_equals_single_calls():
    pairs = [(CLAIM, "The Kremlin denies it"), (CLAIM, "Russia may be giving Iran intelligence")]
    assert claim_stances(pairs, ["denies", None]) == [claim_stance(CLAIM, "The Kremlin denies it", "denies"),
                                                       claim_stance(*pairs[1])]
    with pytest.raises(ValueError):
        claim_stances(pairs, ["denies"])


def test_fnc_word_overlap_is_weighted_by_rarity():
    from sayso.claims.bodystance import STEM_DIM, Body, overlap_features, stem_ids
    body = Body("Police in London arrested the graffiti artist Banksy on Monday. The artist was detained.")
    idf = np.ones(STEM_DIM, dtype=np.float32)
    idf[stem_ids("Banksy graffiti")] = 6.0                     # rare words
    same = overlap_features(stem_ids("Banksy arrested in London"), body, idf)
    common = overlap_features(stem_ids("The artist was in the news on Monday"), body, idf)
    other = overlap_features(stem_ids("Apple Watch sales rise"), body, idf)
    assert same[2] == 1.0 and same[3] == 1.0                   # every rare word found
    assert common[3] == 0.0 and other[0] == 0.0 and not other.any()
    assert same[0] > common[0] > other[0]
    assert overlap_features(stem_ids(""), body, idf).shape == (5,)


def test_hashed_character_ngrams_are_scikit_learns_char_wb_and_batch_free():
    from sklearn.feature_extraction.text import CountVectorizer

    from sayso.claims.features import char_gram_ids
    texts = ["Russia is giving Iran intelligence", "", "  a  ", "Kremlin: “fake” — Ürümqi's 2015 I", "x\0y"]
    analyzer = CountVectorizer(analyzer="char_wb", ngram_range=(2, 5)).build_analyzer()
    rows, ids = char_gram_ids(texts, 2 ** 15)
    assert np.bincount(rows, minlength=len(texts)).tolist() == [len(analyzer(t.replace("\0", " "))) for t in texts]
    for i, t in enumerate(texts):                       # a text's buckets do not depend on its batch
        assert sorted(ids[rows == i]) == sorted(char_gram_ids([t], 2 ** 15)[1])
    same = char_gram_ids(["Banksy", "banksy"], 2 ** 15)
    assert sorted(same[1][same[0] == 0]) == sorted(same[1][same[0] == 1])


def test_fnc_refutation_features_see_a_denial_of_the_headline():
    from sayso.claims.bodystance import Body, refutation_features
    from sayso.claims.encode import load_encoder
    enc = load_encoder()
    head = "Banksy arrested in London"
    hv = enc.encode([head])[0]
    deny = Body("Banksy was not arrested in London. The story of the Banksy arrest is a hoax from a satire site.")
    agree = Body("Police in London arrested Banksy on Monday. The artist Banksy was arrested after a chase.")
    d = refutation_features(head, deny.sentence_vectors @ hv, deny)
    a = refutation_features(head, agree.sentence_vectors @ hv, agree)
    assert d.shape == a.shape == (20,)
    assert d[3] == 1.0 and a[3] == 0.0            # a denial in an on-topic closest sentence
    assert d[14] > 0 and a[14] == 0.0              # "arrested" negated in the body
    assert d[0] == a[0] == 0.0                     # the headline itself is not negated
    neg = refutation_features("Banksy not arrested", agree.sentence_vectors @ hv, agree)
    assert neg[0] == 1.0 and neg[7] == 1.0         # negated headline, affirmative on-topic sentences
