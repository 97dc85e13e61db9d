"""The formats people load: CAMEO codes stay strings, a CSV holds one record per
event even when a sentence has a line break, the PLOVER export speaks POLECAT's
field names, and the event table shows a side's words where it has no code."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import pyarrow.parquet
import pytest
from rich.console import Console
from typer.testing import CliRunner

from detente.cli import app
from detente.cli.common import event_table
from detente.relations.export import export_events
from detente.store import Store
from tests.store.test_relations_events import VISIT, add_article, report, stored

BROKEN = "Washington imposed sanctions\non Pyongyang, \"at once\", on Tuesday."


@pytest.fixture
def db(tmp_path: Path) -> Path:
    return stored(
        tmp_path / "db.duckdb",
        ("a.txt", "2000-10-25", [
            report(VISIT, "USAGOV", "PRKGOV", "042", "visited", date="2000-10-23"),
            report(BROKEN, "USA", "PRK", "172", "imposed", date="2000-10-24")]))


def test_csv_holds_one_record_per_event_and_says_so(db: Path, tmp_path: Path):
    out = tmp_path / "events.csv"
    result = CliRunner().invoke(app, ["export", "-f", "csv", "-o", str(out), "--db", str(db)],
                                terminal_width=200)
    assert result.exit_code == 0, result.output
    records = list(csv.DictReader(out.open(encoding="utf-8", newline="")))
    assert len(records) == 2 and BROKEN in {record["sentence"] for record in records}
    assert "│    2 │" in result.output  # the rows reported are events, not lines
    assert {record["cameo"] for record in records} == {"042", "172"}  # leading zero kept


def test_parquet_keeps_codes_as_strings(db: Path, tmp_path: Path):
    with Store(db, read_only=True) as store:
        export_events(store.connection, tmp_path / "events.parquet", "parquet")
    schema = pyarrow.parquet.read_schema(tmp_path / "events.parquet")
    for column in ("cameo", "root", "source_code", "target_code", "event_date"):
        assert str(schema.field(column).type) == "string", column
    assert str(schema.field("quad").type) == "int32"
    table = pyarrow.parquet.read_table(tmp_path / "events.parquet").to_pylist()
    assert {row["cameo"] for row in table} == {"042", "172"}


def test_plover_export_uses_polecat_field_names(db: Path, tmp_path: Path):
    with Store(db, read_only=True) as store:
        export_events(store.connection, tmp_path / "events.plover.jsonl", "plover")
    records = [json.loads(line) for line in (tmp_path / "events.plover.jsonl").open()]
    visit = next(record for record in records if record["cameo"] == "042")
    assert visit["event_type"] == "CONSULT" and visit["event_mode"] == "visit"
    assert visit["actor_country"] == "USA" and visit["recipient_country"] == "PRK"
    assert visit["event_date"] == "2000-10-23" and visit["publication_date"] == "2000-10-25"
    assert visit["event_text"] == VISIT and visit["contexts"] == []  # the crosswalk gives none
    sanction = next(record for record in records if record["cameo"] == "172")
    assert sanction["event_type"] == "COERCE" and sanction["contexts"] == ["executive"]


def test_a_plover_story_is_one_mention_its_article_and_its_sentence(tmp_path: Path):
    """The first report of a visit is the host's (043, "hosted"); the event's sentence is
    the visitor's (042, a later article): story and source are that later article's."""
    path = tmp_path / "db.duckdb"
    hosted = "North Korea hosted Secretary of State Albright in Pyongyang."
    with Store(path) as store:
        add_article(store, "a.txt", "2000-10-24", [
            report(hosted, "PRKGOV", "USAGOV", "043", "hosted", date="2000-10-23")],
            url="https://first.example/hosted")
        later = add_article(store, "b.txt", "2000-10-25", [
            report(VISIT, "USAGOV", "PRKGOV", "042", "visited", date="2000-10-23")],
            url="https://later.example/visit")
        store.refresh_events()
        export_events(store.connection, tmp_path / "events.plover.jsonl", "plover")
    (record,) = [json.loads(line) for line in (tmp_path / "events.plover.jsonl").open()]
    assert record["num_mentions"] == 2 and record["publication_date"] == "2000-10-24"
    assert (record["story_id"], record["source"], record["event_text"]) == (
        later.doc_id, "https://later.example/visit", VISIT)
    # the HTML report names the same article beside the sentence
    result = CliRunner().invoke(app, ["report", "--dyad", "PRK-USA", "-o",
                                      str(tmp_path / "report.html"), "--db", str(path)])
    assert result.exit_code == 0, result.output
    assert f'{VISIT} <span class="doc">{later.doc_id}</span>' in (
        tmp_path / "report.html").read_text(encoding="utf-8")


def test_the_event_table_shows_a_sides_words_and_one_line_an_event_when_piped():
    record = {"event_date": None, "pub_date": "2000-10-25", "cameo": "042", "status": "occurred",
              "sentence": "A delegation visited Pyongyang. " * 10,
              "source": {"code": None, "text": "a delegation"},
              "target": {"code": "PRK", "text": "Pyongyang"}}
    console = Console(width=100, force_terminal=False, record=True)
    console.print(event_table([record] * 3))
    text = console.export_text()
    assert "a delegation" in text and "None" not in text
    assert len(text.strip().splitlines()) == 2 + 3  # title and header; a line each
