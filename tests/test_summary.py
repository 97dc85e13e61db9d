"""``detente summary`` shows the strongest event of each active dyad, strongest
first: the size of the Goldstein score (cooperation or conflict alike), then the
number of mentions; only events the counting rule counts, and the heading says so."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from test_relations_events import add_article, report
from typer.testing import CliRunner

from detente.cli import app, common
from detente.store import Store


def test_the_strongest_events_are_listed_by_strength_not_date(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    db = tmp_path / "db.duckdb"
    with Store(db) as store:
        add_article(store, "a.txt", "1994-10-22", [
            report("The United States and North Korea signed an agreement in Geneva.",
                   "USA", "PRK", "057", "signed", date="1994-10-21"),          # +8.0
            report("North Korea criticised the United States.", "PRK", "USA", "111",
                   "criticised", date="1994-10-20")])                          # -2.0
        add_article(store, "b.txt", "2016-01-04", [
            report("Saudi Arabia cut diplomatic relations with Iran.", "SAU", "IRN", "161",
                   "cut", date="2016-01-03")])                                 # -4.0
        for name in ("c.txt", "d.txt"):  # one event, two reports
            add_article(store, name, "2002-09-18", [
                report(f"Japan's Koizumi visited North Korea ({name}).", "JPNGOV", "PRK",
                       "042", "visited", date="2002-09-17")])                  # +1.9 ×2
        add_article(store, "e.txt", "2002-09-20", [
            report("China hosted the Japanese prime minister.", "CHNGOV", "JPN", "043",
                   "hosted", date="2002-09-19"),                               # +2.8
            report("China praised Japan.", "CHNGOV", "JPN", "051", "praised",
                   date="2002-09-19")])                                        # +3.4
        add_article(store, "f.txt", "2016-01-05", [
            report("Iran will attack Saudi Arabia.", "IRN", "SAU", "190", "attack",
                   status="planned", date="2016-01-06")])  # -10.0, but not counted
        store.refresh_events()
    monkeypatch.setattr(common.out, "_width", 300)  # whole lines, as on a wide screen
    result = CliRunner().invoke(app, ["summary", "--db", str(db)])
    assert result.exit_code == 0, result.output
    text = result.stdout.split("The strongest event of each active dyad")[1]
    assert text.startswith(", by |Goldstein| then mentions\n")
    assert "the Goldstein score's size" in text
    rows = [line for line in text.splitlines() if re.match(r"\d{4}-", line)]
    expected = [  # one event per dyad, strongest first: code, side, G, mentions
        ("057 Sign formal agreement", "USA", "+8.0", 1),
        ("161 Reduce or break diplomatic relations", "SAU", "-4.0", 1),  # the plan (-10) is
        ("051 Praise or endorse", "CHNGOV", "+3.4", 1),                  # not counted
        ("042 Make a visit", "JPNGOV", "+1.9", 2)]
    assert len(rows) == len(expected), text
    for row, (event, source, score, mentions) in zip(rows, expected, strict=True):
        assert re.search(rf"\s{source}\s+{re.escape(event)}\s+\S+\s+{re.escape(score)}"
                         rf"\s+{mentions}\s+occurred\s", row), row
