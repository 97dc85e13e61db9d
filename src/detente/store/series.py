"""The reads of dyad series and time windows: counted events per period between
two sides (``detente.relations.series`` fills in the empty periods), the SQL
condition of a date window, and the sides the store knows."""

from __future__ import annotations

from typing import Any

import duckdb

from detente.dates import EXPECTED, is_partial_date
from detente.store.counting import MEASURES, CountError, CountRule, counted_events
from detente.store.filters import on_or_after, on_or_before


class SeriesError(CountError):
    """A parameter of a series query is out of range (unknown freq, malformed date)."""


def check_date(name: str, value: str | None) -> str | None:
    """``value`` if it is an ISO date at year, month or day precision, else SeriesError."""
    if value is None:
        return None
    if not is_partial_date(value):
        raise SeriesError(f"{name}: {value!r} is not {EXPECTED}")
    return value


def window_clause(column: str, start: str | None, end: str | None) -> tuple[str, dict[str, Any]]:
    """SQL condition keeping ``column`` (a DATE) within [start, end], both inclusive at
    their precision ("--to 2001" keeps all of 2001), and its parameters: the rule of
    every date filter (``store.filters``)."""
    conditions, parameters = [], {}
    if check_date("start", start):
        conditions.append(on_or_after(column, "$start"))
        parameters["start"] = start
    if check_date("end", end):
        conditions.append(on_or_before(column, "$end"))
        parameters["end"] = end
    return " AND ".join(conditions) or "TRUE", parameters


def period_rows(connection: duckdb.DuckDBPyConnection, side_a: str, side_b: str | None,
                period_format: str, start: str | None, end: str | None, directed: bool,
                rule: CountRule) -> list[tuple[Any, ...]]:
    """The periods (``period_format``, a strftime pattern) with events between
    ``side_a`` and ``side_b`` (or of ``side_a`` with anyone) counted by ``rule`` within
    [start, end]: each period, its first and last counted day, then ``MEASURES``."""
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
        {**parameters, "a": side_a, "format": period_format,
         **({"b": side_b} if side_b is not None else {})}).fetchall()
    return rows


def known_sides(connection: duckdb.DuckDBPyConnection) -> set[str]:
    """Every side that appears in a resolved event (for one-line 'unknown country' errors)."""
    rows = connection.execute(
        "SELECT DISTINCT side FROM (SELECT coalesce(source_country, source_code) AS side "
        "FROM event_mentions UNION ALL SELECT coalesce(target_country, target_code) "
        "FROM event_mentions) WHERE side IS NOT NULL").fetchall()
    return {side for (side,) in rows}
