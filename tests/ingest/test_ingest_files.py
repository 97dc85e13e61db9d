"""Finding the files to read: glob filters on folders, a walk that starts at
once however big the tree, and a size limit that fails a huge file unread."""

from __future__ import annotations

import gzip
import json
import time
from io import BytesIO
from pathlib import Path

from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from detente.ingest.readers import IngestFailure, iter_files, read_articles

PROSE = ("North Korea and China held talks in Beijing on the future of the six-party "
         "process, officials said on Monday after the meeting ended.\n")


def tree(root: Path, names: list[str]) -> None:
    for name in names:
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(PROSE, encoding="utf-8")


def relative(items, root: Path) -> list[str]:
    return [item.relative_to(root).as_posix() for item in items]


def test_folders_give_known_suffixes_in_path_order(tmp_path):
    tree(tmp_path, ["b.txt", "a/z.html", "a.txt", "notes.md", "c/d/e.jsonl", "f.txt.gz"])
    assert relative(iter_files([tmp_path]), tmp_path) == [
        "a/z.html", "a.txt", "b.txt", "c/d/e.jsonl", "f.txt.gz"]


def test_include_and_exclude_globs(tmp_path):
    tree(tmp_path, ["index.html", "news/one.html", "news/two.htm", "news/drafts/three.html",
                    "drafts/four.html", "page.php", "news/five.txt"])
    found = relative(iter_files([tmp_path], include=["*.html"], exclude=["drafts/*"]), tmp_path)
    assert found == ["index.html", "news/drafts/three.html", "news/one.html"]
    found = relative(iter_files([tmp_path], exclude=["*/drafts/*", "drafts/*", "*.txt"]),
                     tmp_path)
    assert found == ["index.html", "news/one.html", "news/two.htm"]
    # an include pattern also opens up suffixes that are not read by default
    assert relative(iter_files([tmp_path], include=["*.php"]), tmp_path) == ["page.php"]


def test_a_file_named_directly_is_always_read(tmp_path):
    tree(tmp_path, ["page.php"])
    assert list(iter_files([tmp_path / "page.php"], exclude=["*.php"])) == [tmp_path / "page.php"]


def test_read_articles_takes_the_filters(tmp_path):
    tree(tmp_path, ["keep/a.txt", "skip/b.txt"])
    assert [a.doc for a in read_articles([tmp_path], exclude=["skip/*"])] == ["a.txt"]


def test_the_walk_is_lazy(tmp_path):
    """The first file comes before later folders are even listed: a file added to
    a later folder after the walk began is still found."""
    tree(tmp_path, ["a/first.txt", "z/second.txt"])
    walk = iter_files([tmp_path])
    assert next(walk).name == "first.txt"
    (tmp_path / "z" / "late.txt").write_text(PROSE)
    assert [path.name for path in walk] == ["late.txt", "second.txt"]


def test_a_200_mb_file_fails_unread_and_fast(tmp_path):
    huge = tmp_path / "huge.html"
    with huge.open("wb") as handle:  # sparse: written in an instant
        handle.seek(200_000_000 - 1)
        handle.write(b"\n")
    tree(tmp_path, ["small.txt"])
    started = time.perf_counter()
    results = list(read_articles([tmp_path]))
    assert time.perf_counter() - started < 5
    failure, article = results
    assert str(failure) == f"{huge}: 200.0 MB is over the 20 MB limit for one article"
    assert article.doc == "small.txt"


def test_the_limit_is_configurable_and_applies_after_decompression(tmp_path):
    bomb = tmp_path / "bomb.txt.gz"
    bomb.write_bytes(gzip.compress(PROSE.encode() * 2000))  # ~270 kB, compresses to ~1 kB
    [failure] = read_articles([bomb], max_bytes=100_000)
    assert failure.message == "over the 0.1 MB limit for one article (not read further)"
    [article] = read_articles([bomb], max_bytes=1_000_000)
    assert not isinstance(article, IngestFailure)


def test_an_over_long_jsonl_line_fails_alone(tmp_path):
    path = tmp_path / "export.jsonl"
    lines = [{"id": "a", "text": PROSE}, {"id": "b", "text": PROSE * 500},
             {"id": "c", "text": PROSE}]
    path.write_text("".join(json.dumps(line) + "\n" for line in lines), encoding="utf-8")
    results = list(read_articles([path], max_bytes=10_000))
    assert [r.doc for r in results if not isinstance(r, IngestFailure)] == [
        "export.jsonl:a", "export.jsonl:c"]
    [failure] = [r for r in results if isinstance(r, IngestFailure)]
    assert str(failure) == (f"{path}:2: over the 0.01 MB limit for one article "
                            "(not read further)")


def test_an_over_long_warc_record_fails_alone(tmp_path):
    buffer = BytesIO()
    writer = WARCWriter(buffer, gzip=True)
    for url, paragraphs in [("https://example.org/big", 400), ("https://example.org/ok", 2)]:
        body = "<html><body><article>" + f"<p>{PROSE}</p>" * paragraphs + "</article></body></html>"
        headers = StatusAndHeaders("200 OK", [("Content-Type", "text/html")], protocol="HTTP/1.1")
        writer.write_record(writer.create_warc_record(url, "response",
                                                      payload=BytesIO(body.encode()),
                                                      http_headers=headers))
    path = tmp_path / "crawl.warc.gz"
    path.write_bytes(buffer.getvalue())
    failure, article = read_articles([path], max_bytes=10_000)
    assert failure.path.endswith("#1") and "limit for one article" in failure.message
    assert article.url == "https://example.org/ok"
