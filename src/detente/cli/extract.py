"""Commands that code news: ``extract``, ``summary`` and ``demo``."""

from __future__ import annotations

import json
import os
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer
from rich.table import Table

from detente.cli.app import app
from detente.cli.common import (
    DEFAULT_DB,
    err,
    event_table,
    fail,
    open_store,
    out,
    progress,
    say,
    shown,
)
from detente.cli.relations import AllStatusesOption, CountOption, count_rule
from detente.data import data_path, sample_files
from detente.engine import ENGINES, EngineError
from detente.engine import unavailable as engine_unavailable
from detente.ingest.limits import MAX_ARTICLE_BYTES

if TYPE_CHECKING:  # the commands import the readers and the store: "--help" loads neither
    from detente.ingest.jsonl import JsonlFields
    from detente.store import Store
    from detente.store.counting import CountRule

FORMATS = ("jsonl", "table", "none")
TABLE_LIMIT = 500  # rows a terminal table can usefully show; jsonl has them all


@dataclass
class RunCounts:
    """What an extract run did: articles read (``new`` of them coded by this run),
    event mentions, inputs that failed, and articles stored with a warning."""

    articles: int = 0
    new: int = 0
    events: int = 0
    failures: int = 0
    warnings: int = 0


@dataclass(frozen=True)
class InputFilter:
    """Which files of the input folders to read, and the size limit of one article:
    ``--include``, ``--exclude``, ``--max-article-mb``."""

    include: list[str] | None = None
    exclude: list[str] | None = None
    max_bytes: int = MAX_ARTICLE_BYTES


@dataclass(frozen=True)
class EngineChoice:
    """Where the coding happens: ``--engine``, ``--workers``, ``--scheduler``, ``--parquet``."""

    name: str = "local"
    workers: int = 1
    scheduler: str | None = None
    parquet: str | None = None


def run_extract(paths: list[str], db: str, output_format: str,
                fields: JsonlFields | None = None,
                engine: EngineChoice = EngineChoice(),
                inputs: InputFilter = InputFilter()) -> RunCounts:
    """Ingest, code and store ``paths``; print events; exit 2 if the store fails.

    Ends by rebuilding the deduplicated ``events`` table the relation commands read,
    whenever it is not up to date with the stored mentions (also when this run
    stored nothing new: an earlier run may have been stopped before rebuilding it)."""
    from detente.engine import open_engine  # spaCy loads only where needed
    from detente.ingest.outcomes import IngestWarning
    from detente.ingest.readers import IngestFailure
    from detente.pipeline import process
    from detente.store import StoreError

    store = open_store(db)
    counts = RunCounts()
    table_rows: list[dict] = []
    bar = progress()
    try:
        with store, bar, open_engine(engine.name, engine.workers, engine.scheduler,
                                     engine.parquet or default_parquet(db)) as coder:
            task = bar.add_task("coding", total=count_inputs(paths, inputs), rate="")
            for result in process(paths, store, coder, fields, include=inputs.include,
                                  exclude=inputs.exclude, max_bytes=inputs.max_bytes):
                if isinstance(result, IngestWarning):
                    counts.warnings += 1
                    say("warning", str(result))
                    continue
                bar.advance(task)
                if isinstance(result, IngestFailure):
                    counts.failures += 1
                    say("error", str(result))
                    continue
                counts.articles += 1
                counts.new += result.new
                counts.events += len(result.records)
                if output_format == "jsonl":
                    for record in result.records:
                        sys.stdout.write(json.dumps(record, ensure_ascii=False) + "\n")
                    sys.stdout.flush()  # downstream readers see each article as it is stored
                elif output_format == "table":
                    table_rows += result.records[:TABLE_LIMIT - len(table_rows)]
                elapsed = bar.tasks[0].elapsed or 0
                bar.update(task, rate=f"{counts.articles / elapsed:.1f} articles/s"
                           if elapsed else "")
            if store.events_stale():  # new articles, new copies, or a run stopped early
                bar.update(task, description="grouping mentions into events")
                store.refresh_events()
    except StoreError as error:
        raise fail(f"{error}; the articles stored before these are intact") from None
    except EngineError as error:
        raise fail(str(error)) from None
    if output_format == "table":
        out.print(event_table(table_rows, caption=f"first {TABLE_LIMIT} event mentions; "
                              "--format jsonl gives them all"
                              if len(table_rows) == TABLE_LIMIT else None), crop=False)
    return counts


