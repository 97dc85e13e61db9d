"""The ``detente`` command line: thin commands over the library."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn
from rich.table import Table

from detente.data import data_path, sample_files
from detente.events.ontology import lookup
from detente.ingest.jsonl import JSONL_SUFFIXES, JsonlFields
from detente.ingest.readers import IngestFailure, iter_files, read_articles
from detente.ingest.warc import WARC_SUFFIXES
from detente.store import Store, StoreError

app = typer.Typer(help="News text in, political event data out.", no_args_is_help=True,
                  add_completion=False)
out = Console()
err = Console(stderr=True)
DEFAULT_DB = "detente.duckdb"
FORMATS = ("jsonl", "table", "none")


def _progress() -> Progress:
    return Progress(TextColumn("[bold]{task.description}"), BarColumn(), MofNCompleteColumn(),
                    TextColumn("{task.fields[rate]}"), TimeElapsedColumn(), console=err,
                    transient=True)


def run_extract(paths: list[str], db: str, output_format: str,
                fields: JsonlFields | None = None) -> tuple[int, int, int]:
    """Ingest, code and store ``paths``; print events; return (articles, events, failures)."""
    from detente.pipeline import Pipeline, process  # spaCy loads only where needed

    try:
        store = Store(db)
    except StoreError as error:
        err.print(f"[red]error:[/] {error}")
        raise typer.Exit(2) from None
    files = list(iter_files(paths))
    many = JSONL_SUFFIXES | WARC_SUFFIXES
    streams = any(isinstance(f, Path) and many & set(f.suffixes) for f in files)
    total = None if streams else len(files)  # a JSONL or WARC file holds many articles
    articles = events = failures = 0
    table_rows: list[dict] = []
    with store, _progress() as progress:
        task = progress.add_task("coding", total=total, rate="")
        for result in process(paths, store, Pipeline(), fields):
            progress.advance(task)
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
            elapsed = progress.tasks[0].elapsed or 0
            progress.update(task, rate=f"{articles / elapsed:.1f} articles/s" if elapsed else "")
    if output_format == "table":
        out.print(event_table(table_rows))
    return articles, events, failures


def event_table(records: list[dict], title: str = "Events", caption: str | None = None) -> Table:
    table = Table(title=title, caption=caption, show_lines=False)
    for column in ("date", "source", "event", "target", "status", "evidence"):
        table.add_column(column, overflow="fold")
    for record in records:
        evidence = record["sentence"]
        table.add_row(
            record["event_date"] or f"({record['pub_date'] or '?'})",
            f"{record['source']['code']}",
            f"{record['cameo']} {lookup(record['cameo']).name}",
            f"{record['target']['code']}",
            record["status"],
            evidence if len(evidence) < 140 else evidence[:137] + "…",
        )
    return table


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
        err.print(f"[red]error:[/] --format must be one of {', '.join(FORMATS)}")
        raise typer.Exit(2)
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
    try:
        store = Store(db, read_only=True)
    except StoreError as error:
        err.print(f"[red]error:[/] {error}")
        raise typer.Exit(2) from None
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


def measure_table(title: str, measures: list[tuple[str, int, int]]) -> Table:
    """Rows of ``(measure, right, out of)`` shown as a share and the counts behind it."""
    table = Table(title=title)
    for column in ("measure", "value", "counts"):
        table.add_column(column)
    for name, part, whole in measures:
        share = part / whole if whole else 0.0
        table.add_row(name, f"{share:.3f}", f"{part}/{whole}")
    return table


evaluation = typer.Typer(help="Score the pipeline against labelled data.",
                         no_args_is_help=True)
app.add_typer(evaluation, name="eval")


@evaluation.command("sample")
def eval_sample(
    show_missed: Annotated[bool, typer.Option(
        "--missed", help="List the expected events not found.")] = False,
) -> None:
    """Recall of the sample corpus's expected events; date and status accuracy.

    Scores against data/sample/expected.tsv; dates count as right at the
    precision the labels state."""
    from detente.evaluate import sample_recall
    from detente.pipeline import Pipeline

    articles = [a for a in read_articles(sample_files()) if not isinstance(a, IngestFailure)]
    coded = {c.article.doc: c.events for c in Pipeline().code_many(articles)}
    report = sample_recall(coded)
    out.print(measure_table("detente eval sample (data/sample/expected.tsv)", [
        ("recall of expected events", report.found, report.expected),
        ("event-date accuracy (found)", report.date_right, report.dated),
        ("status accuracy (found)", report.status_right, report.found),
    ]))
    if show_missed:
        for row in report.missed:
            out.print(f"missed {row['file']}: {row['source']} {row['cameo_root']} "
                      f"{row['target']} ({row['trigger']}) {row['note']}", highlight=False)


@evaluation.command("status")
def eval_status() -> None:
    """Status and event-date accuracy on labelled single sentences.

    Scores against data/eval/status_dates.tsv: each sentence with its publication
    date, the event's sides and root, its status and its own date."""
    from detente.evaluate import evaluate_status_dates
    from detente.pipeline import Pipeline

    report = evaluate_status_dates(Pipeline())
    out.print(measure_table("detente eval status (data/eval/status_dates.tsv)", [
        ("labelled event found", report.found, report.total),
        ("status accuracy (found)", report.status_right, report.found),
        ("event date at stated precision", report.date_right, report.dated),
        ("no date where none is stated", report.undated_right, report.undated),
    ]))
    statuses = sorted({gold for gold, _ in report.confusion} | {p for _, p in report.confusion})
    matrix = Table(title="status: rows labelled, columns coded", padding=(0, 1))
    matrix.add_column("labelled")
    for status in statuses:
        matrix.add_column(status[:5], justify="right")
    for gold in statuses:
        matrix.add_row(gold, *[str(report.confusion[(gold, p)] or "") for p in statuses])
    out.print(matrix)


