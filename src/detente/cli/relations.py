"""Commands over relations: ``dyad``, ``ledger``, ``network``, ``export``, ``report``."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer
from rich.table import Table

from detente.cli.app import app
from detente.cli.common import DEFAULT_DB, err, fail, open_store, out
from detente.relations.export import FORMATS, ExportError, events_left_out, export_events
from detente.relations.ledger import ledger as ledger_entries
from detente.relations.network import relation_network
from detente.relations.series import SeriesError, dyad_series, known_sides

DbOption = Annotated[str, typer.Option("--db", help="DuckDB file to read.")]


def check_sides(connection, *sides: str | None) -> None:
    """Exit with a one-line error naming a side that appears in no stored event."""
    known = known_sides(connection)
    for side in sides:
        if side is not None and side not in known:
            raise fail(f"unknown country or organisation {side!r}: no stored event has it "
                       f"(codes are ISO 3166 alpha-3 like PRK, or IGO codes like IGOUNO)")


@app.command()
def dyad(
    side_a: Annotated[str, typer.Argument(help="A state's code (PRK) or an IGO's (IGOUNO).")],
    side_b: Annotated[str | None, typer.Argument(help="The other side; omit for all.")] = None,
    freq: Annotated[str, typer.Option(help="day, week, month or year.")] = "year",
    basis: Annotated[str, typer.Option(help="event (event date) or publication.")] = "event",
    start: Annotated[str | None, typer.Option("--from", help="First date (2000, 2000-06).")] = None,
    end: Annotated[str | None, typer.Option("--to", help="Last date, inclusive.")] = None,
    directed: Annotated[bool, typer.Option(help="Only events with SIDE_A as source.")] = False,
    db: DbOption = DEFAULT_DB,
) -> None:
    """How two sides have got on: events per period by quad class, with Goldstein."""
    side_a, side_b = side_a.upper(), side_b.upper() if side_b else None
    with open_store(db, read_only=True) as store:
        check_sides(store.connection, side_a, side_b)
        try:
            rows = dyad_series(store.connection, side_a, side_b, freq=freq, basis=basis,
                               start=start, end=end, directed=directed)
        except SeriesError as error:
            raise fail(str(error)) from None
    arrow = "→" if directed else "↔"
    table = Table(title=f"{side_a} {arrow} {side_b or 'everyone'}, per {freq} "
                        f"({basis} dates; events that took place)",
                  caption="coop/conflict: verbal (v) and material (m); G: Goldstein score")
    for column in ("period", "events", "v coop", "m coop", "v conflict", "m conflict",
                   "mean G", "sum G"):
        table.add_column(column, justify="left" if column == "period" else "right")
    for row in rows:
        table.add_row(row["period"], str(row["events"]), str(row["verbal_cooperation"]),
                      str(row["material_cooperation"]), str(row["verbal_conflict"]),
                      str(row["material_conflict"]), f"{row['goldstein_mean']:+.2f}",
                      f"{row['goldstein_sum']:+.1f}")
    out.print(table if rows else f"no events between {side_a} and {side_b or 'anyone'}")


@app.command()
def ledger(
    country: Annotated[str, typer.Argument(help="A state's code, e.g. PRK.")],
    other: Annotated[str | None, typer.Option("--with", help="Only steps with this state.")] = None,
    db: DbOption = DEFAULT_DB,
) -> None:
    """The diplomatic ledger of a state: relations and missions, planned and done.

    Steps: relations established, upgraded, downgraded, suspended, severed,
    restored; embassies, consulates, liaison offices and interests sections
    opened, closed, or maintained (there at that date: status ongoing)."""
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
    db: DbOption = DEFAULT_DB,
) -> None:
    """The signed relation network of a window: centrality, blocs and structural balance."""
    with open_store(db, read_only=True) as store:
        try:
            graph = relation_network(store.connection, start, end, min_events)
        except SeriesError as error:
            raise fail(str(error)) from None
    window = f"{start or 'start'} – {end or 'end'}"
    nodes = Table(title=f"Relation network {window}: {len(graph.nodes)} sides, "
                        f"{len(graph.edges)} relations")
    for column in ("side", "events", "strength", "degree", "betweenness", "bloc"):
        nodes.add_column(column, justify="left" if column == "side" else "right")
    for node in graph.nodes:
        nodes.add_row(node.side, str(node.events), f"{node.strength:.1f}",
                      f"{node.degree_centrality:.2f}", f"{node.betweenness:.2f}",
                      str(node.community))
    edges = Table(title="Relations (sign of the mean Goldstein score)")
    for column in ("pair", "events", "coop", "conflict", "mean Goldstein", "sign"):
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


@app.command()
def export(
    out_path: Annotated[str, typer.Option("--out", "-o", help="File to write.")],
    output_format: Annotated[str, typer.Option(
        "--format", "-f", help="jsonl, parquet, csv or gdelt (also writes the mentions "
                               "table beside it).")] = "jsonl",
    all_statuses: Annotated[bool, typer.Option(
        "--all-statuses", help="gdelt: also write planned, proposed, negated, conditional "
                               "and hypothetical events, as rows no GDELT tool can tell from "
                               "events that happened. (jsonl, csv and parquet always hold "
                               "every event, with its status.)")] = False,
    force: Annotated[bool, typer.Option(help="Overwrite existing files.")] = False,
    db: DbOption = DEFAULT_DB,
) -> None:
    """Export the deduplicated events; GDELT 2.0 layout for existing GDELT tools.

    jsonl, csv and parquet hold every event with a status column
    (occurred, ongoing, planned, proposed, negated, conditional,
    hypothetical). GDELT's layout has no status, and its tools count
    each row as an event that took place, so --format gdelt writes only
    occurred and ongoing events (and their mentions) unless
    --all-statuses is given."""
    if output_format not in FORMATS:
        raise fail(f"--format must be one of {', '.join(FORMATS)}")
    with open_store(db, read_only=True) as store:
        try:
            paths = export_events(store.connection, out_path, output_format, force=force,
                                  all_statuses=all_statuses)
        except ExportError as error:
            raise fail(str(error)) from None
        left_out = (events_left_out(store.connection)
                    if output_format == "gdelt" and not all_statuses else {})
    table = Table(title=f"Exported ({output_format})")
    for column in ("file", "rows", "bytes"):
        table.add_column(column, justify="left" if column == "file" else "right")
    for path in paths:
        lines = "-" if path.suffix == ".parquet" else str(_line_count(path))
        table.add_row(str(path), lines, f"{path.stat().st_size:,}")
    out.print(table)
    if left_out:
        counts = ", ".join(f"{count} {status}" for status, count in left_out.items())
        err.print(f"GDELT has no status column: left out {sum(left_out.values())} events not "
                  f"reported as having taken place ({counts}); --all-statuses writes them "
                  f"too",
                  highlight=False)


def _line_count(path: Path) -> int:
    with path.open("rb") as handle:
        return sum(1 for _ in handle)


@app.command()
def report(
    out_path: Annotated[str, typer.Option("--out", "-o", help="HTML file to write.")],
    dyads: Annotated[list[str] | None, typer.Option(
        "--dyad", help="A pair like PRK-USA to chart (repeatable); default: the busiest.")] = None,
    start: Annotated[str | None, typer.Option("--from", help="First date of the network.")] = None,
    end: Annotated[str | None, typer.Option("--to", help="Last date of the network.")] = None,
    force: Annotated[bool, typer.Option(help="Overwrite an existing file.")] = False,
    db: DbOption = DEFAULT_DB,
) -> None:
    """Write a self-contained HTML report: dyad timelines, ledger, network picture."""
    from detente.relations.report import write_report

    pairs = []
    for text in dyads or []:
        parts = text.upper().replace(",", "-").replace(" ", "-").split("-")
        if len(parts) != 2 or not all(parts):
            raise fail(f"--dyad {text!r}: expected two codes like PRK-USA")
        pairs.append((parts[0], parts[1]))
    with open_store(db, read_only=True) as store:
        check_sides(store.connection, *(side for pair in pairs for side in pair))
        try:
            path = write_report(store.connection, out_path, pairs or None, start, end, force)
        except (ExportError, SeriesError) as error:
            raise fail(str(error)) from None
    err.print(f"report written to {path}")
