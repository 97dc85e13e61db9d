"""Turning paths into articles: walk files and folders, decode, pick the cleaner.

Every input yields either an ``Article`` or an ``IngestFailure`` naming the file
and the problem in one line, so one bad file never stops a batch."""

from __future__ import annotations

import gzip
import os
import stat
import zlib
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from fnmatch import fnmatchcase
from pathlib import Path

from detente.datelines import dateline_month_day, split_dateline
from detente.ingest.dates import date_in_path, filed_date, resolve_month_day
from detente.ingest.encoding import Decoded, decode
from detente.ingest.html import NoArticleError, extract_html, looks_like_html, site_of
from detente.ingest.inferred_year import infer_year
from detente.ingest.jsonl import JSONL_SUFFIXES, JsonlFields, read_jsonl
from detente.ingest.language import SCRIPT_SAMPLE_CHARS, dominant_script, identify, language
from detente.ingest.limits import MAX_ARTICLE_BYTES, over_limit
from detente.ingest.outcomes import IngestFailure, IngestWarning
from detente.ingest.textdump import clean_text_dump, word_count
from detente.ingest.warc import WARC_SUFFIXES, read_warc
from detente.model import Article, DatePoint
from detente.settings import settings

TEXT_SUFFIXES = {".txt", ".text", ".html", ".htm", ".xhtml", *JSONL_SUFFIXES, *WARC_SUFFIXES}
MIN_WORDS_FOR_LANGUAGE = settings().ingest.min_words_for_language


@dataclass(frozen=True)
class FileFilter:
    """Which files of a folder to read, by glob patterns on their path relative
    to the folder (``/``-separated). A pattern without ``/`` is also tried on the
    file name alone, so ``*.html`` matches at every depth. With no ``include``
    the files with a known suffix are read."""

    include: tuple[str, ...] = ()
    exclude: tuple[str, ...] = ()

    def wants(self, relative: str) -> bool:
        if self.include:
            if not _matches(relative, self.include):
                return False
        elif _suffix(Path(relative)) not in TEXT_SUFFIXES:
            return False
        return not _matches(relative, self.exclude)

    def prunes(self, relative_folder: str) -> bool:
        """A folder whose every file an exclude pattern ending in ``*`` matches
        (``drafts/*``) is not walked at all."""
        return any(pattern.endswith("*") and fnmatchcase(relative_folder + "/", pattern)
                   for pattern in self.exclude)


def _matches(relative: str, patterns: tuple[str, ...]) -> bool:
    name = relative.rsplit("/", 1)[-1]
    return any(fnmatchcase(relative, pattern) or ("/" not in pattern and fnmatchcase(name, pattern))
               for pattern in patterns)


def iter_files(paths: Iterable[str | Path], include: list[str] | None = None,
               exclude: list[str] | None = None) -> Iterator[Path | IngestFailure]:
    """Files named directly (always read), and the files inside folders that the
    ``include``/``exclude`` globs select, in path order. Folders are walked one
    directory at a time, so a tree of millions of files starts at once."""
    chosen = FileFilter(tuple(include or ()), tuple(exclude or ()))
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            yield from _walk(path, "", chosen)
        elif path.is_file():
            yield path
        else:
            yield IngestFailure(str(path), _not_a_file(path))


def _walk(folder: Path, relative: str, chosen: FileFilter) -> Iterator[Path | IngestFailure]:
    """Depth-first in name order (the order of sorted paths); symlinked folders
    are not followed, so a link loop cannot trap the walk."""
    try:
        with os.scandir(folder) as scan:
            entries = sorted(scan, key=lambda entry: entry.name)
    except OSError as error:
        yield IngestFailure(str(folder), f"cannot read folder ({error.strerror or error})")
        return
    for entry in entries:
        inner = f"{relative}{entry.name}"
        if entry.is_dir(follow_symlinks=False):
            if not chosen.prunes(inner):
                yield from _walk(Path(entry.path), inner + "/", chosen)
        elif chosen.wants(inner):
            yield Path(entry.path) if entry.is_file() else IngestFailure(
                entry.path, _not_a_file(Path(entry.path)))


def _not_a_file(path: Path) -> str:
    """Why a path that is neither a folder nor a file cannot be read (a named pipe
    would block the run, a device never ends)."""
    try:
        mode = path.stat().st_mode
    except FileNotFoundError:
        return ("broken symbolic link" if path.is_symlink() else "no such file or folder")
    except OSError as error:
        return f"cannot read it ({error.strerror or error})"
    kind = ("a named pipe (FIFO)" if stat.S_ISFIFO(mode) else "a socket" if stat.S_ISSOCK(mode)
            else "a device" if stat.S_ISCHR(mode) or stat.S_ISBLK(mode) else "special")
    return f"not a regular file ({kind}); not read"


def _suffix(path: Path) -> str:
    suffixes = path.suffixes
    if suffixes and suffixes[-1] == ".gz":
        return suffixes[-2].lower() if len(suffixes) > 1 else ""
    return path.suffix.lower()


def read_text(path: Path, max_bytes: int = MAX_ARTICLE_BYTES) -> Decoded:
    """Decoded text of one article file (.gz transparently) and its encoding;
    raises ValueError with a one-line reason. A file over ``max_bytes`` fails
    without being read."""
    try:
        data = _read_bytes(path, max_bytes)
    except OSError as error:
        raise ValueError(f"cannot read file ({error.strerror or error})") from None
    if not data.strip():
        raise ValueError("empty file")
    return decode(data)


