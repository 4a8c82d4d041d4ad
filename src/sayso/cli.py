"""The `sayso` command: thin click commands over the library.

Each command parses its arguments and calls the library. Errors become a one-line message and an
exit code in one place, :class:`SaysoGroup` (0 ok, 1 some input or lookup failed, 2 usage error
or bad setting): no traceback reaches a user.
"""
from __future__ import annotations

import json
import logging
import os
import sqlite3
import sys

import click

from .errors import InputError, SaysoError, SettingsError
from .model import SOURCE_TYPES, STANCES
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


def error_message(exc: BaseException) -> tuple[str, int]:
    """The one-line message and exit code for an exception that reached the command line."""
    if isinstance(exc, SettingsError):
        return str(exc), 2
    if isinstance(exc, SaysoError):
        return str(exc), 1
    if isinstance(exc, sqlite3.Error):
        return f"database: {exc} (is --db a sayso database?)", 1
    if isinstance(exc, OSError):
        where = f"{exc.filename}: " if exc.filename else ""
        return f"{where}{exc.strerror or exc}", 1
    if isinstance(exc, MemoryError):
        return "out of memory (try smaller inputs, SAYSO_BATCH_SIZE or SAYSO_CHUNK_CHARS)", 1
    return f"unexpected {type(exc).__name__}: {exc} (`sayso -vv ...` logs the details; please report it)", 1


class SaysoGroup(click.Group):
    """The command group that maps every error of every command to a message and an exit code."""

    def invoke(self, ctx: click.Context):
        try:
            return super().invoke(ctx)
        except (click.exceptions.ClickException, click.exceptions.Exit, click.exceptions.Abort):
            raise
        except BrokenPipeError:  # `sayso quotes | head`: the reader left, nothing more to say
            try:  # point stdout at /dev/null, so the flush at exit does not fail a second time
                os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
            except (OSError, ValueError):
                pass
            sys.exit(1)
        except KeyboardInterrupt:
            click.echo("error: interrupted", err=True)
            sys.exit(130)
        except Exception as e:  # the one place errors turn into messages
            log.debug("error in sayso %s", ctx.invoked_subcommand, exc_info=True)
            message, code = error_message(e)
            _fail(message, code)


