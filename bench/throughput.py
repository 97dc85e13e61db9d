"""Throughput and memory of `detente extract` against raw spaCy on the same text.

    python bench/throughput.py [--articles 2000] [--words 500] [--workers 1,2] [--no-dask]
                               [--repeats 3]   (--quick: --articles 300 --repeats 1 --no-dask)

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
  and all its worker processes, sampled every 50 ms), and two ratios: to raw
  spaCy in one process, and to raw spaCy with as many processes as workers.

Each row is the median of ``--repeats`` runs, interleaved with raw spaCy runs
(raw, detente, raw, detente, ...), so that a burst of load on a shared machine
moves one run, not the line between two figures."""

from __future__ import annotations

import argparse
import os
import statistics
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
    seconds: float  # the median of the repeated runs
    peak_mb: float | None = None
    processes: int = 1  # raw spaCy's processes, or the engine's workers
    spread: str = ""  # fastest-slowest run, seconds


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
    parser.add_argument("--repeats", type=int, default=3,
                        help="interleaved runs per row; the median is reported")
    parser.add_argument("--quick", action="store_true",
                        help="a quick look: --articles 300 --repeats 1 --no-dask")
    arguments = parser.parse_args()
    if arguments.quick:
        arguments.articles, arguments.repeats, arguments.no_dask = 300, 1, True
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
        repeats = arguments.repeats
        most = max(worker_counts)
        processes = sorted({1, most, *worker_counts})
        raw_runs: dict[int, list[float]] = {n: [] for n in processes}

        def raw(n: int) -> float:
            seconds = timed(lambda: consume(nlp.pipe(paragraphs, batch_size=64, **(
                {"n_process": n} if n > 1 else {}))))
            raw_runs[n].append(seconds)
            return seconds

        print_coder_overhead(nlp, articles[:CODER_SAMPLE])
        runs: list[tuple[str, int, list[Row]]] = []
        engines = [(f"detente extract --workers {count}", count, ["--workers", str(count)])
                   for count in worker_counts]
        if not arguments.no_dask:
            engines.append((f"detente extract --engine dask --workers {most}", most,
                            ["--engine", "dask", "--workers", str(most)]))
        for name, count, options in engines:
            rows_of: list[Row] = []
            for attempt in range(repeats):  # raw, detente, raw, detente, ...
                raw(count)
                rows_of.append(run_extract(name, corpus, folder / f"run-{len(runs)}-{attempt}"
                                           ".duckdb", options))
            runs.append((name, count, rows_of))
        for n in processes:  # every process count measured at least `repeats` times
            while len(raw_runs[n]) < repeats:
                raw(n)
        raw_median = {n: statistics.median(times) for n, times in raw_runs.items()}
        rows = [Row(f"raw spaCy nlp.pipe, {'1 process' if n == 1 else f'n_process={n}'}",
                    raw_median[n], processes=n, spread=spread(raw_runs[n])) for n in processes]
        for name, count, rows_of in runs:
            seconds = [row.seconds for row in rows_of]
            rows.append(Row(name, statistics.median(seconds),
                            max(row.peak_mb or 0 for row in rows_of), count, spread(seconds)))
    print_table(rows, len(articles), words, raw_median, repeats)
    print(f"command: python bench/throughput.py --articles {arguments.articles} "
          f"--words {arguments.words} --workers {arguments.workers} --repeats {repeats}"
          + (" --no-dask" if arguments.no_dask else "") + f"  ({os.cpu_count()} cores, "
          f"load average at the end {' '.join(f'{x:.2f}' for x in os.getloadavg())})")


def spread(seconds: list[float]) -> str:
    return f"{min(seconds):.1f}-{max(seconds):.1f}" if len(seconds) > 1 else ""


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


def print_table(rows: list[Row], articles: int, words: int, raw: dict[int, float],
                repeats: int) -> None:
    """Medians of ``repeats`` runs; the ratios are throughput against raw spaCy in one
    process and against raw spaCy with as many processes (the 0.80 line of "Scale")."""
    print(f"\nmedian of {repeats} interleaved run(s) per row")
    print(f"{'':48} {'seconds':>8} {'spread':>10} {'articles/s':>10} {'words/s':>8} "
          f"{'peak MB':>8} {'vs raw 1 proc':>13} {'vs raw same procs':>17}")
    for row in rows:
        peak = f"{row.peak_mb:8.0f}" if row.peak_mb is not None else f"{'':>8}"
        same = raw.get(row.processes)
        print(f"{row.name:48} {row.seconds:8.1f} {row.spread:>10} {articles / row.seconds:10.1f} "
              f"{words / row.seconds:8.0f} {peak} {raw[1] / row.seconds:13.2f} "
              f"{(same / row.seconds if same else float('nan')):17.2f}")


if __name__ == "__main__":
    main()
