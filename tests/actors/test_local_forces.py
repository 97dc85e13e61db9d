"""Local police and officials: a town's force, a state's troopers and a titled
officer in a local story belong to the state the town is in, with the sector
their title gives, even where the actor dictionary does not know the town."""

from __future__ import annotations

import pytest

from tests.actors.test_actor_context import code_of


@pytest.mark.parametrize(("text", "mention", "code"), [
    # the gazetteer knows towns of 5,000 people or more that the dictionary lacks
    ("Groton police said the dog would recover.", "Groton police", "USACOP"),
    ("Aarhus police arrested two men on Sunday.", "Aarhus police", "DNKCOP"),
    # towns of that name in several states: the one the article is about
    ("A driver fled in Massachusetts, and Norwood PD asked for help.", "Norwood PD", "USACOP"),
    ("A fire closed a school in Adelaide. Norwood police said nobody was hurt.",
     "Norwood police", "AUSCOP"),
    ("Yarmouth police Sergeant Sean Gannon was shot in Massachusetts in 2018.",
     "Yarmouth police Sergeant Sean Gannon", "USACOP"),
])
def test_a_town_before_a_local_title_gives_the_towns_state(pipeline, text, mention, code):
    assert code_of(pipeline, text, mention, day="2023-12-01") == code


def test_a_town_is_not_guessed_among_namesakes_in_several_states(pipeline):
    # Norwood, Massachusetts and Norwood, South Australia: the text does not say
    assert code_of(pipeline, "Norwood police said nobody was hurt.", "Norwood police",
                   day="2023-12-01") is None
    # a town of one state only is in that state, whatever other state the story names
    text = "Danish police were on alert, and Groton police said the dog would recover."
    assert code_of(pipeline, text, "Groton police", day="2023-12-01") == "USACOP"


@pytest.mark.parametrize("force", ["Federal Police", "Transit Police", "University police"])
def test_a_word_for_a_kind_of_force_is_no_town(pipeline, force):
    # "Federal", "Transit" and "University" are also small towns somewhere
    text = f"{force} detained a protester on Monday."
    assert code_of(pipeline, text, force, day="2023-12-01") is None


@pytest.mark.parametrize(("text", "mention"), [
    # no state is named; a Boston hospital places the story in the United States
    ("Officers shot a woman on Friday, according to police Chief William Brooks. "
     "She was flown to a Boston hospital.", "police Chief William Brooks"),
    # the phrase's own title outranks its apposition's: a trooper (a US state
    # police officer), though a spokesman too
    ("Trooper Brandon Doherty, a spokesman for the force, said in an email that it helped.",
     "Trooper Brandon Doherty"),
    # law enforcement is police, and Arkansas a US state
    ("Law enforcement in Arkansas kept hunting for the fugitive.", "Law enforcement in Arkansas"),
])
def test_a_local_officers_title_and_story_make_them_american_police(pipeline, text, mention):
    assert code_of(pipeline, text, mention, day="2023-12-01") == "USACOP"


def test_police_of_a_story_naming_several_states_are_where_the_story_opens(pipeline):
    # no dateline, and the article names three states: the lede sets the scene
    text = ("Shots were fired in the centre of Prague on Tuesday.\n\n"
            "The Czech government thanked Japan and Canada for their messages.\n\n"
            "Police said two people were hurt.")
    assert code_of(pipeline, text, "Police", day="2023-12-01") == "CZECOP"
    # a lede that places nothing leaves them unplaced among the states named
    text = ("Two people were hurt on Tuesday.\n\n"
            "The Czech government thanked Japan and Canada for their messages.\n\n"
            "Police said the gunman had acted alone.")
    assert code_of(pipeline, text, "Police", day="2023-12-01") is None


def test_a_police_department_written_short_is_the_local_police(pipeline):
    text = ("A patrol car was stolen overnight in Massachusetts. "
            "Officers at HPD said the car was found the next day.")
    assert code_of(pipeline, text, "HPD", day="2023-12-01") == "USACOP"
    # an abbreviation the dictionary knows keeps its reading: the SPD is a German party
    assert code_of(pipeline, "The SPD lost seats in Berlin.", "The SPD",
                   day="2023-12-01") == "DEUPTY"
