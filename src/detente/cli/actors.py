"""``detente actors``: show what the actor dictionary knows, and ``detente eval
actors``: score actor resolution against labelled mentions."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING, Annotated

import typer
from rich.table import Table

from detente.cli.app import app
from detente.cli.common import fail, out

if TYPE_CHECKING:  # the commands import the dictionary: "detente --help" loads no spaCy
    from detente.actors.search import Reading

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


def _row(reading: Reading) -> tuple[str, ...]:
    if reading.kind == "person" and reading.code is None:
        return ("person", "", "", reading.stands_for, reading.role or "")
    if reading.kind == "title":
        return ("title", "", reading.sector or "", reading.stands_for, "")
    valid = _period(reading.valid_from, reading.valid_to)
    return (reading.kind, reading.code or "", reading.sector or "", reading.stands_for,
            f"{reading.role} ({valid})" if reading.role else valid)


@actors.command("lookup")
def lookup(
    name: Annotated[str, typer.Argument(
        help="A name, alias, capital, metonym, title or code, in any case "
             "(\"kim dae-jung\", \"UNITED NATIONS\", prk).")],
    on: DateOption = None,
) -> None:
    """Every entity NAME can stand for; with --date, what it was on that day.
    A name not found as written is looked up in any case and without accents;
    if nothing matches, near names are suggested."""
    from detente.actors.search import did_you_mean, readings, search_actors

    day = _day(on)
    hits = search_actors(name)
    found = [hit for hit in hits if hit.found]
    if not found:
        hint = did_you_mean(hits)
        raise fail(f"{name!r} is not in the actor dictionary" + (f". {hint}" if hint else ""),
                   1)
    for hit in found:
        if hit.alias != name:
            out.print(f"{name!r} found as {hit.alias!r} ({hit.match})", highlight=False)
        table = Table(title=f"{hit.alias}" + (f" on {day}" if day else ""))
        for column in ("kind", "code", "sector", "stands for", "valid / role"):
            table.add_column(column, overflow="fold")
        for reading in readings(hit.alias, day):
            table.add_row(*_row(reading))
        out.print(table)
        _print_ambiguity(hit.alias)


def _print_ambiguity(name: str) -> None:
    from detente.actors.ambiguity import ambiguities

    choices = ambiguities().readings.get(name, [])
    if choices:
        out.print(f"{name} is ambiguous; the article decides:", highlight=False)
        for choice in choices:
            cues = ", ".join(choice.cues) or "the article naming it elsewhere"
            default = " (default)" if choice.default else ""
            out.print(f"  {choice.actor}{default}: {choice.note}; cues: {cues}",
                      highlight=False)


@actors.command("list")
def list_actors(
    country: Annotated[str, typer.Option(
        "--country",
        help="ISO alpha-3 code (PRK), IGO code (IGOUNO), a transnational "
             "organisation's code (NGOAMN), or a name in any case (\"north korea\", "
             "\"UNITED NATIONS\").")],
    on: DateOption = None,
    imported: Annotated[bool, typer.Option(
        "--imported", help="Also list the organisations and people imported from the "
                           "Phoenix dictionaries (data/SOURCES.md), not only detente's "
                           "hand-checked ones.")] = False,
) -> None:
    """A state's or organisation's names, metonyms, organisations and people
    with their roles."""
    from detente.actors.dictionary import actor_code, actor_dictionary
    from detente.actors.search import did_you_mean, state_codes

    day = _day(on)
    dictionary = actor_dictionary()
    codes, hits = state_codes(country, day)
    if len(codes) > 1:
        raise fail(f"--country: {country!r} stands for several: {', '.join(codes)}; "
                   "give one code")
    if not codes:
        hint = did_you_mean(hits)
        raise fail(f"--country: {country!r} is not a known country, IGO or organisation "
                   "code or name" + (f". {hint}" if hint else ""))
    code = codes[0]
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
    hidden = {"organisations": 0, "people": 0}
    for organisation in sorted(dictionary.organisations_of(code, day),
                               key=lambda o: (o.kind, o.name)):
        if not imported and organisation.name in dictionary.imported_organisations:
            hidden["organisations"] += 1
            continue
        organisations.add_row(organisation.name, ", ".join(organisation.aliases),
                              actor_code(organisation.actor, organisation.sector),
                              organisation.kind,
                              _period(organisation.valid_from, organisation.valid_to))
    out.print(organisations)
    people = Table(title=f"{code}: people" + (f" on {day}" if day else ""))
    for column in ("name", "code", "role", "from", "to"):
        people.add_column(column)
    everyone = dictionary.people_of(code, day)
    shown = {name: roles for name, roles in everyone.items()
             if imported or name not in dictionary.imported_people}
    hidden["people"] = len(everyone) - len(shown)
    rows = [(role.start or date.min, name, role)
            for name, roles in shown.items() for role in roles]
    for _, name, role in sorted(rows, key=lambda row: (row[0], row[1])):
        people.add_row(name, code + (role.sector or ""), role.role, str(role.start or ""),
                       str(role.end or ""))
    out.print(people)
    if any(hidden.values()):
        out.print(f"and {hidden['organisations']} organisations and {hidden['people']} people "
                  "imported from the Phoenix dictionaries: --imported lists them",
                  highlight=False)
