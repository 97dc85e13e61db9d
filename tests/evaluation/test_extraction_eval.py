"""Measuring main-text extraction: the benchmark's shingle metric, the plain-text
dump of a whole visible page, and the dump cleaner that has to find the article
in it again. Every page here is written in the test; none comes from the benchmark."""

from __future__ import annotations

import gzip
import json
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from detente.evaluation.extraction import (
    evaluate_extraction,
    evaluate_extractor,
    score_text,
    shingles,
)
from detente.ingest.textdump import clean_text_dump
from detente.ingest.visible_text import visible_text

ARTICLE = [
    "The foreign ministers of Japan and South Korea met in Tokyo on Friday to discuss "
    "the dispute over wartime labour that has soured relations between the two countries.",
    "Officials said the talks lasted more than three hours and ended with an agreement to "
    "keep the dialogue going at the level of vice ministers before the end of the year.",
    "The meeting was the first between the two ministers since the summer, when Seoul said "
    "it would not renew an agreement on sharing military intelligence with Tokyo.",
    "Both governments are under pressure from Washington, which wants its two allies in the "
    "region to work together on the nuclear programme of North Korea.",
]


def news_page(article: list[str]) -> str:
    """A news page as crawled: menus, a headline, the story, a related-stories box,
    reader comments and a footer around it."""
    related = "".join(
        f"<li><a href='/s/{i}'>Story number {i} about something else entirely</a></li>"
        for i in range(8))
    comments = "".join(
        f"<div class='comment'><p>reader{i} says:</p><p>November {i + 1}, 2019 at 6:3{i} am</p>"
        f"<p>I have always said that these two countries should simply talk more often and "
        f"stop blaming each other for everything that happened in the past, number {i}.</p>"
        f"<p>Reply</p></div>" for i in range(6))
    return (
        "<!DOCTYPE html><html><head><title>Ministers meet</title>"
        "<style>p { color: black }</style><script>var tracking = 'secret';</script></head>"
        "<body><nav><ul><li><a href='/'>Home</a></li><li><a href='/world'>World</a></li>"
        "<li><a href='/asia'>Asia</a></li><li><a href='/sport'>Sport</a></li></ul></nav>"
        "<div style='display:none'>Hidden promotional text that nobody can see at all.</div>"
        "<h1>Japan and South Korea keep talking</h1><p>By A. Reporter</p>"
        "<article>" + "".join(f"<p>{p}</p>" for p in article) + "</article>"
        "<aside><h2>Related stories</h2><ul>" + related + "</ul></aside>"
        "<section><h2>6 Comments</h2>" + comments + "</section>"
        "<footer><p>Copyright 2019 Example News. All rights reserved.</p>"
        "<p><a href='/terms'>Terms of Use</a> | <a href='/privacy'>Privacy Policy</a> | "
        "<a href='/contact'>Contact</a></p></footer></body></html>"
    )


# --- the metric -------------------------------------------------------------

def test_identical_texts_score_one():
    assert score_text(ARTICLE[0], ARTICLE[0]) == (1.0, 1.0, 1.0)


def test_case_punctuation_and_line_breaks_do_not_matter():
    assert score_text("The talks, in TOKYO,\nended.", "the talks in tokyo ended") == (1.0, 1.0, 1.0)


def test_disjoint_texts_score_zero():
    assert score_text("Seoul and Tokyo held talks on Friday", "Rain is expected over the weekend "
                      "in most parts") == (0.0, 0.0, 0.0)


def test_partial_overlap_counted_by_hand():
    # predicted: "the talks ended in seoul" -> 2 shingles, both true
    # truth: "the talks ended in seoul on friday" -> 4 shingles, 2 of them predicted
    precision, recall, f1 = score_text("The talks ended in Seoul",
                                       "The talks ended in Seoul on Friday")
    assert precision == 1.0
    assert recall == 0.5
    assert f1 == pytest.approx(2 / 3)


def test_extra_text_costs_precision_only():
    precision, recall, _ = score_text("Home World Sport. " + ARTICLE[1], ARTICLE[1])
    assert recall == 1.0 and precision < 1.0


def test_texts_shorter_than_a_shingle_are_one_shingle():
    assert shingles("Seoul talks") == {("seoul", "talks"): 1}
    assert score_text("Seoul talks", "Seoul talks") == (1.0, 1.0, 1.0)
    assert score_text("Seoul talks", "Tokyo talks") == (0.0, 0.0, 0.0)


def test_empty_texts():
    assert score_text("", "") == (1.0, 1.0, 1.0)  # nothing to find, nothing found
    assert score_text("", ARTICLE[0]) == (0.0, 0.0, 0.0)
    assert score_text(ARTICLE[0], "") == (0.0, 0.0, 0.0)


def test_repeated_text_counts_each_time():
    precision, recall, _ = score_text(ARTICLE[0] + "\n" + ARTICLE[0], ARTICLE[0])
    assert recall == 1.0 and precision == pytest.approx(0.5, abs=0.05)


# --- the visible page as plain text -----------------------------------------

def test_visible_text_puts_each_block_on_its_own_line():
    page = ("<html><body><h1>Headline</h1><p>First <b>bold</b> and <a href='#'>linked</a> "
            "words.</p><ul><li>one</li><li>two</li></ul><div>Line<br>break</div>"
            "<table><tr><td>cell a</td><td>cell b</td></tr></table></body></html>")
    assert visible_text(page).splitlines() == [
        "Headline", "First bold and linked words.", "one", "two", "Line", "break",
        "cell a", "cell b"]


