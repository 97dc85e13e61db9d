"""Actor resolution: who a phrase refers to, on the date of the event."""

from __future__ import annotations

from datetime import date

import pytest

from detente.actors.dictionary import actor_dictionary
from detente.pipeline import extract_text


def sides(pipeline, text: str, pub_date: str = "2000-10-23"):
    return [(e.source.code, e.target.code)
            for e in extract_text(text, pub_date=pub_date, pipeline=pipeline)]


@pytest.mark.parametrize(("text", "expected"), [
    ("The Kremlin sent aid to Armenia.", ("RUSGOV", "ARM")),
    ("The Pentagon criticised Kuwait.", ("USAMIL", "KWT")),
    ("Peking sent aid to Hanoi.", ("CHNGOV", "VNMGOV")),
    ("North Korean troops attacked South Korean soldiers.", ("PRKMIL", "KORMIL")),
    ("The IAEA criticised Iran.", ("IGOIAEA", "IRN")),
    ("The Democratic People’s Republic of Korea hosted envoys from Côte d’Ivoire.",
     ("PRK", "CIVGOV")),
])
def test_names_metonyms_and_titles(pipeline, text, expected):
    assert sides(pipeline, text) == [expected]


def test_historic_states_follow_the_date(pipeline):
    assert sides(pipeline, "Soviet troops attacked Afghan villages.", "1985-05-01") == [
        ("SUNMIL", "AFG")]
    assert sides(pipeline, "West German officials met East German officials.",
                 "1989-11-20") == [("FRGGOV", "DDRGOV")]


def test_a_person_is_who_they_were_on_the_day():
    roles = actor_dictionary()
    assert roles.role_on("Vladimir Putin", date(1999, 9, 1)).role == "prime minister"
    assert roles.role_on("Vladimir Putin", date(2000, 7, 19)).role == "president"
    assert roles.role_on("Madeleine Albright", date(1990, 1, 1)) is None


def test_people_introduced_by_the_article_are_remembered(pipeline):
    text = ("Ghanaian envoy Kwame Mensah arrived in Abuja on Monday.\n"
            "On Tuesday Mensah met Nigerian officials.")
    assert sides(pipeline, text) == [("GHAGOV", "NGAGOV"), ("GHAGOV", "NGAGOV")]


def test_a_state_that_did_not_exist_yet_is_not_coded(pipeline):
    # Serbia as a state dates from 2006; in 2000 the press meant FR Yugoslavia
    assert sides(pipeline, "The Kremlin sent aid to Serbia.", "2000-10-23") == []
    assert sides(pipeline, "The Kremlin sent aid to Serbia.", "2008-10-23") == [
        ("RUSGOV", "SRB")]


def test_unknown_people_stay_unresolved(pipeline):
    assert [source for source, _ in sides(pipeline, "John Smith visited Paris.")] in ([], [None])
