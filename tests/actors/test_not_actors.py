"""Names that stand for no actor where they are used: a state a plan is about,
a platform a message is posted on, a university as the place something
happened. The event coder may still take such a phrase as a side."""

from __future__ import annotations

import pytest

from tests.actors.test_actor_context import code_of


@pytest.mark.parametrize(("text", "mention", "code"), [
    # the plan is about sending people to Rwanda: Rwanda is its topic
    ("The minister quit over the stalled Rwanda plan.", "Rwanda", None),
    # a demonym says whose plan it is
    ("The minister praised the Rwandan plan.", "Rwandan", "RWA"),
])
def test_a_states_name_before_a_thing_is_its_topic(pipeline, text, mention, code):
    assert code_of(pipeline, text, mention, day="2023-12-07") == code


def test_a_platform_a_message_is_posted_on_is_no_actor(pipeline):
    text = "The department responded on Facebook within the hour."
    assert code_of(pipeline, text, "Facebook", day="2023-12-07") is None
    # the company acting is one
    text = "Facebook removed the posts within the hour."
    assert code_of(pipeline, text, "Facebook", day="2023-12-07") == "USABUS"


def test_a_university_named_as_where_something_happened_is_the_place(pipeline):
    text = "Czech police said shots rang out inside and outside Charles University in Prague."
    assert code_of(pipeline, text, "Charles University", day="2023-12-21") is None
    # a university that acts is one
    text = "Czech police said Charles University had closed its buildings in Prague."
    assert code_of(pipeline, text, "Charles University", day="2023-12-21") == "CZEEDU"
