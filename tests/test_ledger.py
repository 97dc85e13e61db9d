"""The diplomatic ledger, one behaviour a test: each sentence is coded by the real
pipeline into a fresh store, and the ledger is read back from it.

A step is (kind, acting or sending state, other or host state, status, protecting
power, date). Stories are published on Friday 15 December 2000 unless a test
says otherwise, so "on Tuesday" is 2000-12-12 and "in May" is May 2000."""

from __future__ import annotations

from pathlib import Path

import pytest

from detente.ingest.readers import article_from_clean_text
from detente.model import DatePoint, DiplomaticStep
from detente.pipeline import Pipeline
from detente.relations.ledger import LedgerEntry, ledger
from detente.store import Store

PUBLISHED = "2000-12-15"


@pytest.fixture
def read_ledger(pipeline: Pipeline, tmp_path: Path):
    """``read_ledger(text, country)``: the ledger of ``country`` after coding ``text``
    (one paragraph per line) as a story published on ``published``."""
    def read(text: str, country: str, published: str = PUBLISHED) -> list[LedgerEntry]:
        article = article_from_clean_text("story.txt", text)
        article.pub_date = DatePoint(published, "day", "metadata")
        coded = pipeline.code(article)
        with Store(tmp_path / f"{article.doc_id}.duckdb") as store:
            store.add_article(article, coded.mentions, coded.events)
            return ledger(store.connection, country)
    return read


def steps(entries: list[LedgerEntry]) -> set[tuple]:
    return {(e.kind, e.country_a, e.country_b, e.status, e.protecting_power, e.date)
            for e in entries}


# -- changes of diplomatic status --------------------------------------------------------

def test_relations_established(read_ledger):
    entries = read_ledger("Britain established diplomatic relations with North Korea on "
                          "Tuesday.", "PRK")
    assert steps(entries) == {
        ("relations_established", "GBR", "PRK", "occurred", None, "2000-12-12")}
    assert entries[0].evidence.startswith("established diplomatic relations")


def test_relations_upgraded(read_ledger):
    entries = read_ledger("Russia upgraded diplomatic relations with Georgia in May.", "RUS")
    assert steps(entries) == {("relations_upgraded", "GEO", "RUS", "occurred", None, "2000-05")}


def test_relations_downgraded(read_ledger):
    entries = read_ledger("The United Arab Emirates downgraded its ties with Iran on Monday.",
                          "IRN")
    assert steps(entries) == {
        ("relations_downgraded", "ARE", "IRN", "occurred", None, "2000-12-11")}


def test_relations_suspended(read_ledger):
    entries = read_ledger("Egypt suspended diplomatic relations with Iran in June.", "EGY")
    assert steps(entries) == {("relations_suspended", "EGY", "IRN", "occurred", None, "2000-06")}


def test_relations_severed_keep_who_broke_them_off(read_ledger):
    entries = read_ledger("Saudi Arabia severed diplomatic relations with Iran on Sunday.",
                          "IRN")
    assert steps(entries) == {
        ("relations_severed", "SAU", "IRN", "occurred", None, "2000-12-10")}


def test_relations_restored(read_ledger):
    entries = read_ledger("Australia restored diplomatic relations with North Korea in May.",
                          "PRK")
    assert steps(entries) == {("relations_restored", "AUS", "PRK", "occurred", None, "2000-05")}


# -- missions opened, closed and kept ------------------------------------------------------

def test_an_embassy_opened_belongs_to_the_sender_and_names_the_host(read_ledger):
    entries = read_ledger("Britain opened an embassy in Pyongyang in July.", "GBR")
    assert steps(entries) == {("embassy_opened", "GBR", "PRK", "occurred", None, "2000-07")}


def test_an_embassy_closed(read_ledger):
    entries = read_ledger("Germany closed its embassy in Kabul on Monday.", "DEU")
    assert steps(entries) == {("embassy_closed", "DEU", "AFG", "occurred", None, "2000-12-11")}


def test_a_consulate_opened(read_ledger):
    entries = read_ledger("China opened a consulate in Busan in March.", "CHN")
    assert steps(entries) == {("consulate_opened", "CHN", "KOR", "occurred", None, "2000-03")}


def test_a_liaison_office_closed(read_ledger):
    entries = read_ledger("Japan closed its liaison office in Taipei in September.", "JPN")
    assert steps(entries) == {
        ("liaison_office_closed", "JPN", "TWN", "occurred", None, "2000-09")}


def test_an_interests_section_closed(read_ledger):
    entries = read_ledger("The United States closed its interests section in Havana in July.",
                          "CUB")
    assert steps(entries) == {
        ("interests_section_closed", "USA", "CUB", "occurred", None, "2000-07")}


def test_offices_in_each_others_capitals_run_both_ways(read_ledger):
    entries = read_ledger("The United States and Vietnam opened liaison offices in each "
                          "other's capitals in January.", "VNM")
    assert steps(entries) == {
        ("liaison_office_opened", "USA", "VNM", "occurred", None, "2000-01"),
        ("liaison_office_opened", "VNM", "USA", "occurred", None, "2000-01")}


