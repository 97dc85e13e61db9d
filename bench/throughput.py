"""Throughput and memory of `detente extract` against raw spaCy on the same text.

    python bench/throughput.py [--articles 2000] [--words 500] [--workers 1,2] [--no-dask]

Writes a synthetic corpus of distinct news-style articles (paragraphs of the
bundled sample corpus recombined, see ``detente.engine.corpus``), then in the
same run measures:

* raw spaCy ``nlp.pipe`` over the articles' paragraphs, in one process and with
  ``n_process`` = the largest worker count (the ceiling for any engine);
* the coder's overhead on top of spaCy, in process, on the first 100 articles:
  CPU time of ``EventCoder.code_article`` over already parsed Docs against the CPU
  time of parsing them, best of 3 each (other processes slow both alike, so the
  ratio holds under load);
* the whole ``detente extract`` command (ingest, parse, code, store; start-up
  included) with each worker count and with the Dask engine on a LocalCluster:
  articles/s, words/s, peak memory (sum of the resident memory of the command
  and all its worker processes, sampled every 50 ms), and the ratio to raw spaCy."""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass
from pathlib import Path

from spacy.tokens import Doc

from detente.engine.corpus import write_corpus
from detente.events.coder import EventCoder
from detente.ingest.readers import IngestFailure, read_articles
from detente.nlp import load_pipeline, parse_paragraphs

DETENTE = Path(sys.executable).with_name("detente")
CODER_SAMPLE = 100
CODER_REPEATS = 3
SAMPLE_SECONDS = 0.05


@dataclass
class Row:
    name: str
    seconds: float
    peak_mb: float | None = None


def tree_rss_kb(root: int) -> int:
    """Resident memory of a process and all its descendants, in kB."""
    total, stack = 0, [root]
    while stack:
        pid = stack.pop()
        try:
            status = Path(f"/proc/{pid}/status").read_text()
            children = [child for task in Path(f"/proc/{pid}/task").iterdir()
                        for child in (task / "children").read_text().split()]
        except OSError:
            continue  # the process ended between two reads (Dask starts from threads)
        total += next((int(line.split()[1]) for line in status.splitlines()
                       if line.startswith("VmRSS:")), 0)
        stack += [int(child) for child in children]
    return total


def run_extract(name: str, corpus: Path, db: Path, options: list[str]) -> Row:
    """Time one `detente extract` command and sample its process tree's memory."""
    command = [str(DETENTE), "extract", str(corpus), "--db", str(db), "--format", "none",
               *options]
    started = time.perf_counter()
    process = subprocess.Popen(command, stderr=subprocess.PIPE, text=True)
    peak = 0
    done = threading.Event()

    def sample() -> None:
        nonlocal peak
        while not done.is_set():
            peak = max(peak, tree_rss_kb(process.pid))
            time.sleep(SAMPLE_SECONDS)

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    _, stderr = process.communicate()
    seconds = time.perf_counter() - started
    done.set()
    sampler.join()
    if process.returncode != 0:
        sys.exit(f"{' '.join(command)} failed ({process.returncode}): {stderr.strip()[-500:]}")
    print(f"  {name}: {' '.join(stderr.split()[-12:])}", flush=True)
    return Row(name, seconds, peak / 1024)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=2000)
    parser.add_argument("--words", type=int, default=500)
    parser.add_argument("--workers", default="1,2", help="worker counts, comma-separated")
    parser.add_argument("--no-dask", action="store_true", help="skip the Dask engine")
    arguments = parser.parse_args()
    worker_counts = [int(count) for count in arguments.workers.split(",")]

    with tempfile.TemporaryDirectory(prefix="detente-bench-") as scratch:
        folder = Path(scratch)
        corpus = folder / "corpus"
        write_corpus(corpus, arguments.articles, arguments.words)
        started = time.perf_counter()
        articles = [a for a in read_articles([corpus]) if not isinstance(a, IngestFailure)]
        ingest_seconds = time.perf_counter() - started
        paragraphs = [p for article in articles for p in article.paragraphs]
        words = sum(len(p.split()) for p in paragraphs)
        print(f"corpus: {len(articles)} articles, {len(paragraphs)} paragraphs, {words} words "
              f"({words / len(articles):.0f} per article); ingest {ingest_seconds:.1f} s",
              flush=True)

        nlp = load_pipeline()
        list(parse_paragraphs(paragraphs[:50], nlp))  # warm up
        rows = [Row("raw spaCy nlp.pipe, 1 process", timed(lambda: consume(nlp.pipe(
            paragraphs, batch_size=64))))]
        most = max(worker_counts)
        if most > 1:
            rows.append(Row(f"raw spaCy nlp.pipe, n_process={most}", timed(lambda: consume(
                nlp.pipe(paragraphs, batch_size=64, n_process=most)))))
        print_coder_overhead(nlp, articles[:CODER_SAMPLE])

        for count in worker_counts:
            rows.append(run_extract(f"detente extract --workers {count}", corpus,
                                    folder / f"local-{count}.duckdb", ["--workers", str(count)]))
        if not arguments.no_dask:
            rows.append(run_extract(f"detente extract --engine dask --workers {most}", corpus,
                                    folder / "dask.duckdb",
                                    ["--engine", "dask", "--workers", str(most)]))
    print_table(rows, len(articles), words)
    print(f"command: python bench/throughput.py --articles {arguments.articles} "
          f"--words {arguments.words} --workers {arguments.workers}"
          + (" --no-dask" if arguments.no_dask else "") + f"  ({os.cpu_count()} cores)")