@click.group(cls=SaysoGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.option("-v", "--verbose", count=True, help="Log more (-v info, -vv debug).")
@click.version_option(package_name="sayso")
def main(verbose: int):
    """sayso: who said what, on whose say-so, in news articles."""
    level = logging.WARNING - 10 * min(verbose, 2)
    logging.basicConfig(level=level, format="%(levelname)s %(name)s: %(message)s", stream=sys.stderr)
    Settings.load()  # every SAYSO_* variable checked before any command runs


def _report(err: InputError) -> None:
    click.echo(f"error: {err.path}: {err.reason}", err=True)


WORKERS_OPTION = click.option(
    "--workers", type=click.IntRange(0), default=None,
    help="Worker processes that analyse articles (default SAYSO_WORKERS, 0: one per core; 1: in this process).")
MIN_CONFIDENCE_OPTION = click.option(
    "--min-confidence", type=click.FloatRange(0, 1), default=None,
    help="Leave out attributions below this confidence (default SAYSO_MIN_CONFIDENCE; 0 keeps everything).")
DASK_OPTION = click.option(
    "--dask", metavar="tcp://HOST:PORT", default=None,
    help="Analyse on this Dask scheduler's workers instead (needs sayso[dask]); only this process writes.")


@main.command()
@click.argument("paths", nargs=-1, required=True)
@click.option("--format", "fmt", type=click.Choice(["jsonl", "json", "text"]), default="jsonl",
              show_default=True, help="One JSON object per article, a JSON array, or readable text.")
@click.option("--max-bytes", type=click.IntRange(1), default=None, help="Largest input file accepted (bytes).")
@WORKERS_OPTION
@DASK_OPTION
@click.option("--to", "to", type=(click.Choice(["parquet"]), click.Path(file_okay=False)), default=None,
              metavar="parquet DIR", help="Write Parquet shards of articles and attributions to DIR instead of printing.")
@MIN_CONFIDENCE_OPTION
def extract(paths, fmt, max_bytes, workers, dask, to, min_confidence):
    """Extract attributions from articles (files, directories or - for stdin); stores nothing.

    Output follows src/sayso/schema/extract-output.schema.json.
    """
    from .ingest import read_paths
    from .pipeline import above_floor
    from .scale import make_analyzer

    settings = Settings.load(max_bytes=max_bytes, workers=workers, min_confidence=min_confidence)
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
        with make_analyzer(settings, dask=dask) as analyzer:
            if to:
                from .scale.parquet import ShardWriter
                with ShardWriter(to[1]) as shards:
                    for analyzed in analyzer.analyze_many(articles(), on_error=_count_and_report):
                        shards.add(above_floor(analyzed, settings.min_confidence))
                click.echo(f"wrote {shards.shards} Parquet shard pairs to {to[1]}", err=True)
                sys.exit(1 if failed else 0)
            results = []
            for analyzed in analyzer.analyze_many(articles(), on_error=_count_and_report):
                analyzed = above_floor(analyzed, settings.min_confidence)
                if fmt == "jsonl":
                    click.echo(json.dumps(analyzed.to_dict(), ensure_ascii=False))
                elif fmt == "json":
                    results.append(analyzed.to_dict())
                else:
                    from .render import render_text
                    click.echo(render_text(analyzed))
    except SaysoError as e:
        _fail(str(e))
    if fmt == "json":
        click.echo(json.dumps(results, ensure_ascii=False, indent=1))
    sys.exit(1 if failed else 0)


@main.command()
@click.argument("paths", nargs=-1)
@DB_OPTION
@click.option("--max-bytes", type=click.IntRange(1), default=None, help="Largest input file accepted (bytes).")
@WORKERS_OPTION
@DASK_OPTION
@click.option("--reanalyze", is_flag=True,
              help="Re-analyse articles already stored (all of them when no PATH is given) with the current model.")
@MIN_CONFIDENCE_OPTION
def ingest(paths, db, max_bytes, workers, dask, reanalyze, min_confidence):
    """Read, analyse and store articles in the database (idempotent: known texts are skipped).

    PATH may also be a web archive (.warc, .warc.gz) or a directory of Parquet shards written by
    `sayso extract --to parquet` (loaded without analysing again).
    """
    from .batch import ingest_paths

    if not paths and not reanalyze:
        _fail("give at least one PATH to ingest (or --reanalyze to re-analyse the stored articles)", 2)
    settings = Settings.load(max_bytes=max_bytes, db=db, workers=workers, min_confidence=min_confidence)
    store = _open_store(db, readonly=False)
    with store:
        summary = ingest_paths(paths, store, settings, on_error=_report, dask=dask, reanalyze=reanalyze)
        store.checkpoint()  # fold the WAL in and truncate it, so readers do not pay for it
    click.echo(summary.line(db), err=True)
    sys.exit(1 if summary.failed else 0)


@main.command()
@click.argument("query", required=False)
@DB_OPTION
@click.option("--speaker", help="Speaker name or alias (a surname works: Witkoff).")
@click.option("--outlet", help="Outlet name.")
@click.option("--since", "date_from", help="Earliest article date, YYYY-MM-DD.")
@click.option("--until", "date_to", help="Latest article date, YYYY-MM-DD.")
@click.option("--type", "source_type", type=click.Choice(SOURCE_TYPES, case_sensitive=False), help="Source type.")
@click.option("--stance", type=click.Choice(STANCES, case_sensitive=False), help="Stance of the attribution.")
@click.option("--claim", type=click.IntRange(1, 2**62), help="Claim id (see `sayso claims`): only its attributions.")
@click.option("--limit", default=20, show_default=True, type=click.IntRange(1, 10000))
@click.option("--offset", default=0, type=click.IntRange(0))
@click.option("--format", "fmt", type=click.Choice(["text", "jsonl"]), default="text", show_default=True)
@MIN_CONFIDENCE_OPTION
def quotes(query, db, speaker, outlet, date_from, date_to, source_type, stance, claim, limit, offset, fmt,
           min_confidence):
    """Search what was said: full text QUERY plus filters."""
    from .render import render_quote

    floor = Settings.load(min_confidence=min_confidence).min_confidence
    filters = dict(text=query, speaker=speaker, outlet=outlet, date_from=date_from, date_to=date_to,
                   source_type=source_type, stance=stance, claim=claim, min_confidence=floor or None)
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
@click.option("--type", "source_type", type=click.Choice(SOURCE_TYPES, case_sensitive=False),
              help="Only sources of this type.")
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
@click.option("--workers", default=1, show_default=True, type=click.IntRange(1, 64),
              help="Server processes (reads use every core).")
@click.option("--allow-host", "allow_hosts", multiple=True, metavar="NAME",
              help="Also answer requests for this host name (repeatable; loopback names and --host always; * any).")
def serve(db, host, port, workers, allow_hosts):
    """Serve the web pages and the REST API (/api/v1/) over the database."""
    from pathlib import Path

    from .web import serve as run_server

    if not Path(db).exists():
        _fail(f"{db}: no such database; create it with `sayso ingest PATH --db {db}`")
    _open_store(db).close()  # refuses, naming the file, what is not a sayso database
    click.echo(f"sayso: serving {db} at http://{host}:{port}/ (Ctrl+C to stop)", err=True)
    try:
        run_server(db, host=host, port=port, settings=Settings.load(db=db), workers=workers,
                   allow_hosts=allow_hosts)
    except SaysoError as e:
        _fail(f"{e}; not serving it")


@main.group()
def evaluate():
    """Measure accuracy on annotated data."""


@evaluate.command("polnear")
@click.argument("directory", type=click.Path(exists=True, file_okay=False))
@click.option("--metadata", type=click.Path(exists=True, dir_okay=False), help="metadata.tsv (default: DIR/metadata.tsv or DIR/../metadata.tsv).")
@click.option("--min-confidence", type=click.FloatRange(0, 1), default=0.0, show_default=True,
              help="Score only attributions at or above this confidence (the default 0 measures the extractor, no floor).")
@click.option("--json", "as_json", is_flag=True, help="Print the figures as JSON.")
def evaluate_polnear(directory, metadata, min_confidence, as_json):
    """Attribution P/R/F1 on a PolNeAR-layout directory (text/, attributions/, metadata.tsv)."""
    from .evaluate import polnear

    try:
        result = polnear.evaluate(directory, metadata=metadata, min_confidence=min_confidence)
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


@evaluate.command("realnews")
@click.option("--split", type=click.Choice(["test", "tune", "all"]), default="test", show_default=True,
              help="Which part of the hand-labelled set to score.")
@click.option("--min-confidence", type=click.FloatRange(0, 1), default=None,
              help="Confidence floor (default SAYSO_MIN_CONFIDENCE, as ingest stores and pages show).")
@click.option("--shared", type=click.Path(exists=True, file_okay=False),
              help="The shared/ folder holding data/html-articles (default: SAYSO_SHARED, else ../shared beside the repository).")
@click.option("--json", "as_json", is_flag=True, help="Print the figures as JSON.")
def evaluate_realnews(split, min_confidence, shared, as_json):
    """Precision, precision with the right speaker and recall per confidence band on real news pages judged by hand."""
    from .evaluate import realnews

    try:
        result = realnews.evaluate(split=split, min_confidence=min_confidence, shared=shared)
    except SaysoError as e:
        _fail(str(e))
    click.echo(json.dumps(result, indent=1, ensure_ascii=False) if as_json else realnews.format_report(result))


@evaluate.command("labels")
@click.option("--labels", "labels_file", type=click.Path(exists=True, dir_okay=False),
              help="Labelled attributions, JSON Lines (default: the set shipped in sayso/data/labels).")
@click.option("--shared", type=click.Path(exists=True, file_okay=False),
              help="The shared/ folder holding data/polnear (default: SAYSO_SHARED, else ../shared beside the repository).")
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


# -- claims across articles (issue 8) ---------------------------------------------------------------
@main.command()
@click.argument("query", required=False)
@DB_OPTION
@click.option("--article", help="Only claims reported in this article (id or key).")
@click.option("--speaker", help="Only claims this speaker reported (name, alias or id).")
@click.option("--min-articles", default=1, show_default=True, type=click.IntRange(1),
              help="Only claims reported in at least this many articles.")
@click.option("--limit", default=20, show_default=True, type=click.IntRange(1, 10000))
@click.option("--offset", default=0, type=click.IntRange(0))
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)
def claims(query, db, article, speaker, min_articles, limit, offset, fmt):
    """Claims across articles (QUERY: words in a report), those reported in most articles first."""
    from .render_claims import render_claim_row

    with _open_store(db) as store:
        try:
            found = store.claims(text=query, article=article, speaker=speaker, min_articles=min_articles,
                                 limit=limit, offset=offset)
            total = store.count_claims(text=query, article=article, speaker=speaker, min_articles=min_articles)
        except SaysoError as e:
            _fail(str(e))
    if fmt == "json":
        click.echo(json.dumps(found, ensure_ascii=False, indent=1))
        return
    for card in found:
        click.echo(render_claim_row(card))
    click.echo(f"{len(found)} of {total} claims shown", err=True)


@main.command()
@click.argument("claim_id")
@DB_OPTION
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)
def claim(claim_id, db, fmt):
    """One claim: its reports, origins, supporters and deniers ("N reports in M outlets, K independent origins")."""
    from .render_claims import render_claim_card

    with _open_store(db) as store:
        try:
            card = store.claim(claim_id)
        except SaysoError as e:
            _fail(str(e))
    click.echo(json.dumps(card, ensure_ascii=False, indent=1) if fmt == "json" else render_claim_card(card))


# --- claims models (issue 8): evaluate fnc1 / evaluate emergent / train-claims ---------------
@evaluate.command("fnc1")
@click.option("--stances", required=True, type=click.Path(exists=True, dir_okay=False), help="CSV: Headline, Body ID[, Stance].")
@click.option("--bodies", required=True, type=click.Path(exists=True, dir_okay=False), help="CSV: Body ID, articleBody.")
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
@click.argument("file", type=click.Path(exists=True, dir_okay=False))
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
