"""The actor resolver's word lists are data (data/actor_words.yaml,
data/us_states.tsv), checked like data: every list present and well formed,
written in the case it is matched in, and a misspelt key refused on load."""

from __future__ import annotations

import re
from collections import Counter
from pathlib import Path

import pytest
import srsly

from detente.actors.words import actor_words, read_actor_words, us_state_abbreviations
from detente.data import data_path, read_table

# Lists matched against lower-cased words or lemmas must be written in lower case.
LOWER_CASE_LISTS = ("state_nouns", "former", "not_local")
US_STATE_SOURCES = {"AP Stylebook", "GPO Style Manual", "common variant", "USPS Publication 28"}


def test_actor_word_lists_load_without_duplicates_and_in_the_case_they_are_matched():
    words = actor_words()
    raw = srsly.read_yaml(data_path("actor_words.yaml"))
    for key, listed in raw.items():
        repeated = [word for word, count in Counter(listed).items() if count > 1]
        assert not repeated, (key, repeated)
        assert getattr(words, key) == frozenset(listed)
    for key in LOWER_CASE_LISTS:
        assert all(word == word.lower() for word in getattr(words, key)), key
    assert {"June", "Sept.", "Monday"} <= words.calendar_words
    assert "kingdom" in words.state_nouns and "foreign" in words.not_local


def test_a_misspelt_or_missing_list_is_refused_naming_the_file_and_the_key(tmp_path: Path):
    lists = srsly.read_yaml(data_path("actor_words.yaml"))
    lists["not_locals"] = lists.pop("not_local")
    path = tmp_path / "actor_words.yaml"
    srsly.write_yaml(path, lists)
    with pytest.raises(ValueError, match=r"actor_words\.yaml: unknown keys \['not_locals'\], "
                                         r"missing keys \['not_local'\]"):
        read_actor_words(path)
    lists["not_local"] = lists.pop("not_locals")
    lists["former"] = "former"
    srsly.write_yaml(path, lists)
    with pytest.raises(ValueError, match=r"actor_words\.yaml: former must be a non-empty list"):
        read_actor_words(path)


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
