"""``detente summary`` shows the strongest event of each active dyad, strongest
first: the size of the Goldstein score (cooperation or conflict alike), then the
number of mentions; only events the counting rule counts, and the heading says so.
Piped, the list is tab-separated, a whole line an event."""

from __future__ import annotations

from pathlib import Path

from typer.testing import CliRunner

from detente.cli import app
from detente.store import Store
from tests.store.test_relations_events import add_article, report


def test_the_strongest_events_are_listed_by_strength_not_date(tmp_path: Path):
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
    result = CliRunner().invoke(app, ["summary", "--db", str(db)])  # piped: tab-separated
    assert result.exit_code == 0, result.output
    text = result.stdout.split("The strongest event of each active dyad")[1]
    assert text.startswith(", by |Goldstein| then mentions\n")
    assert "the Goldstein score's size" in text
    header, *rows = [line.split("\t") for line in text.splitlines() if "\t" in line]
    assert header == ["date", "source", "event", "target", "G", "mentions", "status",
                      "evidence"]
    assert [row[1:7] for row in rows] == [  # one event per dyad, strongest first
        ["USA", "057 Sign formal agreement", "PRK", "+8.0", "1", "occurred"],
        ["SAU", "161 Reduce or break diplomatic relations", "IRN", "-4.0", "1", "occurred"],
        ["CHNGOV", "051 Praise or endorse", "JPN", "+3.4", "1", "occurred"],  # the plan
        ["JPNGOV", "042 Make a visit", "PRK", "+1.9", "2", "occurred"]]       # (-10) is not
    assert rows[0][7] == "The United States and North Korea signed an agreement in Geneva."
