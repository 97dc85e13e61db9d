"""Time and memory of coding one long paragraph, against its length.

    python bench/long_paragraph.py [--sizes 10000,100000,400000] [--limit 300]

A news paragraph is a few hundred characters; a page whose text has no line
breaks (a JSONL record, a scraped dump) is one "paragraph" of its whole length.
Coding must cost time and memory in proportion to the length, not its square.
Each size runs in a fresh process (so its peak memory is its own), coding one
article whose one paragraph is the bundled sample corpus's paragraphs run
together and repeated up to that many characters. Printed per size: seconds
(parse and code, pipeline loading excluded), microseconds per character, the
ratio of that to the first (smallest) size's, and the process's peak resident
memory growth over the loaded pipeline. A size still running after ``--limit``
seconds is stopped and reported as such."""

from __future__ import annotations

import argparse
import json
import resource
import subprocess
import sys
import time


def paragraph(length: int) -> str:
    """The sample corpus's paragraphs run together, repeated to ``length`` characters."""
    from detente.data import sample_files
    from detente.ingest.readers import IngestFailure, read_articles

    text = " ".join(paragraph for article in read_articles([str(p) for p in sample_files()])
                    if not isinstance(article, IngestFailure)
                    for paragraph in article.paragraphs)
    return (text + " ") * (length // (len(text) + 1)) + text[:length % (len(text) + 1)]


def measure(length: int) -> dict[str, float]:
    """Code one article of one ``length``-character paragraph in this process."""
    from detente.model import Article
    from detente.pipeline import Pipeline

    pipeline = Pipeline()
    pipeline.code(Article(doc="warm-up", paragraphs=["Japan criticised China on Monday."]))
    loaded_kb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    article = Article(doc="long", paragraphs=[paragraph(length)])
    start = time.perf_counter()
    coded = pipeline.code(article)
    seconds = time.perf_counter() - start
    grown_mb = (resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - loaded_kb) / 1024
    return {"seconds": seconds, "events": len(coded.events), "grown_mb": grown_mb}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--sizes", default="10000,100000,400000")
    parser.add_argument("--limit", type=float, default=300, help="seconds per size")
    parser.add_argument("--one", type=int, help=argparse.SUPPRESS)  # the child's job
    args = parser.parse_args()
    if args.one:
        print(json.dumps(measure(args.one)))
        return
    base = None
    print(f"{'characters':>10} {'seconds':>8} {'µs/char':>8} {'× first':>8} "
          f"{'events':>7} {'memory +MB':>10}")
    for size in (int(s) for s in args.sizes.split(",")):
        try:
            child = subprocess.run([sys.executable, __file__, "--one", str(size)],
                                   capture_output=True, text=True, timeout=args.limit,
                                   check=True)
        except subprocess.TimeoutExpired:
            print(f"{size:>10} over the {args.limit:g} s limit: stopped")
            break
        result = json.loads(child.stdout.strip().splitlines()[-1])
        per_char = result["seconds"] / size * 1e6
        base = base or per_char
        print(f"{size:>10} {result['seconds']:>8.2f} {per_char:>8.1f} {per_char / base:>8.2f} "
              f"{result['events']:>7} {result['grown_mb']:>10.0f}", flush=True)


if __name__ == "__main__":
    main()