def count_inputs(paths: list[str], inputs: InputFilter) -> int | None:
    """How many articles to expect, when files hold one each (JSONL and WARC files
    hold many, so then no total, and no ETA)."""
    from detente.ingest.jsonl import JSONL_SUFFIXES
    from detente.ingest.readers import iter_files
    from detente.ingest.warc import WARC_SUFFIXES

    many = JSONL_SUFFIXES | WARC_SUFFIXES
    total = 0
    for item in iter_files(paths, inputs.include, inputs.exclude):  # counted, not kept
        if isinstance(item, Path) and many & set(item.suffixes):
            return None
        total += 1
    return total


def default_parquet(db: str) -> str:
    """The Dask engine's Parquet folder: next to the database, named after it."""
    return str(Path(db).with_suffix(".parquet"))


@app.command()
def extract(
    paths: Annotated[list[str], typer.Argument(help="Files or folders of HTML / plain-text news.")],
    output_format: Annotated[str, typer.Option(
        "--format", "-f", help="jsonl (one event record per line), table, none.")] = "table",
    db: Annotated[str, typer.Option("--db", help="DuckDB file to store results in.")] = DEFAULT_DB,
    workers: Annotated[int, typer.Option(
        help="Worker processes (default: one per core); 1 codes in this process.")] = (
        os.cpu_count() or 1),
    engine: Annotated[str, typer.Option(
        help="local (this machine) or dask (a Dask cluster).")] = "local",
    scheduler: Annotated[str | None, typer.Option(
        help="Dask scheduler address (tcp://host:8786); default: a local cluster.")] = None,
    parquet: Annotated[str | None, typer.Option(
        help="Dask: folder for the partitioned Parquet output (default: next to --db; "
             "shared storage for a remote cluster).")] = None,
    text_field: Annotated[str, typer.Option(help="JSONL: key of the article text.")] = "text",
    title_field: Annotated[str, typer.Option(help="JSONL: key of the title.")] = "title",
    date_field: Annotated[str, typer.Option(help="JSONL: key of the publication date.")] = "date",
    url_field: Annotated[str, typer.Option(help="JSONL: key of the URL.")] = "url",
    id_field: Annotated[str, typer.Option(help="JSONL: key of the article id.")] = "id",
    site_field: Annotated[str | None, typer.Option(
        help="JSONL: key of the publisher's name (default: the page's own, for HTML).")] = None,
    include: Annotated[list[str] | None, typer.Option(
        "--include", help="Folders: read only files whose relative path or name matches "
                          "this glob (repeatable; default: the known suffixes).")] = None,
    exclude: Annotated[list[str] | None, typer.Option(
        "--exclude", help="Folders: skip files whose relative path or name matches this "
                          "glob (repeatable).")] = None,
    max_article_mb: Annotated[float, typer.Option(
        "--max-article-mb", help="Fail, unread, any one article (a file, a JSONL line, "
                                 "a WARC record) larger than this.")] = (
        MAX_ARTICLE_BYTES / 1_000_000),
) -> None:
    """Code the events in news files and store them; exit status 1 if some inputs failed.

    Reads HTML and plain-text files (.gz too), folders of them, JSONL files
    (.jsonl/.ndjson, one article per line) and web archives (.warc, .warc.gz).
    Articles already stored are not coded again, so a run that was stopped picks
    up where it left off."""
    from detente.ingest.jsonl import JsonlFields

    if output_format not in FORMATS:
        raise fail(f"--format must be one of {', '.join(FORMATS)}")
    if engine not in ENGINES:
        raise fail(f"--engine must be one of {', '.join(ENGINES)}")
    if workers < 1:
        raise fail(f"--workers must be at least 1, not {workers}")
    if scheduler and engine != "dask":
        raise fail("--scheduler needs --engine dask")
    if (missing := engine_unavailable(engine)) is not None:
        raise fail(missing)
    fields = JsonlFields(text_field, title_field, date_field, url_field, id_field,
                         site_field)
    if max_article_mb <= 0:
        raise fail(f"--max-article-mb must be positive, not {max_article_mb}")
    counts = run_extract(paths, db, output_format, fields,
                         EngineChoice(engine, workers, scheduler, parquet),
                         InputFilter(include, exclude, int(max_article_mb * 1_000_000)))
    warned = f", {counts.warnings} warnings" if counts.warnings else ""
    err.print(f"{counts.articles} articles ({counts.new} coded by this run), {counts.events} "
              f"events, {counts.failures} failed inputs{warned} → {shown(db)}",
              highlight=False, soft_wrap=True)
    if counts.failures:
        raise typer.Exit(1)