def test_a_mission_kept_is_ongoing_with_its_protecting_power(read_ledger):
    entries = read_ledger("The United States kept an interests section in Havana under the "
                          "flag of Switzerland.", "USA")
    assert steps(entries) == {
        ("interests_section_maintained", "USA", "CUB", "ongoing", "CHE", PUBLISHED)}
    # the sentence states no date: the entry is dated by its story, and says so
    assert entries[0].date_basis == "publication"
    assert entries[0].evidence == "kept an interests section"


def test_missions_in_the_others_capital_run_both_ways_under_one_flag(read_ledger):
    entries = read_ledger("Since 1977 Cuba and the United States had each kept an interests "
                          "section in the other's capital under the flag of Switzerland.",
                          "CUB", published="2015-07-21")
    # "since 1977" is when the missions began, not a date of this report
    assert steps(entries) == {
        ("interests_section_maintained", "CUB", "USA", "ongoing", "CHE", "2015-07-21"),
        ("interests_section_maintained", "USA", "CUB", "ongoing", "CHE", "2015-07-21")}


@pytest.mark.parametrize(("sentence", "kind", "sender", "host"), [
    ("The United States has an interests section in Havana.", "interests_section", "USA",
     "CUB"),
    ("Britain maintains an embassy in Pyongyang.", "embassy", "GBR", "PRK"),
    ("South Korea kept a liaison office in Beijing.", "liaison_office", "KOR", "CHN"),
    ("Sweden kept its embassy in Pyongyang open throughout the crisis.", "embassy", "SWE",
     "PRK"),
])
def test_a_mission_that_is_there_is_maintained_not_opened(read_ledger, sentence, kind,
                                                          sender, host):
    entries = read_ledger(sentence, sender)
    assert steps(entries) == {(f"{kind}_maintained", sender, host, "ongoing", None, PUBLISHED)}


def test_the_protecting_power_of_a_mission_in_its_embassy(read_ledger):
    entries = read_ledger("The United States will open an interests section in the Swedish "
                          "embassy in Pyongyang.", "PRK")
    assert steps(entries) == {
        ("interests_section_opened", "USA", "PRK", "planned", "SWE", PUBLISHED)}


# -- planned is not done ------------------------------------------------------------------

def test_a_planned_step_is_kept_apart_from_the_same_step_done(read_ledger):
    entries = read_ledger("Britain opened an embassy in Pyongyang in July.\n"
                          "Britain will open an embassy in Pyongyang next year.", "GBR")
    assert steps(entries) == {
        ("embassy_opened", "GBR", "PRK", "occurred", None, "2000-07"),
        ("embassy_opened", "GBR", "PRK", "planned", None, "2001")}


def test_a_step_denied_is_no_step(read_ledger):
    assert read_ledger("Italy has not opened an embassy in Pyongyang.", "ITA") == []


# -- dates of planned steps -----------------------------------------------------------------

def test_the_month_a_plan_was_announced_is_not_moved_into_next_year(read_ledger):
    entries = read_ledger("Britain said in October it intended to open relations with North "
                          "Korea.", "GBR")
    assert steps(entries) == {
        ("relations_established", "GBR", "PRK", "planned", None, "2000-10")}


def test_the_month_a_planned_step_is_due_lies_ahead(read_ledger):
    entries = read_ledger("North Korea will open an embassy in Rome in October.", "PRK")
    assert steps(entries) == {("embassy_opened", "PRK", "ITA", "planned", None, "2001-10")}


def test_the_day_a_plan_was_announced_is_the_day_before(read_ledger):
    entries = read_ledger("North Korea said on Monday it would open an embassy in Rome.", "PRK")
    assert steps(entries) == {("embassy_opened", "PRK", "ITA", "planned", None, "2000-12-11")}


# -- the step is the coder's, stored at ingest ---------------------------------------------

def test_the_coder_marks_the_event_mention_that_is_a_step(pipeline: Pipeline):
    article = article_from_clean_text("story.txt", "Diplomatic relations with Iran were "
                                      "suspended by Egypt in June.")
    article.pub_date = DatePoint(PUBLISHED, "day", "metadata")
    (event,) = pipeline.code(article).events
    # the step's words come from the parse, wherever the object stands
    assert event.step == DiplomaticStep("relations_suspended",
                                        "Diplomatic relations with Iran were suspended")
    assert event.to_record()["step"] == {"kind": "relations_suspended", "protecting_power": None,
                                         "evidence": event.step.evidence}


def test_an_event_that_is_no_step_has_none(pipeline: Pipeline):
    article = article_from_clean_text("story.txt", "Egypt criticised Iran on Monday.")
    (event,) = pipeline.code(article).events
    assert event.step is None and "step" not in event.to_record()


def test_a_database_made_before_steps_gains_their_columns_and_reads_an_empty_ledger(
        tmp_path: Path):
    path = tmp_path / "old.duckdb"
    with Store(path) as store:
        store.connection.execute("ALTER TABLE event_mentions DROP COLUMN step")
    with Store(path, read_only=True) as store:  # as a read-only server opens it
        assert ledger(store.connection, "IRN") == []
    with Store(path) as store:  # opened for writing, it gains the column
        assert ledger(store.connection, "IRN") == []