def _read_bytes(path: Path, max_bytes: int) -> bytes:
    if path.suffix != ".gz":
        size = path.stat().st_size
        if size > max_bytes:
            raise ValueError(over_limit(size, max_bytes))
        return path.read_bytes()
    try:
        with gzip.open(path, "rb") as stream:
            data = stream.read(max_bytes + 1)
    except (EOFError, zlib.error, gzip.BadGzipFile) as error:
        raise ValueError(f"broken gzip data ({error})") from None
    if len(data) > max_bytes:
        raise ValueError(over_limit(None, max_bytes))
    return data


def article_from_text(doc: str, raw: str, path: str | None = None) -> Article:
    """Build an article from the raw text of a page (HTML or plain-text dump)."""
    if looks_like_html(raw):
        page = extract_html(raw)
        return _article(doc, page.paragraphs, title=page.title, pub_date=page.pub_date,
                        path=path, url=page.url, kind="html",
                        site=page.site or site_of(page.url))
    dump = clean_text_dump(raw)
    return _article(doc, dump.paragraphs, title=dump.title, pub_date=dump.pub_date, path=path,
                    dateline=dump.dateline, stamp_below=dump.stamp_below)


def _article(doc: str, paragraphs: list[str], *, title: str | None = None,
             pub_date: DatePoint | None = None, path: str | None = None,
             url: str | None = None, kind: str = "text", site: str | None = None,
             dateline: str | None = None, stamp_below: DatePoint | None = None) -> Article:
    """What every article goes through: it must have text, be in English, lose its
    wire dateline (whose date stands in for a missing one; a dateline's month and
    day take the year of a date known from the page, its URL or its path), else
    take the day or month its URL or path is filed under, else a date stamp printed
    below the story and, dated nowhere, get the year its text gives strong evidence
    of, marked as inferred. The dateline's
    place is kept (``Article.dateline``): where the story was filed."""
    if not paragraphs:
        raise NoArticleError("no article text found (only page furniture)")
    _require_english(paragraphs)
    month_day = dateline_month_day(paragraphs[0])
    paragraphs, dateline_date, place = _strip_dateline(paragraphs)
    if not (pub_date and pub_date.precision == "day"):  # else the page's own date stands
        if dateline_date:
            pub_date = dateline_date
        elif month_day:
            known = pub_date or date_in_path(url) or date_in_path(path)
            pub_date = resolve_month_day(*month_day, known) or pub_date
    pub_date = pub_date or filed_date(url, path) or stamp_below or infer_year(paragraphs)
    return Article(doc=doc, paragraphs=paragraphs, title=title, pub_date=pub_date,
                   path=path, url=url, source_format=kind, site=site,
                   dateline=place or dateline)


def _require_english(paragraphs: list[str]) -> None:
    """The coder reads English: a page in another language is skipped with a reason
    naming the language rather than miscoded. A page in another script is told
    however short; among Latin-script languages a short text (a caption, a
    one-line item) says too little and is let through."""
    text = " ".join(paragraphs)
    script = dominant_script(text[:SCRIPT_SAMPLE_CHARS])
    english = language("en")
    if script is None or (script == english.script
                          and word_count(text) < MIN_WORDS_FOR_LANGUAGE):
        return
    found = identify(text)
    if found is None:
        raise NoArticleError("skipped: page language not recognised, not English")
    if found != english:
        raise NoArticleError(f"skipped: page is in {found.name} ({found.code}), not English")


def clean_lines(text: str) -> list[str]:
    """The non-blank lines of clean text, spaces normalised: its paragraphs."""
    return [" ".join(line.split()) for line in text.splitlines() if line.strip()]


def article_from_clean_text(doc: str, text: str) -> Article:
    """An article from text that is already clean (one paragraph per line), taken
    as it is: no language check, no dateline split, no date inference."""
    paragraphs = clean_lines(text)
    if not paragraphs:
        raise NoArticleError("no text")
    return Article(doc=doc, paragraphs=paragraphs)


def _strip_dateline(paragraphs: list[str]) -> tuple[list[str], DatePoint, str | None]:
    place, when, rest = split_dateline(paragraphs[0])
    if place is None or not rest.strip():
        return paragraphs, DatePoint(), None
    return [rest, *paragraphs[1:]], when, place


def _from_jsonl_text(doc: str, text: str, is_html: bool) -> Article:
    return article_from_text(doc, text) if is_html else _article(doc, clean_lines(text))


def read_articles(paths: Iterable[str | Path], fields: JsonlFields | None = None, *,
                  include: list[str] | None = None, exclude: list[str] | None = None,
                  max_bytes: int = MAX_ARTICLE_BYTES
                  ) -> Iterator[Article | IngestFailure | IngestWarning]:
    """Articles from files and folders, in order, streamed; failures in place of
    bad files (and of bad lines of JSONL files, whose ``fields`` name the
    article's parts, and bad records of WARC files); a warning before an article
    read with a part left out (a JSONL date that is not one). ``include``/``exclude`` are
    glob filters for files inside folders (see ``FileFilter``); ``max_bytes``
    caps one article (a file, a JSONL line, a WARC record)."""
    for item in iter_files(paths, include, exclude):
        if isinstance(item, IngestFailure):
            yield item
            continue
        suffix = _suffix(item)
        if suffix in JSONL_SUFFIXES or suffix in WARC_SUFFIXES:
            records = (read_jsonl(item, fields or JsonlFields(), _from_jsonl_text, max_bytes)
                       if suffix in JSONL_SUFFIXES
                       else read_warc(item, article_from_text, max_bytes))
            for name, result in records:
                yield (result if isinstance(result, Article | IngestWarning)
                       else IngestFailure(name, result))
            continue
        try:
            yield article_from_text(item.name, read_text(item, max_bytes).text, str(item))
        except (ValueError, NoArticleError) as error:
            yield IngestFailure(str(item), str(error))
