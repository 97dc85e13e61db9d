"""Scoring the pipeline against labelled data.

``sample_recall`` checks the bundled corpus against ``data/sample/expected.tsv``:
the events a careful analyst codes from each article (source, target, CAMEO
root, event date, status). An expected event is found when the article yields
an event mention with the same root between the same two sides (either
direction for joint acts such as meetings and relations); date and status are
then scored on the found ones."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from detente.data import read_table
from detente.model import EventMention

# Roots whose events are joint acts: "X and Y met" is as true as "Y and X met".
JOINT_ROOTS = {"03", "04", "05", "06"}


@dataclass
class RecallReport:
    expected: int = 0
    found: int = 0
    date_right: int = 0
    dated: int = 0
    status_right: int = 0
    missed: list[dict[str, str]] = field(default_factory=list)

    @property
    def recall(self) -> float:
        return self.found / self.expected if self.expected else 0.0

    @property
    def date_accuracy(self) -> float:
        return self.date_right / self.dated if self.dated else 0.0

    @property
    def status_accuracy(self) -> float:
        return self.status_right / self.found if self.found else 0.0


def side(actor_country: str | None, actor_code: str | None) -> str | None:
    return actor_country or actor_code


def matches(expected: dict[str, str], event: EventMention) -> bool:
    source = side(event.source.country, event.source.code)
    target = side(event.target.country, event.target.code)
    if event.root != expected["cameo_root"]:
        return False
    wanted = (expected["source"], expected["target"])
    if (source, target) == wanted:
        return True
    return expected["cameo_root"] in JOINT_ROOTS and (target, source) == wanted


def same_date(predicted: str | None, expected: str) -> bool:
    """Right at the stated precision: "2000-07-19" is right for an expected "2000-07",
    "2000-07" is not right for an expected "2000-07-19"."""
    return predicted is not None and predicted[:len(expected)] == expected


def sample_recall(events_by_file: dict[str, list[EventMention]],
                  expected_rows: Iterable[dict[str, str]] | None = None) -> RecallReport:
    """Score coded events of the sample corpus against its expected events."""
    report = RecallReport()
    rows = list(expected_rows if expected_rows is not None else read_table("sample/expected.tsv"))
    for row in rows:
        report.expected += 1
        found = [event for event in events_by_file.get(row["file"], []) if matches(row, event)]
        if not found:
            report.missed.append(row)
            continue
        report.found += 1
        report.dated += 1
        report.date_right += any(same_date(e.event_date.value, row["event_date"]) for e in found)
        report.status_right += any(e.status == row["status"] for e in found)
    return report
