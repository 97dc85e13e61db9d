"""Dyad time series, one behaviour a test, on a small store built by hand: what
``detente dyad`` and ``/api/dyads/{a}/{b}/series`` count per day, week, month or
year, and their Goldstein mean and sum.

The store: a week of October 2000 between the United States and North Korea,
reported on 25 October (the visit again on the 26th), an agreement of 1994 reported
in January 2001, a plan, and Japan's criticism of North Korea. Goldstein values are
GDELT's: visit +1.9, praise +3.4, accuse -2.0, sanctions -5.0, agreement +8.0."""

from __future__ import annotations

from pathlib import Path

import duckdb
import pytest

from detente.relations.series import dyad_series
from detente.store import Store
from detente.store.counting import CountError, CountRule
from detente.store.series import SeriesError
from tests.store.test_relations_events import VISIT, add_article, report


@pytest.fixture
def store(tmp_path: Path):
    with Store(tmp_path / "series.duckdb") as store:
        add_article(store, "a.txt", "2000-10-25", [
            report("North Korea accused the United States of plotting on Sunday.", "PRK",
                   "USA", "112", "accused", date="2000-10-22"),
            report(VISIT, "USAGOV", "PRKGOV", "042", "visited", date="2000-10-23"),
            report("Washington imposed sanctions on Pyongyang on Tuesday.", "USA", "PRK",
                   "172", "imposed", date="2000-10-24"),
            report("Kim Jong-il praised the United States on Tuesday.", "PRKGOV", "USA", "051",
                   "praised", date="2000-10-24"),
            report("Clinton will visit Pyongyang in November.", "USAGOV", "PRK", "042",
                   "visit", status="planned", date="2000-11"),
            report("Japan criticised North Korea on Monday.", "JPN", "PRK", "111",
                   "criticised", date="2000-10-23")])
        add_article(store, "b.txt", "2000-10-26", [
            report("Albright visited North Korea on Monday.", "USAGOV", "PRK", "042",
                   "visited", date="2000-10-23")])
        add_article(store, "c.txt", "2001-01-05", [
            report("The United States signed the Agreed Framework with North Korea in "
                   "October 1994.", "USA", "PRK", "057", "signed", date="1994-10")])
        yield store.connection


def counts(rows: list[dict]) -> dict[str, int]:
    """The periods with events (every series also has its empty periods, as zeros)."""
    return {row["period"]: row["events"] for row in rows if row["events"]}


def test_every_period_from_the_first_to_the_last_has_a_row_zeros_included(
        store: duckdb.DuckDBPyConnection):
    rows = dyad_series(store, "PRK", "USA", freq="year")
    assert [row["period"] for row in rows] == [str(year) for year in range(1994, 2001)]
    assert [row["events"] for row in rows] == [1, 0, 0, 0, 0, 0, 4]
    empty = rows[1]
    assert (empty["verbal_cooperation"], empty["goldstein_mean"], empty["goldstein_sum"]) == (
        0, 0.0, 0.0)
    # months and ISO weeks too, across a year's end; a window asked for is filled whole
    months = dyad_series(store, "PRK", "USA", freq="month", start="1994-09", end="1995-02")
    assert [row["period"] for row in months] == [
        "1994-09", "1994-10", "1994-11", "1994-12", "1995-01", "1995-02"]
    weeks = dyad_series(store, "PRK", "USA", freq="week", start="2000-10-15", end="2000-11-05")
    assert [row["period"] for row in weeks] == ["2000-W41", "2000-W42", "2000-W43",
                                                "2000-W44"]
    # a window that holds no event is all zeros, not empty; with one end open, no rows
    quiet = dyad_series(store, "PRK", "USA", freq="year", start="1996", end="1998")
    assert [(row["period"], row["events"]) for row in quiet] == [
        ("1996", 0), ("1997", 0), ("1998", 0)]
    assert dyad_series(store, "PRK", "USA", freq="year", start="2005") == []


def test_a_year_counts_each_event_once_however_often_it_was_reported(
        store: duckdb.DuckDBPyConnection):
    # the visit is told twice and counted once; the planned visit is not counted
    assert counts(dyad_series(store, "PRK", "USA", freq="year")) == {"1994": 1, "2000": 4}


def test_a_period_splits_its_events_by_quad_class(store: duckdb.DuckDBPyConnection):
    (year,) = dyad_series(store, "PRK", "USA", freq="year", start="2000", end="2000")
    assert (year["verbal_cooperation"], year["material_cooperation"],
            year["verbal_conflict"], year["material_conflict"]) == (2, 0, 1, 1)


