"""The `sayso` command: thin click commands over the library.

Each command parses its arguments, calls the library, and turns sayso's exceptions into a
one-line message and an exit code (0 ok, 1 some input or lookup failed, 2 usage error).
"""
from __future__ import annotations

import json
import logging
import sys

import click

from .errors import InputError, SaysoError
from .settings import Settings

log = logging.getLogger("sayso")

DB_OPTION = click.option(
    "--db", "db", envvar="SAYSO_DB", default="sayso.db", show_default=True,
    type=click.Path(dir_okay=False), help="SQLite database file.",
)


def _fail(message: str, code: int = 1):
    click.echo(f"error: {message}", err=True)
    sys.exit(code)


def _open_store(db: str, *, readonly: bool = True):
    from pathlib import Path

    from .store import Store

    if readonly and not Path(db).exists():
        _fail(f"{db}: no such database; create it with `sayso ingest PATH --db {db}`")
    try:
        return Store(db, readonly=readonly)
    except SaysoError as e:
        _fail(str(e))


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.option("-v", "--verbose", count=True, help="Log more (-v info, -vv debug).")
@click.version_option(package_name="sayso")
def main(verbose: int):
    """sayso: who said what, on whose say-so, in news articles."""
    level = logging.WARNING - 10 * min(verbose, 2)
    logging.basicConfig(level=level, format="%(levelname)s %(name)s: %(message)s", stream=sys.stderr)


def _report(err: InputError) -> None:
    click.echo(f"error: {err.path}: {err.reason}", err=True)


@main.command()
@click.argument("paths", nargs=-1, required=True)
@click.option("--format", "fmt", type=click.Choice(["jsonl", "json", "text"]), default="jsonl",
              show_default=True, help="One JSON object per article, a JSON array, or readable text.")
@click.option("--max-bytes", type=int, default=None, help="Largest input file accepted (bytes).")
def extract(paths, fmt, max_bytes):
    """Extract attributions from articles (files, directories or - for stdin); stores nothing.

    Output follows src/sayso/schema/extract-output.schema.json.
    """
    from .ingest import read_paths
    from .pipeline import Pipeline

    settings = Settings.load(max_bytes=max_bytes)
    failed = 0

    def articles():
        nonlocal failed
        for item in read_paths(paths, settings):
            if isinstance(item, InputError):
                failed += 1
                _report(item)
            else:
                yield item

    def _count_and_report(err: InputError) -> None:
        nonlocal failed
        failed += 1
        _report(err)

    try:
        pipe = Pipeline(settings)
    except SaysoError as e:
        _fail(str(e))
    results = []
    for analyzed in pipe.analyze_many(articles(), on_error=_count_and_report):
        if fmt == "jsonl":
            click.echo(json.dumps(analyzed.to_dict(), ensure_ascii=False))
        elif fmt == "json":
            results.append(analyzed.to_dict())
        else:
            from .render import render_text
            click.echo(render_text(analyzed))
    if fmt == "json":
        click.echo(json.dumps(results, ensure_ascii=False, indent=1))
    sys.exit(1 if failed else 0)


@main.command()
@click.argument("paths", nargs=-1, required=True)
@DB_OPTION
@click.option("--max-bytes", type=int, default=None, help="Largest input file accepted (bytes).")
def ingest(paths, db, max_bytes):
    """Read, analyse and store articles in the database (idempotent: known texts are skipped)."""
    from .batch import ingest_paths

    settings = Settings.load(max_bytes=max_bytes, db=db)
    store = _open_store(db, readonly=False)
    with store:
        summary = ingest_paths(paths, store, settings, on_error=_report)
    click.echo(summary.line(db), err=True)
    sys.exit(1 if summary.failed else 0)


