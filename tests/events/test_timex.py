"""Date expressions resolved against the publication date, as a reporter means them.

The story is published on Wednesday 25 October 2000; each expression is what a
sentence of that story might say about when its event happened."""

from __future__ import annotations

import pytest

from detente.events.timex import resolve_expression
from detente.model import DatePoint

PUBLISHED = DatePoint("2000-10-25", "day", "metadata")


@pytest.mark.parametrize(("expression", "value", "precision"), [
    ("last year", "1999", "year"),
    ("the previous year", "1999", "year"),
    ("early next year", "2001", "year"),
    ("later this year", "2000", "year"),
    ("three years ago", "1997", "year"),
    ("last month", "2000-09", "month"),
    ("earlier this month", "2000-10", "month"),
    ("three months ago", "2000-07", "month"),
    ("this week", "2000-10", "month"),       # 23–29 October: one month
    ("next week", "2000", "year"),           # 30 October – 5 November: two months
    ("yesterday", "2000-10-24", "day"),
    ("last night", "2000-10-24", "day"),
    ("this morning", "2000-10-25", "day"),
    ("Monday", "2000-10-23", "day"),
    ("Monday's", "2000-10-23", "day"),
    ("yesterday’s", "2000-10-24", "day"),
    ("last Friday", "2000-10-20", "day"),
    ("next Friday", "2000-10-27", "day"),
    ("two days ago", "2000-10-23", "day"),
    ("in May", "2000-05", "month"),
    ("12 June 1999", "1999-06-12", "day"),
])
def test_relative_expressions_resolve_against_the_publication_date(expression, value, precision):
    point = resolve_expression(expression, PUBLISHED)
    assert (point.value, point.precision) == (value, precision)


@pytest.mark.parametrize("expression", ["for years", "the past two years", "17 years", "the 1990s"])
def test_durations_and_decades_are_no_point_in_time(expression):
    assert resolve_expression(expression, PUBLISHED).value is None


def test_a_plan_looks_forward():
    assert resolve_expression("Friday", PUBLISHED, future=True).value == "2000-10-27"
    assert resolve_expression("last Friday", PUBLISHED, future=True).value == "2000-10-20"
    assert resolve_expression("in May", PUBLISHED, future=True).value == "2001-05"


def test_relative_expressions_need_a_publication_date():
    assert resolve_expression("last week", DatePoint()).value is None
    assert resolve_expression("in 1993", DatePoint()).value == "1993"
