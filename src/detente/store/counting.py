"""The one counting rule behind every dyad figure: ``detente summary``, ``dyad``,
``network`` and ``report``, the API's dyads, series and network, and the
dashboard all count through ``counted_events``, and say what they counted with
``CountRule.describe``.

By default a count is of **events** (the mentions of one real-world event
counted once, see ``store.events``) **between two different states or
organisations** (an unresolved side, or a state dealing with itself, is no dyad)
**that took place** (status occurred or ongoing), **dated** by the event's own
date, else its first publication. Two named options count otherwise: ``mentions``
(every report of each event, copies on other sites included) and
``all_statuses`` (plans, refusals, conditions and conjectures too)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Literal

import duckdb

from detente.store.events import events_source

# What counts by default: events that took place, not plans, refusals or conjectures.
HAPPENED = ("occurred", "ongoing")
UNITS = ("events", "mentions")
# The day (a DATE column of the events) and the date text each basis dates an event by.
BASES = {"event": ("event_day", "coalesce(event_date, pub_date)"),
         "publication": ("pub_day", "pub_date")}
QUADS = ("verbal_cooperation", "material_cooperation", "verbal_conflict", "material_conflict")


class CountError(ValueError):
    """A counting option is out of range (unknown unit or basis)."""


@dataclass(frozen=True)
class CountRule:
    """What a dyad figure counts: ``unit`` events or mentions, of events that took
    place unless ``all_statuses``, dated by ``basis`` (event or publication)."""

    unit: Literal["events", "mentions"] = "events"
    all_statuses: bool = False
    basis: Literal["event", "publication"] = "event"

    def __post_init__(self) -> None:
        if self.unit not in UNITS:
            raise CountError(f"count: {self.unit!r} is not one of {', '.join(UNITS)}")
        if self.basis not in BASES:
            raise CountError(f"basis: {self.basis!r} is not one of {', '.join(BASES)}")

    def describe(self) -> str:
        """The rule in one line, for the foot of every table and chart that uses it."""
        unit = ("events (reports of one event counted once)" if self.unit == "events"
                else "mentions (every report of each event, copies on other sites included)")
        statuses = ("of any status (plans, refusals and conjectures too)" if self.all_statuses
                    else "that took place (occurred or ongoing)")
        basis = ("dated by event date, else first publication" if self.basis == "event"
                 else "dated by first publication")
        return (f"Counted: {unit} between two different states or organisations, "
                f"{statuses}, {basis}.")


DEFAULT_RULE = CountRule()


def counted_events(connection: duckdb.DuckDBPyConnection, rule: CountRule,
                   window: tuple[str, dict[str, Any]] = ("TRUE", {})
                   ) -> tuple[str, dict[str, Any]]:
    """A FROM-clause item of the events that ``rule`` counts, and its parameters.

    Each row is an event with ``count_day`` (its DATE in the rule's basis),
    ``date_text`` (that date as stated, "2000" or "2000-06-13") and ``weight`` (1,
    or its number of mentions). ``window`` is a condition over ``count_day`` and its
    parameters (``series.window_clause``)."""
    source, parameters = events_source(connection)
    day, date_text = BASES[rule.basis]
    condition, window_parameters = window
    weight = "1" if rule.unit == "events" else "num_mentions"
    statuses = "TRUE" if rule.all_statuses else "list_contains($happened, status)"
    query = f"""(SELECT * FROM (SELECT *, {day} AS count_day, {date_text} AS date_text,
                                      {weight} AS weight FROM {source} AS e) AS dated
                 WHERE source_side IS NOT NULL AND target_side IS NOT NULL
                   AND source_side <> target_side AND count_day IS NOT NULL
                   AND {statuses} AND {condition})"""
    return query, {**parameters, **window_parameters,
                   **({} if rule.all_statuses else {"happened": list(HAPPENED)})}


# Per group of counted events: the count, its quad classes and the Goldstein scores,
# every figure weighted alike (so mean and sum agree with the count).
MEASURES = ", ".join([
    "sum(weight) AS events",
    *(f"coalesce(sum(weight) FILTER (WHERE quad = {number}), 0) AS {name}"
      for number, name in enumerate(QUADS, start=1)),
    "coalesce(sum(goldstein * weight) / sum(weight) FILTER (WHERE goldstein IS NOT NULL), 0)"
    " AS goldstein_mean",
    "coalesce(sum(goldstein * weight), 0) AS goldstein_sum",
])


@dataclass(frozen=True)
class DyadTotal:
    """The counted events of one pair of sides over a window."""

    side_a: str
    side_b: str
    events: int
    cooperative: int      # verbal and material cooperation (quad 1 and 2)
    conflictual: int      # verbal and material conflict (quad 3 and 4)
    goldstein_mean: float
    goldstein_sum: float
    first: str            # the first and last date as stated (2000, 2000-06-13)
    last: str


def dyad_totals(connection: duckdb.DuckDBPyConnection, rule: CountRule = DEFAULT_RULE, *,
                side: str | None = None, window: tuple[str, dict[str, Any]] = ("TRUE", {}),
                min_events: int = 1, limit: int | None = None) -> list[DyadTotal]:
    """Every pair of sides with at least ``min_events`` counted events, busiest first
    (both directions together; ``side_a`` the smaller code). With ``side``, only its
    pairs, that side first. ``limit`` keeps the busiest."""
    source, parameters = counted_events(connection, rule, window)
    if side is None:
        pair = "least(source_side, target_side), greatest(source_side, target_side)"
        condition = "TRUE"
    else:
        pair = "$side, CASE WHEN source_side = $side THEN target_side ELSE source_side END"
        condition = "(source_side = $side OR target_side = $side)"
        parameters = {**parameters, "side": side}
    rows = connection.execute(
        f"""SELECT {pair}, {MEASURES}, min(date_text), max(date_text)
            FROM {source} AS counted WHERE {condition}
            GROUP BY ALL HAVING sum(weight) >= $min_events
            ORDER BY events DESC, 1, 2 {'LIMIT $limit' if limit is not None else ''}""",
        {**parameters, "min_events": min_events,
         **({"limit": limit} if limit is not None else {})}).fetchall()
    return [DyadTotal(a, b, int(count), int(q1 + q2), int(q3 + q4), round(float(mean), 3),
                      round(float(total), 3), first, last)
            for a, b, count, q1, q2, q3, q4, mean, total, first, last in rows]


def dyad_event_rows(connection: duckdb.DuckDBPyConnection, a: str, b: str,
                    rule: CountRule = DEFAULT_RULE) -> list[dict[str, Any]]:
    """The events of a pair that ``rule`` counts, with their evidence, oldest first."""
    source, parameters = counted_events(connection, rule)
    cursor = connection.execute(
        f"""SELECT strftime(count_day, '%Y') AS year, date_text AS date,
                   event_date IS NULL AS publication_dated, source_side, target_side, cameo,
                   quad, goldstein, num_articles, sentence, doc_id
            FROM {source} AS e
            WHERE (source_side = $a AND target_side = $b)
               OR (source_side = $b AND target_side = $a)
            ORDER BY count_day, event_id""",
        {**parameters, "a": a, "b": b})
    columns = [column[0] for column in cursor.description]
    return [dict(zip(columns, row, strict=True)) for row in cursor.fetchall()]


# How strong an event is, strongest first: how much cooperation or conflict its CAMEO
# code carries (the Goldstein score's size, either sign), then how widely it was
# reported (its mentions), then the coder's confidence; the event id breaks ties.
STRENGTH_ORDER = ("abs(goldstein) DESC NULLS LAST, num_mentions DESC, confidence DESC NULLS LAST, "
                  "event_id")
STRENGTH = "|Goldstein| then mentions"


def strongest_events(connection: duckdb.DuckDBPyConnection, pairs: list[tuple[str, str]],
                     rule: CountRule = DEFAULT_RULE) -> list[dict[str, Any]]:
    """The strongest event that ``rule`` counts of each of ``pairs`` (either direction),
    strongest first (``STRENGTH_ORDER``), with its representative mention's evidence."""
    if not pairs:
        return []
    source, parameters = counted_events(connection, rule)
    cursor = connection.execute(
        f"""SELECT * FROM (
                SELECT event_id, event_date, pub_date, cameo, goldstein, num_mentions,
                       confidence, status, source_code, source_text, target_code,
                       target_text, sentence, doc_id
                FROM {source} AS e
                WHERE list_contains($pairs, least(source_side, target_side) || '|'
                                            || greatest(source_side, target_side))
                QUALIFY row_number() OVER (
                    PARTITION BY least(source_side, target_side),
                                 greatest(source_side, target_side)
                    ORDER BY {STRENGTH_ORDER}) = 1)
            ORDER BY {STRENGTH_ORDER}""",
        {**parameters, "pairs": [f"{min(a, b)}|{max(a, b)}" for a, b in pairs]})
    columns = [column[0] for column in cursor.description]
    return [dict(zip(columns, row, strict=True)) for row in cursor.fetchall()]
