"""The diplomatic ledger, one behaviour a test: each sentence is coded by the real
pipeline into a fresh store, and the ledger is read back from it.

A step is (kind, acting or sending state, other or host state, status, protecting
power, date). Stories are published on Friday 15 December 2000 unless a test
says otherwise, so "on Tuesday" is 2000-12-12 and "in May" is May 2000."""

from __future__ import annotations

from pathlib import Path

import pytest

from detente.engine.parquet import read_batch, write_batch
from detente.ingest.readers import article_from_clean_text
from detente.model import DatePoint, DiplomaticStep, MissionStep
from detente.pipeline import CodedArticle, Pipeline
from detente.relations.ledger import LedgerEntry, ledger
from detente.store import Store
from detente.store.schema import has_table

PUBLISHED = "2000-12-15"


def coded(pipeline: Pipeline, text: str, published: str = PUBLISHED) -> CodedArticle:
    article = article_from_clean_text("story.txt", text)
    article.pub_date = DatePoint(published, "day", "metadata")
    return pipeline.code(article)


@pytest.fixture
def read_ledger(pipeline: Pipeline, tmp_path: Path):
    """``read_ledger(text, country)``: the ledger of ``country`` after coding ``text``
    (one paragraph per line) as a story published on ``published``."""
    def read(text: str, country: str, published: str = PUBLISHED) -> list[LedgerEntry]:
        article = article_from_clean_text("story.txt", text)
        article.pub_date = DatePoint(published, "day", "metadata")
        coded = pipeline.code(article)
        with Store(tmp_path / f"{article.doc_id}.duckdb") as store:
            store.add_article(article, coded.mentions, coded.events, coded.steps)
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


# -- missions: the coder's, on the parse, each rule with its whole step --------------------

def step(kind: str, evidence: str, sender: str, host: str,
         power: str | None = None) -> DiplomaticStep:
    return DiplomaticStep(kind, evidence, power, sender, host)


@pytest.mark.parametrize(("sentence", "expected"), [
    # the mission is the verb's object; its "in" phrase names the host
    ("Britain opened an embassy in Pyongyang in July.",
     [(step("embassy_opened", "opened an embassy", "GBR", "PRK"), "occurred", "2000-07")]),
    ("Italy reopened its embassy in Damascus on Tuesday.",
     [(step("embassy_reopened", "reopened its embassy", "ITA", "SYR"), "occurred",
       "2000-12-12")]),
    ("France will shut down its consulate in Jerusalem next year.",
     [(step("consulate_closed", "shut down its consulate", "FRA", "ISR"), "planned", "2001")]),
    # a passive: the state that modifies the mission sends it
    ("The British embassy in Tehran was closed in May.",
     [(step("embassy_closed", "The British embassy in Tehran was closed", "GBR", "IRN"),
       "occurred", "2000-05")]),
    # the "by" phrase sends it; the state where the mission is never does
    ("The embassy in Tehran was closed by Britain in May.",
     [(step("embassy_closed", "The embassy in Tehran was closed", "GBR", "IRN"),
       "occurred", "2000-05")]),
    ("The embassy in Tehran was closed in May.", []),
    # staff withdrawn from a mission close it
    ("Canada withdrew its diplomats from its embassy in Tehran in September.",
     [(step("embassy_closed", "withdrew its diplomats from its embassy", "CAN", "IRN"),
       "occurred", "2000-09")]),
    # what a mission becomes is opened; a flag raised over a mission opens it
    ("In Havana, the U.S. interests section became a full embassy on Monday.",
     [(step("embassy_opened", "became a full embassy", "USA", "CUB"), "occurred",
       "2000-12-11")]),
    ("The Cuban flag was raised over an embassy in Washington on Monday.",
     [(step("embassy_opened", "raised over an embassy", "CUB", "USA"), "occurred",
       "2000-12-11")]),
    # a mission kept is there (ongoing), undated by the sentence
    ("The United States has an interests section in Havana.",
     [(step("interests_section_maintained", "has an interests section", "USA", "CUB"),
       "ongoing", None)]),
    # in each other's capitals: both ways
    ("Israel and Jordan set up liaison offices in each other's capitals in 1994.",
     [(step("liaison_office_opened", "set up liaison offices", "ISR", "JOR"), "occurred",
       "1994"),
      (step("liaison_office_opened", "set up liaison offices", "JOR", "ISR"), "occurred",
       "1994")]),
    # protecting powers: the embassy it is in (no mission of its own), the flag it is
    # under, the state that acts as one
    ("The United States will open an interests section in the Swedish embassy in Pyongyang.",
     [(step("interests_section_opened", "open an interests section", "USA", "PRK", "SWE"),
       "planned", None)]),
    ("The United States kept an interests section in Havana under the flag of Switzerland.",
     [(step("interests_section_maintained", "kept an interests section", "USA", "CUB", "CHE"),
       "ongoing", None)]),
    ("The United States has an interests section in Tehran, and Switzerland acts as its "
     "protecting power.",
     [(step("interests_section_maintained", "has an interests section", "USA", "IRN", "CHE"),
       "ongoing", None)]),
    # a date after "since" starts a span; a date of the saying dates a plan announced
    ("Since 1977 Cuba and the United States had each kept an interests section in the "
     "other's capital.",
     [(step("interests_section_maintained", "kept an interests section", "CUB", "USA"),
       "ongoing", None),
      (step("interests_section_maintained", "kept an interests section", "USA", "CUB"),
       "ongoing", None)]),
    ("North Korea said on Monday it would open an embassy in Rome.",
     [(step("embassy_opened", "open an embassy", "PRK", "ITA"), "planned", "2000-12-11")]),
    # denied: no step
    ("Italy has not opened an embassy in Pyongyang.", []),
])
def test_the_coder_finds_each_mission_on_the_parse(pipeline: Pipeline, sentence: str,
                                                  expected: list[tuple]):
    found = coded(pipeline, sentence).steps
    assert [(s.step, s.status, s.event_date.value) for s in found] == expected