@app.command()
def summary(
    db: Annotated[str, typer.Option("--db", help="DuckDB file to read.")] = DEFAULT_DB,
    examples: Annotated[int, typer.Option(help="Events to show with their evidence.")] = 8,
    count: CountOption = "events",
    all_statuses: AllStatusesOption = False,
) -> None:
    """Most active dyads, and the strongest event of each (by |Goldstein| then mentions)
    with its evidence."""
    import duckdb

    rule = count_rule(count, all_statuses)
    store = open_store(db, read_only=True)
    with store:
        try:
            print_summary(store, examples, rule)
        except duckdb.Error as error:  # a damaged block the opening checks cannot see
            raise fail(f"{db}: cannot read database ({' '.join(str(error).split())})") \
                from None


def print_summary(store: Store, examples: int, rule: CountRule | None = None) -> None:
    from detente.store.counting import DEFAULT_RULE, STRENGTH, dyad_totals

    rule = rule or DEFAULT_RULE
    counts = store.counts()
    out.print(f"[bold]{counts['articles']}[/] articles (and {counts['article_copies']} copies "
              f"of them from other sources) · [bold]{counts['event_mentions']}[/] "
              f"event mentions · {counts['mentions']} actor mentions · "
              f"{counts['failures']} failed inputs")
    busiest = dyad_totals(store.connection, rule, limit=20)
    dyads = Table(title="Most active dyads (both directions)", caption=rule.describe())
    for column in ("side A", "side B", rule.unit, "mean Goldstein", "cooperative",
                   "conflictual"):
        dyads.add_column(column, justify="right" if column not in {"side A", "side B"} else "left")
    for total in busiest:
        dyads.add_row(total.side_a, total.side_b, str(total.events),
                      f"{total.goldstein_mean:+.2f}", str(total.cooperative),
                      str(total.conflictual))
    out.print(dyads)
    top = [(total.side_a, total.side_b) for total in busiest[:examples]]
    out.print(event_table(strongest_events(store.connection, top, rule),
                          title=f"The strongest event of each active dyad, by {STRENGTH}",
                          caption="strongest first: the Goldstein score's size (cooperation "
                                  "or conflict), then the number of mentions; G: Goldstein "
                                  "score; dates in brackets: publication date (no event date "
                                  "stated)", strength=True), crop=False)


def strongest_events(connection, pairs: list[tuple[str, str]], rule: CountRule) -> list[dict]:
    """The strongest counted event of each pair (``store.counting.strongest_events``) as
    records of the event table: sides as ``{"code", "text"}``."""
    from detente.store import counting

    return [{**row, **{role: {"code": row[f"{role}_code"], "text": row[f"{role}_text"]}
                       for role in ("source", "target")}}
            for row in counting.strongest_events(connection, pairs, rule)]


@app.command()
def demo(
    db: Annotated[str, typer.Option("--db", help="DuckDB file for the demo.")] = "demo.duckdb",
) -> None:
    """Code the bundled sample corpus, store it, and print a summary."""
    from detente.store import Store

    err.print(f"coding the sample corpus in {data_path('sample')}")
    run_extract([str(path) for path in sample_files()], db, "none")  # in this process
    with Store(db, read_only=True) as store:
        print_summary(store, examples=12)
