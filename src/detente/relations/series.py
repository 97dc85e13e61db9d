"""Dyad time series: how often and how warmly two sides (or one side with
everyone) dealt with each other, per day, week, month or year."""

from __future__ import annotations

import re
from datetime import date
from typing import Any

import duckdb

from detente.relations.events import events_source, period_start

# strftime patterns of each period; weeks are ISO weeks ("2000-W29").
FREQUENCIES = {"day": "%Y-%m-%d", "week": "%G-W%V", "month": "%Y-%m", "year": "%Y"}
# The day each basis dates an event by.
BASES = {"event": "event_day", "publication": "pub_day"}
QUADS = ("verbal_cooperation", "material_cooperation", "verbal_conflict", "material_conflict")
# What counts by default: events that took place, not plans, refusals or conjectures.
HAPPENED = ("occurred", "ongoing")
ISO_DATE = re.compile(r"\d{4}(-\d{2}(-\d{2})?)?")


class SeriesError(ValueError):
    """A parameter of a series query is out of range (unknown freq, malformed date)."""


def first_day(value: str) -> date:
    """The first day of an ISO year, month or day ("2000" → 2000-01-01); ValueError
    when the calendar has no such day ("2000-02-31")."""
    return date.fromisoformat((value + "-01-01")[:10])


def check_date(name: str, value: str | None) -> str | None:
    """``value`` if it is an ISO date at year, month or day precision, else SeriesError."""
    if value is None:
        return None
    try:
        if not ISO_DATE.fullmatch(value):
            raise ValueError(value)
        first_day(value)
    except ValueError:
        raise SeriesError(f"{name}: {value!r} is not a date like 2000, 2000-06 or 2000-06-13"
                          ) from None
    return value


def window_clause(column: str, start: str | None, end: str | None) -> tuple[str, dict[str, str]]:
    """SQL condition keeping ``column`` (a DATE) within [start, end], both inclusive at
    their precision ("--to 2001" keeps all of 2001), and its parameters."""
    conditions, parameters = [], {}
    if check_date("start", start):
        conditions.append(f"{column} >= {period_start('$start')}")
        parameters["start"] = start
    if check_date("end", end):
        conditions.append(f"{column} <= {period_start('$end')} + CASE length($end) "
                          f"WHEN 4 THEN INTERVAL 1 YEAR WHEN 7 THEN INTERVAL 1 MONTH "
                          f"ELSE INTERVAL 1 DAY END - INTERVAL 1 DAY")
        parameters["end"] = end
    return " AND ".join(conditions) or "TRUE", parameters


def dyad_series(connection: duckdb.DuckDBPyConnection, side_a: str, side_b: str | None = None,
                *, freq: str = "month", basis: str = "event", start: str | None = None,
                end: str | None = None, directed: bool = False,
                statuses: tuple[str, ...] = HAPPENED) -> list[dict[str, Any]]:
    """Events between ``side_a`` and ``side_b`` (or of ``side_a`` with anyone) per period.

    A side is a state's code (``PRK``) or an organisation's (``IGOUNO``). ``basis``
    "event" dates each event by its own date, falling back to its earliest
    publication date when no article states one; "publication" uses the earliest
    publication date. An event known only to month or year is counted in the
    period holding that month's or year's first day. ``directed`` keeps only
    events with ``side_a`` as source. Only events whose status is in ``statuses``
    count (by default those that took place). Events with an unresolved side never
    count."""
    if freq not in FREQUENCIES:
        raise SeriesError(f"freq: {freq!r} is not one of {', '.join(FREQUENCIES)}")
    if basis not in BASES:
        raise SeriesError(f"basis: {basis!r} is not one of {', '.join(BASES)}")
    day = BASES[basis]
    source, parameters = events_source(connection)
    window, window_parameters = window_clause(day, start, end)
    if side_b is None:
        pair = ("(source_side = $a OR target_side = $a) AND source_side IS NOT NULL "
                "AND target_side IS NOT NULL AND source_side <> target_side")
        if directed:
            pair = "source_side = $a AND target_side IS NOT NULL AND target_side <> $a"
    elif directed:
        pair = "source_side = $a AND target_side = $b"
    else:
        pair = ("((source_side = $a AND target_side = $b) OR "
                "(source_side = $b AND target_side = $a))")
    quads = ", ".join(f"count(*) FILTER (WHERE quad = {number}) AS {name}"
                      for number, name in enumerate(QUADS, start=1))
    rows = connection.execute(
        f"""SELECT strftime({day}, $format) AS period, count(*) AS events, {quads},
                   avg(goldstein) AS goldstein_mean, sum(goldstein) AS goldstein_sum
            FROM {source} AS e
            WHERE {pair} AND {day} IS NOT NULL AND {window}
                AND list_contains($statuses, status)
            GROUP BY period ORDER BY period""",
        {**parameters, **window_parameters, "a": side_a, "format": FREQUENCIES[freq],
         "statuses": list(statuses),
         **({"b": side_b} if side_b is not None else {})}).fetchall()
    columns = ("period", "events", *QUADS, "goldstein_mean", "goldstein_sum")
    return [{**dict(zip(columns, row, strict=True)),
             "goldstein_mean": round(float(row[-2] or 0.0), 3),
             "goldstein_sum": round(float(row[-1] or 0.0), 3)} for row in rows]


def known_sides(connection: duckdb.DuckDBPyConnection) -> set[str]:
    """Every side that appears in a resolved event (for one-line 'unknown country' errors)."""
    rows = connection.execute(
        "SELECT DISTINCT side FROM (SELECT coalesce(source_country, source_code) AS side "
        "FROM event_mentions UNION ALL SELECT coalesce(target_country, target_code) "
        "FROM event_mentions) WHERE side IS NOT NULL").fetchall()
    return {side for (side,) in rows}