def test_visible_text_leaves_out_what_a_reader_cannot_see():
    page = ("<html><head><title>Title bar</title><style>.x{}</style></head><body>"
            "<script>var a = 1;</script><noscript>Enable JavaScript</noscript>"
            "<template><p>template</p></template><p hidden>attribute</p>"
            "<p style='visibility: hidden'>style</p><span class='sr-only'>screen reader</span>"
            "<input type='hidden' value='x'><!-- a comment -->"
            "<p>Seen<script>x()</script> text</p>tail text</body></html>")
    assert visible_text(page).splitlines() == ["Seen text", "tail text"]


def test_visible_text_keeps_preformatted_lines():
    page = "<html><body><pre>first line\n  second line</pre><p>after</p></body></html>"
    assert visible_text(page).splitlines() == ["first line", "second line", "after"]


def test_visible_text_of_odd_input():
    assert visible_text("") == ""
    assert visible_text("<?xml version='1.0' encoding='utf-8'?><html><body><p>x</p></body>"
                        "</html>") == "x"
    assert visible_text("just text, no tags") == "just text, no tags"


@settings(max_examples=100, deadline=None)
@given(st.text(alphabet=st.sampled_from("<>/ab p div br script=\"'&;\n"), max_size=300))
def test_visible_text_never_crashes_on_broken_markup(page):
    assert isinstance(visible_text(page), str)


# --- the dump cleaner on a whole visible page -------------------------------

def test_dump_of_a_news_page_comes_back_as_the_article():
    dump = visible_text(news_page(ARTICLE))
    assert "Home" in dump and "Related stories" in dump and "reader3 says:" in dump
    assert clean_text_dump(dump).paragraphs == ARTICLE


def test_reader_comments_after_a_short_article_stay_out():
    dump = visible_text(news_page(ARTICLE[:1]))
    assert clean_text_dump(dump).paragraphs == ARTICLE[:1]


def test_pages_in_other_languages_use_their_own_function_words():
    article = [
        "Os ministros dos dois países reuniram-se na sexta-feira em Tóquio para discutir a "
        "disputa sobre o trabalho forçado durante a guerra.",
        "Segundo os funcionários, as conversas duraram mais de três horas e terminaram com um "
        "acordo para manter o diálogo ao nível dos vice-ministros.",
        "Foi o primeiro encontro entre os dois ministros desde o verão, quando Seul disse que "
        "não renovaria o acordo de partilha de informações militares.",
    ]
    dump = "\n".join(["Início", "Mundo", "Desporto", "Ministros reúnem-se em Tóquio", *article,
                      "Mais lidas", "Termos de utilização", "Contactos"])
    assert clean_text_dump(dump).paragraphs == article


def test_a_short_sentence_between_paragraphs_is_kept_a_caption_is_not():
    dump = "\n".join(["Menu", ARTICLE[0], "Talks go on.", ARTICLE[1],
                      "Ministers shake hands in Tokyo", ARTICLE[2]])
    assert clean_text_dump(dump).paragraphs == [ARTICLE[0], "Talks go on.", *ARTICLE[1:3]]


# --- scoring a benchmark directory ------------------------------------------

def write_benchmark(directory: Path, pages: dict[str, tuple[str, str]]) -> Path:
    """The benchmark's layout: html/<id>.html.gz and ground-truth.json."""
    (directory / "html").mkdir(parents=True)
    truth = {}
    for page_id, (html, body) in pages.items():
        (directory / "html" / f"{page_id}.html.gz").write_bytes(gzip.compress(html.encode()))
        truth[page_id] = {"articleBody": body, "url": f"https://example.com/{page_id}"}
    (directory / "ground-truth.json").write_text(json.dumps(truth), encoding="utf-8")
    return directory


def test_both_modes_score_a_benchmark_directory(tmp_path):
    bench = write_benchmark(tmp_path / "bench", {
        "full": (news_page(ARTICLE), "\n\n".join(ARTICLE)),
        "short": (news_page(ARTICLE[:2]), "\n\n".join(ARTICLE[:2])),
    })
    for mode in ("html", "dump"):
        report = evaluate_extraction(bench, mode)
        assert report.mode == mode
        assert [page.page_id for page in report.pages] == ["full", "short"]
        assert report.f1 > 0.9, (mode, report.pages)
        assert report.pages_per_second > 0


def test_a_page_whose_extraction_fails_scores_as_empty(tmp_path):
    bench = write_benchmark(tmp_path / "bench", {
        "good": (news_page(ARTICLE), "\n".join(ARTICLE)),
        "bad": ("<html><body><p>x</p></body></html>", "Some true text that was missed."),
    })

    def fragile(page: str) -> str:
        if "<article>" not in page:
            raise RuntimeError("parser gave up\nsecond line")
        return "\n".join(ARTICLE)

    report = evaluate_extractor(bench, "fragile", fragile)
    bad = next(page for page in report.pages if page.page_id == "bad")
    assert (bad.precision, bad.recall, bad.f1) == (0.0, 0.0, 0.0)
    assert bad.error == "RuntimeError: parser gave up"
    # The benchmark sums per-page normalised counts: one perfect page, one missed page.
    assert report.precision == 1.0
    assert report.recall == pytest.approx(0.5)
    assert report.mean_page_f1 == pytest.approx(0.5)
