"""Partial ISO dates (detente.dates): their shape, precision, first and last day,
and the SQL twins in the store agreeing with them."""

from __future__ import annotations

import re
from datetime import date

import duckdb
import pytest

from detente.dates import (
    DATE_PATTERN,
    DAY_PATTERN,
    first_day,
    is_partial_date,
    last_day,
    next_month,
    precision,
)
from detente.events.coder import as_date
from detente.model import DatePoint
from detente.store.events import period_end, period_start
from detente.store.series import SeriesError, check_date, window_clause

CASES = [  # value, first day, last day, precision
    ("2000", date(2000, 1, 1), date(2000, 12, 31), "year"),
    ("2000-02", date(2000, 2, 1), date(2000, 2, 29), "month"),
    ("1999-02", date(1999, 2, 1), date(1999, 2, 28), "month"),
    ("2000-12", date(2000, 12, 1), date(2000, 12, 31), "month"),
    ("2000-06-13", date(2000, 6, 13), date(2000, 6, 13), "day"),
]
NOT_DATES = ["2000-02-31", "0000", "2000-13", "2000-00", "2000-6", "20000613", "2000-W24",
             "00", "", "2000-06-13T10:00", " 2000"]


@pytest.mark.parametrize(("value", "first", "last", "level"), CASES)
def test_a_partial_date_has_its_first_and_last_day_and_precision(value, first, last, level):
    assert first_day(value) == first
    assert last_day(value) == last
    assert precision(value) == level
    assert is_partial_date(value)
    assert re.fullmatch(DATE_PATTERN, value)
    assert bool(re.fullmatch(DAY_PATTERN, value)) == (level == "day")


@pytest.mark.parametrize("value", NOT_DATES)
def test_what_is_not_a_year_month_or_day_is_refused(value):
    assert not is_partial_date(value)
    with pytest.raises(SeriesError, match="is not a date like 2000, 2000-06 or 2000-06-13"):
        check_date("--from", value)


def test_the_patterns_check_shape_and_the_calendar_is_checked_apart():
    assert re.fullmatch(DATE_PATTERN, "2000-02-31")  # the shape fits ...
    with pytest.raises(ValueError):
        first_day("2000-02-31")  # ... the calendar has no such day
    with pytest.raises(ValueError):
        precision("20000")


def test_next_month_crosses_the_year():
    assert next_month(date(2000, 12, 31)) == date(2001, 1, 1)
    assert next_month(date(2000, 1, 31)) == date(2000, 2, 1)


def test_a_date_point_is_read_as_its_first_day():
    assert as_date(DatePoint("2000-07", "month", "explicit")) == date(2000, 7, 1)
    assert as_date(DatePoint()) is None


@pytest.mark.parametrize(("value", "first", "last", "level"), CASES)
def test_the_sql_first_and_last_day_agree_with_python(value, first, last, level):
    connection = duckdb.connect()
    found = connection.execute(f"SELECT {period_start('$v')}, {period_end('$v')}",
                               {"v": value}).fetchone()
    assert found == (first, last)


def test_a_window_keeps_whole_periods_at_both_ends():
    connection = duckdb.connect()
    clause, parameters = window_clause("d", "2000-02", "2000")
    days = [date(2000, 1, 31), date(2000, 2, 1), date(2000, 12, 31), date(2001, 1, 1)]
    kept = connection.execute(f"SELECT d FROM unnest($days) AS t(d) WHERE {clause} ORDER BY d",
                              {**parameters, "days": days}).fetchall()
    assert [row[0] for row in kept] == [date(2000, 2, 1), date(2000, 12, 31)]