@main.command()
@click.argument("query", required=False)
@DB_OPTION
@click.option("--speaker", help="Speaker name or alias (a surname works: Witkoff).")
@click.option("--outlet", help="Outlet name.")
@click.option("--since", "date_from", help="Earliest article date, YYYY-MM-DD.")
@click.option("--until", "date_to", help="Latest article date, YYYY-MM-DD.")
@click.option("--type", "source_type", help="Source type: person, anonymous, organisation, government, media, document, unknown.")
@click.option("--stance", help="Stance: asserts, denies, hedges, dismisses, declines, questions.")
@click.option("--limit", default=20, show_default=True, type=click.IntRange(1, 10000))
@click.option("--offset", default=0, type=click.IntRange(0))
@click.option("--format", "fmt", type=click.Choice(["text", "jsonl"]), default="text", show_default=True)
def quotes(query, db, speaker, outlet, date_from, date_to, source_type, stance, limit, offset, fmt):
    """Search what was said: full text QUERY plus filters."""
    from .render import render_quote

    filters = dict(text=query, speaker=speaker, outlet=outlet, date_from=date_from, date_to=date_to,
                   source_type=source_type, stance=stance)
    with _open_store(db) as store:
        try:
            rows = store.quotes(**filters, limit=limit, offset=offset)
            total = store.count_quotes(**filters)
        except SaysoError as e:
            _fail(str(e))
    for row in rows:
        click.echo(json.dumps(row, ensure_ascii=False) if fmt == "jsonl" else render_quote(row))
    if fmt == "text":
        click.echo(f"{len(rows)} of {total} attributions shown", err=True)


@main.command()
@click.argument("article_id")
@DB_OPTION
def show(article_id, db):
    """Show an article with its sources, cues and contents coloured."""
    from .render import render_stored_article

    with _open_store(db) as store:
        try:
            article = store.article(article_id)
        except SaysoError as e:
            _fail(str(e))
    render_stored_article(article)


@main.command()
@DB_OPTION
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)
def stats(db, fmt):
    """Counts of articles, attributions, speakers and outlets; by type, stance and kind."""
    from .render import render_stats

    with _open_store(db) as store:
        data = store.stats()
    click.echo(json.dumps(data, indent=1) if fmt == "json" else render_stats(data))


@main.command()
@click.argument("name", required=False)
@DB_OPTION
@click.option("--type", "source_type", help="Only sources of this type.")
@click.option("--limit", default=30, show_default=True, type=click.IntRange(1, 10000))
@click.option("--format", "fmt", type=click.Choice(["text", "jsonl"]), default="text", show_default=True)
def speakers(name, db, source_type, limit, fmt):
    """List sources with their type, descriptions and counts (NAME filters by name or alias)."""
    from .render import render_speaker_row

    with _open_store(db) as store:
        rows = store.speakers(name=name, type=source_type, limit=limit)
    for row in rows:
        click.echo(json.dumps(row, ensure_ascii=False) if fmt == "jsonl" else render_speaker_row(row))


@main.command()
@DB_OPTION
@click.option("--host", default="127.0.0.1", show_default=True, help="Address to bind (loopback by default).")
@click.option("--port", default=8000, show_default=True, type=click.IntRange(0, 65535), help="Port to listen on.")
def serve(db, host, port):
    """Serve the web pages and the REST API (/api/v1/) over the database."""
    from pathlib import Path

    from .web import serve as run_server

    if not Path(db).exists():
        _fail(f"{db}: no such database; create it with `sayso ingest PATH --db {db}`")
    click.echo(f"sayso: serving {db} at http://{host}:{port}/ (Ctrl+C to stop)", err=True)
    run_server(db, host=host, port=port, settings=Settings.load(db=db))


@main.group()
def evaluate():
    """Measure accuracy on annotated data."""


@evaluate.command("polnear")
@click.argument("directory", type=click.Path(exists=True, file_okay=False))
@click.option("--metadata", type=click.Path(exists=True, dir_okay=False), help="metadata.tsv (default: DIR/metadata.tsv or DIR/../metadata.tsv).")
@click.option("--json", "as_json", is_flag=True, help="Print the figures as JSON.")
def evaluate_polnear(directory, metadata, as_json):
    """Attribution P/R/F1 on a PolNeAR-layout directory (text/, attributions/, metadata.tsv)."""
    from .evaluate import polnear

    try:
        result = polnear.evaluate(directory, metadata=metadata)
    except SaysoError as e:
        _fail(str(e))
    click.echo(json.dumps(result, indent=1) if as_json else polnear.format_report(result))


@evaluate.command("basil")
@click.argument("directory", type=click.Path(exists=True, file_okay=False))
@click.option("--json", "as_json", is_flag=True, help="Print the figures as JSON.")
def evaluate_basil(directory, as_json):
    """Speaker accuracy on named-speaker quotes of a BASIL directory (articles/, annotations/)."""
    from .evaluate import basil

    try:
        result = basil.evaluate(directory)
    except SaysoError as e:
        _fail(str(e))
    click.echo(json.dumps(result, indent=1) if as_json else basil.format_report(result))


