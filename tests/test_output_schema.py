"""`sayso extract` output follows the published JSON Schema, on every bundled sample."""
import json
from pathlib import Path

import jsonschema
import pytest

from sayso.model import Article, Attribution, Span, AnalyzedArticle

SCHEMA = json.loads((Path(__file__).resolve().parent.parent / "src/sayso/schema/extract-output.schema.json").read_text())


def validate(record):
    jsonschema.validate(record, SCHEMA, cls=jsonschema.Draft202012Validator)


def test_schema_is_itself_valid():
    jsonschema.Draft202012Validator.check_schema(SCHEMA)


def test_schema_rejects_a_span_without_offsets():
    rec = AnalyzedArticle(Article(id="a", text="x said y"), (Attribution(None, Span.of("x said y", 2, 6)),)).to_dict()
    validate(rec)
    rec["attributions"][0]["cue"] = {"text": "said"}
    with pytest.raises(jsonschema.ValidationError):
        validate(rec)


@pytest.mark.slow
def test_every_sample_validates(pipeline, samples):
    from sayso.ingest import read_path

    articles = [a for p in sorted(samples.iterdir()) for a in read_path(p) if isinstance(a, Article)]
    assert len(articles) >= 8
    for analyzed in pipeline.analyze_many(articles):
        validate(json.loads(json.dumps(analyzed.to_dict())))
