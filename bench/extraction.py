"""Main-text extraction on the article-extraction benchmark, both modes, same run.

    python bench/extraction.py [DIR] [--no-compare]

DIR defaults to ``../shared/data/article-extraction-benchmark`` beside the
repository. Prints the benchmark's precision/recall/F1 (4-token shingles,
per-page normalised counts summed over pages), the plain mean of per-page F1,
and pages/s of extraction alone (reading files and scoring excluded) for:
``html`` (detente's HTML extractor) and ``dump`` (the whole visible page as a
plain-text dump, then detente's dump cleaner). Then the pages/s of the whole
ingest of the benchmark's HTML files (``read_articles``: reading, gunzipping,
decoding, extraction, language check, dates). A comparison row calls
trafilatura directly with its default settings."""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

import trafilatura

from detente.evaluation.extraction import (
    ExtractionReport,
    benchmark_pages,
    evaluate_extraction,
    evaluate_extractor,
)
from detente.ingest.readers import IngestFailure, read_articles
from detente.ingest.textdump import clean_text_dump
from detente.ingest.visible_text import visible_text

REPO = Path(__file__).resolve().parent.parent
DEFAULT_DIR = REPO.parent / "shared" / "data" / "article-extraction-benchmark"


def trafilatura_defaults(page: str) -> str:
    return trafilatura.extract(page) or ""


def row(name: str, report: ExtractionReport) -> str:
    failed = sum(1 for page in report.pages if page.error)
    return (f"{name:<38} P {report.precision:.3f}  R {report.recall:.3f}  F1 {report.f1:.3f}"
            f"  (mean page F1 {report.mean_page_f1:.3f})  {report.pages_per_second:6.1f} pages/s"
            + (f"  {failed} pages raised" if failed else ""))


def cleaner_pages_per_second(directory: Path) -> float:
    """The dump cleaner alone, on dumps made beforehand (what a crawl of dumps costs)."""
    dumps = [visible_text(page) for _, page, _ in benchmark_pages(directory)]
    started = time.perf_counter()
    for dump in dumps:
        clean_text_dump(dump)
    return len(dumps) / (time.perf_counter() - started)


def ingest_pages_per_second(directory: Path) -> tuple[float, int, int]:
    """The whole ingest path on the benchmark's pages: (pages/s, articles, skipped)."""
    started = time.perf_counter()
    results = list(read_articles([directory / "html"]))
    seconds = time.perf_counter() - started
    articles = sum(1 for result in results if not isinstance(result, IngestFailure))
    return len(results) / seconds, articles, len(results) - articles


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("directory", nargs="?", type=Path, default=DEFAULT_DIR)
    parser.add_argument("--no-compare", action="store_true",
                        help="skip the row that calls trafilatura directly")
    args = parser.parse_args()
    if not (args.directory / "ground-truth.json").is_file():
        sys.exit(f"no benchmark at {args.directory} (expected ground-truth.json and html/)")

    trafilatura.extract("<html><body><p>warm-up</p></body></html>")
    reports = {mode: evaluate_extraction(args.directory, mode) for mode in ("html", "dump")}
    print(f"benchmark: {args.directory} ({len(reports['html'].pages)} pages)")
    print(row("html (extract_html)", reports["html"]))
    print(row("dump (visible_text + cleaner)", reports["dump"]))
    print(f"{'':<38}dump cleaner alone: {cleaner_pages_per_second(args.directory):.1f} pages/s")
    rate, articles, skipped = ingest_pages_per_second(args.directory)
    print(f"{'whole ingest of the HTML files':<38}{rate:.1f} pages/s ({articles} articles, "
          f"{skipped} skipped: not English or no text)")
    if not args.no_compare:
        print(row("trafilatura defaults",
                  evaluate_extractor(args.directory, "defaults", trafilatura_defaults)))
    print("targets: html F1 >= 0.95, dump F1 >= 0.90")
    print("command: python bench/extraction.py", *sys.argv[1:])


if __name__ == "__main__":
    main()
