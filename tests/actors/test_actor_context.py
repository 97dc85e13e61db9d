"""Context decides nationality: a place before a word for people is where they
are from, a demonym inside a longer name is not its state, and a dateline says
where a report was filed, never who acted (issue 15, item 3)."""

from __future__ import annotations

from datetime import date

import pytest

from detente.evaluation.actors import read_article
from detente.ingest.readers import article_from_clean_text
from detente.pipeline import extract_text


def code_of(pipeline, text: str, mention: str, day: str = "2024-03-04",
            occurrence: int = 1) -> str | None:
    """The code the resolver gives the ``occurrence``-th ``mention`` in ``text``."""
    start = -1
    for _ in range(occurrence):
        start = text.index(mention, start + 1)
    found, _ = read_article(pipeline, article_from_clean_text("test", text),
                            date.fromisoformat(day), [(start, start + len(mention))])
    return found[0].code if found[0] else None


@pytest.mark.parametrize(("text", "mention", "code"), [
    # the state named elsewhere in the paragraph is not theirs
    ("Israeli jets hit the hospital overnight. Gaza doctors said the generators had failed.",
     "Gaza doctors", "PSEHLH"),
    ("Russia launched drones at dawn, and Kyiv residents spent the night in metro stations.",
     "Kyiv residents", "UKRCVL"),
    ("Israel shut the crossing again, and Gazan workers lost their permits.",
     "Gazan workers", "PSELAB"),
    ("Israel ordered an evacuation. Gaza civilians walked south along the coast road.",
     "Gaza civilians", "PSECVL"),
    ("Germany raised its terror alert after a Munich man was detained.", "a Munich man", "DEU"),
])
def test_a_place_before_a_word_for_people_gives_their_state(pipeline, text, mention, code):
    assert code_of(pipeline, text, mention) == code


def test_an_unknown_place_before_residents_is_not_the_paragraphs_state(pipeline):
    # "Bucha" is not in places.tsv, so its residents are not Russian for want of
    # it: the gazetteer knows the town, and it is in Ukraine
    text = "Russia rejected the report. Bucha residents described the occupation."
    assert code_of(pipeline, text, "Bucha residents") == "UKRCVL"
    # a name no table knows leaves them unresolved
    text = "Russia rejected the report. Zrbovka residents described the occupation."
    assert code_of(pipeline, text, "Zrbovka residents") is None


@pytest.mark.parametrize(("text", "mention"), [
    ("Pakistan blamed militants for the Quetta attack.", "Quetta attack"),
    ("Iran said it would respect the Vienna Convention.", "Vienna Convention"),
])
def test_a_place_before_a_thing_is_still_no_actor(pipeline, text, mention):
    assert code_of(pipeline, text, mention) is None


def test_gaza_doctors_accusing_israel_are_palestinian(pipeline):
    events = extract_text("Gaza doctors accused Israel of shelling the clinic.",
                          pub_date="2024-03-04", pipeline=pipeline)
    assert ("PSEHLH", "ISR") in [(e.source.code, e.target.code) for e in events]


@pytest.mark.parametrize(("text", "mention", "code"), [
    # Americans of Mexican origin, in the bare plural: the United States' people
    ("Mexico protested the ruling, and Mexican Americans rallied in Phoenix.",
     "Mexican Americans", "USACVL"),
    ("Mexico protested the ruling, and Mexican American leaders backed it.",
     "Mexican American leaders", "USAGOV"),
    ("Mexico protested the ruling, and Mexican-American leaders backed it.",
     "Mexican-American leaders", "USAGOV"),
    ("India welcomed the vote, which Indian American voters had decided.",
     "Indian American voters", "USA"),
    ("Mexico protested the ruling, and New Mexicans voted against it.", "New Mexicans", None),
    ("Mexico protested the ruling, and New Mexican officials ignored it.",
     "New Mexican officials", None),
    ("Indonesia said clans in New Guinea had clashed.", "New Guinea", None),
    ("Russian trawlers unloaded at Dutch Harbor.", "Dutch Harbor", None),
])
def test_a_demonym_inside_a_longer_name_is_not_its_state(pipeline, text, mention, code):
    assert code_of(pipeline, text, mention) == code


def test_two_demonyms_joined_for_relations_stay_two_states(pipeline):
    # hyphenated and about no people: talks between the two states
    text = "Russian-American talks resumed in Geneva."
    start = text.index("Russian")
    _, context = read_article(pipeline, article_from_clean_text("test", text),
                              date(2024, 3, 4), [(start, start + len("Russian"))])
    assert {"RUS", "USA"} <= context.mentioned