@evaluation.command("extraction")
def eval_extraction(
    directory: Annotated[Path, typer.Argument(
        help="Benchmark folder: ground-truth.json and html/*.html.gz.")] = Path(
        "../shared/data/article-extraction-benchmark"),
) -> None:
    """Main-text extraction F1, from the HTML and from a plain-text page dump.

    The benchmark's metric: 4-gram shingle precision, recall and F1; the dump is
    every visible text block of the page, one per line."""
    from detente.extraction_eval import evaluate_extraction

    if not (directory / "ground-truth.json").is_file():
        err.print(f"[red]error:[/] {directory}: no ground-truth.json (not a benchmark folder)",
                  soft_wrap=True)
        raise typer.Exit(2)
    table = Table(title=f"detente eval extraction {directory}")
    for column in ("mode", "precision", "recall", "F1", "mean page F1", "pages/s"):
        table.add_column(column, justify="left" if column == "mode" else "right")
    for mode, label in (("html", "from the HTML"), ("dump", "from a plain-text dump")):
        report = evaluate_extraction(directory, mode)
        table.add_row(label, f"{report.precision:.3f}", f"{report.recall:.3f}",
                      f"{report.f1:.3f}", f"{report.mean_page_f1:.3f}",
                      f"{report.pages_per_second:.1f}")
    out.print(table)


@evaluation.command("plv")
def eval_plv(
    path: Annotated[Path, typer.Argument(help="PLV TSV file (marked_sentence, gold_root, …).")],
    out_file: Annotated[Path | None, typer.Option(
        "--out", help="Write one row per pair: its index, a tab, the predicted label.")] = None,
) -> None:
    """Event type between marked source and target spans (the PLV set).

    Prints root accuracy, macro-F1, quad accuracy and a confusion table for pair
    mode, and the end-to-end share: pairs for which the normal extractor emits an
    event of the right root between the marked spans."""
    from detente.evaluate import evaluate_plv, read_plv
    from detente.pipeline import Pipeline

    try:
        items = read_plv(path)
    except (OSError, ValueError, KeyError) as error:
        err.print(f"[red]error:[/] {path}: cannot read PLV file ({error})", soft_wrap=True)
        raise typer.Exit(2) from None
    report = evaluate_plv(items, Pipeline())
    if out_file is not None:
        out_file.write_text("".join(f"{item.index}\t{label}\n"
                                    for item, label in zip(items, report.predicted,
                                                           strict=True)))
    summary_table = Table(title=f"detente eval plv {path}")
    summary_table.add_column("measure")
    summary_table.add_column("value", justify="right")
    summary_table.add_row("pairs", str(report.total))
    summary_table.add_row("root accuracy (pair mode)", f"{report.accuracy:.3f}")
    summary_table.add_row("macro-F1 (pair mode)", f"{report.macro_f1:.3f}")
    summary_table.add_row("quad accuracy (pair mode, PLOVER quads)",
                          f"{report.quad_accuracy:.3f}")
    summary_table.add_row("end-to-end (extractor, right root between spans)",
                          f"{report.end_to_end:.3f}")
    out.print(summary_table)
    labels = sorted(set(report.gold))
    columns = [*labels, "NONE"]
    confusion = report.confusion()
    matrix = Table(title="confusion: rows gold, columns predicted (first 3 letters)",
                   padding=(0, 0), show_edge=False)
    matrix.add_column("gold")
    for label in columns:
        matrix.add_column(label[:3], justify="right")
    for gold in labels:
        matrix.add_row(gold[:3], *[f" {confusion[(gold, p)]}" if confusion[(gold, p)] else ""
                                   for p in columns])
    out.print(matrix)
    per_label = Table(title="per gold label")
    for column in ("label", "precision", "recall", "F1", "support"):
        per_label.add_column(column, justify="left" if column == "label" else "right")
    for label, (precision, recall, f1, support) in report.per_label().items():
        per_label.add_row(label, f"{precision:.2f}", f"{recall:.2f}", f"{f1:.2f}", str(support))
    out.print(per_label)


if __name__ == "__main__":
    app()
