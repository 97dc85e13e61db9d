"""Who held an office when: a person named with their title is the person in
that office at the time the text speaks of, and a family name shared with a
known person does not make a stranger that person."""

from __future__ import annotations

import pytest

from tests.actors.test_actor_context import code_of


@pytest.mark.parametrize(("text", "mention", "day", "code"), [
    # the dictionary's "Baker" is James Baker, secretary of state until 1992;
    # Governor Charlie Baker is another man, and "Gov." makes him a US governor
    ("The law was signed by Gov. Charlie Baker in February 2022.", "Gov. Charlie Baker",
     "2023-12-08", "USAGOV"),
    # a known person is still found by the full name
    ("Former President Donald Trump's campaign shifted its message.",
     "Former President Donald Trump", "2023-12-08", "USAELI"),
    # and by another spelling of it (the dictionary writes "Anwaar-ul-Haq Kakar")
    ("Caretaker Prime Minister Anwaarul Haq Kakar met the envoy in Islamabad.",
     "Caretaker Prime Minister Anwaarul Haq Kakar", "2024-01-29", "PAKGOV"),
    # in 2015 Eisenhower was long out of office; the title means his presidency
    ("President Dwight Eisenhower broke off relations with Cuba in 1961.",
     "President Dwight Eisenhower", "2015-07-20", "USAGOV"),
    # "former" keeps him out of it
    ("Former President Dwight Eisenhower warned of the military-industrial complex.",
     "Former President Dwight Eisenhower", "2015-07-20", "USAELI"),
])
def test_the_person_and_office_are_those_the_text_means(pipeline, text, mention, day, code):
    assert code_of(pipeline, text, mention, day=day) == code
