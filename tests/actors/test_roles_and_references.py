"""Roles and references a reader of real news follows without a dictionary entry:
a word before an office that makes it the opposition's or a campaign's, a name
given again with a courtesy word, a person's own people ("his own MPs") and a
body named again by its kind ("the department")."""

from __future__ import annotations

import pytest

from tests.actors.test_actor_context import code_of

DAY = "2023-12-08"


@pytest.mark.parametrize(("text", "mention", "code"), [
    # "shadow" before a British office: the opposition's spokesperson for it
    ("The Conservatives' shadow culture secretary Jane Doyle attacked the budget.",
     "The Conservatives' shadow culture secretary Jane Doyle", "GBROPP"),
    ("The British Shadow Health Secretary Wes Tanner visited a hospital.",
     "The British Shadow Health Secretary Wes Tanner", "GBROPP"),
    # a campaign's spokesman speaks for a party's campaign, not a government
    ("Biden campaign spokesman Tom Reilly dismissed the poll.",
     "Biden campaign spokesman Tom Reilly", "USAPTY"),
    ("The Pakistani opposition spokesman Ali Raza rejected the budget.",
     "The Pakistani opposition spokesman Ali Raza", "PAKOPP"),
])
def test_a_word_before_an_office_gives_it_the_opposition_or_a_campaign(
        pipeline, text, mention, code):
    assert code_of(pipeline, text, mention, day=DAY) == code


def test_an_opposition_newspaper_is_still_a_newspaper(pipeline):
    # the modifier turns an office into its counterpart, never an outlet into a party
    text = "Uruguay's government closed the opposition newspaper Voz for a month."
    assert code_of(pipeline, text, "the opposition newspaper Voz", day=DAY) != "URYOPP"


def test_a_person_named_again_with_a_courtesy_word_is_the_same_person(pipeline):
    text = ("Labour's shadow justice secretary Anna Crake spoke first. "
            "Later, Ms Crake said the party would vote against the bill.")
    assert code_of(pipeline, text, "Ms Crake", day=DAY) == "GBROPP"


def test_a_persons_own_people_are_of_that_persons_state(pipeline):
    text = "Rishi Sunak faced a revolt from his own MPs over the visa rules."
    assert code_of(pipeline, text, "his own MPs", day=DAY) == "GBRLEG"
    # whose people they are must be known: no one before "his" leaves them unplaced
    assert code_of(pipeline, "A revolt by his own MPs was expected.", "his own MPs",
                   day=DAY) is None


def test_the_department_is_the_department_named_before(pipeline):
    text = ("The Groton Police Department searched for the driver. "
            "On Friday the department said the dog was recovering.")
    assert code_of(pipeline, text, "the department", day=DAY) == "USACOP"
    text = ("The Justice Department sued the city. "
            "A lawyer said the department would appeal.")
    # an executive department is GOV, as CAMEO codes it; its prosecutors are JUD
    assert code_of(pipeline, text, "the department", day=DAY) == "USAGOV"


def test_the_department_with_no_department_named_before_is_no_one(pipeline):
    text = "The minister resigned on Monday. The department said nothing more."
    assert code_of(pipeline, text, "The department", day=DAY) is None


def test_a_person_the_sentence_says_holds_a_role_holds_it(pipeline):
    text = ("Maria Keane is one of the Biden campaign's senior spokespeople. "
            "Keane has run three races.")
    assert code_of(pipeline, text, "Maria Keane", day=DAY) == "USAPTY"
    assert code_of(pipeline, text, "Keane", day=DAY, occurrence=2) == "USAPTY"


def test_a_predicate_with_no_title_gives_no_role(pipeline):
    # a friend of a known person is no office: the person stays unknown
    text = "Maria Keane is a close friend of Joe Biden."
    assert code_of(pipeline, text, "Maria Keane", day=DAY) is None
