"""Turning paths into articles: walk files and folders, decode, pick the cleaner.

Every input yields either an ``Article`` or an ``IngestFailure`` naming the file
and the problem in one line, so one bad file never stops a batch."""

from __future__ import annotations

import gzip
import zlib
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from detente.ingest.dates import split_dateline
from detente.ingest.html import NoArticleError, extract_html, looks_like_html
from detente.ingest.jsonl import JSONL_SUFFIXES, JsonlFields, read_jsonl
from detente.ingest.textdump import clean_text_dump, stop_word_share
from detente.ingest.warc import WARC_SUFFIXES, read_warc
from detente.model import Article, DatePoint

TEXT_SUFFIXES = {".txt", ".text", ".html", ".htm", ".xhtml", *JSONL_SUFFIXES, *WARC_SUFFIXES}
MAX_BYTES = 50_000_000
MIN_WORDS_FOR_LANGUAGE = 30  # shorter texts say too little about their language
MIN_ENGLISH_SHARE = 0.15


@dataclass(frozen=True)
class IngestFailure:
    path: str
    message: str

    def __str__(self) -> str:
        return f"{self.path}: {self.message}"


def iter_files(paths: Iterable[str | Path]) -> Iterator[Path | IngestFailure]:
    """Files named directly, and files with a known suffix inside folders (sorted)."""
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            for child in sorted(path.rglob("*")):
                if child.is_file() and _suffix(child) in TEXT_SUFFIXES:
                    yield child
        elif path.is_file():
            yield path
        else:
            yield IngestFailure(str(path), "no such file or folder")


def _suffix(path: Path) -> str:
    suffixes = path.suffixes
    if suffixes and suffixes[-1] == ".gz":
        return suffixes[-2] if len(suffixes) > 1 else ""
    return path.suffix.lower()


def read_text(path: Path) -> str:
    """Decoded text of a file (.gz transparently); raises ValueError with a reason."""
    try:
        data = path.read_bytes()
    except OSError as error:
        raise ValueError(f"cannot read file ({error.strerror or error})") from None
    if path.suffix == ".gz":
        try:
            data = gzip.decompress(data)
        except (OSError, EOFError, zlib.error) as error:
            raise ValueError(f"broken gzip data ({error})") from None
    if not data.strip():
        raise ValueError("empty file")
    if len(data) > MAX_BYTES:
        raise ValueError(f"file too large ({len(data):,} bytes; limit {MAX_BYTES:,})")
    if b"\x00" in data[:8192]:
        raise ValueError("binary file, not text or HTML")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise ValueError(f"invalid UTF-8 at byte {error.start}") from None


def article_from_text(doc: str, raw: str, path: str | None = None) -> Article:
    """Build an article from the raw text of a page (HTML or plain-text dump)."""
    if looks_like_html(raw):
        page = extract_html(raw)
        title, paragraphs, pub_date, url, kind = (
            page.title, page.paragraphs, page.pub_date, page.url, "html")
    else:
        dump = clean_text_dump(raw)
        title, paragraphs, pub_date, url, kind = (
            dump.title, dump.paragraphs, dump.pub_date, None, "text")
    if not paragraphs:
        raise NoArticleError("no article text found (only page furniture)")
    _require_english(paragraphs)
    paragraphs, dateline_date = _strip_dateline(paragraphs)
    if not pub_date and dateline_date:
        pub_date = dateline_date
    return Article(doc=doc, paragraphs=paragraphs, title=title, pub_date=pub_date,
                   path=path, url=url, source_format=kind)


def _require_english(paragraphs: list[str]) -> None:
    """The coder reads English: a page in another language is skipped with a reason
    rather than miscoded. English prose is about 40% function words."""
    words = " ".join(paragraphs).split()
    if len(words) < MIN_WORDS_FOR_LANGUAGE:
        return
    share = stop_word_share(words)
    if share < MIN_ENGLISH_SHARE:
        raise NoArticleError(f"not English (only {share:.0%} English function words)")


def article_from_clean_text(doc: str, text: str) -> Article:
    """An article from text that is already clean (one paragraph per line)."""
    paragraphs = [" ".join(line.split()) for line in text.splitlines() if line.strip()]
    if not paragraphs:
        raise NoArticleError("no text")
    return Article(doc=doc, paragraphs=paragraphs)


def _strip_dateline(paragraphs: list[str]) -> tuple[list[str], DatePoint]:
    place, when, rest = split_dateline(paragraphs[0])
    if place is None:
        return paragraphs, DatePoint()
    return [rest, *paragraphs[1:]], when


def _from_jsonl_text(doc: str, text: str, is_html: bool) -> Article:
    return article_from_text(doc, text) if is_html else article_from_clean_text(doc, text)


def read_articles(paths: Iterable[str | Path],
                  fields: JsonlFields | None = None) -> Iterator[Article | IngestFailure]:
    """Articles from files and folders, in order; failures in place of bad files
    (and of bad lines of JSONL files, whose ``fields`` name the article's parts,
    and bad records of WARC files)."""
    for item in iter_files(paths):
        if isinstance(item, IngestFailure):
            yield item
            continue
        suffix = _suffix(item)
        if suffix in JSONL_SUFFIXES or suffix in WARC_SUFFIXES:
            records = (read_jsonl(item, fields or JsonlFields(), _from_jsonl_text)
                       if suffix in JSONL_SUFFIXES else read_warc(item, article_from_text))
            for name, result in records:
                yield result if isinstance(result, Article) else IngestFailure(name, result)
            continue
        try:
            yield article_from_text(item.name, read_text(item), str(item))
        except (ValueError, NoArticleError) as error:
            yield IngestFailure(str(item), str(error))
