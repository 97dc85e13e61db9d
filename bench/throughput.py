"""Throughput of the pipeline against raw spaCy on the same text, same run.

    python bench/throughput.py [--repeat N]

Articles are the bundled sample corpus, repeated N times. Prints words/s for
raw ``nlp.pipe`` over the paragraphs, for parsing + event coding, and the share
of time the coder adds on top of spaCy."""

from __future__ import annotations

import argparse
import time

from detente.data import sample_files
from detente.ingest.readers import IngestFailure, read_articles
from detente.nlp import load_pipeline, parse_paragraphs
from detente.pipeline import Pipeline


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=5)
    repeat = parser.parse_args().repeat

    files = sample_files()
    list(read_articles([next(f for f in files if f.suffix == ".html")]))  # trafilatura warm-up
    started = time.perf_counter()
    articles = [a for a in read_articles(files) if not isinstance(a, IngestFailure)]
    ingest_seconds = time.perf_counter() - started
    articles = articles * repeat
    paragraphs = [p for article in articles for p in article.paragraphs]
    words = sum(len(p.split()) for p in paragraphs)

    nlp = load_pipeline()
    list(parse_paragraphs(paragraphs[:50], nlp))  # warm up
    started = time.perf_counter()
    docs = list(parse_paragraphs(paragraphs, nlp))
    spacy_seconds = time.perf_counter() - started

    pipeline = Pipeline(nlp)
    started = time.perf_counter()
    events = sum(len(coded.events) for coded in pipeline.code_many(articles))
    pipeline_seconds = time.perf_counter() - started
    coder_seconds = pipeline_seconds - spacy_seconds

    print(f"corpus: {len(articles)} articles ({len(files)} sample files x {repeat}), "
          f"{len(paragraphs)} paragraphs, {words} words, {len(docs)} docs")
    print(f"ingest (read + clean, {len(files)} files): {ingest_seconds * 1000:.0f} ms")
    print(f"raw spaCy nlp.pipe:     {words / spacy_seconds:8.0f} words/s "
          f"({len(articles) / spacy_seconds:.1f} articles/s)")
    print(f"spaCy + event coding:   {words / pipeline_seconds:8.0f} words/s "
          f"({len(articles) / pipeline_seconds:.1f} articles/s), {events} event mentions")
    print(f"pipeline / raw spaCy throughput: {spacy_seconds / pipeline_seconds:.2f}; "
          f"coder adds {100 * coder_seconds / spacy_seconds:.1f}% to spaCy's time")
    print("command: python bench/throughput.py --repeat", repeat)


if __name__ == "__main__":
    main()
