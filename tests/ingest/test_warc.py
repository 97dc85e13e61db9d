"""Web archives: HTML responses of a WARC file become articles, other records
are passed over, and a broken archive keeps what was read before the break."""

from __future__ import annotations

import gzip
from io import BytesIO

import pytest
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from detente.ingest.readers import IngestFailure, read_articles

PAGE = ("<!DOCTYPE html><html><head><title>Koreas agree</title>"
        '<meta property="article:published_time" content="2000-06-15T09:00:00Z"></head><body>'
        "<nav>Home | World</nav><article><h1>Koreas agree to reunite families</h1>"
        "<p>The leaders of the two Koreas signed a joint declaration in Pyongyang on Thursday, "
        "promising to work towards reunification and to reunite separated families.</p>"
        "<p>South Korean President Kim Dae-jung met North Korean leader Kim Jong-il three "
        "times during his visit, the first summit between the two states.</p>"
        "</article></body></html>")


def archive(path, records: list[tuple[str, str, bytes]], gzipped: bool = True) -> bytes:
    buffer = BytesIO()
    writer = WARCWriter(buffer, gzip=gzipped)
    for url, content_type, body in records:
        headers = StatusAndHeaders("200 OK", [("Content-Type", content_type)],
                                   protocol="HTTP/1.1")
        writer.write_record(writer.create_warc_record(url, "response", payload=BytesIO(body),
                                                      http_headers=headers))
    path.write_bytes(buffer.getvalue())
    return buffer.getvalue()


def test_html_responses_become_articles(tmp_path):
    path = tmp_path / "crawl.warc.gz"
    archive(path, [("https://example.org/koreas", "text/html; charset=utf-8", PAGE.encode()),
                   ("https://example.org/logo.png", "image/png", b"\x89PNG..."),
                   ("https://example.org/empty", "text/html", b"<html><body></body></html>")])
    results = list(read_articles([path]))
    [article] = [r for r in results if not isinstance(r, IngestFailure)]
    [failure] = [r for r in results if isinstance(r, IngestFailure)]
    assert article.url == "https://example.org/koreas"
    assert article.pub_date.value == "2000-06-15"
    assert article.paragraphs[0].startswith("The leaders of the two Koreas signed")
    assert failure.path.endswith("crawl.warc.gz#3") and "no article text" in failure.message


def test_a_broken_archive_keeps_the_records_before_the_break(tmp_path):
    path = tmp_path / "cut.warc"
    data = archive(path, [(f"https://example.org/{i}", "text/html", PAGE.encode())
                          for i in range(3)], gzipped=False)
    path.write_bytes(data[: int(len(data) * 0.7)] + b"garbage that is not a WARC header\r\n\r\n")
    results = list(read_articles([path]))
    articles = [r for r in results if not isinstance(r, IngestFailure)]
    failures = [r for r in results if isinstance(r, IngestFailure)]
    assert len(articles) == 2
    assert len(failures) == 1 and "broken WARC record" in failures[0].message


@pytest.mark.parametrize("kept", [0.75, 0.9, 0.97])
@pytest.mark.parametrize("name", ["cut.warc", "cut.warc.gz"])
def test_a_truncated_archive_says_so_and_keeps_its_whole_records(tmp_path, name, kept):
    """A download cut off mid-record: the record is not stored as a shorter
    article (nor reported as a page without text), the whole ones before it are."""
    path = tmp_path / name
    data = archive(path, [(f"https://example.org/{i}", "text/html", PAGE.encode())
                          for i in range(2)], gzipped=name.endswith(".gz"))
    path.write_bytes(data[: int(len(data) * kept)])
    results = list(read_articles([path]))
    [article] = [r for r in results if not isinstance(r, IngestFailure)]
    [failure] = [r for r in results if isinstance(r, IngestFailure)]
    assert article.url == "https://example.org/0"
    assert failure.message.startswith("truncated archive: ")


def test_gzip_that_is_not_a_warc_is_reported(tmp_path):
    path = tmp_path / "fake.warc.gz"
    path.write_bytes(gzip.compress(b"this is not an archive"))
    [failure] = list(read_articles([path]))
    assert isinstance(failure, IngestFailure) and "no HTML responses" in failure.message
