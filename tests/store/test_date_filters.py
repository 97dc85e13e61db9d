"""One rule for every date filter, on real days: an event stands on the first day
of its date as stated (its own, else its publication), a ``--from``/``start``
bound begins on its first day and a ``--to``/``end`` bound ends on its last. The
same bounds keep the same events in ``detente export``, ``detente dyad``, the
API's two event lists and the dashboard's search download."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator
from pathlib import Path

import pytest
from typer.testing import CliRunner

from detente.cli import app
from detente.store import Store
from tests.server_fixtures import LiveServer, running_server
from tests.store.test_relations_events import add_article, report

# Who USA dealt with, and how the text dates it (each a dyad of its own).
EVENTS = {
    "PRK": ("2023-05", "2023-06-10"),      # month precision: stands on 2023-05-01
    "CUB": ("2023", "2023-12-20"),         # year precision: 2023-01-01
    "CHN": ("2023-05-15", "2023-05-16"),   # a day
    "RUS": (None, "2023-04-30"),           # no date of its own: its publication day
}

CASES = [  # (start, end) → the partners kept
    (("2023-05-01", None), {"PRK", "CHN"}),  # the month event's first day is the bound's
    (("2023-05-02", None), {"CHN"}),
    ((None, "2023-05-15"), {"PRK", "CUB", "CHN", "RUS"}),
    ((None, "2023-04-30"), {"CUB", "RUS"}),
    (("2023-05", "2023-05"), {"PRK", "CHN"}),
    (("2023-04-30", "2023-04-30"), {"RUS"}),
    (("2023", "2023"), {"PRK", "CUB", "CHN", "RUS"}),
    (("2023-06", None), set()),
]


@pytest.fixture(scope="module")
def dated_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("dates") / "dates.duckdb"
    with Store(path) as store:
        for partner, (date, published) in EVENTS.items():
            add_article(store, f"{partner}.txt", published, [report(
                f"Secretary of State Blinken visited {partner} to meet its leaders.",
                "USAGOV", f"{partner}GOV", "042", "visited", date=date)])
        store.refresh_events()
    return path


@pytest.fixture(scope="module")
def dated_server(dated_db: Path) -> Iterator[LiveServer]:
    with running_server(dated_db) as live:
        yield live


def bounds(start: str | None, end: str | None, cli: bool) -> list[str] | dict[str, str]:
    if cli:
        return [*(["--from", start] if start else []), *(["--to", end] if end else [])]
    return {**({"start": start} if start else {}), **({"end": end} if end else {})}


def exported(db: Path, tmp_path: Path, start: str | None, end: str | None) -> set[str]:
    out = tmp_path / "f.csv"
    result = CliRunner().invoke(app, ["export", "-f", "csv", *bounds(start, end, True),
                                      "-o", str(out), "--force", "--db", str(db)])
    assert result.exit_code == 0, result.output
    return {row["target_side"] for row in csv.DictReader(out.open(encoding="utf-8"))}


def counted(db: Path, partner: str, start: str | None, end: str | None) -> int:
    result = CliRunner().invoke(app, ["dyad", "USA", partner, "--format", "csv",
                                      *bounds(start, end, True), "--db", str(db)])
    assert result.exit_code == 0, result.output
    return sum(int(row["events"]) for row in csv.DictReader(io.StringIO(result.stdout)))


@pytest.mark.parametrize(("window", "kept"), CASES)
def test_every_date_filter_keeps_the_same_events(
        dated_db: Path, dated_server: LiveServer, tmp_path: Path,
        window: tuple[str | None, str | None], kept: set[str]):
    start, end = window
    query = bounds(start, end, False)
    assert exported(dated_db, tmp_path, start, end) == kept
    events = dated_server.get("/api/deduplicated-events", limit=200, **query).json()
    assert {item["target_side"] for item in events["items"]} == kept
    mentions = dated_server.get("/api/events", limit=200, **query).json()
    assert {item["target"]["country"] for item in mentions["items"]} == kept
    download = dated_server.get("/events.csv", **query)
    assert {row["target_side"] for row in csv.DictReader(io.StringIO(download.text))} == kept
    assert {partner for partner in EVENTS if counted(dated_db, partner, start, end)} == kept
