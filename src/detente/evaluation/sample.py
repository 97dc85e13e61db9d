"""The sample corpus's expected events (``detente eval sample``).

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
from detente.evaluation.scoring import matches, ratio, same_date, status_agrees
from detente.model import EventMention


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
        return ratio(self.found, self.expected)

    @property
    def date_accuracy(self) -> float:
        return ratio(self.date_right, self.dated)

    @property
    def status_accuracy(self) -> float:
        return ratio(self.status_right, self.found)



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
        report.status_right += any(status_agrees(row["status"], row["cameo_root"], e)
                                   for e in found)
    return report
