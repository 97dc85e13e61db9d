"""JSONL exports: one article per line, with configurable field names.

News archives and scrapers often hand over JSON lines rather than pages. Each
line becomes one article (its text may be clean text or HTML); a bad line is a
failure of its own, named ``file:line``, and the rest of the file goes on; a
line whose date field holds no date is stored without one, after a warning. The
file is streamed line by line, and a line longer than the article limit is
skipped in chunks, so memory stays flat however long the file or the line.
Lines should be UTF-8; one that is not is decoded like any page of unknown
encoding rather than lost."""

from __future__ import annotations

import codecs
import gzip
import itertools
import json
import zlib
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import IO

from detente.ingest.dates import filed_date, parse_date
from detente.ingest.encoding import BinaryDataError, decode
from detente.ingest.html import NoArticleError, looks_like_html
from detente.ingest.limits import over_limit
from detente.ingest.outcomes import IngestWarning
from detente.model import Article, DatePoint

JSONL_SUFFIXES = {".jsonl", ".ndjson"}
# Builds an article from a line's text: (doc name, text, whether it is HTML).
ArticleMaker = Callable[[str, str, bool], Article]


@dataclass(frozen=True)
class JsonlFields:
    """Which keys of a JSON line hold the article's parts."""

    text: str = "text"
    title: str = "title"
    date: str = "date"
    url: str = "url"
    id: str = "id"
    site: str | None = None  # the publisher's name, when the export has it


CHUNK = 1 << 20  # how an over-long line is skipped


def _open(path: Path) -> IO[bytes]:
    if path.suffix == ".gz":
        return gzip.open(path, "rb")  # type: ignore[return-value]  # a GzipFile reads bytes
    return path.open("rb")


def _lines(handle: IO[bytes], max_bytes: int) -> Iterator[tuple[int, bytes | None]]:
    """``(line number, bytes)`` per non-blank line; None for a line over
    ``max_bytes``, which is skipped without being held in memory."""
    for number in itertools.count(1):
        line = handle.readline(max_bytes + 1)
        if not line:
            return
        if len(line) > max_bytes and not line.endswith(b"\n"):
            while (rest := handle.readline(CHUNK)) and not rest.endswith(b"\n"):
                pass
            yield number, None
            continue
        if number == 1:
            line = line.removeprefix(codecs.BOM_UTF8)
        if line.strip():
            yield number, line


def _date(value: object) -> DatePoint:
    """An ISO timestamp or a written date; anything else is no date."""
    if not isinstance(value, str) or not value.strip():
        return DatePoint()
    try:
        return DatePoint(date.fromisoformat(value.strip()[:10]).isoformat(), "day", "metadata")
    except ValueError:
        written = parse_date(value)
        return DatePoint(written.value, written.precision, "metadata") if written else written


def read_jsonl(path: Path, fields: JsonlFields, make_article: ArticleMaker,
               max_bytes: int) -> Iterator[tuple[str, Article | IngestWarning | str]]:
    """``(name, article)`` per good line, ``(name, reason)`` per bad one, and
    ``(name, warning)`` before the article of a line with a date that is not one.

    ``make_article(name, text, is_html)`` builds the article from the text field;
    a line over ``max_bytes`` fails unread."""
    try:
        handle = _open(path)
    except OSError as error:
        yield str(path), f"cannot read file ({error.strerror or error})"
        return
    number = 0
    with handle:
        try:
            for number, line in _lines(handle, max_bytes):
                if line is None:
                    yield f"{path}:{number}", over_limit(None, max_bytes)
                else:
                    yield from _article(path, number, line, fields, make_article)
        except (OSError, EOFError, zlib.error) as error:
            yield f"{path}:{number + 1}", f"unreadable from here on ({error})"


def _text(line: bytes) -> str:
    try:
        return line.decode("utf-8")
    except UnicodeDecodeError:
        return decode(line).text


def _article(path: Path, number: int, line: bytes, fields: JsonlFields,
             make_article: ArticleMaker) -> Iterator[tuple[str, Article | IngestWarning | str]]:
    name = f"{path}:{number}"
    try:
        record = json.loads(_text(line))
    except BinaryDataError as error:
        yield name, str(error)
        return
    except json.JSONDecodeError as error:
        yield name, f"invalid JSON ({error.msg} at column {error.colno})"
        return
    if not isinstance(record, dict):
        yield name, "a JSON line must be an object"
        return
    text = record.get(fields.text)
    if not isinstance(text, str) or not text.strip():
        yield name, f"no text in field {fields.text!r}"
        return
    doc = f"{path.name}:{record.get(fields.id, number)}"
    try:
        article = make_article(doc, text, looks_like_html(text))
    except (ValueError, NoArticleError) as error:
        yield name, str(error)
        return
    title = record.get(fields.title)
    article.title = title if isinstance(title, str) else article.title
    given = record.get(fields.date)
    published = _date(given)
    if given not in (None, "") and not published:
        shown = " ".join(json.dumps(given, ensure_ascii=False).split())[:80]
        yield name, IngestWarning(name, f"{fields.date!r} holds {shown}, not a date; "
                                        "stored without it")
    article.pub_date = published or article.pub_date
    url = record.get(fields.url)
    article.url = url if isinstance(url, str) else article.url
    article.pub_date = article.pub_date or filed_date(article.url)
    site = record.get(fields.site) if fields.site else None
    article.site = site.strip() if isinstance(site, str) and site.strip() else article.site
    article.path = str(path)
    yield name, article
