"""Commands over relations: ``dyad``, ``ledger``, ``network``, ``export``, ``report``."""

from __future__ import annotations

import csv
import json
import sys
from typing import TYPE_CHECKING, Annotated

import typer
from rich.table import Table

from detente.cli.app import app
from detente.cli.common import DEFAULT_DB, err, fail, open_store, out

if TYPE_CHECKING:  # the commands import what they use: "detente --help" loads none of it
    from detente.store.counting import CountRule
    from detente.store.filters import EventFilter

DbOption = Annotated[str, typer.Option("--db", help="DuckDB file to read.")]
CountOption = Annotated[str, typer.Option(
    "--count", help="events (reports of one event counted once) or mentions (every "
                    "report, copies on other sites included).")]
AllStatusesOption = Annotated[bool, typer.Option(
    "--all-statuses", help="Also count plans, refusals and conjectures, not only events "
                           "that took place.")]
SERIES_FORMATS = ("table", "csv", "json")


def check_sides(connection, *sides: str | None) -> None:
    """Exit with a one-line error naming a side that appears in no stored event."""
    from detente.store.series import known_sides

    known = known_sides(connection)
    for side in sides:
        if side is not None and side not in known:
            raise fail(f"unknown country or organisation {side!r}: no stored event has it "
                       f"(codes are ISO 3166 alpha-3 like PRK, or IGO codes like IGOUNO)")


def count_rule(count: str, all_statuses: bool, basis: str = "event") -> CountRule:
    """The counting rule of ``--count``, ``--all-statuses`` and ``--basis``, or exit 2."""
    from detente.store.counting import CountError, CountRule

    try:
        return CountRule(count, all_statuses, basis)  # type: ignore[arg-type]
    except CountError as error:
        raise fail(f"--{error}") from None


def pair(text: str, option: str) -> tuple[str, str]:
    """Two codes written PRK,USA or PRK-USA, upper-cased; exit 2 for anything else."""
    parts = text.upper().replace(",", "-").replace(" ", "-").split("-")
    if len(parts) != 2 or not all(parts):
        raise fail(f"{option} {text!r}: expected two codes like PRK,USA")
    return parts[0], parts[1]


@app.command()
def dyad(
    side_a: Annotated[str, typer.Argument(help="A state's code (PRK) or an IGO's (IGOUNO).")],
    side_b: Annotated[str | None, typer.Argument(help="The other side; omit for all.")] = None,
    freq: Annotated[str, typer.Option(help="day, week, month or year.")] = "year",
    basis: Annotated[str, typer.Option(help="event (event date) or publication.")] = "event",
    start: Annotated[str | None, typer.Option("--from", help="First date (2000, 2000-06).")] = None,
    end: Annotated[str | None, typer.Option("--to", help="Last date, inclusive.")] = None,
    directed: Annotated[bool, typer.Option(help="Only events with SIDE_A as source.")] = False,
    count: CountOption = "events",
    all_statuses: AllStatusesOption = False,
    output_format: Annotated[str, typer.Option(
        "--format", "-f", help="table, csv or json (one row per period, zeros included, "
                               "for pandas or R).")] = "table",
    db: DbOption = DEFAULT_DB,
) -> None:
    """How two sides have got on: events per period by quad class, with Goldstein.

    Every period from the first to the last has its row, zeros included."""
    from detente.relations.series import dyad_series
    from detente.store.counting import QUADS
    from detente.store.series import SeriesError

    if output_format not in SERIES_FORMATS:
        raise fail(f"--format must be one of {', '.join(SERIES_FORMATS)}")
    rule = count_rule(count, all_statuses, basis)
    side_a, side_b = side_a.upper(), side_b.upper() if side_b else None
    with open_store(db, read_only=True) as store:
        check_sides(store.connection, side_a, side_b)
        try:
            rows = dyad_series(store.connection, side_a, side_b, freq=freq, start=start,
                               end=end, directed=directed, rule=rule)
        except SeriesError as error:
            raise fail(str(error)) from None
    if output_format != "table":
        print_series(rows, output_format)
        err.print(rule.describe(), highlight=False, soft_wrap=True)
        return
    arrow = "→" if directed else "↔"
    table = Table(title=f"{side_a} {arrow} {side_b or 'everyone'}, {rule.unit} per {freq}",
                  caption=f"{rule.describe()} coop/conflict: verbal (v) and material (m); "
                          f"G: Goldstein score", show_footer=bool(rows))
    total = {key: sum(row[key] for row in rows) for key in ("events", *QUADS, "goldstein_sum")}
    footers = ("all", str(total["events"]), *(str(total[key]) for key in QUADS), "",
               f"{total['goldstein_sum']:+.1f}")
    for column, footer in zip(("period", rule.unit, "v coop", "m coop", "v conflict",
                               "m conflict", "mean G", "sum G"), footers, strict=True):
        table.add_column(column, footer, justify="left" if column == "period" else "right")
    for row in rows:
        table.add_row(row["period"], str(row["events"]), str(row["verbal_cooperation"]),
                      str(row["material_cooperation"]), str(row["verbal_conflict"]),
                      str(row["material_conflict"]), f"{row['goldstein_mean']:+.2f}",
                      f"{row['goldstein_sum']:+.1f}")
    out.print(table if rows else f"no events between {side_a} and {side_b or 'anyone'}")


