"""The running example: the two seed pages about North Korea's opening.

These are the events an analyst expects from them (DESIGN.md), and nothing
from the page furniture."""

from __future__ import annotations

import pytest

from detente.ingest.readers import read_articles


@pytest.fixture(scope="module")
def seed_coded(seeds, pipeline):
    return {c.article.doc[:3]: c for c in pipeline.code_many(read_articles([seeds]))}


@pytest.fixture(scope="module")
def seed_events(seed_coded):
    return {key: [e.to_record() for e in c.events] for key, c in seed_coded.items()}


def find(records, source, root, target):
    return [r for r in records if r["source"]["country"] == source and r["root"] == root
            and (r["target"]["country"] or r["target"]["code"]) == target]


def test_putin_visit_to_pyongyang_dated_july_2000(seed_events):
    [visit] = find(seed_events["002"], "RUS", "04", "PRK")
    assert visit["cameo"].startswith("04") and visit["event_date"] == "2000-07"
    assert visit["date_precision"] == "month" and visit["source"]["name"] == "Vladimir Putin"


def test_kim_jong_il_visit_to_beijing_dated_may_2000(seed_events):
    [visit] = find(seed_events["002"], "PRK", "04", "CHN")
    assert visit["cameo"] == "042" and visit["event_date"] == "2000-05"
    assert visit["status"] == "occurred"


def test_relations_sealed_with_australia_and_italy(seed_events):
    for partner in ("AUS", "ITA"):
        [sealed] = find(seed_events["002"], "PRK", "05", partner)
        assert sealed["cameo"] == "054" and sealed["status"] == "occurred"


def test_relations_with_new_zealand_and_canada_are_only_planned(seed_events):
    for partner in ("NZL", "CAN"):
        [planned] = find(seed_events["002"], "PRK", "05", partner)
        assert planned["status"] == "planned"


def test_north_korea_rejected_iaea_inspectors_in_1993(seed_events):
    [rejection] = find(seed_events["000"], "PRK", "12", "IGOIAEA")
    assert rejection["event_date"] == "1993" and rejection["date_basis"] == "explicit"


def test_us_office_in_pyongyang_is_planned_not_done(seed_events):
    offices = find(seed_events["000"], "USA", "05", "PRK")
    assert offices and all(r["status"] == "planned" for r in offices)


def test_no_event_from_page_furniture(seed_events):
    furniture_words = ("RAF", "Amsterdam", "Labour", "Tories", "Syria", "Emirates", "Abu Dhabi",
                       "Megagames", "Recruitment", "caption", "soldier")
    for records in seed_events.values():
        for record in records:
            assert not any(word in record["sentence"] for word in furniture_words), record


def test_spans_contain_their_triggers(seed_coded):
    for coded in seed_coded.values():
        text = coded.article.text
        for event in coded.events:
            start, end = event.span
            assert start <= event.trigger_span[0] < event.trigger_span[1] <= end
            assert text[slice(*event.trigger_span)] == event.trigger
            assert text[start:end] in event.sentence
