"""Abbreviations the text spells out: a short capitalised word means what the
article's own name with those initials means, before anything the actor
dictionary knows by the same letters."""

from __future__ import annotations

import pytest

from detente.actors.abbreviations import is_abbreviation
from tests.actors.test_actor_context import code_of


@pytest.mark.parametrize("text", [
    # the dictionary's CBC is the Canadian broadcaster; this article's is a caucus
    "Members of Congress wrote to the Labor Department on Monday. The Congressional "
    "Black Caucus said layoffs hurt Black workers. Now the CBC wants an answer by March.",
    # a definition in brackets is read the same way
    "The Congressional Black Caucus (CBC) met the secretary. Later the CBC issued a statement.",
])
def test_an_abbreviation_follows_the_name_the_article_gave_it(pipeline, text):
    assert code_of(pipeline, text, "the CBC", day="2023-12-01") == "USALEG"


def test_an_abbreviation_ending_a_sentence_keeps_its_reading(pipeline):
    # the tagger leaves the full stop on the last word: "DoL." is still the DoL
    text = ("The Department of Labor had not answered by Friday. "
            "This story now adds a reply from the DoL. More may follow.")
    assert code_of(pipeline, text, "the DoL", day="2023-12-01") == "USAGOV"


@pytest.mark.parametrize("text", [
    # nothing in the article spells it out
    "In Toronto, the CBC reported the debate.",
    # the Congressional Black Caucus Foundation would be the CBCF
    "The Congressional Black Caucus Foundation held a gala. In Toronto, the CBC reported on it.",
])
def test_an_abbreviation_not_spelt_out_keeps_its_dictionary_reading(pipeline, text):
    assert code_of(pipeline, text, "the CBC", day="2023-12-01") == "CANMED"


@pytest.mark.parametrize(("word", "expected"), [
    ("CBC", True), ("DoL", True), ("NATO", True),
    ("Dr", False), ("Caucus", False), ("A", False), ("ABCDEFG", False),
])
def test_what_counts_as_an_abbreviation(word, expected):
    assert is_abbreviation(word) is expected


@pytest.mark.parametrize(("text", "mention", "code"), [
    ("Members of the Congressional Black Caucus wrote to the secretary.",
     "Members of the Congressional Black Caucus", "USALEG"),
    ("Members of Hamas crossed the fence at dawn.", "Members of Hamas", "PSEREB"),
])
def test_members_of_a_body_are_its_people_with_its_sector(pipeline, text, mention, code):
    assert code_of(pipeline, text, mention, day="2023-12-01") == code
