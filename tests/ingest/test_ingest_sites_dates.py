"""Where an article comes from (its site) and the year of a yearless dateline,
plus JSONL files that are .ndjson or too long to hold in memory."""

from __future__ import annotations

import gzip
import json
import time
import tracemalloc
from io import BytesIO

import pytest
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from detente.datelines import dateline_month_day
from detente.ingest.dates import date_in_path, resolve_month_day
from detente.ingest.jsonl import JsonlFields
from detente.ingest.readers import IngestFailure, read_articles
from detente.model import DatePoint

PROSE = ("The leaders of the two Koreas signed a joint declaration in Pyongyang on "
         "Thursday, promising to work towards reunification and family reunions.")


def page(site_meta: str = "", head: str = "") -> str:
    return ("<!DOCTYPE html><html><head><title>Koreas agree</title>" + site_meta + head
            + "</head><body><article><h1>Koreas agree</h1>"
            + "".join(f"<p>Paragraph {i}: {PROSE}</p>" for i in range(4))
            + "</article></body></html>")


def test_an_html_page_names_its_site(tmp_path):
    named = tmp_path / "named.html"
    named.write_text(page('<meta property="og:site_name" content="Example News">'))
    hosted = tmp_path / "hosted.html"
    hosted.write_text(page(head='<link rel="canonical" href="https://www.example.org/a/b">'))
    first, second = read_articles([named, hosted])
    assert first.site == "Example News"
    assert second.site == "example.org"


def test_a_plain_file_has_no_site(tmp_path):
    path = tmp_path / "note.txt"
    path.write_text(PROSE + "\n")
    [article] = read_articles([path])
    assert article.site is None


def test_a_jsonl_site_field(tmp_path):
    path = tmp_path / "feed.jsonl"
    path.write_text(json.dumps({"id": "1", "text": PROSE, "outlet": "The Daily"}) + "\n"
                    + json.dumps({"id": "2", "text": PROSE + " Again.", "outlet": 7}) + "\n")
    first, second = read_articles([path], JsonlFields(site="outlet"))
    assert first.site == "The Daily" and second.site is None
    [plain, _] = read_articles([path])  # no --site-field: no site
    assert plain.site is None


def test_a_warc_record_is_of_its_urls_host(tmp_path):
    buffer = BytesIO()
    writer = WARCWriter(buffer, gzip=True)
    headers = StatusAndHeaders("200 OK", [("Content-Type", "text/html; charset=utf-8")],
                               protocol="HTTP/1.1")
    writer.write_record(writer.create_warc_record(
        "https://www.wire.example.com/2000/06/15/koreas", "response",
        payload=BytesIO(page().encode()), http_headers=headers))
    path = tmp_path / "crawl.warc.gz"
    path.write_bytes(buffer.getvalue())
    [article] = read_articles([path])
    assert article.site == "wire.example.com"


def test_an_ndjson_file_is_read_like_jsonl(tmp_path):
    path = tmp_path / "feed.ndjson"
    path.write_text(json.dumps({"id": "a", "text": PROSE, "date": "2000-06-15"}) + "\n")
    [article] = read_articles([tmp_path])  # found in a folder by its suffix
    assert article.doc == "feed.ndjson:a" and article.pub_date.value == "2000-06-15"


@pytest.mark.slow
def test_a_long_gzipped_jsonl_streams_in_bounded_memory(tmp_path):
    path = tmp_path / "big.jsonl.gz"
    lines = 50_000
    with gzip.open(path, "wt", encoding="utf-8") as stream:
        for number in range(lines):
            stream.write(json.dumps({"id": number, "text": f"Item {number}: talks went on."})
                         + "\n")
    started = time.perf_counter()
    tracemalloc.start()
    try:
        seen = failed = 0
        for item in read_articles([path]):
            if isinstance(item, IngestFailure):
                failed += 1
            else:
                seen += 1
            if seen == 1000:
                early, _ = tracemalloc.get_traced_memory()
        current, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert (seen, failed) == (lines, 0)
    assert peak < 8_000_000, f"peak {peak} bytes while streaming"
    assert current - early < 1_000_000, "memory grew with the lines read"
    assert time.perf_counter() - started < 30


def test_a_yearless_dateline_takes_a_known_year(tmp_path):
    text = ("WASHINGTON, March 3 (Reuters) - " + PROSE + "\n\n" + PROSE.replace("Thursday",
                                                                              "Friday") + "\n")
    filed = tmp_path / "2000" / "03" / "story.txt"
    filed.parent.mkdir(parents=True)
    filed.write_text(text)
    loose = tmp_path / "loose" / "story.txt"
    loose.parent.mkdir()
    loose.write_text(text)
    [dated] = read_articles([filed])
    assert dated.pub_date == DatePoint("2000-03-03", "day", "dateline")
    assert dated.paragraphs[0].startswith("The leaders")
    [undated] = read_articles([loose])
    assert undated.paragraphs[0].startswith("The leaders")
    assert undated.pub_date.precision != "day"  # no year is invented for "March 3"


