"""Scoring coded events against real news pages labelled blind.

The pages stay where the reference data lives (``../shared/data``: the openings of
``news-pages/pages.jsonl`` and the HTML of ``news2023/``); the labels live in the
repository (``data/eval/news_pages.tsv``, ``data/eval/news_events.tsv``), written
by readers who saw only the page text. Pages were split into ``dev`` and ``test``
before any coder output on them was read: tune on dev, report test.

The unit of scoring is DESIGN.md's: an emitted event matches a labelled one when
page, source side, target side and CAMEO root agree (either direction for joint
acts). Precision counts every distinct emitted (page, source, target, root);
recall counts the labelled *core* events (between two different sides);
dates and statuses are scored on the core events found."""

from __future__ import annotations

import gzip
import json
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

from detente.data import read_table
from detente.evaluation.scoring import intent_root, ratio, same_date, same_pair, status_agrees
from detente.ingest.readers import article_from_text
from detente.model import Article, EventMention

SPLITS = ("dev", "test", "val", "val2")
NOTHING_INTERSTATE = "none"  # a page's ``about`` when it reports no political act

EventKey = tuple[str | None, str | None, str]  # source side, target side, root


@dataclass(frozen=True)
class NewsPage:
    """A labelled page: where it is read from, its split and what it is about."""

    key: str  # "news-pages/<id>" or "news2023/<hash>"
    split: str
    pub_date: str
    about: str


@dataclass(frozen=True)
class LabelledEvent:
    page: str
    source: str
    target: str
    cameo: str
    status: str
    event_date: str  # "-" when nothing dates it
    core: bool
    description: str

    @property
    def root(self) -> str:
        return self.cameo[:2]

    def matches(self, key: EventKey, intent_root: str | None = None) -> bool:
        source, target, root = key
        return self.root in {root, intent_root} and same_pair(
            self.root, (source, target), (self.source, self.target))


def read_pages() -> list[NewsPage]:
    return [NewsPage(row["page"], row["split"], row["pub_date"], row["about"])
            for row in read_table("eval/news_pages.tsv")]


def read_labels() -> list[LabelledEvent]:
    return [LabelledEvent(row["page"], row["source"], row["target"], row["cameo"],
                          row["status"], row["event_date"], row["core"] == "yes",
                          row["description"])
            for row in read_table("eval/news_events.tsv")]


@cache
def _news_page_texts(pages_file: Path) -> dict[str, tuple[str, str]]:
    texts = {}
    with pages_file.open(encoding="utf-8") as handle:
        for line in handle:
            record = json.loads(line)
            texts[record["id"]] = (record["text"], record["url"])
    return texts


SHARED_COLLECTIONS = ("news-pages", "news2023")  # page keys: "<collection>/<name>"


def load_article(key: str, shared_data: Path) -> Article:
    """The page ``key`` as ``detente extract`` reads it: a news-pages opening as a
    text dump (its URL as its path, for the date it carries), a news2023 page as HTML."""
    collection, name = key.split("/", 1)
    if collection == "news-pages":
        text, url = _news_page_texts(shared_data / "news-pages" / "pages.jsonl")[name]
        return article_from_text(key, text, path=url)
    if collection == "news2023":
        raw = gzip.decompress((shared_data / "news2023" / "html" / f"{name}.html.gz")
                              .read_bytes()).decode("utf-8", errors="replace")
        return article_from_text(key, raw)
    raise ValueError(f"{key}: unknown page collection {collection!r}")


def event_key(event: EventMention) -> EventKey:
    return (event.source.side, event.target.side, event.root)


@dataclass
class PageScore:
    """One page's figures; ``emitted`` holds its distinct (source, target, root)."""

    page: NewsPage
    emitted: dict[EventKey, list[EventMention]] = field(default_factory=dict)
    right: set[EventKey] = field(default_factory=set)
    core: list[LabelledEvent] = field(default_factory=list)
    found: list[tuple[LabelledEvent, EventMention]] = field(default_factory=list)

    @property
    def missed(self) -> list[LabelledEvent]:
        found = {id(label) for label, _ in self.found}
        return [label for label in self.core if id(label) not in found]

    @property
    def wrong(self) -> list[tuple[EventKey, EventMention]]:
        return [(key, mentions[0]) for key, mentions in self.emitted.items()
                if key not in self.right]


