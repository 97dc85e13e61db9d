"""What every command shares: the consoles, the default database, tables."""

from __future__ import annotations

from typing import TYPE_CHECKING

import typer
from rich.console import Console, ConsoleOptions, RenderResult
from rich.markup import escape
from rich.progress import (
    BarColumn,
    MofNCompleteColumn,
    Progress,
    TextColumn,
    TimeElapsedColumn,
    TimeRemainingColumn,
)
from rich.segment import Segment
from rich.table import Table

if TYPE_CHECKING:  # opening a store loads DuckDB: only the commands that read one do
    from detente.store import Store

out = Console()
err = Console(stderr=True)
DEFAULT_DB = "detente.duckdb"


def fail(message: str, code: int = 2) -> typer.Exit:
    """Print ``error: message`` on one line and return the exit to raise."""
    say("error", message)
    return typer.Exit(code)


def say(kind: str, message: str) -> None:
    """``error: message`` (or ``warning: …``) on one line of stderr, the message
    shown as written: a newline or other control character in it (a file's name)
    is escaped, so it cannot start a line of its own, and brackets are not markup."""
    colour = "red" if kind == "error" else "yellow"
    err.print(f"[{colour}]{kind}:[/] {shown(message)}", highlight=False, soft_wrap=True)


def shown(text: str) -> str:
    """``text`` for a Rich console as written: its control characters as escapes
    (``\\n``, ``\\x1b``), its brackets not markup."""
    return escape("".join(c if c.isprintable() or c == " " else repr(c)[1:-1] for c in text))


def open_store(db: str, read_only: bool = False) -> Store:
    """The store at ``db``, or exit 2 with a one-line reason."""
    from detente.store import Store, StoreError

    try:
        return Store(db, read_only=read_only)
    except StoreError as error:
        raise fail(str(error)) from None


def progress() -> Progress:
    """A Rich progress bar on stderr with a free-text rate column and, when the
    total is known, the time remaining."""
    return Progress(TextColumn("[bold]{task.description}"), BarColumn(), MofNCompleteColumn(),
                    TextColumn("{task.fields[rate]}"), TimeElapsedColumn(), TimeRemainingColumn(),
                    console=err, transient=True)


def side_label(side: dict) -> str:
    """An event side as a table shows it: its code, else its words in quotes."""
    return side["code"] or (f"“{side['text']}”" if side.get("text") else "?")


def event_table(records: list[dict], title: str = "Events",
                caption: str | None = None, strength: bool = False) -> Table | PlainLines:
    """Events with their evidence: a table on a terminal; piped or redirected, one
    tab-separated line per event, whole (a cell's own tabs and line breaks as
    spaces), for ``cut``, ``awk`` or a spreadsheet, not a screenful each.
    ``strength`` adds each event's Goldstein score and mentions (records of
    deduplicated events: ``goldstein``, ``num_mentions``)."""
    from detente.events.ontology import lookup

    def measures(record: dict) -> tuple[str, ...]:
        if not strength:
            return ()
        score = record["goldstein"]
        return (f"{score:+.1f}" if score is not None else "", str(record["num_mentions"]))

    rows = [(record["event_date"] or f"({record['pub_date'] or '?'})",
             side_label(record["source"]), f"{record['cameo']} {lookup(record['cameo']).name}",
             side_label(record["target"]), *measures(record), record["status"] or "",
             record["sentence"])
            for record in records]
    columns = ("date", "source", "event", "target", *(("G", "mentions") if strength else ()),
               "status", "evidence")
    if not out.is_terminal:
        return PlainLines([title, "\t".join(columns),
                           *("\t".join(map(one_line, row)) for row in rows),
                           *([caption] if caption else [])])
    table = Table(title=title, caption=caption, show_lines=False)
    for column in columns:
        table.add_column(column, overflow="fold")
    for *cells, evidence in rows:
        table.add_row(*cells, evidence if len(evidence) < 140 else evidence[:137] + "…")
    return table


def one_line(cell: str) -> str:
    """A table cell as one field of a tab-separated line: tabs, line breaks and other
    control characters become spaces, runs of spaces one."""
    return " ".join("".join(c if c.isprintable() else " " for c in cell).split())


class PlainLines:
    """Lines printed as they are: no wrapping, tabs kept as tabs (print them with
    ``crop=False`` to keep them whole)."""

    def __init__(self, lines: list[str]) -> None:
        self.lines = lines

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        for line in self.lines:
            yield Segment(line)
            yield Segment.line()


def measure_table(title: str, measures: list[tuple[str, int, int]]) -> Table:
    """Rows of ``(measure, right, out of)`` shown as a share and the counts behind it."""
    table = Table(title=title)
    for column in ("measure", "value", "counts"):
        table.add_column(column)
    for name, part, whole in measures:
        share = part / whole if whole else 0.0
        table.add_row(name, f"{share:.3f}", f"{part}/{whole}")
    return table
