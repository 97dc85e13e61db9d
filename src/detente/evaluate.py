"""Scoring the pipeline against labelled data: the sample corpus's expected
events, and the PLV set of sentences with marked source and target.

``sample_recall`` checks the bundled corpus against ``data/sample/expected.tsv``:
the events a careful analyst codes from each article (source, target, CAMEO
root, event date, status). An expected event is found when the article yields
an event mention with the same root between the same two sides (either
direction for joint acts such as meetings and relations); date and status are
then scored on the found ones."""

from __future__ import annotations

import csv
import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from detente.data import read_table
from detente.events.coder import EventCoder
from detente.events.pair import PLOVER_QUAD, PairCoder, plv_label
from detente.model import Actor, Article, DatePoint, EventMention
from detente.nlp import parse_paragraphs
from detente.pipeline import Pipeline

NO_EVENT = "NONE"
# Roots whose events are joint acts: "X and Y met" is as true as "Y and X met".
JOINT_ROOTS = {"03", "04", "05", "06"}


def ratio(part: float, whole: float) -> float:
    """``part / whole``, and 0 for an empty whole (nothing to score is no success)."""
    return part / whole if whole else 0.0


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


def matches(expected: dict[str, str], event: EventMention) -> bool:
    source, target = event.source.side, event.target.side
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


# -- PLV: event type between marked source and target spans ----------------------

MARK = re.compile(r"</?[st]>")


@dataclass(frozen=True)
class PlvItem:
    """One PLV row: a sentence, the source and target spans, the gold labels."""

    index: int
    sentence: str
    source: tuple[int, int] | None  # None: an implicit side ("a recipient")
    target: tuple[int, int] | None
    gold_root: str
    gold_quad: int | None


def parse_marked(marked: str) -> tuple[str, dict[str, tuple[int, int]]]:
    """"<s>Ukraine</s> accuses <t>Russia</t>" → plain sentence and the s/t spans."""
    plain, spans, opened, position = [], {}, {}, 0
    last = 0
    for match in MARK.finditer(marked):
        piece = marked[last:match.start()]
        plain.append(piece)
        position += len(piece)
        tag = match.group()
        if tag.startswith("</"):
            spans[tag[2]] = (opened.pop(tag[2]), position)
        else:
            opened[tag[1]] = position
        last = match.end()
    plain.append(marked[last:])
    return "".join(plain), spans


def read_plv(path: Path) -> list[PlvItem]:
    """Rows of a PLV TSV file (``marked_sentence``, ``gold_root``, ``gold_penta``)."""
    items = []
    with path.open(encoding="utf-8", newline="") as handle:
        for index, row in enumerate(csv.DictReader(handle, delimiter="\t")):
            sentence, spans = parse_marked(row["marked_sentence"])
            quad = row.get("gold_penta", "")
            items.append(PlvItem(index, sentence, spans.get("s"), spans.get("t"), row["gold_root"],
                                 int(quad) if quad.isdigit() else None))
    return items


@dataclass
class PlvReport:
    gold: list[str] = field(default_factory=list)
    predicted: list[str] = field(default_factory=list)
    quad_gold: list[int | None] = field(default_factory=list)
    quad_predicted: list[int | None] = field(default_factory=list)
    end_to_end_hits: int = 0
    end_to_end_coded_hits: int = 0

    @property
    def total(self) -> int:
        return len(self.gold)

    @property
    def accuracy(self) -> float:
        right = sum(g == p for g, p in zip(self.gold, self.predicted, strict=True))
        return ratio(right, self.total)

    @property
    def quad_accuracy(self) -> float:
        pairs = [(g, p) for g, p in zip(self.quad_gold, self.quad_predicted, strict=True)
                 if g is not None]
        return ratio(sum(g == p for g, p in pairs), len(pairs))

    @property
    def end_to_end(self) -> float:
        return ratio(self.end_to_end_hits, self.total)

    @property
    def end_to_end_coded(self) -> float:
        return ratio(self.end_to_end_coded_hits, self.total)

    def per_label(self) -> dict[str, tuple[float, float, float, int]]:
        """Precision, recall, F1 and support per gold label."""
        scores = {}
        for label in sorted(set(self.gold)):
            true_positive = sum(g == p == label
                                for g, p in zip(self.gold, self.predicted, strict=True))
            predicted = self.predicted.count(label)
            support = self.gold.count(label)
            precision = ratio(true_positive, predicted)
            recall = ratio(true_positive, support)
            f1 = ratio(2 * precision * recall, precision + recall)
            scores[label] = (precision, recall, f1, support)
        return scores

    @property
    def macro_f1(self) -> float:
        scores = self.per_label()
        return ratio(sum(f1 for _, _, f1, _ in scores.values()), len(scores))

    def confusion(self) -> Counter[tuple[str, str]]:
        return Counter(zip(self.gold, self.predicted, strict=True))


def _overlaps(actor: Actor, span: tuple[int, int] | None) -> bool:
    if span is None:
        return True
    return (actor.start is not None and actor.end is not None
            and actor.start < span[1] and actor.end > span[0])


def evaluate_plv(items: list[PlvItem], pipeline: Pipeline) -> PlvReport:
    """Pair-mode labels for every item, and whether the normal extractor finds an
    event of the gold root between the marked spans (the end-to-end figure). PLV's
    spans are any parties (a Kansas woman, a company), so the extractor is read with
    sides the dictionary does not know kept; ``end_to_end_coded`` counts only the
    events it emits by default, with both sides coded."""
    pair_coder = PairCoder(pipeline.nlp, pipeline.coder)
    extractor = EventCoder(pipeline.nlp, pipeline.coder.patterns, pipeline.coder.matcher,
                           partial=True)
    report = PlvReport()
    docs = parse_paragraphs([item.sentence for item in items], pipeline.nlp)
    for item, doc in zip(items, docs, strict=True):
        event = pair_coder.code_doc(doc, item.source, item.target)
        label = event.label if event and event.label else NO_EVENT
        report.gold.append(item.gold_root)
        report.predicted.append(label)
        report.quad_gold.append(item.gold_quad)
        report.quad_predicted.append(PLOVER_QUAD.get(label))
        article = Article(doc=f"plv-{item.index}", paragraphs=[item.sentence])
        events, _ = extractor.code_article(article, [doc])
        hits = [e for e in events if plv_label(e.cameo, e.status) == item.gold_root
                and _overlaps(e.source, item.source) and _overlaps(e.target, item.target)]
        report.end_to_end_hits += bool(hits)
        report.end_to_end_coded_hits += any(e.source.resolved and e.target.resolved for e in hits)
    return report


# -- status and event dates on single labelled sentences ---------------------------


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
