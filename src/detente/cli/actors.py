"""``detente actors``: show what the actor dictionary knows, and ``detente eval
actors``: score actor resolution against labelled mentions."""

from __future__ import annotations

from datetime import date
from typing import Annotated

import typer
from rich.table import Table

from detente.actors.ambiguity import ambiguities
from detente.actors.dictionary import (
    ActorDictionary,
    ActorEntry,
    Role,
    actor_code,
    actor_dictionary,
)
from detente.cli.app import app, evaluation
from detente.cli.common import fail, measure_table, out

actors = typer.Typer(help="Look up the actor dictionary.", no_args_is_help=True)
app.add_typer(actors, name="actors")

DateOption = Annotated[str | None, typer.Option(
    "--date", help="Resolve on this day (YYYY-MM-DD); default: every period.")]


def _day(value: str | None) -> date | None:
    if value is None:
        return None
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise fail(f"--date: {value!r} is not a date in YYYY-MM-DD form") from None


def _period(start: date | None, end: date | None) -> str:
    if start is None and end is None:
        return "always"
    return f"{start or '…'} – {end or 'today'}"


def _role_text(role: Role) -> str:
    return f"{role.role} ({_period(role.start, role.end)})"


@actors.command("lookup")
def lookup(
    name: Annotated[str, typer.Argument(help="A name, alias, capital, metonym or title.")],
    on: DateOption = None,
) -> None:
    """Every entity NAME can stand for; with --date, what it was on that day."""
    day = _day(on)
    dictionary = actor_dictionary()
    entries = dictionary.entries.get(name, [])
    title = dictionary.titles.get(name.lower())
    if not entries and title is None:
        raise fail(f"{name!r} is not in the actor dictionary (names are case-sensitive)", 1)
    table = Table(title=f"{name}" + (f" on {day}" if day else ""))
    for column in ("kind", "code", "sector", "stands for", "valid / role"):
        table.add_column(column, overflow="fold")
    for entry in entries:
        for row in _entry_rows(dictionary, entry, day):
            table.add_row(*row)
    if title is not None:
        table.add_row("title", "", title, "sector of whoever holds it", "")
    out.print(table)
    readings = ambiguities().readings.get(name, [])
    if readings:
        out.print(f"{name} is ambiguous; the article decides:", highlight=False)
        for reading in readings:
            cues = ", ".join(reading.cues) or "the article naming it elsewhere"
            default = " (default)" if reading.default else ""
            out.print(f"  {reading.actor}{default}: {reading.note}; cues: {cues}",
                      highlight=False)


def _entry_rows(dictionary: ActorDictionary, entry: ActorEntry,
                day: date | None) -> list[tuple[str, ...]]:
    if entry.kind == "person":
        person = entry.name or entry.alias
        roles = dictionary.roles.get(person, [])
        held = [role for role in roles if day is None or role.held_on(day)]
        if not held:
            return [("person", "", "", person, "no role on this date")]
        return [("person", role.country + (role.sector or ""), role.sector or "",
                 f"{person} — {dictionary.name_of(role.country)}", _role_text(role))
                for role in held]
    valid = entry.valid_on(day)
    if day is not None and not valid:
        return []
    stands_for = _stands_for(dictionary, entry)
    code = "" if entry.kind in {"description", "none"} else actor_code(entry.actor, entry.sector)
    return [(entry.kind, code, entry.sector or "", stands_for,
             _period(entry.valid_from, entry.valid_to))]


def _stands_for(dictionary: ActorDictionary, entry: ActorEntry) -> str:
    words = " or ".join(entry.requires)
    if entry.kind == "none":
        return "not an actor"
    if entry.kind == "description":
        what = "organisation" if entry.actor == "igo" else "state"
        return f"the last {what} named whose name has {words}"
    name = dictionary.name_of(entry.actor)
    return f"{name} (if the article mentions {words})" if entry.requires else name


@actors.command("list")
def list_actors(
    country: Annotated[str, typer.Option(
        "--country",
        help="ISO alpha-3 code (PRK), IGO code (IGOUNO) or a transnational "
             "organisation's code (NGOAMN).")],
    on: DateOption = None,
) -> None:
    """A state's or organisation's names, metonyms, organisations and people
    with their roles."""
    day = _day(on)
    dictionary = actor_dictionary()
    code = country.upper()
    if code not in dictionary.countries | dictionary.igos | dictionary.transnational:
        raise fail(f"--country: {country!r} is not a known country, IGO or organisation code")
    names = Table(title=f"{code} {dictionary.name_of(code)}: names")
    for column in ("kind", "alias", "sector", "valid"):
        names.add_column(column)
    for entry in sorted(dictionary.aliases_of(code), key=lambda e: (e.kind, e.alias)):
        if entry.valid_on(day):
            names.add_row(entry.kind, entry.alias, entry.sector or "",
                          _period(entry.valid_from, entry.valid_to))
    out.print(names)
    organisations = Table(title=f"{code}: organisations" + (f" on {day}" if day else ""))
    for column in ("name", "aliases", "code", "kind", "valid"):
        organisations.add_column(column, overflow="fold")
    for organisation in sorted(dictionary.organisations_of(code, day),
                               key=lambda o: (o.kind, o.name)):
        organisations.add_row(organisation.name, ", ".join(organisation.aliases),
                              actor_code(organisation.actor, organisation.sector),
                              organisation.kind,
                              _period(organisation.valid_from, organisation.valid_to))
    out.print(organisations)
    people = Table(title=f"{code}: people" + (f" on {day}" if day else ""))
    for column in ("name", "code", "role", "from", "to"):
        people.add_column(column)
    rows = [(role.start or date.min, name, role)
            for name, roles in dictionary.people_of(code, day).items() for role in roles]
    for _, name, role in sorted(rows, key=lambda row: (row[0], row[1])):
        people.add_row(name, code + (role.sector or ""), role.role, str(role.start or ""),
                       str(role.end or ""))
    out.print(people)


@evaluation.command("actors")
def eval_actors(
    show_missed: Annotated[bool, typer.Option(
        "--missed", help="List the mentions resolved wrongly or not at all.")] = False,
) -> None:
    """Country and full-code accuracy on labelled actor mentions.

    Scores against data/eval/actors.tsv: mentions from the sample corpus and from
    PLV sentences, each with its date and gold code."""
    from detente.evaluate_actors import evaluate_actors

    try:
        report = evaluate_actors()
    except ValueError as error:
        raise fail(str(error)) from None
    out.print(measure_table("detente eval actors (data/eval/actors.tsv)", [
        ("country (or IGO) right", report.country_right, report.total),
        ("full code right", report.code_right, report.total),
        ("coverage: gold actors given any actor", report.covered, report.gold_actors),
        ("resolved mentions with the right country", report.resolved_right, report.resolved),
    ]))
    if show_missed:
        for miss in report.misses:
            out.print(f"{miss.source}: {miss.mention!r} gold {miss.gold_code} "
                      f"got {miss.got_code or '-'}  {miss.note}", highlight=False)
