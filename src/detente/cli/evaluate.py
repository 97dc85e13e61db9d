"""``detente eval``: score the pipeline against labelled data."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer
from rich.table import Table

from detente.cli.app import evaluation
from detente.cli.common import fail, measure_table, out

# The options of the commands that score real news pages read from the reference data.
SplitOption = Annotated[str, typer.Option(
    "--split", help="dev, val or val2 (tune on them), test (report it) or all.")]
SharedDataOption = Annotated[Path, typer.Option(
    "--data", help="The reference data folder holding news-pages/ and news2023/.")]
SHARED_DATA = Path("../shared/data")


def check_news_options(split: str, shared_data: Path) -> None:
    """Exit 2 with one line for a split that is none, or a folder without the pages."""
    from detente.evaluation.news import SPLITS

    if split not in (*SPLITS, "all"):
        raise fail(f"--split {split}: choose dev, test, val, val2 or all")
    if not (shared_data / "news-pages" / "pages.jsonl").is_file():
        raise fail(f"{shared_data}: no news-pages/pages.jsonl (not the reference data folder)")

@evaluation.command("sample")
def eval_sample(
    show_missed: Annotated[bool, typer.Option(
        "--missed", help="List the expected events not found.")] = False,
) -> None:
    """Recall of the sample corpus's expected events; date and status accuracy.

    Scores against data/sample/expected.tsv; dates count as right at the
    precision the labels state."""
    from detente.data import sample_files
    from detente.evaluation.sample import sample_recall
    from detente.ingest.readers import read_articles
    from detente.model import Article
    from detente.pipeline import Pipeline

    # failures and warnings are no articles to code
    articles = [a for a in read_articles(sample_files()) if isinstance(a, Article)]
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
def eval_status(
    labels: Annotated[Path | None, typer.Option(
        "--file", help="A TSV in the same columns (sentence, pub_date, source, target, "
                       "cameo_root, status, event_date); default data/eval/status_dates.tsv.")
    ] = None,
) -> None:
    """Status and event-date accuracy on labelled single sentences.

    Scores against data/eval/status_dates.tsv (or --file): each sentence with its
    publication date, the event's sides and root, its status and its own date.
    data/eval/status_dates_unseen.tsv was written apart from the coder and never
    tuned on."""
    from detente.data import read_tsv
    from detente.evaluation.status import evaluate_status_dates
    from detente.pipeline import Pipeline

    if labels is not None and not labels.is_file():
        raise fail(f"{labels}: no such file")
    rows = list(read_tsv(labels)) if labels is not None else None
    name = str(labels) if labels is not None else "data/eval/status_dates.tsv"
    report = evaluate_status_dates(Pipeline(), rows)
    out.print(measure_table(f"detente eval status ({name})", [
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
    from detente.evaluation.extraction import evaluate_extraction

    if not (directory / "ground-truth.json").is_file():
        raise fail(f"{directory}: no ground-truth.json (not a benchmark folder)")
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
    from detente.evaluation.plv import evaluate_plv, read_plv
    from detente.pipeline import Pipeline

    try:
        items = read_plv(path)
    except (OSError, ValueError, KeyError) as error:
        raise fail(f"{path}: cannot read PLV file ({error})") from None
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
    summary_table.add_row("end-to-end, both sides coded (what is emitted by default)",
                          f"{report.end_to_end_coded:.3f}")
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


@evaluation.command("news")
def eval_news(
    split: SplitOption = "dev",
    shared_data: SharedDataOption = SHARED_DATA,
    show_missed: Annotated[bool, typer.Option(
        "--missed", help="List the labelled core events not found.")] = False,
    show_wrong: Annotated[bool, typer.Option(
        "--wrong", help="List the emitted events no label matches, with their sentence.")] = False,
) -> None:
    """Events coded on real news pages labelled blind (data/eval/news_events.tsv).

    Recall of the labelled core events (two different sides), precision over every
    distinct (page, source, target, root) emitted and over those with both sides
    coded, date and status accuracy on the events found, and what is emitted on
    pages about nothing political. Tune on dev; the test split is for reporting."""
    from detente.evaluation.news import evaluate_news
    from detente.pipeline import Pipeline

    check_news_options(split, shared_data)
    pipeline = Pipeline()
    report = evaluate_news(lambda articles: (c.events for c in pipeline.code_many(articles)),
                           shared_data, None if split == "all" else split)
    quiet = report.quiet_pages
    out.print(measure_table(
        f"detente eval news --split {split} ({len(report.pages)} pages)", [
            ("recall of core events", report.found, report.core),
            ("precision, all emitted (page, source, target, root)", report.right, report.emitted),
            ("precision, both sides coded", report.right_both_sides, report.emitted_both_sides),
            ("precision, confidence >= 0.85", *report.confident(0.85)),
            ("event date at stated precision (found)", report.date_right, len(report.dated)),
            ("status (found)", report.status_right, report.found),
            ("emitted on pages about nothing political", sum(len(p.emitted) for p in quiet),
             len(quiet)),
        ]))
    out.print(f"F1 {report.f1:.3f} (recall {report.recall:.3f}, precision {report.precision:.3f})",
              highlight=False)
    for page in report.pages:
        if show_missed:
            for label in page.missed:
                out.print(f"missed {page.page.key}: {label.source} {label.cameo} {label.target} "
                          f"({label.status}, {label.event_date}) {label.description}",
                          highlight=False)
        if show_wrong:
            for (source, target, _root), event in page.wrong:
                sentence = " ".join(event.sentence.split())
                out.print(f"wrong {page.page.key}: {source} {event.cameo} {target} "
                          f"[{event.source.text} | {event.target.text}] {sentence}",
                          highlight=False, soft_wrap=True)


@evaluation.command("actors")
def eval_actors(
    split: Annotated[str, typer.Option(
        "--split", help="dev (actors.tsv and the 2023 dev pages; tune on it), "
                        "test (the 2023 test pages; report it) or all.")] = "dev",
    show_missed: Annotated[bool, typer.Option(
        "--missed", help="List the mentions resolved wrongly or not at all "
                         "(never those of test pages).")] = False,
    shared_data: Annotated[Path, typer.Option(
        "--data", help="The reference data folder holding news2023/ (for the 2023 set).")] = Path(
        "../shared/data"),
) -> None:
    """Country and full-code accuracy on labelled actor mentions.

    Scores against data/eval/actors.tsv (the sample corpus and PLV sentences, each
    with its date and gold code) and, apart, data/eval/actors_news2023.tsv (real
    December-2023 pages labelled blind, read from --data; skipped with a line
    when that folder is absent), split by page: --split dev (the default) scores
    actors.tsv and the dev pages, --split test the test pages only, --split all
    both. --missed lists the errors of dev pages and actors.tsv only, so the test
    pages stay unread."""
    from detente.evaluation.actors import actor_sets, evaluate_actors, labelled_mentions
    from detente.pipeline import Pipeline

    news = (shared_data / "news2023").is_dir()
    try:
        sets = actor_sets(split, news)
    except ValueError as error:
        raise fail(str(error)) from None
    if not news:
        out.print(f"{shared_data}/news2023 not found: the 2023 set is skipped",
                  highlight=False)
    pipeline = Pipeline()
    for table, part in sets:
        try:
            rows = [row for row in labelled_mentions(table) if part in {None, row.split}]
            report = evaluate_actors(pipeline, rows, shared_data if part else None)
        except ValueError as error:
            raise fail(f"data/{table}: {error}") from None
        title = f"data/{table}" + (f", {part} pages" if part else "")
        out.print(measure_table(f"detente eval actors ({title})", [
            ("country (or IGO) right", report.country_right, report.total),
            ("full code right", report.code_right, report.total),
            ("coverage: gold actors given any actor", report.covered, report.gold_actors),
            ("resolved mentions with the right country", report.resolved_right,
             report.resolved),
        ]))
        if show_missed and part != "test":  # the test pages' errors stay unread
            for miss in report.misses:
                out.print(f"{miss.source}: {miss.mention!r} gold {miss.gold_code} "
                          f"got {miss.got_code or '-'}  {miss.note}", highlight=False)


@evaluation.command("geo")
def eval_geo(
    split: SplitOption = "dev",
    shared_data: SharedDataOption = SHARED_DATA,
    show_wrong: Annotated[bool, typer.Option(
        "--wrong", help="List the labelled events placed in the wrong state or city.")] = False,
) -> None:
    """Where events happened, on real news pages (data/eval/geo_locations.tsv).

    Country accuracy over the labelled events the coder emits whose text names a
    place, and city accuracy (within 50 km) over those the text places in a city.
    Tune on dev; the test split is for reporting."""
    from detente.evaluation.geo import CITY_KM, evaluate_geo
    from detente.pipeline import Pipeline

    check_news_options(split, shared_data)
    pipeline = Pipeline()
    report = evaluate_geo(lambda articles: (c.events for c in pipeline.code_many(articles)),
                          shared_data, None if split == "all" else split)
    out.print(measure_table(f"detente eval geo --split {split} ({report.labels} labels)", [
        ("labelled events coded", report.coded, report.labels),
        ("country", *report.country),
        (f"city within {CITY_KM:.0f} km (text names a city)", *report.city),
    ]))
    if show_wrong:
        for scored in report.wrong():
            label, place = scored.label, scored.location
            got = (f"{place.name} ({place.country}, {place.precision}, {place.basis})"
                   if place else "no place")
            out.print(f"wrong {label.page} #{label.sentence_index} {label.trigger}: "
                      f"{label.place} ({label.country}, {label.precision}) got {got}",
                      highlight=False)
