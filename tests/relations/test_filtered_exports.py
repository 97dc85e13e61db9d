"""Series and exports an analyst loads into pandas or R, on the demo database:
``detente dyad --format csv|json`` has a row for every period, and ``detente
export`` with filters holds exactly the events the API lists for the same
filters (one ``EventFilter`` serves both); the dashboard's CSV downloads hold
exactly the rows its pages list."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path
from typing import TYPE_CHECKING

import pytest
from typer.testing import CliRunner

from detente.cli import app

if TYPE_CHECKING:
    from tests.server_fixtures import LiveServer

pytest_plugins = ["tests.server_fixtures"]


def run(*arguments: str) -> str:
    result = CliRunner().invoke(app, list(arguments))
    assert result.exit_code == 0, result.output
    return result.stdout


def test_dyad_csv_has_a_row_for_every_year_zeros_included(demo_db: Path):
    text = run("dyad", "PRK", "USA", "--freq", "year", "--format", "csv", "--db", str(demo_db))
    rows = list(csv.DictReader(io.StringIO(text)))
    years = [int(row["period"]) for row in rows]
    assert years == list(range(years[0], years[-1] + 1))
    assert int(rows[0]["events"]) > 0 and int(rows[-1]["events"]) > 0
    assert "0" in {row["events"] for row in rows}  # the empty years are there, as zeros
    assert list(rows[0]) == ["period", "events", "verbal_cooperation", "material_cooperation",
                             "verbal_conflict", "material_conflict", "goldstein_mean",
                             "goldstein_sum"]
    as_json = json.loads(run("dyad", "PRK", "USA", "--format", "json", "--db", str(demo_db)))
    assert [row["period"] for row in as_json] == [row["period"] for row in rows]
    assert [row["events"] for row in as_json] == [int(row["events"]) for row in rows]


def api_event_ids(server: LiveServer, **filters: object) -> set[str]:
    """Every deduplicated event the API lists for the filters, page after page."""
    found: set[str] = set()
    offset = 0
    while True:
        page = server.get("/api/deduplicated-events", limit=200, offset=offset, **filters).json()
        found |= {str(item["event_id"]) for item in page["items"]}
        offset += 200
        if offset >= page["total"]:
            return found


@pytest.mark.parametrize(("options", "filters"), [
    (["--dyad", "PRK,USA", "--from", "2000", "--to", "2000"],
     {"dyad": "PRK-USA", "start": "2000", "end": "2000"}),
    (["--actor", "PRK", "--actor", "KOR", "--root", "04", "--min-confidence", "0.5"],
     {"actor": ["PRK", "KOR"], "root": "04", "min_confidence": 0.5}),
    (["--quad", "4", "--status", "occurred"], {"quad": 4, "status": "occurred"}),
])
def test_a_filtered_export_holds_exactly_what_the_api_lists(
        demo_db: Path, server: LiveServer, tmp_path: Path, options: list[str],
        filters: dict[str, object]):
    out = tmp_path / "f.csv"
    run("export", "--format", "csv", *options, "-o", str(out), "--db", str(demo_db))
    exported = {row["event_id"] for row in csv.DictReader(out.open(encoding="utf-8"))}
    listed = api_event_ids(server, **filters)
    assert exported, "the filters should match some events of the demo"
    assert exported == listed  # both ways: nothing missing, nothing extra
    everything = tmp_path / "all.csv"
    run("export", "--format", "csv", "-o", str(everything), "--db", str(demo_db))
    assert len(exported) < sum(1 for _ in csv.DictReader(everything.open(encoding="utf-8")))


def test_export_filters_are_checked_with_one_line_errors(demo_db: Path, tmp_path: Path):
    for options, message in (
            (["--dyad", "PRK"], "--dyad 'PRK': expected two codes"),
            (["--from", "2000-13"], "--from: '2000-13' is not a date"),
            (["--quad", "5"], "--quad 5: expected 1, 2, 3 or 4"),
            (["--status", "rumoured"], "--status 'rumoured': expected one of"),
            (["--min-confidence", "2"], "--min-confidence 2.0: expected a number")):
        result = CliRunner().invoke(app, ["export", *options, "-o", str(tmp_path / "x.csv"),
                                          "--db", str(demo_db)])
        assert result.exit_code == 2, result.output
        assert message in result.output and len(result.output.strip().splitlines()) == 1


def test_the_dashboard_downloads_exactly_the_rows_its_pages_list(server: LiveServer):
    search = server.get("/search", dyad="PRK-USA", start="2000", end="2000")
    total = int(search.text.split(" matching event mentions")[0].rsplit(">", 1)[-1])
    assert 'href="/events.csv?dyad=PRK-USA&amp;start=2000&amp;end=2000"' in search.text
    download = server.get("/events.csv", dyad="PRK-USA", start="2000", end="2000")
    assert download.headers["content-type"].startswith("text/csv")
    rows = list(csv.DictReader(io.StringIO(download.text)))
    assert len(rows) == total > 0
    api = server.get("/api/events", dyad="PRK-USA", start="2000", end="2000", limit=200).json()
    assert [row["id"] for row in rows] == [item["id"] for item in api["items"]]

    dyad_page = server.get("/dyad/PRK/USA").text
    assert 'href="/events.csv?dyad=PRK-USA"' in dyad_page
    assert 'href="/dyad/PRK/USA/series.csv?freq=year"' in dyad_page
    series = list(csv.DictReader(io.StringIO(server.get("/dyad/PRK/USA/series.csv").text)))
    assert series == [{key: str(value) for key, value in point.items()} for point in
                      server.get("/api/dyads/PRK/USA/series", freq="year").json()]