def test_a_mission_step_keeps_its_sentence_and_verb(pipeline: Pipeline):
    text = "Relations were tense.\nGermany closed its embassy in Kabul on Monday."
    (found,) = coded(pipeline, text).steps
    assert (found.doc_id, found.sentence_index, found.sentence) == (
        coded(pipeline, text).article.doc_id, 1, "Germany closed its embassy in Kabul on Monday.")
    article_text = coded(pipeline, text).article.text
    assert article_text[slice(*found.span)] == found.sentence
    assert article_text[slice(*found.trigger_span)] == found.trigger == "closed"
    assert found.pub_date == DatePoint(PUBLISHED, "day", "metadata")


def test_mission_steps_are_stored_at_ingest_and_read_back(pipeline: Pipeline, tmp_path: Path):
    result = coded(pipeline, "Germany closed its embassy in Kabul on Monday.")
    with Store(tmp_path / "missions.duckdb") as store:
        store.add_article(result.article, result.mentions, result.events, result.steps)
        cursor = store.connection.execute("SELECT * FROM mission_steps")
        columns = [column[0] for column in cursor.description]
        rows = [dict(zip(columns, row, strict=True)) for row in cursor.fetchall()]
        (entry,) = ledger(store.connection, "AFG")
    assert [MissionStep.from_row(row) for row in rows] == [
        MissionStep(**{**vars(s), "pub_date": DatePoint(s.pub_date.value)})
        for s in result.steps]
    assert (entry.kind, entry.country_a, entry.country_b, entry.status, entry.date,
            entry.date_basis, entry.evidence) == (
        "embassy_closed", "DEU", "AFG", "occurred", "2000-12-11", "stated",
        "closed its embassy")
    assert result.article.text[slice(*entry.span)] == entry.sentence


def test_parquet_batches_carry_mission_steps(pipeline: Pipeline, tmp_path: Path):
    result = coded(pipeline, "Germany closed its embassy in Kabul on Monday.")
    write_batch(tmp_path, "k", [result])
    (back,) = read_batch(tmp_path, "k")
    assert [s.to_row() for s in back.steps] == [s.to_row() for s in result.steps]
    # a folder written before missions were has no mission_steps files: none read
    for path in (tmp_path / "mission_steps").iterdir():
        path.unlink()
    (back,) = read_batch(tmp_path, "k")
    assert back.steps == [] and [e.to_row() for e in back.events] == [
        e.to_row() for e in result.events]


def test_a_database_made_before_missions_gains_their_table(pipeline: Pipeline, tmp_path: Path):
    path = tmp_path / "old.duckdb"
    result = coded(pipeline, "Germany closed its embassy in Kabul on Monday.")
    with Store(path) as store:
        store.connection.execute("DROP TABLE mission_steps")
        store.add_article(result.article, result.mentions, result.events)  # coded before
    with Store(path, read_only=True) as store:  # as a read-only server opens it
        assert not has_table(store.connection, "mission_steps")
        assert ledger(store.connection, "DEU") == []
    with Store(path) as store:  # opened for writing, it gains the table, empty
        assert has_table(store.connection, "mission_steps")
        assert ledger(store.connection, "DEU") == []


def test_the_coders_event_mention_of_a_mission_is_marked_and_read_once(pipeline: Pipeline,
                                                                     read_ledger):
    result = coded(pipeline, "Britain opened an embassy in Pyongyang in July.")
    (event,) = result.events  # coded 050, as the event patterns have it
    assert (event.cameo, event.source.country, event.target.country) == ("050", "GBR", "PRK")
    assert event.step == result.steps[0].step
    assert event.to_record()["step"] == {"kind": "embassy_opened", "protecting_power": None,
                                         "evidence": "opened an embassy"}
    (entry,) = read_ledger("Britain opened an embassy in Pyongyang in July.", "GBR")
    assert (entry.kind, entry.mentions) == ("embassy_opened", 1)


def test_an_event_mention_with_other_sides_than_the_mission_is_not_marked(pipeline: Pipeline):
    result = coded(pipeline, "The United States will open an interests section in the Swedish "
                             "embassy in Pyongyang.")
    assert all(event.step is None for event in result.events
               if (event.source.country, event.target.country) != ("USA", "PRK"))
