"""Who held an office when: a person named with their title is the person in
that office at the time the text speaks of, and a family name shared with a
known person does not make a stranger that person."""

from __future__ import annotations

from tests.actors.test_actor_context import code_of


def test_a_given_name_that_differs_makes_someone_else(pipeline):
    # the dictionary's "Baker" is James Baker, secretary of state until 1992;
    # Governor Charlie Baker is another man, and "Gov." makes him a US governor
    text = "The law was signed by Gov. Charlie Baker in February 2022."
    assert code_of(pipeline, text, "Gov. Charlie Baker", day="2023-12-08") == "USAGOV"


def test_the_known_person_is_still_found_by_their_full_name(pipeline):
    text = "Former President Donald Trump's campaign shifted its message."
    assert code_of(pipeline, text, "Former President Donald Trump",
                   day="2023-12-08") == "USAELI"


def test_a_title_of_an_office_once_held_speaks_of_that_time(pipeline):
    # in 2015, Eisenhower was long out of office; the text means his presidency
    text = "President Dwight Eisenhower broke off relations with Cuba in 1961."
    assert code_of(pipeline, text, "President Dwight Eisenhower", day="2015-07-20") == "USAGOV"


def test_former_keeps_an_office_holder_out_of_office(pipeline):
    text = "Former President Dwight Eisenhower warned of the military-industrial complex."
    assert code_of(pipeline, text, "Former President Dwight Eisenhower",
                   day="2015-07-20") == "USAELI"


def test_another_spelling_of_the_same_given_name_is_the_same_person(pipeline):
    # the dictionary writes "Anwaar-ul-Haq Kakar"; this page writes it otherwise
    text = "Caretaker Prime Minister Anwaarul Haq Kakar met the envoy in Islamabad."
    assert code_of(pipeline, text, "Caretaker Prime Minister Anwaarul Haq Kakar",
                   day="2024-01-29") == "PAKGOV"
