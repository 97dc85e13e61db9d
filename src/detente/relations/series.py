"""Dyad time series: how often and how warmly two sides (or one side with
everyone) dealt with each other, per day, week, month or year."""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import date, timedelta
from typing import Any

import duckdb

from detente.store.counting import (
    DEFAULT_RULE,
    MEASURES,
    QUADS,
    CountError,
    CountRule,
    counted_events,
)
from detente.store.events import period_start

# strftime patterns of each period; weeks are ISO weeks ("2000-W29").
FREQUENCIES = {"day": "%Y-%m-%d", "week": "%G-W%V", "month": "%Y-%m", "year": "%Y"}
ISO_DATE = re.compile(r"\d{4}(-\d{2}(-\d{2})?)?")
COLUMNS = ("period", "events", *QUADS, "goldstein_mean", "goldstein_sum")


class SeriesError(CountError):
    """A parameter of a series query is out of range (unknown freq, malformed date)."""


def last_day(value: str) -> date:
    """The last day of an ISO year, month or day ("2000-02" → 2000-02-29)."""
    first = first_day(value)
    if len(value) == 4:
        return date(first.year, 12, 31)
    if len(value) == 7:
        following = date(first.year + first.month // 12, first.month % 12 + 1, 1)
        return following - timedelta(days=1)
    return first


def period_starts(freq: str, first: date, last: date) -> Iterator[date]:
    """The first day of every ``freq`` period from the one holding ``first`` to the one
    holding ``last`` (weeks begin on Monday, as ISO weeks do)."""
    if freq == "year":
        day = date(first.year, 1, 1)
    elif freq == "month":
        day = date(first.year, first.month, 1)
    else:
        day = first - timedelta(days=first.weekday() if freq == "week" else 0)
    while day <= last:
        yield day
        if freq == "year":
            day = date(day.year + 1, 1, 1)
        elif freq == "month":
            day = date(day.year + day.month // 12, day.month % 12 + 1, 1)
        else:
            day += timedelta(days=7 if freq == "week" else 1)


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
                *, freq: str = "month", start: str | None = None, end: str | None = None,
                directed: bool = False, rule: CountRule = DEFAULT_RULE) -> list[dict[str, Any]]:
    """Events between ``side_a`` and ``side_b`` (or of ``side_a`` with anyone) per period,
    counted by ``rule`` (``store.counting``), with a row for every period from the
    first to the last (``start`` and ``end`` when given), zeros included.

    A side is a state's code (``PRK``) or an organisation's (``IGOUNO``). An event
    known only to month or year is counted in the period holding that month's or
    year's first day. ``directed`` keeps only events with ``side_a`` as source."""
    if freq not in FREQUENCIES:
        raise SeriesError(f"freq: {freq!r} is not one of {', '.join(FREQUENCIES)}")
    source, parameters = counted_events(connection, rule, window_clause("count_day", start, end))
    if side_b is None:
        pair = "source_side = $a" if directed else "(source_side = $a OR target_side = $a)"
    elif directed:
        pair = "source_side = $a AND target_side = $b"
    else:
        pair = ("((source_side = $a AND target_side = $b) OR "
                "(source_side = $b AND target_side = $a))")
    rows = connection.execute(
        f"""SELECT strftime(count_day, $format) AS period, min(count_day), max(count_day),
                   {MEASURES}
            FROM {source} AS counted WHERE {pair}
            GROUP BY period ORDER BY period""",
        {**parameters, "a": side_a, "format": FREQUENCIES[freq],
         **({"b": side_b} if side_b is not None else {})}).fetchall()
    if not rows:
        return []
    found = {row[0]: dict(zip(COLUMNS, (row[0], *row[3:]), strict=True)) for row in rows}
    first = first_day(start) if start else rows[0][1]
    last = last_day(end) if end else max(row[2] for row in rows)
    series = []
    for day in period_starts(freq, first, last):
        period = day.strftime(FREQUENCIES[freq])
        row = found.get(period) or {"period": period, **dict.fromkeys(COLUMNS[1:], 0)}
        series.append({**row, "events": int(row["events"]),
                       **{quad: int(row[quad]) for quad in QUADS},
                       "goldstein_mean": round(float(row["goldstein_mean"]), 3),
                       "goldstein_sum": round(float(row["goldstein_sum"]), 3)})
    return series


def known_sides(connection: duckdb.DuckDBPyConnection) -> set[str]:
    """Every side that appears in a resolved event (for one-line 'unknown country' errors)."""
    rows = connection.execute(
        "SELECT DISTINCT side FROM (SELECT coalesce(source_country, source_code) AS side "
        "FROM event_mentions UNION ALL SELECT coalesce(target_country, target_code) "
        "FROM event_mentions) WHERE side IS NOT NULL").fetchall()
    return {side for (side,) in rows}
