"""The labelled status/date sentences: a valid table, and the coder's reading of
status and dates on them (``detente eval status`` prints the details)."""

from __future__ import annotations

import re
from datetime import date

import pytest

from detente.data import read_table
from detente.evaluation.status import evaluate_status_dates
from detente.model import STATUSES

COLUMNS = ["sentence", "pub_date", "source", "target", "cameo_root", "status", "event_date"]


@pytest.mark.parametrize(("table", "size"), [
    ("eval/status_dates.tsv", 200),
    ("eval/status_dates_unseen.tsv", 120),  # written apart from the coder, never tuned on
])
def test_status_date_tables_are_valid(table, size):
    actors = {row["iso3"] for row in read_table("countries.tsv")}
    actors |= {row["code"] for row in read_table("igos.tsv")}
    rows = list(read_table(table))
    assert len(rows) >= size
    assert {status for row in rows for status in [row["status"]]} == set(STATUSES)
    for row in rows:
        assert list(row) == COLUMNS
        date.fromisoformat(row["pub_date"])
        assert row["source"] in actors and row["target"] in actors, row
        assert re.fullmatch(r"(0[1-9]|1\d|20)", row["cameo_root"]), row
        assert re.fullmatch(r"(\d{4}(-\d\d(-\d\d)?)?)?", row["event_date"]), row


@pytest.mark.slow
def test_status_and_dates_are_read_right(pipeline):
    report = evaluate_status_dates(pipeline)
    # measured 0.74 found, 0.98 status, 0.96 dates, 1.00 no-date when written;
    # these floors catch regressions
    assert report.recall >= 0.7
    assert report.status_accuracy >= 0.95
    assert report.date_accuracy >= 0.9
    assert report.no_date_accuracy >= 0.95


def test_eval_status_scores_any_labelled_file(tmp_path):
    from typer.testing import CliRunner

    from detente.cli import app

    labels = tmp_path / "mine.tsv"
    labels.write_text("\t".join(COLUMNS) + "\n" + "\t".join([
        "Japan sent aid to North Korea on Monday.", "2000-10-25", "JPN", "PRK", "07",
        "occurred", "2000-10-23"]) + "\n", encoding="utf-8")
    result = CliRunner().invoke(app, ["eval", "status", "--file", str(labels)])
    assert result.exit_code == 0, result.output
    assert "1/1" in result.output
    missing = CliRunner().invoke(app, ["eval", "status", "--file", str(tmp_path / "none.tsv")])
    assert missing.exit_code == 2 and "no such file" in missing.output
