"""Abbreviations the text spells out: a short capitalised word means what the
article's own name with those initials means, before anything the actor
dictionary knows by the same letters."""

from __future__ import annotations

import pytest

from detente.actors.abbreviations import is_abbreviation
from tests.actors.test_actor_context import code_of


def test_an_abbreviation_follows_the_name_the_article_gave_it(pipeline):
    # the dictionary's CBC is the Canadian broadcaster; this article's is a caucus
    text = ("Members of Congress wrote to the Labor Department on Monday. The Congressional "
            "Black Caucus said layoffs hurt Black workers. The CBC wants an answer by March.")
    assert code_of(pipeline, text, "The CBC", day="2023-12-01") == "USALEG"


def test_a_name_in_brackets_after_its_expansion_is_read_the_same_way(pipeline):
    text = ("The Congressional Black Caucus (CBC) met the secretary. "
            "Later the CBC issued a statement.")
    assert code_of(pipeline, text, "the CBC", day="2023-12-01") == "USALEG"


def test_an_abbreviation_the_article_does_not_spell_out_keeps_its_dictionary_reading(pipeline):
    text = "In Toronto, the CBC reported the debate."
    assert code_of(pipeline, text, "the CBC", day="2023-12-01") == "CANMED"


def test_an_expansion_that_runs_on_into_a_longer_name_spells_nothing(pipeline):
    # the Congressional Black Caucus Foundation would be the CBCF
    text = ("The Congressional Black Caucus Foundation held a gala. "
            "In Toronto, the CBC reported on it.")
    assert code_of(pipeline, text, "the CBC", day="2023-12-01") == "CANMED"


@pytest.mark.parametrize(("word", "expected"), [
    ("CBC", True), ("DoL", True), ("NATO", True),
    ("Dr", False), ("Caucus", False), ("A", False), ("ABCDEFG", False),
])
def test_what_counts_as_an_abbreviation(word, expected):
    assert is_abbreviation(word) is expected


def test_members_of_a_body_are_its_people_with_its_sector(pipeline):
    text = "Members of the Congressional Black Caucus wrote to the secretary."
    assert code_of(pipeline, text, "Members of the Congressional Black Caucus",
                   day="2023-12-01") == "USALEG"
    text = "Members of Hamas crossed the fence at dawn."
    assert code_of(pipeline, text, "Members of Hamas", day="2023-12-01") == "PSEREB"
