"""Fuzzing the readers, the cleaners and the coder: whatever the input, the only
outcomes are articles, one-line ``IngestFailure``s and ``IngestWarning``s (a record
kept with something of it dropped, such as a date that is no date) and coded events; nothing
raises, nothing hangs. Examples are bounded so the suite stays fast."""

from __future__ import annotations

import gzip
import json
import signal
import tempfile
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import timedelta
from functools import cache, wraps
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from detente.actors.dictionary import actor_dictionary
from detente.events.patterns import PatternBook
from detente.ingest.outcomes import IngestWarning
from detente.ingest.readers import IngestFailure, article_from_clean_text, read_articles
from detente.ingest.textdump import clean_text_dump
from detente.model import STATUSES, Article
from detente.pipeline import Pipeline

pytestmark = pytest.mark.fault

SECONDS_PER_EXAMPLE = 10  # far above any real input of this size: only a hang trips it
FUZZ = settings(max_examples=100, deadline=timedelta(seconds=SECONDS_PER_EXAMPLE),
                suppress_health_check=[HealthCheck.too_slow])


def bounded(test: Callable) -> Callable:
    """Fail an example that runs past ``SECONDS_PER_EXAMPLE`` instead of hanging."""
    @wraps(test)
    def run(*args, **kwargs):
        def expire(*_: object) -> None:
            raise TimeoutError(f"no result after {SECONDS_PER_EXAMPLE} s: a hang")
        previous = signal.signal(signal.SIGALRM, expire)
        signal.setitimer(signal.ITIMER_REAL, SECONDS_PER_EXAMPLE)
        try:
            return test(*args, **kwargs)
        finally:
            signal.setitimer(signal.ITIMER_REAL, 0)
            signal.signal(signal.SIGALRM, previous)
    return run


@contextmanager
def file_with(name: str, data: bytes) -> Iterator[Path]:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / name
        path.write_bytes(data)
        yield path


def read_only_articles_or_failures(
        path: Path) -> list[Article | IngestFailure | IngestWarning]:
    results = list(read_articles([path]))
    for result in results:
        assert isinstance(result, Article | IngestFailure | IngestWarning)
        if isinstance(result, IngestFailure | IngestWarning):
            assert result.message and "\n" not in result.message
    return results


news_words = st.sampled_from(
    "the minister said on Monday that talks with North Korea would resume in Geneva "
    "Click here to subscribe Share this article Advertisement Copyright 2000 Reuters "
    "Seoul Washington Pyongyang summit sanctions nuclear agreed rejected".split())
news_line = st.lists(news_words, min_size=0, max_size=30).map(" ".join)
page_text = st.lists(st.one_of(news_line, st.text(max_size=80)), max_size=40).map("\n".join)


@FUZZ
@given(data=st.binary(max_size=4000),
       suffix=st.sampled_from([".txt", ".html", ".jsonl", ".warc", ".txt.gz", ".jsonl.gz",
                               ".warc.gz"]),
       compress=st.booleans())
@bounded
def test_any_bytes_in_any_kind_of_file(data, suffix, compress):
    if suffix.endswith(".gz") and compress:
        data = gzip.compress(data)[: len(data) + 20]  # sometimes cut short
    with file_with(f"input{suffix}", data) as path:
        read_only_articles_or_failures(path)


json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | page_text,
    lambda children: st.lists(children, max_size=3) | st.dictionaries(st.text(), children,
                                                                      max_size=3),
    max_leaves=8)
json_records = st.fixed_dictionaries(
    {}, optional={key: json_values for key in ("text", "title", "date", "url", "id")})


@FUZZ
@given(lines=st.lists(st.one_of(json_records.map(json.dumps), st.text(max_size=60)),
                      min_size=1, max_size=8))
@bounded
def test_jsonl_lines_of_any_shape(lines):
    text = "\n".join(lines)
    with file_with("export.jsonl", text.encode("utf-8", "surrogatepass")) as path:
        results = read_only_articles_or_failures(path)
    outcomes = [result for result in results if not isinstance(result, IngestWarning)]
    assert len(outcomes) <= len(text.splitlines()) + 1  # one article or failure per line at most


def warc_record(body: bytes, content_type: bytes, length_offset: int) -> bytes:
    payload = (b"HTTP/1.1 200 OK\r\nContent-Type: " + content_type + b"\r\n\r\n" + body)
    return (b"WARC/1.0\r\nWARC-Type: response\r\nWARC-Target-URI: http://example.org/a\r\n"
            b"Content-Type: application/http; msgtype=response\r\nContent-Length: "
            + str(max(len(payload) + length_offset, 0)).encode() + b"\r\n\r\n" + payload
            + b"\r\n\r\n")


@FUZZ
@given(records=st.lists(st.tuples(
           st.one_of(st.binary(max_size=600), page_text.map(
               lambda text: f"<html><body><p>{text}</p></body></html>".encode())),
           st.sampled_from([b"text/html", b"text/html; charset=latin-1",
                            b"text/html; charset=nonsense", b"image/png"]),
           st.sampled_from([0, 0, -5, 7])), min_size=1, max_size=4),
       garbage=st.binary(max_size=50))
@bounded
def test_warc_ish_bytes(records, garbage):
    data = b"".join(warc_record(*record) for record in records) + garbage
    with file_with("crawl.warc", data) as path:
        read_only_articles_or_failures(path)


@FUZZ
@given(text=page_text)
@bounded
def test_the_text_dump_cleaner_returns_lines_of_the_page(text):
    dump = clean_text_dump(text)
    page = " ".join(text.split())
    for paragraph in dump.paragraphs:
        assert paragraph.strip()
        assert all(word in page for word in paragraph.split()[:3])


@FUZZ
@given(title=st.text(max_size=40), paragraphs=st.lists(page_text, max_size=6),
       markup=st.sampled_from(["<p>{}</p>", "<div>{}</div>", "<li>{}", "<script>{}</script>",
                               "<p><b>{}</p></b>", "{}"]))
@bounded
def test_html_pages_of_any_content(title, paragraphs, markup):
    body = "".join(markup.format(paragraph) for paragraph in paragraphs)
    page = f"<html><head><title>{title}</title></head><body>{body}</body></html>"
    with file_with("page.html", page.encode("utf-8", "surrogatepass")) as path:
        read_only_articles_or_failures(path)


@cache
def coding_vocabulary() -> list[str]:
    """Actor names and titles, event trigger words, and the glue words between them."""
    actors = sorted(actor_dictionary().entries)[::7]
    triggers = sorted({trigger for trigger, _ in PatternBook().by_trigger})[::3]
    glue = "the a of to in on and not will said would with after before last year".split()
    return actors + triggers + glue


@pytest.mark.slow
@settings(FUZZ, max_examples=40)
@given(data=st.data())
@bounded
def test_the_coder_on_random_sentences_of_dictionary_words(data, pipeline: Pipeline):
    words = coding_vocabulary()
    sentence = st.lists(st.sampled_from(words), min_size=2, max_size=25).map(
        lambda chosen: " ".join(chosen).capitalize() + ".")
    paragraphs = data.draw(st.lists(st.lists(sentence, min_size=1, max_size=3).map(" ".join),
                                    min_size=1, max_size=3))
    article = article_from_clean_text("fuzz", "\n".join(paragraphs))
    coded = pipeline.code(article)
    for event in coded.events:
        start, end = event.span
        assert 0 <= start < end <= len(article.text)
        assert event.status in STATUSES and event.cameo[:2].isdigit()
