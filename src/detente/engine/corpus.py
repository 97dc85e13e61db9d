"""A synthetic news corpus for load tests and benchmarks of the engines.

Recombines the paragraphs of the bundled sample corpus into as many distinct
articles of about ``words`` words as asked: each article is a random run of
distinct paragraphs, dated like the article its first paragraph came from, so
texts (and therefore content hashes) differ while reading like real news.
Written as plain-text files, one article each, or as one JSONL file.

    python -m detente.engine.corpus OUT_DIR [--articles 2000] [--words 500] [--jsonl]"""

from __future__ import annotations

import argparse
import json
import random
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from detente.data import sample_files
from detente.ingest.readers import read_articles
from detente.model import Article

TITLE_WORDS = 10


@dataclass(frozen=True)
class SyntheticArticle:
    name: str
    title: str
    pub_date: str  # ISO day
    paragraphs: list[str]


def sample_articles() -> list[Article]:
    return [item for item in read_articles(sample_files()) if isinstance(item, Article)]


def synthetic_articles(count: int, words: int = 500, seed: int = 0) -> Iterator[SyntheticArticle]:
    """``count`` distinct articles of about ``words`` words each, reproducibly; the
    title is the opening of the first paragraph, as in a wire headline."""
    pool = [(source, paragraph) for source in sample_articles() for paragraph in source.paragraphs]
    rng = random.Random(seed)
    seen: set[tuple[str, ...]] = set()
    while len(seen) < count:
        order = iter(rng.sample(range(len(pool)), len(pool)))
        first, paragraph = pool[next(order)]
        paragraphs, total = [paragraph], len(paragraph.split())
        while total < words and (index := next(order, None)) is not None:
            paragraphs.append(pool[index][1])
            total += len(pool[index][1].split())
        if tuple(paragraphs) in seen:
            continue
        seen.add(tuple(paragraphs))
        title = " ".join(paragraphs[0].split()[:TITLE_WORDS]).rstrip(",.;:")
        yield SyntheticArticle(f"article-{len(seen):06d}", title,
                               first.pub_date.value or "2000-01-01", paragraphs)


def write_corpus(folder: Path, count: int, words: int = 500, seed: int = 0,
                 jsonl: bool = False) -> list[Path]:
    """Write the corpus under ``folder``; the paths written (one JSONL file, or
    one ``.txt`` file per article: title, date line, paragraphs)."""
    folder.mkdir(parents=True, exist_ok=True)
    articles = synthetic_articles(count, words, seed)
    if jsonl:
        path = folder / "corpus.jsonl"
        with path.open("w", encoding="utf-8") as handle:
            for article in articles:
                record = {"id": article.name, "title": article.title, "date": article.pub_date,
                          "text": "\n".join(article.paragraphs)}
                handle.write(json.dumps(record, ensure_ascii=False) + "\n")
        return [path]
    paths = []
    for article in articles:
        path = folder / f"{article.name}.txt"
        day = date.fromisoformat(article.pub_date)
        stamp = f"{day:%B} {day.day}, {day.year}"
        path.write_text("\n\n".join([article.title, stamp, *article.paragraphs]) + "\n",
                        encoding="utf-8")
        paths.append(path)
    return paths


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("folder", type=Path)
    parser.add_argument("--articles", type=int, default=2000)
    parser.add_argument("--words", type=int, default=500)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--jsonl", action="store_true", help="one JSONL file, not .txt files")
    arguments = parser.parse_args()
    paths = write_corpus(arguments.folder, arguments.articles, arguments.words,
                         arguments.seed, arguments.jsonl)
    print(f"{arguments.articles} articles → {paths[0].parent}")


if __name__ == "__main__":
    main()