def test_goldstein_mean_and_sum_of_a_period(store: duckdb.DuckDBPyConnection):
    (year,) = dyad_series(store, "PRK", "USA", freq="year", start="2000", end="2000")
    assert year["goldstein_sum"] == pytest.approx(1.9 + 3.4 - 2.0 - 5.0)  # -1.7
    assert year["goldstein_mean"] == pytest.approx((1.9 + 3.4 - 2.0 - 5.0) / 4)  # -0.425


def test_days_are_calendar_days(store: duckdb.DuckDBPyConnection):
    rows = dyad_series(store, "USA", "PRK", freq="day", start="2000")
    assert counts(rows) == {"2000-10-22": 1, "2000-10-23": 1, "2000-10-24": 2}
    assert rows[-1]["goldstein_mean"] == pytest.approx((3.4 - 5.0) / 2)  # -0.8
    assert rows[-1]["goldstein_sum"] == pytest.approx(3.4 - 5.0)


def test_weeks_are_iso_weeks_from_monday(store: duckdb.DuckDBPyConnection):
    # Sunday 22 October closes week 42; Monday 23 October opens week 43
    rows = dyad_series(store, "USA", "PRK", freq="week", start="2000")
    assert counts(rows) == {"2000-W42": 1, "2000-W43": 3}
    week_43 = next(row for row in rows if row["period"] == "2000-W43")
    assert week_43["goldstein_sum"] == pytest.approx(1.9 + 3.4 - 5.0)


def test_the_publication_view_dates_events_by_when_they_were_reported(
        store: duckdb.DuckDBPyConnection):
    # the 1994 agreement was reported in 2001; the visit first on 25 October
    published = CountRule(basis="publication")
    assert counts(dyad_series(store, "PRK", "USA", freq="year", rule=published)) == {
        "2000": 4, "2001": 1}
    assert counts(dyad_series(store, "PRK", "USA", freq="day", rule=published,
                              start="2000", end="2000")) == {"2000-10-25": 4}


def test_an_event_known_to_its_month_counts_in_the_period_of_its_first_day(
        store: duckdb.DuckDBPyConnection):
    assert counts(dyad_series(store, "PRK", "USA", freq="month", end="1994")) == {"1994-10": 1}
    assert counts(dyad_series(store, "PRK", "USA", freq="day", end="1994")) == {
        "1994-10-01": 1}


def test_directed_keeps_the_events_the_first_side_started(store: duckdb.DuckDBPyConnection):
    usa_to_prk = dyad_series(store, "USA", "PRK", freq="year", start="2000", directed=True)
    prk_to_usa = dyad_series(store, "PRK", "USA", freq="year", start="2000", directed=True)
    assert [(r["events"], r["goldstein_sum"]) for r in usa_to_prk] == [
        (2, pytest.approx(1.9 - 5.0))]
    assert [(r["events"], r["goldstein_sum"]) for r in prk_to_usa] == [
        (2, pytest.approx(3.4 - 2.0))]


def test_undirected_counts_both_directions_whichever_side_comes_first(
        store: duckdb.DuckDBPyConnection):
    assert dyad_series(store, "USA", "PRK") == dyad_series(store, "PRK", "USA")


def test_one_side_with_everyone_counts_other_states_too(store: duckdb.DuckDBPyConnection):
    # Japan's criticism joins North Korea's four events with the United States
    assert counts(dyad_series(store, "PRK", freq="year", start="2000")) == {"2000": 5}
    # directed: only what North Korea did (accused, praised)
    assert counts(dyad_series(store, "PRK", freq="year", start="2000", directed=True)) == {
        "2000": 2}


def test_plans_count_only_when_asked_for(store: duckdb.DuckDBPyConnection):
    every = dyad_series(store, "USA", "PRK", freq="month", start="2000",
                        rule=CountRule(all_statuses=True))
    assert counts(every) == {"2000-10": 4, "2000-11": 1}


def test_mentions_count_every_report_when_asked_for(store: duckdb.DuckDBPyConnection):
    # the visit, told in two articles, is one event and two mentions
    assert counts(dyad_series(store, "USA", "PRK", freq="year", start="2000",
                              rule=CountRule(unit="mentions"))) == {"2000": 5}


@pytest.mark.parametrize(("option", "value"), [
    ("freq", "decade"), ("start", "2000-02-31"), ("end", "0000")])
def test_a_bad_option_is_a_series_error_that_names_it(store: duckdb.DuckDBPyConnection,
                                                      option: str, value: str):
    with pytest.raises(SeriesError, match=f"^{option}: "):
        dyad_series(store, "PRK", "USA", **{option: value})


@pytest.mark.parametrize(("option", "value"), [("basis", "wire"), ("unit", "articles")])
def test_a_bad_counting_option_is_an_error_that_names_it(option: str, value: str):
    with pytest.raises(CountError, match=f"^{'count' if option == 'unit' else option}: "):
        CountRule(**{option: value})
