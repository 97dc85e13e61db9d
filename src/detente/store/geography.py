"""The reads of relations on the map: where the events of a dyad or a state happened, and how
a state stands with each partner. Counted like every other relations figure
(``counting.CountRule``: events that took place, both sides coded)."""

from __future__ import annotations

from dataclasses import dataclass

import duckdb

from detente.store.counting import DEFAULT_RULE, CountRule, counted_events
from detente.store.schema import has_column, has_table


@dataclass(frozen=True)
class EventPlace:
    """The counted events placed at one place, split cooperation/conflict."""

    name: str
    country: str
    lat: float
    lon: float
    precision: str
    cooperative: int
    conflictual: int

    @property
    def events(self) -> int:
        return self.cooperative + self.conflictual


@dataclass(frozen=True)
class PartnerTone:
    """A state's relation with one partner: its counted events and mean Goldstein."""

    partner: str
    events: int
    cooperative: int
    conflictual: int
    goldstein_mean: float


def _located(connection: duckdb.DuckDBPyConnection) -> bool:
    """Do the events carry locations (a store made before them, read-only, has none)?"""
    table = "events" if has_table(connection, "events") else "event_mentions"
    return has_column(connection, table, "location_name")


def event_places(connection: duckdb.DuckDBPyConnection, side_a: str, side_b: str | None = None,
                 rule: CountRule = DEFAULT_RULE) -> list[EventPlace]:
    """Where the events of ``side_a`` (with ``side_b`` only) happened, busiest first."""
    if not _located(connection):
        return []
    source, parameters = counted_events(connection, rule)
    pair = ("(source_side = $a AND target_side = $b) OR (source_side = $b AND target_side = $a)"
            if side_b else "source_side = $a OR target_side = $a")
    rows = connection.execute(
        f"""SELECT location_name, location_country, location_lat, location_lon,
                   any_value(location_precision),
                   coalesce(sum(weight) FILTER (WHERE quad <= 2), 0),
                   coalesce(sum(weight) FILTER (WHERE quad >= 3), 0)
            FROM {source} AS e
            WHERE location_name IS NOT NULL AND ({pair})
            GROUP BY ALL ORDER BY count(*) DESC, location_name""",
        {**parameters, "a": side_a, **({"b": side_b} if side_b else {})}).fetchall()
    return [EventPlace(name, country, lat, lon, precision, int(coop), int(conflict))
            for name, country, lat, lon, precision, coop, conflict in rows]


def partner_tones(connection: duckdb.DuckDBPyConnection, side: str,
                  rule: CountRule = DEFAULT_RULE) -> list[PartnerTone]:
    """Each partner of ``side``, either direction, with the mean Goldstein score of
    their counted events; most events first."""
    source, parameters = counted_events(connection, rule)
    rows = connection.execute(
        f"""SELECT CASE WHEN source_side = $a THEN target_side ELSE source_side END AS partner,
                   sum(weight), coalesce(sum(weight) FILTER (WHERE quad <= 2), 0),
                   coalesce(sum(weight) FILTER (WHERE quad >= 3), 0),
                   sum(goldstein * weight) / sum(weight)
            FROM {source} AS e WHERE source_side = $a OR target_side = $a
            GROUP BY partner ORDER BY 2 DESC, partner""",
        {**parameters, "a": side}).fetchall()
    return [PartnerTone(partner, int(events), int(coop), int(conflict), float(mean or 0.0))
            for partner, events, coop, conflict, mean in rows]
