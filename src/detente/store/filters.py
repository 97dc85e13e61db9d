"""One filter for every list of events, so the same question gets the same rows
everywhere: the API's ``/api/events`` (event mentions) and ``/api/deduplicated-events``,
the dashboard's search and its CSV downloads, and ``detente export`` (deduplicated
events) all narrow their rows with an ``EventFilter`` through ``filter_clause``.

The clause reads only columns that the deduplicated events and the server's view
of the event mentions share: the actor codes and sides (``source_side``: a state's
code, else the organisation's), ``cameo``, ``root``, ``quad``, ``status``,
``event_date``, ``pub_date``, ``sentence``, ``confidence`` and ``doc_id``. Values
are always bound parameters, never spliced into the SQL.

Dates are compared as days of the calendar, by one rule that the dyad series and
the network's ``--from``/``--to`` share (``within``): an event's day is the first
day of its date as stated (its own, else its publication: ``2023-05`` is
2023-05-01, the day a series counts it in); a ``start`` bound takes its first day
(``2023-05`` → 2023-05-01) and an ``end`` bound its last (``2023-05`` →
2023-05-31), both inclusive. So a month-precision event of May 2023 is kept by
``start=2023-05-01`` and by ``end=2023-05-15``, and left out by
``start=2023-05-02``."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, fields
from typing import Any

from detente.store.events import period_end, period_start

# The date an event is filtered (and listed) by: its own, else its publication date,
# and the day that stands for it (the first day of that date as stated).
EVENT_DATE = "coalesce(event_date, pub_date)"
EVENT_DAY = period_start(EVENT_DATE)


def on_or_after(day: str, bound: str) -> str:
    """SQL: the DATE ``day`` is on or after the first day of the date text ``bound``
    (a column or a parameter, "2000", "2000-06" or "2000-06-13")."""
    return f"{day} >= {period_start(bound)}"


def on_or_before(day: str, bound: str) -> str:
    """SQL: the DATE ``day`` is on or before the last day of the date text ``bound``."""
    return f"{day} <= {period_end(bound)}"


@dataclass(frozen=True)
class EventFilter:
    """What a list of events may be narrowed by; every field is optional and they combine."""

    actors: tuple[str, ...] = ()  # any of these actor codes (USAGOV) or sides (PRK), either side
    country: str | None = None    # a side (state or organisation) on either side
    dyad: tuple[str, str] | None = None  # both sides, either direction
    code: str | None = None       # a CAMEO code or its prefix (04, 042)
    root: str | None = None       # a CAMEO root code (04)
    quad: int | None = None       # 1 verbal coop, 2 material coop, 3 verbal conflict, 4 material
    status: str | None = None     # occurred, planned, … (model.STATUSES)
    start: str | None = None      # event date (else publication date) from: 2000, 2000-06
    end: str | None = None        # ... up to and including (the bound's last day)
    text: str | None = None       # words in the evidence sentence, any case
    min_confidence: float | None = None  # the coder's confidence, 0 … 1
    doc_id: str | None = None


# Each filter field: its SQL condition over named parameters, and those parameters' values.
Condition = tuple[str, Callable[[Any], dict[str, Any]]]
CONDITIONS: dict[str, Condition] = {
    "actors": ("list_has_any([source_code, target_code, source_side, target_side], "
               "$filter_actors)", lambda v: {"filter_actors": list(v)}),
    "country": ("(source_side = $filter_country OR target_side = $filter_country)",
                lambda v: {"filter_country": v}),
    "dyad": ("((source_side = $filter_a AND target_side = $filter_b) "
             "OR (source_side = $filter_b AND target_side = $filter_a))",
             lambda v: {"filter_a": v[0], "filter_b": v[1]}),
    "code": ("starts_with(cameo, $filter_code)", lambda v: {"filter_code": v}),
    "root": ("root = $filter_root", lambda v: {"filter_root": v}),
    "quad": ("quad = $filter_quad", lambda v: {"filter_quad": v}),
    "status": ("status = $filter_status", lambda v: {"filter_status": v}),
    "start": (on_or_after(EVENT_DAY, "$filter_start"), lambda v: {"filter_start": v}),
    "end": (on_or_before(EVENT_DAY, "$filter_end"), lambda v: {"filter_end": v}),
    "text": ("contains(lower(sentence), lower($filter_text))", lambda v: {"filter_text": v}),
    "min_confidence": ("confidence >= $filter_confidence",
                       lambda v: {"filter_confidence": float(v)}),
    "doc_id": ("doc_id = $filter_doc_id", lambda v: {"filter_doc_id": v}),
}


def filter_clause(event_filter: EventFilter) -> tuple[str, dict[str, Any]]:
    """The SQL condition (``TRUE`` when nothing is set) and named parameters of the
    filter's set fields."""
    conditions, parameters = [], {}
    for item in fields(event_filter):
        value = getattr(event_filter, item.name)
        if value is None or value == "" or value == ():
            continue
        condition, bind = CONDITIONS[item.name]
        conditions.append(condition)
        parameters.update(bind(value))
    return " AND ".join(conditions) or "TRUE", parameters
