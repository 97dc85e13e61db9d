"""Scoring main-text extraction the way the article-extraction benchmark does.

The benchmark (scrapinghub/article-extraction-benchmark, 181 news and blog
pages with hand-checked article bodies) compares texts by their shingles:
tokens are runs of word characters (letters, digits, underscore: punctuation
and spacing do not count), a shingle is four consecutive tokens, and shingles are counted with
their multiplicity (a paragraph extracted twice costs precision). Each page's
true-positive/false-positive/false-negative counts are normalised to sum to
one, so long articles weigh no more than short ones, and the normalised counts
are summed over pages before precision and recall are taken; that is how the
published figures (trafilatura's F1 0.958, for one) were computed. We also
lower-case tokens, which the benchmark does not: on its pages this moves F1 by
less than 0.0001. Whitespace tokens would cost about 0.003 F1 for the same text.

Two modes are scored: ``html`` (our HTML extractor on the page) and ``dump``
(the whole visible page flattened to plain text, then our dump cleaner), the
second being the situation of the seed pages, where the HTML is gone.
"""

from __future__ import annotations

import gzip
import json
import re
import time
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

SHINGLE = 4
TOKEN = re.compile(r"\w+")
MODES = ("html", "dump")


def tokens(text: str) -> list[str]:
    """Runs of word characters, lower-cased."""
    return TOKEN.findall(text.lower())


def shingles(text: str, size: int = SHINGLE) -> Counter[tuple[str, ...]]:
    """Every run of ``size`` consecutive tokens, with its count.

    A text shorter than ``size`` tokens is one shingle of all its tokens (so a
    two-word prediction can still match a two-word truth exactly), and an empty
    text has none. This is the benchmark's own convention."""
    words = tokens(text)
    if not words:
        return Counter()
    return Counter(tuple(words[i:i + size]) for i in range(max(1, len(words) - size + 1)))


def shingle_counts(predicted: str, truth: str) -> tuple[float, float, float]:
    """True positives, false positives and false negatives over shingles,
    normalised to sum to one for the page (all zero when both texts are empty)."""
    pred, true = shingles(predicted), shingles(truth)
    tp = sum((pred & true).values())
    fp = sum((pred - true).values())
    fn = sum((true - pred).values())
    total = tp + fp + fn
    if not total:
        return 0.0, 0.0, 0.0
    return tp / total, fp / total, fn / total


def prf(tp: float, fp: float, fn: float) -> tuple[float, float, float]:
    """Precision, recall and F1 from (possibly normalised) counts; 0 when undefined."""
    precision = tp / (tp + fp) if tp + fp else 0.0
    recall = tp / (tp + fn) if tp + fn else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return precision, recall, f1


def score_text(predicted: str, truth: str) -> tuple[float, float, float]:
    """Shingle precision, recall and F1 of one page's predicted text.

    Identical texts score 1.0 each (two empty texts too: nothing was there and
    nothing was predicted); when only one side is empty all three are 0.0."""
    if not tokens(predicted) and not tokens(truth):
        return 1.0, 1.0, 1.0
    return prf(*shingle_counts(predicted, truth))


@dataclass(frozen=True)
class PageScore:
    page_id: str
    precision: float
    recall: float
    f1: float
    counts: tuple[float, float, float]  # normalised (tp, fp, fn), what the benchmark sums
    error: str | None = None


@dataclass
class ExtractionReport:
    """Per-page scores and the benchmark's aggregate figures for one mode."""

    mode: str
    pages: list[PageScore] = field(default_factory=list)
    seconds: float = 0.0  # time spent extracting (reading files and scoring excluded)

    @property
    def precision(self) -> float:
        return self._aggregate()[0]

    @property
    def recall(self) -> float:
        return self._aggregate()[1]

    @property
    def f1(self) -> float:
        return self._aggregate()[2]

    @property
    def mean_page_f1(self) -> float:
        """The plain average of per-page F1, a stricter figure than the benchmark's."""
        return sum(page.f1 for page in self.pages) / len(self.pages) if self.pages else 0.0

    @property
    def pages_per_second(self) -> float:
        return len(self.pages) / self.seconds if self.seconds else 0.0

    def _aggregate(self) -> tuple[float, float, float]:
        """The benchmark's figure: P/R/F1 of the per-page normalised counts, summed."""
        tp = sum(page.counts[0] for page in self.pages)
        fp = sum(page.counts[1] for page in self.pages)
        fn = sum(page.counts[2] for page in self.pages)
        return prf(tp, fp, fn)


def benchmark_pages(directory: Path) -> Iterator[tuple[str, str, str]]:
    """``(page id, html, true article body)`` for each page, read one at a time.

    Layout: ``ground-truth.json`` (``{id: {"articleBody": ..., "url": ...}}``) and
    ``html/<id>.html.gz``. Pages are decoded as UTF-8, bad bytes replaced."""
    truth = json.loads((directory / "ground-truth.json").read_text(encoding="utf-8"))
    for page_id in sorted(truth):
        path = directory / "html" / f"{page_id}.html.gz"
        page = gzip.decompress(path.read_bytes()).decode("utf-8", errors="replace")
        yield page_id, page, truth[page_id].get("articleBody") or ""


def extract_from_html(page: str) -> str:
    """Mode ``html``: the main text our HTML extractor finds (before the event coder
    keeps only its running-text lines)."""
    from detente.ingest.html import NoArticleError, extract_html

    try:
        return extract_html(page).main_text
    except NoArticleError:
        return ""


def extract_from_dump(page: str) -> str:
    """Mode ``dump``: the visible page as a text dump, then the dump cleaner."""
    from detente.ingest.textdump import clean_text_dump
    from detente.ingest.visible_text import visible_text

    return "\n".join(clean_text_dump(visible_text(page)).paragraphs)


EXTRACTORS: dict[str, Callable[[str], str]] = {
    "html": extract_from_html,
    "dump": extract_from_dump,
}


def evaluate_extraction(directory: Path, mode: str) -> ExtractionReport:
    """Score one mode on every page of a benchmark directory.

    A page whose extraction raises counts as an empty prediction (recall 0 on
    it) and keeps the error message; the run goes on."""
    return evaluate_extractor(directory, mode, EXTRACTORS[mode])


def evaluate_extractor(directory: Path, name: str,
                       extract: Callable[[str], str]) -> ExtractionReport:
    """Score any ``html -> text`` function; lets benches add comparison rows."""
    report = ExtractionReport(mode=name)
    for page_id, page, truth in benchmark_pages(Path(directory)):
        error = None
        started = time.perf_counter()
        try:
            predicted = extract(page)
        except Exception as exc:  # a failing page scores as empty, like the benchmark
            predicted, error = "", f"{type(exc).__name__}: {exc}".splitlines()[0]
        report.seconds += time.perf_counter() - started
        counts = shingle_counts(predicted, truth)
        report.pages.append(PageScore(page_id, *score_text(predicted, truth), counts, error))
    return report
