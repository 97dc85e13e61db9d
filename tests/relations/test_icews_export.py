"""The ICEWS-style table (``detente export --format icews``): ICEWS's 20 columns in
its order, tab-separated with a header line, one row per event that took place,
codes as strings, sides and places in words, the export's filters honoured."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from detente.cli import app
from detente.relations.export import ICEWS_COLUMNS, actor_sectors, export_events, sector_names
from detente.store import Store
from tests.data.test_data_tables import SECTORS
from tests.store.test_relations_events import VISIT, report, stored

pytest_plugins = ["tests.server_fixtures"]
QUOTED = 'Washington imposed "smart" sanctions\ton Pyongyang\non Tuesday.'
FIGHTERS = '"Freedom" fighters attacked Pyongyang.'


@pytest.fixture
def db(tmp_path: Path) -> Path:
    return stored(
        tmp_path / "db.duckdb",
        ("a.txt", "2000-10-25", [
            report(VISIT, "USAGOV", "PRKGOV", "042", "visited", date="2000-10-23"),
            report(QUOTED, "USA", "PRK", "172", "imposed", date="2000-10", source_text='"we"'),
            report("Pyongyang planned to visit Seoul.", "PRK", "KOR", "042", "visit",
                   status="planned")], "https://www.example-news.com/story/1"),
        ("b.txt", "2000-11-02", [
            report("The IAEA criticised Pyongyang.", "IGOIAEA", "PRKMIL", "111", "criticised",
                   date="2000-11-01"),
            report(FIGHTERS, "REB", "PRK", "190", "attacked", date="2000-11-01",
                   source_text='"Freedom"\tfighters')]))


def icews_rows(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle, delimiter="\t"))


def run(*arguments: str) -> str:
    result = CliRunner().invoke(app, list(arguments))
    assert result.exit_code == 0, result.output
    return result.output


def test_the_icews_table_has_icews_columns_and_one_row_per_event_that_took_place(
        db: Path, tmp_path: Path):
    out = tmp_path / "events.tab"
    output = run("export", "-f", "icews", "-o", str(out), "--db", str(db))
    assert "left out 1 events" in output and "1 planned" in output
    header = out.read_text(encoding="utf-8").splitlines()[0]
    assert header.split("\t") == list(ICEWS_COLUMNS) and len(ICEWS_COLUMNS) == 20
    rows = icews_rows(out)
    assert len(rows) == 4  # the planned visit is left out: ICEWS has no status column
    visit = next(row for row in rows if row["CAMEO Code"] == "042")
    assert visit["Event Date"] == "2000-10-23" and visit["Event Text"] == "Make a visit"
    assert visit["Source Name"] == "Government (United States)"
    assert visit["Source Sectors"] == "Government" and visit["Source Country"] == "United States"
    assert visit["Target Name"] == "Government (North Korea)"
    assert visit["Target Country"] == "North Korea" and visit["Intensity"] == "1.9"
    assert visit["Sentence Number"] == "1" and visit["Publisher"] == "example-news.com"
    assert visit["District"] == ""
    sanctions = next(row for row in rows if row["CAMEO Code"] == "172")
    assert sanctions["Event Date"] == "2000-10-01"  # a month's first day, as GDELT's Day
    assert sanctions["Source Name"] == "United States" and sanctions["Source Sectors"] == ""
    criticism = next(row for row in rows if row["CAMEO Code"] == "111")
    assert criticism["Source Name"] == "International Atomic Energy Agency"
    assert criticism["Source Sectors"] == "International Government Organization"
    assert criticism["Source Country"] == "" and criticism["Target Sectors"] == "Military"
    assert criticism["Publisher"] == ""  # a file with no site and no URL
    attack = next(row for row in rows if row["CAMEO Code"] == "190")
    assert attack["Source Name"] == '"Freedom" fighters'  # the words, a tab made a space
    assert attack["Source Sectors"] == "Rebels"

    everything = tmp_path / "all.tab"
    run("export", "-f", "icews", "--all-statuses", "-o", str(everything), "--db", str(db))
    assert len(icews_rows(everything)) == 5


def test_the_icews_table_loads_in_pandas_with_codes_as_strings(db: Path, tmp_path: Path):
    pandas = pytest.importorskip("pandas")
    out = tmp_path / "events.tab"
    with Store(db, read_only=True) as store:
        written = export_events(store.connection, out, "icews")
    frame = pandas.read_csv(out, sep="\t", dtype={"CAMEO Code": str, "Story ID": str})
    assert list(frame.columns) == list(ICEWS_COLUMNS)
    assert len(frame) == written[0].rows == 4  # a quote, tab or line break splits no row
    assert sorted(frame["CAMEO Code"]) == ["042", "111", "172", "190"]
    assert '"Freedom" fighters' in set(frame["Source Name"])
    assert frame["Event ID"].is_unique and str(frame["Event ID"].dtype) == "int64"
    assert str(frame["Intensity"].dtype) == "float64"
    dates = pandas.to_datetime(frame["Event Date"], format="%Y-%m-%d")
    assert dates.notna().all()
    sanctions = frame[frame["CAMEO Code"] == "172"].iloc[0]
    assert sanctions["Event Text"] == "Impose administrative sanctions"


def test_every_cameo_sector_has_a_name_and_codes_give_their_sectors():
    assert not SECTORS - set(sector_names())
    assert actor_sectors("USAGOV") == ["Government"]
    assert actor_sectors("USAGOVMIL") == ["Government", "Military"]
    assert actor_sectors("IGOUNSC") == ["International Government Organization"]
    assert actor_sectors("PRK") == [] and actor_sectors(None) == []


@pytest.mark.parametrize("options", [
    ["--dyad", "PRK,USA", "--from", "2000", "--to", "2000"],
    ["--actor", "PRK", "--root", "04"],
])
def test_an_icews_export_holds_the_filtered_events_that_took_place(
        demo_db: Path, tmp_path: Path, options: list[str]):
    icews, jsonl = tmp_path / "f.tab", tmp_path / "f.jsonl"
    run("export", "-f", "icews", *options, "-o", str(icews), "--db", str(demo_db))
    run("export", "-f", "jsonl", *options, "-o", str(jsonl), "--db", str(demo_db))
    records = [json.loads(line) for line in jsonl.open(encoding="utf-8")]
    expected = {str(record["event_id"]) for record in records
                if record["status"] in ("occurred", "ongoing")
                and record["source_code"] and record["target_code"]}
    rows = icews_rows(icews)
    assert expected, "the filters should match some events of the demo"
    assert len(rows) == len(expected) and {row["Event ID"] for row in rows} == expected
    placed = [row for row in rows if row["Country"]]
    assert placed, "the demo's events have places"
    assert all(row["Latitude"] and row["Longitude"] for row in placed)
