"""Ingest: the article text comes out of a page, the furniture stays behind,
dates are read off the page, and bad files fail one at a time."""

from __future__ import annotations

import gzip
import time
from pathlib import Path

import pytest

from detente.datelines import dateline_line, split_dateline
from detente.ingest.dates import is_date_line, parse_date
from detente.ingest.readers import IngestFailure, article_from_text, read_articles
from detente.ingest.textdump import clean_text_dump
from detente.model import DatePoint

FURNITURE = [
    "Dutch survivors thank RAF", "Recruitment Genius", "Latest stories", "Megagames",
    "Independent Dating", "Search BBC News Online", "North Korean soldier",
    "Vladimir Putin: July visit sealed a new era", "Beijing is seen as North Korea's main ally",
    "Links to more Asia-Pacific stories", "Making contacts", "Terms of Use",
]


def seed_articles(seeds: Path):
    return {article.doc[:3]: article for article in read_articles([seeds])}


def test_seed_pages_keep_only_the_article(seeds):
    articles = seed_articles(seeds)
    for article in articles.values():
        for phrase in FURNITURE:
            assert phrase not in article.text, (article.doc, phrase)
    assert len(articles["000"].paragraphs) == 8
    assert articles["000"].paragraphs[0].startswith("Forty-three years after")
    assert articles["000"].paragraphs[-1].endswith("diplomatically sensitive.")
    assert articles["002"].paragraphs[0].startswith("For years North Korea")
    assert articles["002"].paragraphs[-1].endswith("independent Korean peninsula.")


def test_seed_titles_and_dates(seeds):
    articles = seed_articles(seeds)
    assert articles["000"].title == "North Korea opens doors to US diplomats"
    # the page states no date, but "Forty-three years after the end of the Korean War" does
    assert articles["000"].pub_date == DatePoint("1996", "year", "inferred")
    assert articles["002"].title == "Pyongyang reaches out"
    assert articles["002"].pub_date.value == "2000-10-23"
    assert articles["002"].pub_date.precision == "day"


def test_article_identity_is_a_hash_of_the_clean_text(seeds):
    first = seed_articles(seeds)
    second = seed_articles(seeds)
    assert {a.doc_id for a in first.values()} == {a.doc_id for a in second.values()}
    assert len({a.doc_id for a in first.values()}) == 2


@pytest.mark.parametrize(("line", "iso"), [
    ("Monday, 23 October, 2000, 16:22 GMT 17:22 UK", "2000-10-23"),
    ("Published: June 15, 2000", "2000-06-15"),
    ("2019-02-28", "2019-02-28"),
])
def test_date_lines(line, iso):
    assert is_date_line(line)
    assert parse_date(line).value == iso


def test_prose_is_not_a_date_line():
    assert not is_date_line("On 23 October 2000 the two sides met again in Beijing for talks "
                            "that lasted well into the night.")


def test_wire_dateline_is_split_off():
    place, when, rest = split_dateline("SEOUL, June 15, 2000 (Reuters) - The two Koreas agreed.")
    assert place == "SEOUL" and when.value == "2000-06-15" and when.basis == "dateline"
    assert rest == "The two Koreas agreed."
    place, when, rest = split_dateline("WASHINGTON (AP) — Talks resumed.")
    assert place == "WASHINGTON" and not when and rest == "Talks resumed."
    assert split_dateline("Once suspicious, Pyongyang has gone on the offensive.")[0] is None


def test_the_dateline_place_ingest_takes_off_is_kept_on_the_article():
    article = article_from_text("t.txt", "SYDNEY (Reuters) - New Zealand and Fiji on Wednesday "
                                "signed a defence agreement.")
    assert article.paragraphs == ["New Zealand and Fiji on Wednesday signed a defence agreement."]
    assert article.dateline == "SYDNEY"
    prose = " ".join(["The two governments said the note was delivered on June 24, and "
                      "the committee was told that more letters had been sent since then."] * 3)
    dump = ("Nepal received a diplomatic note, says panel\n\nKATHMANDU, JULY 9\n\n"
            + "\n\n".join([prose] * 4))
    article = article_from_text("t.txt", dump)
    assert article.dateline == "KATHMANDU" and article.paragraphs[0] == prose
    assert dateline_line("KATHMANDU, JULY 9") == "KATHMANDU"
    assert dateline_line("WASHINGTON, March 3, 2021") == "WASHINGTON"
    assert dateline_line("HOME, WORLD, SPORT") is None


def test_html_page_gives_text_title_and_date(tmp_path):
    page = tmp_path / "page.html"
    page.write_text(
        "<!DOCTYPE html><html><head><title>Koreas agree</title>"
        '<meta property="article:published_time" content="2000-06-15T09:00:00Z"></head>'
        "<body><nav><a href='/'>Home</a> <a href='/world'>World</a></nav><article>"
        "<h1>Koreas agree to reunite families</h1>"
        + "".join(f"<p>Paragraph {i}: the leaders of the two Koreas signed a joint declaration "
                  "in Pyongyang on Thursday, promising to work towards reunification.</p>"
                  for i in range(4))
        + "</article><footer>Copyright 2000 Example News. All rights reserved.</footer>"
        "</body></html>", encoding="utf-8")
    [article] = read_articles([page])
    assert article.source_format == "html"
    assert article.pub_date.value == "2000-06-15"
    assert len(article.paragraphs) == 4
    assert "Copyright" not in article.text and "Home" not in article.text