@evaluate.command("labels")
@click.option("--labels", "labels_file", type=click.Path(exists=True, dir_okay=False),
              help="Labelled attributions, JSON Lines (default: data/labels/stance_type_dev.jsonl).")
@click.option("--shared", type=click.Path(exists=True, file_okay=False),
              help="The shared/ folder holding data/polnear (default: ../shared beside the repository).")
@click.option("--json", "as_json", is_flag=True, help="Print the figures as JSON.")
def evaluate_labels(labels_file, shared, as_json):
    """Per-class precision and recall of stance, framing and source type on hand-labelled attributions."""
    from .evaluate import labels

    kwargs = {"labels": labels_file} if labels_file else {}
    try:
        result = labels.evaluate(**kwargs, shared=shared)
    except SaysoError as e:
        _fail(str(e))
    click.echo(json.dumps(result, indent=1) if as_json else labels.format_report(result))


@main.command()
@click.option("--train", "train_dir", required=True, type=click.Path(exists=True, file_okay=False), help="PolNeAR train compartment.")
@click.option("--dev", "dev_dir", required=True, type=click.Path(exists=True, file_okay=False), help="PolNeAR dev compartment (for tuning and calibration).")
@click.option("--out", "out_dir", required=True, type=click.Path(file_okay=False), help="Where to write the model.")
def train(train_dir, dev_dir, out_dir):
    """Train the attribution extractor from PolNeAR (ships in src/sayso/nlp/models/)."""
    from .nlp.train import train as train_model

    try:
        result = train_model(train_dir, dev_dir, out_dir)
    except SaysoError as e:
        _fail(str(e))
    click.echo(json.dumps(result, indent=1))


# --- claims models (issue 8): evaluate fnc1 / evaluate emergent / train-claims ---------------
@evaluate.command("fnc1")
@click.option("--stances", required=True, type=click.Path(dir_okay=False), help="CSV: Headline, Body ID[, Stance].")
@click.option("--bodies", required=True, type=click.Path(dir_okay=False), help="CSV: Body ID, articleBody.")
@click.option("--predictions", type=click.Path(dir_okay=False), help="Write predictions here (Headline, Body ID, Stance).")
@click.option("--json", "as_json", is_flag=True, help="Print the figures as JSON.")
def evaluate_fnc1(stances, bodies, predictions, as_json):
    """FNC-1 stance (agree/disagree/discuss/unrelated): predict, and score when Stance is given."""
    from .evaluate import fnc1

    try:
        result = fnc1.evaluate(stances, bodies, predictions)
    except SaysoError as e:
        _fail(str(e))
    click.echo(json.dumps(result, indent=1) if as_json else fnc1.format_report(result))


@evaluate.command("emergent")
@click.argument("file", type=click.Path(dir_okay=False))
@click.option("--predictions", type=click.Path(dir_okay=False), help="Write predictions here (id, stance, group).")
@click.option("--json", "as_json", is_flag=True, help="Print the figures as JSON.")
def evaluate_emergent(file, predictions, as_json):
    """Emergent headline stance and claim groups (from headlines alone); scored when gold is given."""
    from .evaluate import emergent

    try:
        result = emergent.evaluate(file, predictions)
    except SaysoError as e:
        _fail(str(e))
    click.echo(json.dumps(result, indent=1) if as_json else emergent.format_report(result))


@main.command("train-claims")
@click.option("--emergent", "emergent_csv", required=True, type=click.Path(exists=True, dir_okay=False), help="Emergent train.csv.")
@click.option("--fnc-stances", required=True, type=click.Path(exists=True, dir_okay=False), help="FNC-1 train_stances.csv.")
@click.option("--fnc-bodies", required=True, type=click.Path(exists=True, dir_okay=False), help="FNC-1 train_bodies.csv.")
@click.option("--out", "out_dir", required=True, type=click.Path(file_okay=False), help="Where to write stance.npz and fnc1.npz.")
@click.option("--validate", is_flag=True, help="First print the split-by-claim figures (slow).")
def train_claims(emergent_csv, fnc_stances, fnc_bodies, out_dir, validate):
    """Train the claim-stance models (ship in src/sayso/claims/models/; needs scikit-learn)."""
    from .claims.train import train as train_models

    try:
        result = train_models(emergent_csv, fnc_stances, fnc_bodies, out_dir, validate=validate)
    except SaysoError as e:
        _fail(str(e))
    click.echo(json.dumps(result, indent=1))


if __name__ == "__main__":  # pragma: no cover
    main()