def print_series(rows: list[dict], output_format: str) -> None:
    """A series on standard output as CSV (a header, then a row a period) or JSON (an
    array of objects), the columns of ``series.COLUMNS``."""
    from detente.relations.series import COLUMNS

    if output_format == "json":
        sys.stdout.write(json.dumps(rows, ensure_ascii=False) + "\n")
        return
    writer = csv.DictWriter(sys.stdout, COLUMNS, lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows)


@app.command()
def ledger(
    country: Annotated[str, typer.Argument(help="A state's code, e.g. PRK.")],
    other: Annotated[str | None, typer.Option("--with", help="Only steps with this state.")] = None,
    db: DbOption = DEFAULT_DB,
) -> None:
    """The diplomatic ledger of a state: relations and missions, planned and done.

    Steps: relations established, upgraded, downgraded, suspended, severed,
    restored; embassies, consulates, liaison offices and interests sections
    opened, reopened, closed, or maintained (there at that date: status ongoing)."""
    from detente.relations.ledger import ledger as ledger_entries

    country, other = country.upper(), other.upper() if other else None
    with open_store(db, read_only=True) as store:
        check_sides(store.connection, country, other)
        entries = ledger_entries(store.connection, country, other)
    table = Table(title=f"Diplomatic ledger of {country}" + (f" with {other}" if other else ""),
                  caption="dates in brackets: publication date (the text states none); "
                          "via: protecting power")
    for column in ("date", "states", "step", "status", "via"):
        table.add_column(column, no_wrap=True)
    table.add_column("evidence", overflow="fold", ratio=1)
    for entry in entries:
        date = entry.date or "?"
        style = None if entry.status in ("occurred", "ongoing") else "dim"  # not (yet) done
        table.add_row(date if entry.date_basis == "stated" else f"({date})",
                      f"{entry.country_a} → {entry.country_b}",
                      entry.kind.replace("relations_", "").replace("_", " "),
                      entry.status, entry.protecting_power or "",
                      f"{entry.sentence}  [dim]({entry.doc})[/]", style=style)
    out.print(table if entries else f"no ledger entries for {country}")


