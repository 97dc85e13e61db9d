"""Commands that code news: ``extract``, ``summary`` and ``demo``."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Annotated

import typer
from rich.table import Table

from detente.cli.app import app
from detente.cli.common import DEFAULT_DB, err, event_table, fail, open_store, out, progress
from detente.data import data_path, sample_files
from detente.ingest.jsonl import JSONL_SUFFIXES, JsonlFields
from detente.ingest.readers import IngestFailure, iter_files
from detente.ingest.warc import WARC_SUFFIXES
from detente.store import Store

FORMATS = ("jsonl", "table", "none")


def run_extract(paths: list[str], db: str, output_format: str,
                fields: JsonlFields | None = None) -> tuple[int, int, int]:
    """Ingest, code and store ``paths``; print events; return (articles, events, failures)."""
    from detente.pipeline import Pipeline, process  # spaCy loads only where needed

    store = open_store(db)
    files = list(iter_files(paths))
    many = JSONL_SUFFIXES | WARC_SUFFIXES
    streams = any(isinstance(f, Path) and many & set(f.suffixes) for f in files)
    total = None if streams else len(files)  # a JSONL or WARC file holds many articles
    articles = events = failures = 0
    table_rows: list[dict] = []
    with store, progress() as bar:
        task = bar.add_task("coding", total=total, rate="")
        for result in process(paths, store, Pipeline(), fields):
            bar.advance(task)
            if isinstance(result, IngestFailure):
                failures += 1
                err.print(f"[red]error:[/] {result}", highlight=False, soft_wrap=True)
                continue
            articles += 1
            events += len(result.records)
            if output_format == "jsonl":
                for record in result.records:
                    sys.stdout.write(json.dumps(record, ensure_ascii=False) + "\n")
            elif output_format == "table":
                table_rows += result.records
            elapsed = bar.tasks[0].elapsed or 0
            bar.update(task, rate=f"{articles / elapsed:.1f} articles/s" if elapsed else "")
    if output_format == "table":
        out.print(event_table(table_rows))
    return articles, events, failures


@app.command()
def extract(
    paths: Annotated[list[str], typer.Argument(help="Files or folders of HTML / plain-text news.")],
    output_format: Annotated[str, typer.Option(
        "--format", "-f", help="jsonl (one event record per line), table, none.")] = "table",
    db: Annotated[str, typer.Option("--db", help="DuckDB file to store results in.")] = DEFAULT_DB,
    text_field: Annotated[str, typer.Option(help="JSONL: key of the article text.")] = "text",
    title_field: Annotated[str, typer.Option(help="JSONL: key of the title.")] = "title",
    date_field: Annotated[str, typer.Option(help="JSONL: key of the publication date.")] = "date",
    url_field: Annotated[str, typer.Option(help="JSONL: key of the URL.")] = "url",
    id_field: Annotated[str, typer.Option(help="JSONL: key of the article id.")] = "id",
) -> None:
    """Code the events in news files and store them; exit status 1 if some inputs failed.

    Reads HTML and plain-text files (.gz too), folders of them, JSONL files
    (.jsonl/.ndjson, one article per line) and web archives (.warc, .warc.gz)."""
    if output_format not in FORMATS:
        raise fail(f"--format must be one of {', '.join(FORMATS)}")
    fields = JsonlFields(text_field, title_field, date_field, url_field, id_field)
    articles, events, failures = run_extract(paths, db, output_format, fields)
    err.print(f"{articles} articles, {events} events, {failures} failed inputs → {db}")
    if failures:
        raise typer.Exit(1)


@app.command()
def summary(
    db: Annotated[str, typer.Option("--db", help="DuckDB file to read.")] = DEFAULT_DB,
    examples: Annotated[int, typer.Option(help="Events to show with their evidence.")] = 8,
) -> None:
    """Most active dyads, and their strongest events with the evidence."""
    store = open_store(db, read_only=True)
    with store:
        print_summary(store, examples)


def print_summary(store: Store, examples: int) -> None:
    counts = store.counts()
    out.print(f"[bold]{counts['articles']}[/] articles · [bold]{counts['event_mentions']}[/] "
              f"event mentions · {counts['mentions']} actor mentions · "
              f"{counts['failures']} failed inputs")
    dyads = Table(title="Most active dyads (both directions)")
    for column in ("side A", "side B", "events", "mean Goldstein", "cooperative", "conflictual"):
        dyads.add_column(column, justify="right" if column not in {"side A", "side B"} else "left")
    for side_a, side_b, count, goldstein, coop, conflict in store.dyad_counts():
        dyads.add_row(side_a, side_b, str(count), f"{goldstein:+.2f}", str(coop), str(conflict))
    out.print(dyads)
    out.print(event_table(representative_events(store, examples),
                          title="The strongest event of each active dyad, with its evidence",
                          caption="dates in brackets: publication date (no event date stated)"))


def representative_events(store: Store, count: int) -> list[dict]:
    """The most confident event mention of each of the ``count`` most active dyads."""
    best: dict[tuple[str, str], dict] = {}
    for record in store.event_records():
        sides = [record[role]["country"] or record[role]["code"] for role in ("source", "target")]
        key = (min(sides), max(sides))
        if key not in best or record["confidence"] > best[key]["confidence"]:
            best[key] = record
    top = [(a, b) for a, b, *_ in store.dyad_counts(limit=count)]
    chosen = [best[key] for key in top if key in best]
    return sorted(chosen, key=lambda r: r["event_date"] or r["pub_date"] or "")


@app.command()
def demo(
    db: Annotated[str, typer.Option("--db", help="DuckDB file for the demo.")] = "demo.duckdb",
) -> None:
    """Code the bundled sample corpus, store it, and print a summary."""
    err.print(f"coding the sample corpus in {data_path('sample')}")
    run_extract([str(path) for path in sample_files()], db, "none")
    with Store(db, read_only=True) as store:
        print_summary(store, examples=12)
