"""The PLV set (``detente eval plv``): real sentences with a marked source and
target and the gold PLOVER root, scored in pair mode and end to end."""

from __future__ import annotations

import csv
import re
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from detente.evaluation.scoring import ratio
from detente.events.coder import EventCoder
from detente.events.pair import PLOVER_QUAD, PairCoder, plv_label
from detente.model import Actor, Article
from detente.nlp import parse_paragraphs
from detente.pipeline import Pipeline

NO_EVENT = "NONE"
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
    plain: list[str] = []
    spans: dict[str, tuple[int, int]] = {}
    opened: dict[str, int] = {}
    position = 0
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


def overlaps(actor: Actor, span: tuple[int, int] | None) -> bool:
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
                and overlaps(e.source, item.source) and overlaps(e.target, item.target)]
        report.end_to_end_hits += bool(hits)
        report.end_to_end_coded_hits += any(e.source.resolved and e.target.resolved for e in hits)
    return report
