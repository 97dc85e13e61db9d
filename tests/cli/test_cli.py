"""The command line against a real DuckDB file: records in DESIGN.md's shape,
re-runs that store nothing twice, and bad inputs that fail alone."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest
from typer.testing import CliRunner

from detente.cli import app
from detente.model import STATUSES
from detente.store import Store

RECORD_FIELDS = {"doc", "doc_id", "pub_date", "event_date", "date_precision", "date_basis",
                 "source", "target", "cameo", "root", "quad", "goldstein", "plover",
                 "plover_mode", "status", "sentence", "sentence_index", "span",
                 "confidence", "location"}
ACTOR_FIELDS = {"text", "code", "country", "sector", "name"}
STEP_FIELDS = {"kind", "protecting_power", "evidence"}  # only on a diplomatic step
LOCATION_FIELDS = {"name", "country", "region", "lat", "lon", "precision", "basis", "span"}

runner = CliRunner()


def extract(*args: str):
    return runner.invoke(app, ["extract", *args])


@pytest.mark.slow
def test_jsonl_records_follow_the_event_record(seeds, db_path):
    result = extract(str(seeds), "--format", "jsonl", "--db", str(db_path))
    assert result.exit_code == 0, result.output
    records = [json.loads(line) for line in result.stdout.splitlines() if line.startswith("{")]
    assert records
    for record in records:
        assert set(record) - {"step"} == RECORD_FIELDS
        assert set(record.get("step", STEP_FIELDS)) == STEP_FIELDS
        assert set(record["source"]) == ACTOR_FIELDS == set(record["target"])
        assert record["location"] is None or set(record["location"]) == LOCATION_FIELDS
        assert record["root"] == record["cameo"][:2]
        assert record["quad"] in {1, 2, 3, 4}
        assert record["status"] in STATUSES


@pytest.mark.slow
def test_rerun_stores_nothing_twice(seeds, db_path):
    first = extract(str(seeds), "--format", "jsonl", "--db", str(db_path))
    with Store(db_path, read_only=True) as store:
        counts = store.counts()
    second = extract(str(seeds), "--format", "jsonl", "--db", str(db_path))
    with Store(db_path, read_only=True) as store:
        assert store.counts() == counts
    assert sorted(first.stdout.splitlines()) == sorted(second.stdout.splitlines())
    assert counts["articles"] == 2 and counts["event_mentions"] > 5


@pytest.mark.slow
def test_bad_inputs_are_reported_and_the_batch_goes_on(tmp_path, db_path):
    good = tmp_path / "good.txt"
    good.write_text("SEOUL, June 15, 2000 (Reuters) - South Korean President Kim Dae-jung "
                    "visited Pyongyang on Tuesday for the first summit of the two Koreas.\n")
    (tmp_path / "empty.txt").write_text("")
    (tmp_path / "binary.txt").write_bytes(b"\x00\xff" * 64)
    result = extract(str(tmp_path), str(tmp_path / "nowhere.txt"), "--format", "jsonl",
                     "--db", str(db_path))
    assert result.exit_code == 1
    errors = [line for line in result.stderr.splitlines() if line.startswith("error:")]
    assert len(errors) == 3
    assert any("empty.txt: empty file" in line for line in errors)
    # the visit, and the summit of "the two Koreas" the visit has just paired
    record, *summit = [json.loads(line) for line in result.stdout.splitlines()]
    assert (record["source"]["code"], record["cameo"], record["target"]["code"]) == (
        "KORGOV", "042", "PRKGOV")
    assert {(e["source"]["code"], e["cameo"], e["target"]["code"]) for e in summit} == {
        ("KORGOV", "040", "PRKGOV"), ("PRKGOV", "040", "KORGOV")}
    assert record["event_date"] == "2000-06-13" and record["pub_date"] == "2000-06-15"
    with Store(db_path, read_only=True) as store:
        assert store.counts()["articles"] == 1
        assert len(store.failure_rows()) == 3


def test_unusable_database_is_a_clear_error(tmp_path):
    folder = tmp_path / "a-folder.duckdb"
    folder.mkdir()
    result = extract(str(tmp_path), "--db", str(folder))
    assert result.exit_code == 2
    assert "cannot open database" in result.stderr


def test_the_command_line_loads_without_spacy_duckdb_or_networkx():
    """``detente --help`` answers at once: the commands import the heavy parts when
    they run (bench/help.py times it)."""
    loaded = subprocess.run(
        [sys.executable, "-c", "import sys, detente.cli; "
         "print(sorted({'spacy', 'duckdb', 'networkx', 'trafilatura'} & set(sys.modules)))"],
        capture_output=True, text=True, check=True).stdout.strip()
    assert loaded == "[]"
