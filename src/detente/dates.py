"""Partial ISO dates: a year ("2000"), a month ("2000-06") or a day ("2000-06-13").

detente writes every date it knows to some precision this way (``DatePoint.value``,
``event_mentions.event_date``, the ``--from``/``--to`` options and the API's
``start``/``end``). This module is the one place that reads them: their shape,
their precision, and the first and last day they cover. The SQL twins of
``first_day`` and ``last_day`` are ``detente.store.events.period_start`` and
``period_end``; finding dates in text is ``detente.ingest.dates`` (publication
dates) and ``detente.events.timex`` (event dates), both with the words of
``data/time_words.yaml`` (``time_words``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, timedelta
from functools import cache

from detente.data import data_path, read_word_lists

MONTH = r"(0[1-9]|1[0-2])"
DAY = r"(0[1-9]|[12][0-9]|3[01])"
# the shapes, for an API's or a form's pattern; the calendar is checked by first_day
DATE_PATTERN = rf"^[0-9]{{4}}(-{MONTH}(-{DAY})?)?$"  # 2000, 2000-06, 2000-06-13
DAY_PATTERN = rf"^[0-9]{{4}}-{MONTH}-{DAY}$"
PARTIAL_DATE = re.compile(r"\d{4}(-\d{2}(-\d{2})?)?")
PRECISIONS = {4: "year", 7: "month", 10: "day"}
EXPECTED = "a date like 2000, 2000-06 or 2000-06-13"


def precision(value: str) -> str:
    """"year", "month" or "day": how much of the calendar ``value`` names (by its
    length; ValueError for any other length)."""
    try:
        return PRECISIONS[len(value)]
    except KeyError:
        raise ValueError(f"{value!r} is not {EXPECTED}") from None


def first_day(value: str) -> date:
    """The first day of an ISO year, month or day ("2000" → 2000-01-01); ValueError
    when the calendar has no such day ("2000-02-31")."""
    return date.fromisoformat((value + "-01-01")[:10])


def next_month(day: date) -> date:
    """The first day of the month after ``day``'s."""
    return date(day.year + day.month // 12, day.month % 12 + 1, 1)


def last_day(value: str) -> date:
    """The last day of an ISO year, month or day ("2000-02" → 2000-02-29)."""
    first = first_day(value)
    if len(value) == 4:
        return date(first.year, 12, 31)
    if len(value) == 7:
        return next_month(first) - timedelta(days=1)
    return first


def is_partial_date(value: str) -> bool:
    """Whether ``value`` is a real year, month or day written "2000", "2000-06" or
    "2000-06-13" (shape and calendar: "2000-02-31" and "0000" are not)."""
    if not PARTIAL_DATE.fullmatch(value):
        return False
    try:
        first_day(value)
    except ValueError:
        return False
    return True


@dataclass(frozen=True)
class TimeWords:
    """The lists of data/time_words.yaml (see the comments there)."""

    months: dict[str, int]
    weekdays: tuple[str, ...]
    counts: dict[str, int]
    units: dict[str, str]
    hedges: frozenset[str]
    shifts: dict[str, int]
    day_words: dict[str, int]
    parts_of_day: frozenset[str]
    sequence_marks: frozenset[str]


@cache
def time_words() -> TimeWords:
    """The words of dates in text (data/time_words.yaml), read once and checked."""
    return read_word_lists(data_path("time_words.yaml"), TimeWords)
