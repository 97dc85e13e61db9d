"""Status and event dates on single labelled sentences (``detente eval status``)."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field

from detente.data import read_table
from detente.evaluation.scoring import matches, ratio, same_date
from detente.model import Article, DatePoint
from detente.pipeline import Pipeline


@dataclass
class StatusDateReport:
    """How the coder reads status and date on sentences labelled for both."""

    total: int = 0
    found: int = 0
    status_right: int = 0
    dated: int = 0
    date_right: int = 0
    undated: int = 0
    undated_right: int = 0
    confusion: Counter[tuple[str, str]] = field(default_factory=Counter)

    @property
    def recall(self) -> float:
        return ratio(self.found, self.total)

    @property
    def status_accuracy(self) -> float:
        return ratio(self.status_right, self.found)

    @property
    def date_accuracy(self) -> float:
        """Right at the stated precision, over found events whose sentence states a date."""
        return ratio(self.date_right, self.dated)

    @property
    def no_date_accuracy(self) -> float:
        """Found events whose sentence states no date and that got none."""
        return ratio(self.undated_right, self.undated)


def evaluate_status_dates(pipeline: Pipeline,
                          rows: Iterable[dict[str, str]] | None = None) -> StatusDateReport:
    """Code each labelled sentence against its publication date; an event counts
    as found with the labelled root between the labelled sides."""
    report = StatusDateReport()
    for row in rows if rows is not None else read_table("eval/status_dates.tsv"):
        report.total += 1
        article = Article(doc="status-date", paragraphs=[row["sentence"]],
                          pub_date=DatePoint(row["pub_date"], "day", "given"))
        events = pipeline.code(article).events
        found = [e for e in events if matches(row, e)]
        if not found:
            continue
        report.found += 1
        event = found[0]
        report.confusion[(row["status"], event.status)] += 1
        report.status_right += event.status == row["status"]
        if row["event_date"]:
            report.dated += 1
            report.date_right += same_date(event.event_date.value, row["event_date"])
        else:
            report.undated += 1
            report.undated_right += event.event_date.value is None
    return report
