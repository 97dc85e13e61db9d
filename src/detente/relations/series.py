"""Dyad time series: how often and how warmly two sides (or one side with
everyone) dealt with each other, per day, week, month or year."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date, timedelta
from typing import Any

import duckdb

from detente.dates import first_day, last_day, next_month
from detente.store.counting import DEFAULT_RULE, QUADS, CountRule
from detente.store.series import SeriesError, period_rows

# strftime patterns of each period; weeks are ISO weeks ("2000-W29").
FREQUENCIES = {"day": "%Y-%m-%d", "week": "%G-W%V", "month": "%Y-%m", "year": "%Y"}
COLUMNS = ("period", "events", *QUADS, "goldstein_mean", "goldstein_sum")


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
            day = next_month(day)
        else:
            day += timedelta(days=7 if freq == "week" else 1)


def dyad_series(connection: duckdb.DuckDBPyConnection, side_a: str, side_b: str | None = None,
                *, freq: str = "month", start: str | None = None, end: str | None = None,
                directed: bool = False, rule: CountRule = DEFAULT_RULE) -> list[dict[str, Any]]:
    """Events between ``side_a`` and ``side_b`` (or of ``side_a`` with anyone) per period,
    counted by ``rule`` (``store.counting``), with a row for every period from the
    first to the last (``start`` and ``end`` when given), zeros included: a window
    given at both ends has all its periods even when it holds no event.

    A side is a state's code (``PRK``) or an organisation's (``IGOUNO``). An event
    known only to month or year is counted in the period holding that month's or
    year's first day. ``directed`` keeps only events with ``side_a`` as source."""
    if freq not in FREQUENCIES:
        raise SeriesError(f"freq: {freq!r} is not one of {', '.join(FREQUENCIES)}")
    rows = period_rows(connection, side_a, side_b, FREQUENCIES[freq], start, end,
                       directed, rule)
    if not rows and not (start and end):
        return []  # no first or last period to fill between
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