def test_a_yearless_dateline_with_a_url_date_in_html(tmp_path):
    path = tmp_path / "page.html"
    path.write_text(page(head='<link rel="canonical" href="https://example.org/2001/01/">')
                    .replace("<p>Paragraph 0: ", "<p>SEOUL, Dec. 31 (AP) - Paragraph 0: "))
    [article] = read_articles([path])
    if article.pub_date.basis != "metadata":  # trafilatura found no date of its own
        assert article.pub_date == DatePoint("2000-12-31", "day", "dateline")


def test_month_and_day_take_the_nearest_year():
    assert dateline_month_day("WASHINGTON, March 3 (Reuters) - Talks") == (3, 3)
    assert dateline_month_day("LONDON, 3 March (AP) - Talks") == (3, 3)
    assert dateline_month_day("SEOUL, June 15, 2000 (Reuters) - Talks") is None
    assert dateline_month_day("Talks went on, officials said.") is None
    new_year = DatePoint("2001-01-02", "day", "metadata")
    assert resolve_month_day(12, 31, new_year).value == "2000-12-31"
    assert resolve_month_day(1, 1, DatePoint("2000-12-30", "day", "metadata")).value == \
        "2001-01-01"
    assert resolve_month_day(3, 3, DatePoint("2000-03", "month", "path")).value == "2000-03-03"
    assert resolve_month_day(3, 3, DatePoint("2000", "year", "path")).value == "2000-03-03"
    assert resolve_month_day(2, 29, DatePoint("2001", "year", "path")) == DatePoint()
    assert resolve_month_day(3, 3, DatePoint()) == DatePoint()


def test_dates_in_paths():
    assert date_in_path("https://x.org/2000/03/04/story") == DatePoint("2000-03-04", "day", "path")
    assert date_in_path("/news/2000-03-04-talks.txt").value == "2000-03-04"
    assert date_in_path("/news/2000/03/talks.txt").value == "2000-03"
    assert date_in_path("/news/2000/talks.txt").value == "2000"
    assert date_in_path("/tmp/ab20001231.txt") == DatePoint()
    assert date_in_path("https://x.com/20240206/houthis-attack-1116620269.html").value == \
        "2024-02-06"  # a whole segment, as some sites file their stories
    assert date_in_path("https://x.com/news/1116620269.html") == DatePoint()
    assert date_in_path(None) == DatePoint()


def test_a_crawlers_date_stamp_dates_the_page_and_leaves_its_text(tmp_path):
    path = tmp_path / "dump.txt"
    path.write_text(f" date 2024-07-02 {PROSE}\n\n{PROSE.replace('Thursday', 'Friday')}\n")
    [article] = read_articles([path])
    assert article.pub_date == DatePoint("2024-07-02", "day", "date line")
    assert article.paragraphs[0].startswith("The leaders")


def test_a_page_dated_nowhere_else_takes_the_day_its_url_or_path_files_it_under(tmp_path):
    filed = tmp_path / "2021" / "12" / "19" / "story.txt"
    filed.parent.mkdir(parents=True)
    filed.write_text(f"{PROSE}\n\n{PROSE}\n")
    [article] = read_articles([filed])
    assert article.pub_date == DatePoint("2021-12-19", "day", "path")
    export = tmp_path / "export.jsonl"
    export.write_text(json.dumps({"text": PROSE, "url": "https://x.org/2023/06/19/talks"}) + "\n"
                      + json.dumps({"text": PROSE, "url": "https://x.org/2023/talks"}) + "\n")
    by_day, by_year = read_articles([export])
    assert by_day.pub_date == DatePoint("2023-06-19", "day", "path")
    assert not by_year.pub_date  # a year alone in a URL dates nothing


def test_a_date_stamp_below_the_story_dates_a_page_with_no_other_date(tmp_path):
    undated = tmp_path / "undated.txt"
    undated.write_text(f"{PROSE}\n\n{PROSE}\n\n2024-07-02\n\nComments are closed.\n")
    [article] = read_articles([undated])
    assert article.pub_date == DatePoint("2024-07-02", "day", "date line below")
    # the day a path files the page under comes first
    filed = tmp_path / "2021" / "12" / "19" / "story.txt"
    filed.parent.mkdir(parents=True)
    filed.write_text(undated.read_text())
    [article] = read_articles([filed])
    assert article.pub_date == DatePoint("2021-12-19", "day", "path")


@pytest.mark.parametrize(("url", "day"), [
    ("https://x.org/en/news/20230316_33/", "2023-03-16"),  # the day, then a story number
    ("https://x.org/reuters/20240705-196926/", "2024-07-05"),
    ("https://x.org/en/202412034485", "2024-12-03"),
    ("https://x.org/16-Jun-2020/summons", "2020-06-16"),  # a month's name
    ("https://x.org/home/2018/7/17/talks", "2018-07-17"),  # one-digit month
    ("https://x.org/article/21/12/2022/ties", "2022-12-21"),  # day first, year last
    ("https://x.org/12/21/2022/ties", "2022-12-21"),  # month first
])
def test_the_ways_sites_write_the_day_in_a_url(url, day):
    assert date_in_path(url) == DatePoint(day, "day", "path")


def test_a_day_and_month_that_read_either_way_date_nothing():
    assert date_in_path("https://x.org/05/06/2022/ties").precision == "year"
    assert date_in_path("https://x.org/node/20231399/") == DatePoint()  # no 13th month