def test_a_us_state_in_a_dateline_is_where_it_was_filed_not_mexico(pipeline):
    text = ("ALBUQUERQUE, N.M. (AP) — Police detained a driver who had crossed the border "
            "from Mexico.")
    assert code_of(pipeline, text, "Police") == "USACOP"
    text = ("ALBUQUERQUE, N.M. (AP) — A driver who had crossed from Mexico was detained.\n"
            "Police said he would be returned to Mexico.")
    # two states in view (filed in the US, the paragraph names Mexico): left alone
    assert code_of(pipeline, text, "Police") is None


def test_a_dateline_region_outweighs_its_city(pipeline):
    assert code_of(pipeline, "MOSCOW, Idaho (AP) — Police questioned a student.",
                   "Police") == "USACOP"
    assert code_of(pipeline, "MOSCOW (AP) — Police questioned a student.",
                   "Police") == "RUSCOP"
    # a weekday after the comma is no region
    assert code_of(pipeline, "LONDON, Monday (Reuters) — Police questioned a student.",
                   "Police") == "GBRCOP"


def test_a_bare_bureau_dateline_does_not_override_the_story(pipeline):
    text = ("BRUSSELS — The European Union extended sanctions on Syria over its "
            "crackdown on civilians.")
    assert code_of(pipeline, text, "civilians") != "BELCVL"


def test_a_dateline_is_never_a_side(pipeline):
    text = "SANTA FE, N.M. (AP) — Mexico criticised the United States over the arrests."
    events = extract_text(text, pub_date="2024-03-04", pipeline=pipeline)
    assert [(e.source.code, e.target.code) for e in events] == [("MEX", "USA")]
    assert all("N.M." not in e.source.text and "N.M." not in e.target.text for e in events)


def test_a_title_only_one_state_uses_names_that_state(partial_pipeline):
    """"Gov.", "Rep." and "Home Secretary" say whose official a stranger is, even on a
    page that names no state, and whatever the page is about."""
    sides = {e.source.text: e.source.code for e in extract_text(
        "State Rep. Steve Xiarhos praised the officers. Home Secretary Jane Doe met the "
        "Rwandan president in Kigali.", pub_date="2023-12-22", pipeline=partial_pipeline)}
    assert sides == {"State Rep. Steve Xiarhos": "USALEG", "Home Secretary Jane Doe": "GBRGOV"}


def test_a_local_story_naming_no_state_is_where_its_places_are(pipeline):
    text = ("Police shot a woman in a parking lot on Friday, the police chief said.\n\n"
            "She was flown to a Boston hospital with a gunshot wound.")
    assert code_of(pipeline, text, "Police") == "USACOP"
    # a document named after a body is no agent of the place's state
    assert code_of(pipeline, "The Senate Concurrent Resolution 4005 failed in Boston.",
                   "Resolution") is None
    # a story that names a state keeps to it
    assert code_of(pipeline, "Police in Lyon arrested a man. France said Boston was calm.",
                   "Police") == "FRACOP"


@pytest.mark.parametrize(("text", "mention"), [
    ("It never happened in 15 years of living in the US.", "the US"),
    ("Gunshots rang out in the heart of historical Prague on Thursday.", "Prague"),
    ("The company opened its first office in the UAE in 2023.", "the UAE"),
    ("He was living in Fort Smith, Arkansas, in 1999.", "Fort Smith, Arkansas"),
    ("The remains were found in Lake Barkley, in Lyon County, Kentucky.",
     "Lyon County, Kentucky"),
])
def test_a_place_that_is_only_where_something_happened_is_no_actor(pipeline, text, mention):
    assert code_of(pipeline, text, mention) is None


def test_a_place_the_event_coder_takes_as_a_side_is_still_its_state(pipeline):
    """"Was arrested in Rwanda": the coder reads the place as the arresting state."""
    events = extract_text("The journalist was arrested in Rwanda on Monday.",
                          pub_date="2024-03-04", pipeline=pipeline)
    assert any(event.source.code and event.source.code.startswith("RWA") for event in events)


@pytest.mark.parametrize(("text", "mention"), [
    ("We are optimistic that the Egyptian economy will improve in 2024.", "the Egyptian economy"),
    ("They kept a strong belief in Egypt's economic potential.", "Egypt's economic potential"),
    ("He arrived to sit an Albanian language exam.", "an Albanian language exam"),
    ("Hitler wrote that German blood was being poisoned.", "German blood"),
    ("It was the worst shooting in the Czech Republic's modern history.", "the Czech Republic"),
])
def test_a_thing_of_a_state_is_no_actor(pipeline, text, mention):
    assert code_of(pipeline, text, mention) is None


@pytest.mark.parametrize(("text", "mention", "code"), [
    ("Police in Tehran arrested the protesters.", "Tehran", None),   # where, not who
    ("Egypt condemned the raid.", "Egypt", "EGY"),                   # a state acting
    ("Iran's foreign ministry summoned the envoy.", "Iran's foreign ministry", "IRNGOV"),
])
def test_a_state_that_acts_is_still_an_actor(pipeline, text, mention, code):
    assert code_of(pipeline, text, mention) == code
