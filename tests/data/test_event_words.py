"""The coder's word lists are data (data/event_words.yaml), checked on load."""

from __future__ import annotations

from pathlib import Path

import pytest
import srsly

from detente.data import DataFileError, data_path
from detente.events.words import event_words, read_event_words


def test_every_list_is_lower_case_words():
    words = event_words()
    for key, values in vars(words).items():
        assert values and all(word == word.lower() and word.strip() == word for word in values), key
    assert {"flurry", "thousands"} <= words.quantifiers and "it" in words.side_pronouns


def test_a_misspelt_list_is_refused_naming_the_file_and_the_key(tmp_path: Path):
    lists = srsly.read_yaml(data_path("event_words.yaml"))
    lists["quantifier"] = lists.pop("quantifiers")
    path = tmp_path / "event_words.yaml"
    srsly.write_yaml(path, lists)
    with pytest.raises(DataFileError, match=r"event_words\.yaml: unknown keys \['quantifier'\], "
                                            r"missing keys \['quantifiers'\]"):
        read_event_words(path)