def timed(work) -> float:
    started = time.perf_counter()
    work()
    return time.perf_counter() - started


def consume(docs) -> None:
    for _ in docs:
        pass


def cpu_seconds(work) -> float:
    """The least CPU time (this process only) of a few runs of ``work``."""
    best = float("inf")
    for _ in range(CODER_REPEATS):
        started = time.process_time()
        work()
        best = min(best, time.process_time() - started)
    return best


def print_coder_overhead(nlp, articles) -> None:
    """spaCy alone against the event coder on the Docs spaCy made, same articles."""
    paragraphs = [p for article in articles for p in article.paragraphs]
    docs: list[Doc] = []

    def parse() -> None:
        docs[:] = parse_paragraphs(paragraphs, nlp)

    spacy_seconds = cpu_seconds(parse)
    per_article, start = [], 0
    for article in articles:
        per_article.append((article, docs[start:start + len(article.paragraphs)]))
        start += len(article.paragraphs)
    coder = EventCoder(nlp)

    def code() -> None:
        for article, article_docs in per_article:
            coder.code_article(article, article_docs)

    coder_seconds = cpu_seconds(code)
    ratio = coder_seconds / spacy_seconds
    print(f"coder overhead ({len(articles)} articles, in process, CPU time, best of "
          f"{CODER_REPEATS}): spaCy {spacy_seconds:.2f} s, coder {coder_seconds:.2f} s; "
          f"coder / spaCy {ratio:.3f}; pipeline / raw spaCy throughput {1 / (1 + ratio):.2f}; "
          f"the coder adds {100 * ratio:.1f}% to spaCy's time", flush=True)


def print_table(rows: list[Row], articles: int, words: int) -> None:
    raw = rows[0].seconds
    print(f"\n{'':48} {'seconds':>8} {'articles/s':>10} {'words/s':>8} {'peak MB':>8} "
          f"{'vs raw spaCy (1 process)':>25}")
    for row in rows:
        peak = f"{row.peak_mb:8.0f}" if row.peak_mb is not None else f"{'':>8}"
        print(f"{row.name:48} {row.seconds:8.1f} {articles / row.seconds:10.1f} "
              f"{words / row.seconds:8.0f} {peak} {raw / row.seconds:25.2f}")


if __name__ == "__main__":
    main()
