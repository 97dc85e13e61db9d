"""Dates a user can see (issue 17.5): an event said to have happened is never shown
or counted on a date after its article was published (the date is a misreading;
the event is dated by publication), while a plan keeps its future date; and the
"recent" lists put the newest published first, not the latest event date."""

from __future__ import annotations

import json
from pathlib import Path

import duckdb
import pytest

from detente.relations.export import export_events
from detente.store import Store, dashboard
from detente.store.filters import EventFilter
from tests.store.test_relations_events import VISIT, report, stored

MISDATED = "Washington imposed sanctions on Pyongyang on 2 January."


@pytest.fixture
def db(tmp_path: Path) -> Path:
    return stored(
        tmp_path / "db.duckdb",
        ("old.txt", "2000-10-25", [
            report(MISDATED, "USA", "PRK", "172", "imposed", date="2025-01-02"),
            report("Clinton will visit Pyongyang in November.", "USAGOV", "PRK", "042",
                   "visit", status="planned", date="2000-11")]),
        ("new.txt", "2001-03-01", [
            report(VISIT, "USAGOV", "PRKGOV", "042", "visited", date="2000-10-23")]))


def test_a_past_event_is_never_dated_after_its_publication(db: Path, tmp_path: Path):
    with Store(db, read_only=True) as store:
        export_events(store.connection, tmp_path / "events.jsonl", "jsonl")
    events = {json.loads(line)["cameo"] + json.loads(line)["status"]: json.loads(line)
              for line in (tmp_path / "events.jsonl").open()}
    misdated = events["172occurred"]
    assert misdated["event_date"] is None and misdated["pub_date"] == "2000-10-25"
    assert events["042planned"]["event_date"] == "2000-11"  # a plan may lie ahead


def test_recent_lists_put_the_newest_published_first(db: Path):
    with duckdb.connect(str(db), read_only=True) as connection:
        _, rows = dashboard.events(connection, EventFilter(), 10, order="recent")
    assert rows[0]["doc"] == "new.txt"
    misdated = next(row for row in rows if row["cameo"] == "172")
    assert misdated["event_date"] is None and misdated["date_precision"] is None