def score_page(page: NewsPage, labels: list[LabelledEvent],
               events: Iterable[EventMention]) -> PageScore:
    score = PageScore(page)
    for event in events:
        score.emitted.setdefault(event_key(event), []).append(event)
    for key, mentions in score.emitted.items():
        intents = {intent_root(m) for m in mentions}
        if any(label.matches(key, intent) for label in labels for intent in intents):
            score.right.add(key)
    for label in labels:
        if not label.core:
            continue
        score.core.append(label)
        mentions = [m for key, found in score.emitted.items() for m in found
                    if label.matches(key, intent_root(m))]
        if mentions:  # the first mention in the text stands for the event
            score.found.append((label, min(mentions, key=lambda m: m.span[0])))
    return score


@dataclass
class NewsReport:
    pages: list[PageScore] = field(default_factory=list)

    @property
    def core(self) -> int:
        return sum(len(p.core) for p in self.pages)

    @property
    def found(self) -> int:
        return sum(len(p.found) for p in self.pages)

    @property
    def emitted(self) -> int:
        return sum(len(p.emitted) for p in self.pages)

    @property
    def right(self) -> int:
        return sum(len(p.right) for p in self.pages)

    def _both_sides(self) -> list[tuple[EventKey, bool]]:
        return [(key, key in p.right) for p in self.pages for key in p.emitted
                if key[0] is not None and key[1] is not None]

    @property
    def emitted_both_sides(self) -> int:
        return len(self._both_sides())

    @property
    def right_both_sides(self) -> int:
        return sum(right for _, right in self._both_sides())

    def confident(self, threshold: float) -> tuple[int, int]:
        """(right, emitted) among the distinct events some mention of which the coder
        gave at least ``threshold`` confidence: does its confidence mean anything?"""
        keys = [(key in p.right) for p in self.pages for key, mentions in p.emitted.items()
                if max(m.confidence for m in mentions) >= threshold]
        return sum(keys), len(keys)

    @property
    def recall(self) -> float:
        return ratio(self.found, self.core)

    @property
    def precision(self) -> float:
        return ratio(self.right, self.emitted)

    @property
    def f1(self) -> float:
        return ratio(2 * self.precision * self.recall, self.precision + self.recall)

    @property
    def dated(self) -> list[tuple[LabelledEvent, EventMention]]:
        return [(label, m) for p in self.pages for label, m in p.found if label.event_date != "-"]

    @property
    def date_right(self) -> int:
        """An event with no date of its own is dated by its page (DESIGN.md)."""
        return sum(same_date(m.event_date.value or m.pub_date.value, label.event_date)
                   for label, m in self.dated)

    @property
    def status_right(self) -> int:
        return sum(status_agrees(label.status, label.root, m)
                   for p in self.pages for label, m in p.found)

    @property
    def quiet_pages(self) -> list[PageScore]:
        """Pages about nothing political: everything emitted there is a false alarm."""
        return [p for p in self.pages if p.page.about == NOTHING_INTERSTATE]


def evaluate_news(code: Callable[[list[Article]], Iterator[list[EventMention]]],
                  shared_data: Path, split: str | None = None) -> NewsReport:
    """Score the events ``code`` emits for each page of ``split`` (all when None).
    ``code`` takes the articles and yields their events in the same order."""
    pages = [p for p in read_pages() if split is None or p.split == split]
    labels: dict[str, list[LabelledEvent]] = {}
    for label in read_labels():
        labels.setdefault(label.page, []).append(label)
    articles = [load_article(page.key, shared_data) for page in pages]
    report = NewsReport()
    for page, events in zip(pages, code(articles), strict=True):
        report.pages.append(score_page(page, labels.get(page.key, []), events))
    return report