def test_copies_of_a_page_come_out_whole_every_time(tmp_path):
    """Sites printing the same wire story all keep all its paragraphs."""
    story = "".join(f"<p>Paragraph {i}: the two Koreas agreed in Pyongyang on Thursday to "
                    "reunite families separated by the war, officials said after a meeting "
                    "that lasted well into the night.</p>" for i in range(3))
    sites = ("first", "second", "third", "fourth")
    for site in sites:
        (tmp_path / f"{site}.html").write_text(
            f"<html><head><title>{site}</title></head><body><article>{story}</article>"
            "</body></html>", encoding="utf-8")
    articles = list(read_articles([tmp_path]))
    assert [len(article.paragraphs) for article in articles] == [3] * len(sites)


def test_bad_inputs_fail_one_by_one(tmp_path):
    good = tmp_path / "good.txt"
    good.write_text("Headline here\n\n" + "North Korea and China held talks in Beijing on the "
                    "future of the six-party process, officials said on Monday.\n", "utf-8")
    (tmp_path / "empty.txt").write_text("")
    (tmp_path / "binary.txt").write_bytes(b"\x00\x01\x02binary\x00" * 20)
    (tmp_path / "nav.html").write_text("<html><body><nav>Home | World</nav></body></html>")
    (tmp_path / "headonly.html").write_text("<html><head><title>Only a title</title></head></html>")
    (tmp_path / "broken.txt.gz").write_bytes(gzip.compress(b"some text" * 100)[:30])
    results = list(read_articles([tmp_path, tmp_path / "missing.txt"]))
    failures = {Path(r.path).name: r.message for r in results if isinstance(r, IngestFailure)}
    assert [r.doc for r in results if not isinstance(r, IngestFailure)] == ["good.txt"]
    assert failures == {
        "binary.txt": "binary file, not text or HTML",
        "broken.txt.gz": failures["broken.txt.gz"],
        "empty.txt": "empty file",
        "missing.txt": "no such file or folder",
        "nav.html": "HTML page has no article text",
        "headonly.html": "HTML page has no article text",
    }
    assert failures["broken.txt.gz"].startswith("broken gzip data")
    assert all("\n" not in message for message in failures.values())


def test_pages_in_other_languages_are_skipped_with_a_reason(tmp_path):
    german = tmp_path / "nachricht.txt"
    german.write_text("Nordkorea und Südkorea\n\n" + " ".join([
        "Die beiden koreanischen Staaten haben am Dienstag in Pjöngjang ein Abkommen",
        "unterzeichnet, das die Zusammenführung getrennter Familien vorsieht.",
        "Der südkoreanische Präsident Kim Dae-jung traf den nordkoreanischen",
        "Machthaber Kim Jong-il dreimal während seines Besuchs, dem ersten Gipfel",
        "beider Staaten seit der Teilung der Halbinsel vor über fünfzig Jahren."]) + "\n",
        encoding="utf-8")
    [failure] = read_articles([german])
    assert isinstance(failure, IngestFailure)
    assert failure.message == "skipped: page is in German (de), not English"


def test_gzipped_files_are_read(tmp_path):
    text = ("Japan and South Korea signed a fisheries agreement in Tokyo on Friday after "
            "months of negotiations between the two governments.\n")
    (tmp_path / "story.txt.gz").write_bytes(gzip.compress(text.encode()))
    [article] = read_articles([tmp_path])
    assert article.paragraphs == [text.strip()]


def test_a_story_cut_off_where_the_page_stops_is_kept_and_a_teaser_is_not():
    story = ("Finland's president was welcomed in Tallinn with military honours on Monday. "
             "He travelled with six ministers for the first joint cabinet session since "
             "2019. A plan for a shared power grid is expected to be signed, with a fund "
             "for border t\u2026")
    teaser = "Read more: Estonia and Finland to link their power grids in a deal worth bill\u2026"
    dump = clean_text_dump(f"Learn more\n\n{teaser}\n\n{story}\n")
    assert dump.paragraphs == [story]


@pytest.mark.slow
def test_huge_dumps_are_cleaned_in_linear_time():
    """Tens of thousands of short lines, or of equal runs of prose between
    furniture, take seconds, not hours."""
    prose = ("North Korea and China held talks in Beijing on the future of the six-party "
             "process, officials said on Monday {}.")
    short_lines = "\n".join([prose.format(0), *(f"He said so {i}." for i in range(20000)),
                             prose.format(1)])
    many_runs = "\n".join(f"{prose.format(i)}\nSubscribe now\nSubscribe now" for i in range(20000))
    for raw in (short_lines, many_runs):
        started = time.perf_counter()
        assert clean_text_dump(raw).paragraphs
        assert time.perf_counter() - started < 10
