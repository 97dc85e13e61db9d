"""Every list of events is sorted by publication date, newest first, unless asked
to sort by event date (``sort=event_date``): the API's lists, the dashboard's
pages, and the CSV download of a page, which keeps the page's order."""

from __future__ import annotations

import csv
import io
from typing import TYPE_CHECKING

import pytest

if TYPE_CHECKING:
    from tests.server_fixtures import LiveServer

pytest_plugins = ["tests.server_fixtures"]


def event_day(item: dict) -> str:
    """The date a list sorts by event date: the event's own, else its publication."""
    return item["event_date"] or item["pub_date"]


def first_day(item: dict) -> str:
    """The first day of that date (``2001`` → ``2001-01-01``): deduplicated events
    sort by it."""
    day = event_day(item)
    return {4: f"{day}-01-01", 7: f"{day}-01"}.get(len(day), day)


def newest_published_first(dates: list[str]) -> bool:
    return dates == sorted(dates, reverse=True)


def test_api_events_are_newest_published_first_by_default(server: LiveServer):
    items = server.get("/api/events", limit=200).json()["items"]
    assert len(items) > 100
    dates = [item["pub_date"] for item in items]
    assert newest_published_first(dates) and dates[0] > dates[-1]
    assert [item["id"] for item in items] == [item["id"] for item in server.get(
        "/api/events", limit=200, sort="publication").json()["items"]]


def test_api_events_sort_by_event_date_when_asked(server: LiveServer):
    items = server.get("/api/events", limit=200, sort="event_date").json()["items"]
    days = [event_day(item) for item in items]
    assert days == sorted(days) and days != sorted(days, reverse=True)
    earlier = server.get("/api/events", limit=200, order="date").json()["items"]  # deprecated
    assert [item["id"] for item in earlier] == [item["id"] for item in items]
    assert server.get("/api/events", sort="oldest").status_code == 422


def test_deduplicated_events_are_newest_published_first_by_default(server: LiveServer):
    items = server.get("/api/deduplicated-events", limit=200).json()["items"]
    assert newest_published_first([item["pub_date"] for item in items])
    by_event = server.get("/api/deduplicated-events", limit=200, sort="event_date").json()
    days = [first_day(item) for item in by_event["items"]]
    assert days == sorted(days)
    assert {item["event_id"] for item in items} == {item["event_id"] for item in
                                                    by_event["items"]}


@pytest.mark.parametrize("sort", [None, "publication", "event_date"])
def test_a_pages_csv_download_keeps_its_order(server: LiveServer, sort: str | None):
    options = {"dyad": "PRK-USA"} | ({"sort": sort} if sort else {})
    download = server.get("/events.csv", **options)
    ids = [row["id"] for row in csv.DictReader(io.StringIO(download.text))]
    listed = server.get("/api/events", limit=200, **options).json()["items"]
    assert ids == [item["id"] for item in listed] and len(ids) > 10
    page = server.get("/search", **options).text
    expected_link = "/events.csv?dyad=PRK-USA" + (f"&amp;sort={sort}" if sort else "")
    assert f'href="{expected_link}"' in page
    chosen = sort or "publication"
    assert f'<option value="{chosen}" selected>' in page


def test_dashboard_pages_list_newest_published_first(server: LiveServer):
    for path in ("/dyad/PRK/USA", "/actor/PRK", "/search?country=PRK", "/"):
        page = server.get(path).text
        table = page.split('<table class="events">', 1)[1].split("</table>", 1)[0]
        published = [cell.split("<time>", 1)[1].split("</time>", 1)[0]
                     for cell in table.split('<td class="published">')[1:]]
        assert len(published) > 5, path
        assert newest_published_first(published), path