@app.command()
def network(
    start: Annotated[str | None, typer.Option("--from", help="First date (1994, 1994-06).")] = None,
    end: Annotated[str | None, typer.Option("--to", help="Last date, inclusive.")] = None,
    min_events: Annotated[int, typer.Option(help="Edges need at least this many events.")] = 1,
    count: CountOption = "events",
    all_statuses: AllStatusesOption = False,
    db: DbOption = DEFAULT_DB,
) -> None:
    """The signed relation network of a window: centrality, blocs and structural balance."""
    from detente.relations.network import relation_network
    from detente.store.series import SeriesError

    rule = count_rule(count, all_statuses)
    with open_store(db, read_only=True) as store:
        try:
            graph = relation_network(store.connection, start, end, min_events, rule)
        except SeriesError as error:
            raise fail(str(error)) from None
    window = f"{start or 'start'} – {end or 'end'}"
    nodes = Table(title=f"Relation network {window}: {len(graph.nodes)} sides, "
                        f"{len(graph.edges)} relations", caption=rule.describe())
    for column in ("side", rule.unit, "strength", "degree", "betweenness", "bloc"):
        nodes.add_column(column, justify="left" if column == "side" else "right")
    for node in graph.nodes:
        nodes.add_row(node.side, str(node.events), f"{node.strength:.1f}",
                      f"{node.degree_centrality:.2f}", f"{node.betweenness:.2f}",
                      str(node.community))
    edges = Table(title="Relations (sign of the mean Goldstein score)")
    for column in ("pair", rule.unit, "coop", "conflict", "mean Goldstein", "sign"):
        edges.add_column(column, justify="left" if column == "pair" else "right")
    for edge in sorted(graph.edges, key=lambda e: -e.events):
        edges.add_row(f"{edge.side_a} – {edge.side_b}", str(edge.events), str(edge.cooperative),
                      str(edge.conflictual), f"{edge.goldstein_mean:+.2f}",
                      {1: "[green]+[/]", -1: "[red]−[/]", 0: "0"}[edge.sign])
    out.print(nodes, edges)
    if graph.balanced_share is None:
        out.print("structural balance: no closed triad of signed relations in this window")
        return
    out.print(f"structural balance: [bold]{graph.balanced_share:.0%}[/] of {graph.triads} "
              f"triads balanced")
    for triad in graph.most_unbalanced:
        signs = " ".join("+" if sign > 0 else "−" for sign in triad.signs)
        out.print(f"  unbalanced: {' – '.join(triad.sides)} ({signs}), tension "
                  f"{triad.tension:.1f}")


def export_filter(start: str | None, end: str | None, actors: list[str] | None,
                  dyad_text: str | None, root: str | None, quad: int | None,
                  status: str | None, min_confidence: float | None, code: str | None,
                  text: str | None) -> EventFilter:
    """The ``EventFilter`` of ``detente export``'s options (the API's filters), or exit 2
    with the option and the problem."""
    from detente.model import STATUSES
    from detente.store.filters import EventFilter
    from detente.store.series import SeriesError, check_date

    try:
        check_date("--from", start)
        check_date("--to", end)
    except SeriesError as error:
        raise fail(str(error)) from None
    for name, value, pattern_ok in (
            ("--root", root, root is None or (len(root) == 2 and root.isdigit())),
            ("--code", code, code is None or (code.isdigit() and len(code) <= 4)),
            ("--quad", quad, quad is None or 1 <= quad <= 4),
            ("--status", status, status is None or status in STATUSES),
            ("--min-confidence", min_confidence,
             min_confidence is None or 0 <= min_confidence <= 1)):
        if not pattern_ok:
            raise fail(f"{name} {value!r}: expected "
                       + {"--root": "a CAMEO root like 04", "--code": "a CAMEO code like 042",
                          "--quad": "1, 2, 3 or 4",
                          "--status": "one of " + ", ".join(STATUSES),
                          "--min-confidence": "a number from 0 to 1"}[name])
    return EventFilter(actors=tuple(actor.upper() for actor in actors or ()),
                       dyad=pair(dyad_text, "--dyad") if dyad_text else None,
                       code=code, root=root, quad=quad, status=status, start=start, end=end,
                       text=text, min_confidence=min_confidence)


