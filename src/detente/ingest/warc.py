"""WARC and WARC.gz files (web archives, CommonCrawl News): HTML responses in,
articles out, streamed record by record with warcio.

Only HTTP responses with an HTML body are news pages; requests, metadata and
other media types are passed over silently. A record that cannot be read or
holds no article is a failure of its own, named ``file#record-number``; a
broken archive ends with one failure after the records read so far, and so does
a truncated one (a record cut short is not an article, and a ``.warc.gz`` whose
last member is cut off says so). A body
over the article limit fails unread (warcio skips the rest of the record).
The body is decoded by the usual order of trust, with the HTTP header's
charset ranking just after valid UTF-8."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

from warcio.archiveiterator import ArchiveIterator
from warcio.exceptions import ArchiveLoadFailed
from warcio.recordloader import ArcWarcRecord

from detente.ingest.encoding import decode
from detente.ingest.html import NoArticleError, site_of
from detente.ingest.limits import over_limit
from detente.model import Article

WARC_SUFFIXES = {".warc", ".arc"}
# Builds an article from a page: (doc name, page text).
PageReader = Callable[[str, str], Article]


def _charset(content_type: str) -> str | None:
    for part in content_type.split(";"):
        key, _, value = part.strip().partition("=")
        if key.lower() == "charset" and value:
            return value.strip("\"' ")
    return None


class _Archive(ArchiveIterator):
    """warcio's record iterator, noting whether the gzip member it was reading when
    the file ended was whole: a file cut inside one ends silently otherwise."""

    cut_short = False

    def close(self) -> None:
        decompressor = self.reader.decompressor if self.reader else None
        self.cut_short = self.cut_short or not getattr(decompressor, "eof", True)
        super().close()


def _cut_short(record: ArcWarcRecord) -> str | None:
    """Why a record whose body has been read whole is incomplete: the file ended
    before the length its header declares."""
    missing = getattr(record.raw_stream, "limit", 0)
    return (f"truncated archive: the record ends {missing} bytes short of its declared "
            f"{record.length}") if missing else None


def read_warc(path: Path, make_article: PageReader,
              max_bytes: int) -> Iterator[tuple[str, Article | str]]:
    """``(name, article)`` per HTML response, ``(name, reason)`` per bad one;
    a body over ``max_bytes`` fails unread."""
    number = pages = 0
    reported_cut = False  # a record cut short has said the archive is truncated
    try:
        with path.open("rb") as stream:
            archive = _Archive(stream)
            for number, record in enumerate(archive, start=1):
                if record.rec_type != "response" or record.http_headers is None:
                    continue
                content_type = record.http_headers.get_header("Content-Type") or ""
                if "html" not in content_type.lower():
                    continue
                pages += 1
                name = f"{path}#{number}"
                url = record.rec_headers.get_header("WARC-Target-URI")
                body = record.content_stream().read(max_bytes + 1)
                if len(body) > max_bytes:
                    yield name, over_limit(None, max_bytes)
                    continue
                if reason := _cut_short(record):
                    reported_cut = True
                    yield name, reason
                    continue
                try:
                    page = decode(body, _charset(content_type)).text
                    article = make_article(f"{path.name}#{number}", page)
                except (ValueError, LookupError, NoArticleError) as error:
                    yield name, str(error)
                    continue
                article.url = article.url or url
                article.site = site_of(url) or article.site  # the host the page came from
                article.path = str(path)
                yield name, article
        if archive.cut_short and not reported_cut:
            yield str(path), "truncated archive: the file ends inside a gzip member"
        elif pages == 0 and not reported_cut:
            yield str(path), "no HTML responses in the archive (not a web archive?)"
    except OSError as error:
        yield str(path), f"cannot read file ({error.strerror or error})"
    # warcio meets garbage where a record header should be with these, AttributeError
    # included (a header line it could not parse is None)
    except (ArchiveLoadFailed, EOFError, ValueError, AttributeError) as error:
        reason = " ".join(str(error).split())[:200]
        yield f"{path}#{number + 1}", f"broken WARC record ({reason})"
