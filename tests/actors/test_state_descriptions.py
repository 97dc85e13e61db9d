"""A state described instead of named ("the East African nation", "the Gulf
state") is the state the article named most recently that the description fits;
the words and the states they fit are data/state_descriptions.tsv."""

from __future__ import annotations

import pytest

from detente.actors.words import state_descriptions
from detente.data import read_table
from tests.actors.test_actor_context import code_of

DAY = "2024-05-02"


@pytest.mark.parametrize(("text", "mention", "code"), [
    # the nearest state the words fit, not merely the nearest state
    ("Tanzania hosted envoys from Chad. The East African nation offered to mediate.",
     "The East African nation", "TZA"),
    ("Oman received the Iranian envoy. The Gulf state said talks would go on.",
     "The Gulf state", "OMN"),
    ("Bahrain's king met French officials. The tiny Gulf kingdom signed two accords.",
     "The tiny Gulf kingdom", "BHR"),
    ("Djibouti protested to France. The Horn of Africa nation recalled its envoy.",
     "The Horn of Africa nation", "DJI"),
    ("Estonia summoned the Russian ambassador. The Baltic state said the drone was Russian.",
     "The Baltic state", "EST"),
    # across paragraphs, and through a capital
    ("Officials in Hanoi denied the claim.\n\nThe communist state said the ship was lost.",
     "The communist state", "VNM"),
])
def test_a_described_state_is_the_nearest_state_that_fits(pipeline, text, mention, code):
    assert code_of(pipeline, text, mention, day=DAY) == code


@pytest.mark.parametrize(("text", "mention"), [
    # two states fit in the sentence named last: either could be meant
    ("Rwanda and Burundi closed the border. The East African nation blamed rebels.",
     "The East African nation"),
    # no state named before fits
    ("Peru recalled its ambassador. The Asian nation said nothing.", "The Asian nation"),
    # words that narrow nothing ("the nation", "the impoverished country")
    ("Haiti asked for aid. The impoverished country has no army.", "The impoverished country"),
    # a word the table does not know: not a description it can follow
    ("Mali expelled the envoy. The junta-led West African nation gave no reason.",
     "The junta-led West African nation"),
])
def test_a_description_no_named_state_fits_alone_stays_unresolved(pipeline, text, mention):
    assert code_of(pipeline, text, mention, day=DAY) is None


def test_the_description_table_names_known_states():
    states = {row["iso3"] for row in read_table("countries.tsv")}
    for words, fits in state_descriptions().items():
        assert fits is None or fits <= states, (words, fits - states)