@app.command()
def export(
    out_path: Annotated[str, typer.Option(
        "--out", "-o", help="File to write (a new one, or an existing regular file with "
                            "--force); - writes to standard output.")],
    output_format: Annotated[str, typer.Option(
        "--format", "-f", help="jsonl, parquet, csv, plover (JSON lines in POLECAT's "
                               "field names), gdelt (also writes the mentions table "
                               "beside it) or icews (ICEWS's tab-separated event "
                               "table).")] = "jsonl",
    start: Annotated[str | None, typer.Option(
        "--from", help="Events dated from (their own date, else publication): 2000, "
                       "2000-06.")] = None,
    end: Annotated[str | None, typer.Option("--to", help="... up to, inclusive.")] = None,
    actors: Annotated[list[str] | None, typer.Option(
        "--actor", help="An actor code (USAGOV) or a state or organisation (PRK) on either "
                        "side; repeat for any of several.")] = None,
    dyad_text: Annotated[str | None, typer.Option(
        "--dyad", help="Both sides, either direction: PRK,USA.")] = None,
    root: Annotated[str | None, typer.Option(help="CAMEO root code: 04.")] = None,
    code: Annotated[str | None, typer.Option(help="CAMEO code or its prefix: 042.")] = None,
    quad: Annotated[int | None, typer.Option(
        help="1 verbal cooperation, 2 material cooperation, 3 verbal conflict, "
             "4 material conflict.")] = None,
    status: Annotated[str | None, typer.Option(
        help="occurred, ongoing, planned, proposed, negated, conditional or "
             "hypothetical.")] = None,
    min_confidence: Annotated[float | None, typer.Option(
        "--min-confidence", help="The coder's confidence, at least (0 to 1).")] = None,
    text: Annotated[str | None, typer.Option(
        "--text", help="Words in the evidence sentence, any case.")] = None,
    all_statuses: Annotated[bool, typer.Option(
        "--all-statuses", help="gdelt and icews: also write planned, proposed, negated, "
                               "conditional and hypothetical events, as rows no GDELT or "
                               "ICEWS tool can tell from events that happened. (The other "
                               "formats always hold every event, with its status.)")] = False,
    force: Annotated[bool, typer.Option(help="Overwrite an existing regular file.")] = False,
    db: DbOption = DEFAULT_DB,
) -> None:
    """Export the deduplicated events, all or those matching the filters (the API's).

    jsonl, csv, parquet and plover hold every event with a status column
    (occurred, ongoing, planned, proposed, negated, conditional,
    hypothetical). GDELT's and ICEWS's layouts have no status, and their
    tools count each row as an event that took place, so --format gdelt
    and --format icews write only occurred and ongoing events (and their
    mentions) unless --all-statuses is given. The README's data dictionary
    lists every column."""
    from detente.relations.export import FORMATS, NO_STATUS_FORMATS, export_events
    from detente.relations.output import STDOUT, OutputError
    from detente.store.exports import events_left_out

    if output_format not in FORMATS:
        raise fail(f"--format must be one of {', '.join(FORMATS)}")
    where = export_filter(start, end, actors, dyad_text, root, quad, status, min_confidence,
                          code, text)
    with open_store(db, read_only=True) as store:
        try:
            written = export_events(store.connection, out_path, output_format, force=force,
                                    all_statuses=all_statuses, where=where)
        except OutputError as error:
            raise fail(str(error)) from None
        left_out = (events_left_out(store.connection, where)
                    if output_format in NO_STATUS_FORMATS and not all_statuses else {})
    table = Table(title=f"Exported ({output_format})")
    for column in ("file", "rows"):
        table.add_column(column, justify="left" if column == "file" else "right")
    for item in written:
        table.add_row("standard output" if item.path == STDOUT else item.path, f"{item.rows:,}")
    (err if out_path == STDOUT else out).print(table)
    if left_out:
        counts = ", ".join(f"{count} {status}" for status, count in left_out.items())
        layout = output_format.upper()
        err.print(f"{layout} has no status column: left out {sum(left_out.values())} events not "
                  f"reported as having taken place ({counts}); --all-statuses writes them "
                  f"too",
                  highlight=False)


@app.command()
def report(
    out_path: Annotated[str, typer.Option(
        "--out", "-o", help="HTML file to write; - writes to standard output.")],
    dyads: Annotated[list[str] | None, typer.Option(
        "--dyad", help="A pair like PRK-USA to chart (repeatable); default: the busiest.")] = None,
    start: Annotated[str | None, typer.Option("--from", help="First date of the network.")] = None,
    end: Annotated[str | None, typer.Option("--to", help="Last date of the network.")] = None,
    force: Annotated[bool, typer.Option(help="Overwrite an existing regular file.")] = False,
    db: DbOption = DEFAULT_DB,
) -> None:
    """Write a self-contained HTML report: dyad timelines, ledger, network picture."""
    from detente.relations.output import STDOUT, OutputError
    from detente.relations.report import write_report
    from detente.store.series import SeriesError

    pairs = [pair(text, "--dyad") for text in dyads or []]
    with open_store(db, read_only=True) as store:
        check_sides(store.connection, *(side for chosen in pairs for side in chosen))
        try:
            path = write_report(store.connection, out_path, pairs or None, start, end, force)
        except (OutputError, SeriesError) as error:
            raise fail(str(error)) from None
    if out_path != STDOUT:
        err.print(f"report written to {path}")
