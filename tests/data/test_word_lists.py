"""Word lists are data (data/actor_words.yaml, event_words.yaml, time_words.yaml,
us_states.tsv), read by one checked reader (``detente.data.read_word_lists``): a
misspelt, missing or malformed list is refused naming the file and the key, and
each table holds what its readers match against, once each and in the case they
match it in."""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
import srsly

from detente.actors.words import ActorWords, us_state_abbreviations
from detente.data import DataFileError, data_path, read_table, read_word_lists, read_yaml
from detente.dates import TimeWords
from detente.events.words import EventWords

US_STATE_SOURCES = {"AP Stylebook", "GPO Style Manual", "common variant", "USPS Publication 28"}


@dataclass(frozen=True)
class Lists:
    """One list of each kind the reader knows."""

    words: frozenset[str]
    ordered: tuple[str, ...]
    numbers: dict[str, int]
    names: dict[str, str]


GOOD = {"words": ["b", "a"], "ordered": ["b", "a"], "numbers": {"one": 1},
        "names": {"days": "day"}}


def write(tmp_path: Path, lists: dict[str, Any]) -> Path:
    path = tmp_path / "lists.yaml"
    srsly.write_yaml(path, lists)
    return path


def test_the_reader_gives_each_list_as_its_field_declares_it(tmp_path: Path):
    read = read_word_lists(write(tmp_path, GOOD), Lists)
    assert read == Lists(frozenset({"a", "b"}), ("b", "a"), {"one": 1}, {"days": "day"})


@pytest.mark.parametrize(("change", "message"), [
    ({"word": ["a"]}, r"lists\.yaml: unknown keys \['word'\], missing keys \['words'\]"),
    ({"words": "a"}, r"lists\.yaml: words must be a non-empty list of words"),
    ({"ordered": []}, r"lists\.yaml: ordered must be a non-empty list of words"),
    ({"words": ["a", ""]}, r"lists\.yaml: words must be a non-empty list of words"),
    ({"numbers": {"one": "1"}}, r"lists\.yaml: numbers must be a non-empty mapping of words "
                                r"to whole numbers"),
    ({"numbers": {"one": True}}, r"numbers must be a non-empty mapping of words to whole"),
    ({"names": ["day"]}, r"lists\.yaml: names must be a non-empty mapping of words to words"),
])
def test_a_misspelt_missing_or_malformed_list_is_refused_naming_the_file_and_the_key(
        tmp_path: Path, change: dict[str, Any], message: str):
    lists = {**GOOD, **change}
    if "word" in change:
        del lists["words"]
    with pytest.raises(DataFileError, match=message):
        read_word_lists(write(tmp_path, lists), Lists)


def test_a_list_written_twice_is_refused_naming_the_file_the_line_and_the_key(tmp_path: Path):
    path = write(tmp_path, GOOD)
    path.write_text(path.read_text(encoding="utf-8") + "words:\n- c\n", encoding="utf-8")
    with pytest.raises(DataFileError, match=r"lists\.yaml: line \d+: duplicate key 'words'"):
        read_word_lists(path, Lists)


# What each table's readers match against: the lists matched against lower-cased
# words or lemmas must be written in lower case.
TABLES = [
    ("actor_words.yaml", ActorWords, {"state_nouns", "former", "not_local"}),
    ("event_words.yaml", EventWords, {field for field in EventWords.__dataclass_fields__}),
    ("time_words.yaml", TimeWords, {field for field in TimeWords.__dataclass_fields__}),
]


@pytest.mark.parametrize(("name", "spec", "lower_case"), TABLES)
def test_each_table_reads_and_lists_its_words_once_in_the_case_they_are_matched(
        name: str, spec: type, lower_case: set[str]):
    lists = read_word_lists(data_path(name), spec)
    for key, listed in read_yaml(name).items():
        repeated = [word for word, count in Counter(list(listed)).items() if count > 1]
        assert not repeated, (key, repeated)
        if key in lower_case:
            assert all(word == word.lower() == word.strip() for word in listed), key
        assert len(getattr(lists, key)) == len(listed), key


def test_each_table_holds_what_its_readers_need():
    actor = read_word_lists(data_path("actor_words.yaml"), ActorWords)
    assert {"June", "Sept.", "Monday"} <= actor.calendar_words
    assert "kingdom" in actor.state_nouns and "foreign" in actor.not_local
    event = read_word_lists(data_path("event_words.yaml"), EventWords)
    assert {"flurry", "thousands"} <= event.quantifiers and "it" in event.side_pronouns
    assert "say" in event.reporting_verbs and {"would", "n't"} <= event.own_time_words
    time = read_word_lists(data_path("time_words.yaml"), TimeWords)
    assert sorted(set(time.months.values())) == list(range(1, 13))
    assert [time.months[name] for name in ("january", "may", "sept", "december")] == [1, 5, 9, 12]
    assert time.weekdays == ("monday", "tuesday", "wednesday", "thursday", "friday",
                             "saturday", "sunday")  # date.weekday()'s order
    assert set(time.units.values()) == {"day", "week", "month", "year"}
    assert (time.counts["a"], time.shifts["last"], time.day_words["yesterday"]) == (1, -1, -1)
    assert "on" in time.hedges and "night" in time.parts_of_day


def test_us_states_table_names_every_state_once_by_postal_code_with_a_source():
    rows = list(read_table("us_states.tsv"))
    assert all(row["source"] in US_STATE_SOURCES for row in rows), rows
    abbreviations = [row["abbreviation"] for row in rows]
    assert len(abbreviations) == len(set(abbreviations))
    postal = [row for row in rows if row["style"] == "postal"]
    assert all(re.fullmatch(r"[A-Z]{2}", row["abbreviation"]) for row in postal)
    assert len({row["state"] for row in postal}) == len(postal) == 51  # 50 states and DC
    states = {row["state"] for row in postal}
    for row in rows:
        assert row["style"] in {"postal", "dateline"}, row
        assert row["state"] in states, row  # a dateline form names a state the table has
        if row["style"] == "dateline":
            assert row["abbreviation"].endswith("."), row
    assert {"N.M.", "NM", "Calif."} <= us_state_abbreviations()
