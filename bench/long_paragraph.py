"""Cost of one long paragraph: does coding time grow linearly with its length?

    python bench/long_paragraph.py [--sizes 10000,100000,200000] [--repeats 1]

Builds one paragraph of each size (in characters) from the sample corpus's own
sentences (its paragraphs joined end to end, from the start again when they run
out), parses it once with the pipeline's spaCy model, then times the event
coder on the parsed paragraph (``EventCoder.code_article``, what
``detente.pipeline`` runs after spaCy), best of ``--repeats``. Prints seconds per
thousand characters for parsing and for coding: a coder that is linear keeps
the same figure at every size (issue 18: a pronoun look-up that listed every
sentence of its paragraph made coding quadratic)."""

from __future__ import annotations

import argparse
import time
from itertools import cycle

from detente.engine.corpus import sample_articles
from detente.model import Article, DatePoint
from detente.pipeline import Pipeline


def long_paragraph(size: int) -> str:
    """Sample-corpus paragraphs joined into one paragraph of about ``size`` characters."""
    pool = [paragraph for article in sample_articles() for paragraph in article.paragraphs]
    parts: list[str] = []
    total = 0
    for paragraph in cycle(pool):
        if total >= size:
            break
        parts.append(paragraph)
        total += len(paragraph) + 1
    return " ".join(parts)[:size].rsplit(". ", 1)[0] + "."


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="10000,100000,200000")
    parser.add_argument("--repeats", type=int, default=1)
    options = parser.parse_args()
    pipeline = Pipeline()
    pipeline.nlp.max_length = max(pipeline.nlp.max_length, 2_000_000)
    print(f"{'characters':>10} {'parse s':>8} {'code s':>8} {'parse s/kchar':>14} "
          f"{'code s/kchar':>13} {'events':>7}")
    for size in (int(value) for value in options.sizes.split(",")):
        text = long_paragraph(size)
        article = Article("bench", [text], pub_date=DatePoint("2000-06-15", "day"))
        started = time.perf_counter()
        doc = pipeline.nlp(text)
        parsed = time.perf_counter() - started
        timings = []
        for _ in range(options.repeats):
            started = time.perf_counter()
            events, _ = pipeline.coder.code_article(article, [doc])
            timings.append(time.perf_counter() - started)
        coded = min(timings)
        print(f"{len(text):>10} {parsed:>8.2f} {coded:>8.2f} {parsed / len(text) * 1000:>14.4f} "
              f"{coded / len(text) * 1000:>13.4f} {len(events):>7}")


if __name__ == "__main__":
    main()
