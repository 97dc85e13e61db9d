"""``detente eval news``: how emitted events are scored against the blind labels of
real news pages, and that the labels themselves are a valid, split table."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from detente.data import read_table
from detente.evaluation.news import (
    SPLITS,
    LabelledEvent,
    NewsPage,
    read_labels,
    read_pages,
    score_page,
)
from detente.events.ontology import lookup
from detente.model import STATUSES, Actor, DatePoint, EventMention

REPO = Path(__file__).resolve().parents[2]
SHARED_DATA = next((folder / "shared" / "data" for folder in REPO.parents
                    if (folder / "shared" / "data" / "news-pages").is_dir()), None)
PAGE = NewsPage("news-pages/example", "dev", "2023-05-30", "interstate")


def label(source: str, target: str, cameo: str, *, core: bool = True,
          event_date: str = "2023-05", status: str = "occurred") -> LabelledEvent:
    return LabelledEvent(PAGE.key, source, target, cameo, status, event_date, core, "")


def emitted(source: str | None, target: str | None, cameo: str, *, start: int = 0,
            event_date: str | None = "2023-05-29", status: str = "occurred") -> EventMention:
    def side(country: str | None) -> Actor:
        return Actor(country, country, country) if country else Actor.unresolved("someone")
    return EventMention(
        doc=PAGE.key, doc_id="x", source=side(source), target=side(target), cameo=cameo,
        goldstein=0.0, quad=lookup(cameo).quad, plover=None, plover_mode=None, status=status,
        sentence="…", sentence_index=0, span=(start, start + 10), trigger="met",
        trigger_span=(start, start + 3),
        confidence=0.9, pub_date=DatePoint("2023-05-30", "day", "given"),
        event_date=DatePoint(event_date, "day", "explicit") if event_date else DatePoint())


def test_an_event_matches_on_both_sides_and_the_root_either_way_only_for_joint_acts():
    labels = [label("EGY", "TUR", "040"), label("RUS", "UKR", "190"), label("EGY", "TUR", "036")]
    score = score_page(PAGE, labels, [
        emitted("TUR", "EGY", "040"),   # a meeting is joint: the reverse order is right
        emitted("UKR", "RUS", "190"),   # an attack is not
        emitted("RUS", "UKR", "195"),   # same root, more specific code: right
    ])
    assert score.right == {("TUR", "EGY", "04"), ("RUS", "UKR", "19")}
    assert [found.cameo for found, _ in score.found] == ["040", "190"]
    assert [missed.cameo for missed in score.missed] == ["036"]  # root 03, not 04


def test_precision_counts_distinct_events_and_a_side_left_uncoded_is_never_right():
    score = score_page(PAGE, [label("RUS", "UKR", "190")], [
        emitted("RUS", "UKR", "190", start=0), emitted("RUS", "UKR", "193", start=50),
        emitted("RUS", None, "190"),
    ])
    assert len(score.emitted) == 2 and len(score.right) == 1
    assert [key for key, _ in score.wrong] == [("RUS", None, "19")]


def test_recall_is_over_core_events_but_a_background_label_makes_an_emitted_event_right():
    score = score_page(PAGE, [label("USA", "USA", "173", core=False)],
                       [emitted("USA", "USA", "173")])
    assert score.core == [] and score.right == {("USA", "USA", "17")}


def test_an_act_still_to_come_matches_cameos_intent_code_too():
    # "Wong will travel to Tonga": detente codes the visit as planned, CAMEO as an
    # intent to meet (036); either label is right, a happened visit only its own
    score = score_page(PAGE, [label("AUS", "TON", "036"), label("IRN", "ISR", "138")], [
        emitted("AUS", "TON", "042", status="planned"),
        emitted("IRN", "ISR", "190", status="conditional"),
        emitted("AUS", "FJI", "042"),
    ])
    assert score.right == {("AUS", "TON", "04"), ("IRN", "ISR", "19")}
    assert len(score.found) == 2


def test_a_planned_act_has_the_status_of_an_intent_that_was_voiced():
    # "Xi promised investments in Tonga": the label codes the promise (0331,
    # occurred), detente the investment still to come (061, planned): both agree
    from detente.evaluation.scoring import status_agrees
    assert status_agrees("occurred", "03", emitted("CHN", "TON", "061", status="planned"))
    assert not status_agrees("occurred", "03", emitted("CHN", "TON", "033", status="planned"))
    assert not status_agrees("occurred", "06", emitted("CHN", "TON", "061", status="planned"))


def test_date_and_status_are_read_from_the_first_mention_in_the_text():
    score = score_page(PAGE, [label("RUS", "UKR", "190", event_date="2023-05")], [
        emitted("RUS", "UKR", "190", start=40, event_date="2022-02"),
        emitted("RUS", "UKR", "190", start=5, event_date="2023-05-29", status="planned"),
    ])
    (_, first), = score.found
    assert first.event_date.value == "2023-05-29" and first.status == "planned"


def test_the_label_tables_are_valid_and_split_before_scoring():
    pages = read_pages()
    labels = read_labels()
    cameo = {row["code"] for row in read_table("cameo.tsv")}
    sides = ({row["iso3"] for row in read_table("countries.tsv")}
             | {row["code"] for row in read_table("igos.tsv")}
             | {row["actor"] for row in read_table("organisations.tsv")})
    keys = {page.key for page in pages}
    assert len(keys) == len(pages)
    assert {page.split for page in pages} == set(SPLITS)
    assert sum(page.about in {"interstate", "conflict"} for page in pages) >= 60
    assert sum(page.about == "none" for page in pages) >= 10
    assert sum(label.core for label in labels) >= 250
    for page in pages:
        assert re.fullmatch(r"(news-pages|news2023)/\w+", page.key), page
        assert re.fullmatch(r"-|\d{4}(-\d\d(-\d\d)?)?", page.pub_date), page
    for row in labels:
        assert row.page in keys, row
        assert row.cameo in cameo, row
        assert row.source in sides and row.target in sides, row
        assert row.status in STATUSES, row
        assert re.fullmatch(r"-|\d{4}(-\d\d(-\d\d)?)?", row.event_date), row
        assert row.description, row
        assert not row.core or row.source != row.target, row


@pytest.mark.skipif(SHARED_DATA is None, reason="../shared/data/news-pages not found")
def test_every_labelled_page_reads_as_an_article():
    from detente.evaluation.news import load_article
    for page in read_pages():
        article = load_article(page.key, SHARED_DATA)
        assert article.paragraphs, page.key
