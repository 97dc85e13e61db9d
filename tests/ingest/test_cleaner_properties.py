"""Properties of the cleaners on generated input: they never crash, the dump
cleaner only ever keeps input lines in their order, leaves clean prose as it
is and finds no article in pure navigation; the date, language, encoding and
year readers take any input."""

from __future__ import annotations

from datetime import date

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from detente.datelines import split_dateline
from detente.ingest.dates import is_date_line, parse_date
from detente.ingest.encoding import BinaryDataError, decode
from detente.ingest.inferred_year import infer_year
from detente.ingest.language import identify
from detente.ingest.textdump import clean_text_dump, normalise_line

ANY_TEXT = st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=2000)
FUNCTION = ["the", "of", "and", "to", "in", "that", "with", "for", "on", "from", "by", "was"]
CONTENT = ["minister", "talks", "border", "government", "officials", "agreement", "capital",
           "delegation", "president", "treaty", "visit", "envoy", "troops", "summit", "aid",
           "sanctions", "meeting", "proposal", "ceasefire", "negotiators", "election"]
MENU = ["Home", "World", "Politics", "Business", "Sport", "Weather", "Contact us", "More",
        "Latest news", "Video", "Opinion", "Subscribe", "Log in", "Search"]


@st.composite
def sentences(draw) -> str:
    """A sentence of running English: function and content words alternating."""
    pairs = draw(st.lists(st.tuples(st.sampled_from(FUNCTION), st.sampled_from(CONTENT)),
                          min_size=5, max_size=14))
    words = [word for pair in pairs for word in pair]
    return words[0].capitalize() + " " + " ".join(words[1:]) + "."


PARAGRAPHS = st.lists(st.lists(sentences(), min_size=1, max_size=3).map(" ".join),
                      min_size=1, max_size=8, unique=True)


def is_subsequence(kept: list[str], lines: list[str]) -> bool:
    remaining = iter(lines)
    return all(any(line == paragraph for line in remaining) for paragraph in kept)


@settings(max_examples=150, deadline=None)
@given(ANY_TEXT)
def test_the_dump_cleaner_keeps_only_input_lines_in_order(raw):
    dump = clean_text_dump(raw)
    lines = [normalise_line(line) for line in raw.splitlines()]
    assert all(dump.paragraphs)
    assert is_subsequence(dump.paragraphs, lines)


@pytest.mark.slow
@settings(max_examples=100, deadline=None)
@given(PARAGRAPHS)
def test_clean_prose_comes_out_as_it_went_in(paragraphs):
    assert clean_text_dump("\n\n".join(paragraphs)).paragraphs == paragraphs


@pytest.mark.slow
@settings(max_examples=100, deadline=None)
@given(PARAGRAPHS, st.lists(st.sampled_from(MENU), min_size=3, max_size=12),
       st.lists(st.sampled_from(MENU), min_size=3, max_size=12))
def test_prose_between_menus_is_kept_and_the_menus_dropped(paragraphs, top, bottom):
    raw = "\n".join([*top, "", *paragraphs, "", *bottom])
    assert clean_text_dump(raw).paragraphs == paragraphs


@settings(max_examples=100, deadline=None)
@given(st.lists(st.lists(st.sampled_from(MENU), min_size=1, max_size=6), min_size=1,
                max_size=30))
def test_a_page_of_navigation_has_no_article(menus):
    raw = "\n".join(" | ".join(items) if len(items) > 1 else items[0] for items in menus)
    assert clean_text_dump(raw).paragraphs == []


@settings(max_examples=100, deadline=None)
@given(PARAGRAPHS)
def test_cleaning_is_idempotent(paragraphs):
    once = clean_text_dump("\n".join(paragraphs)).paragraphs
    assert clean_text_dump("\n".join(once)).paragraphs == once


@settings(max_examples=300, deadline=None)
@given(ANY_TEXT)
def test_date_readers_take_any_string(raw):
    found = parse_date(raw)
    if found:
        assert date.fromisoformat(found.value) and found.precision == "day"
    is_date_line(raw)
    place, when, rest = split_dateline(raw)
    assert (place is None and rest == raw and not when) or rest in raw


@settings(max_examples=200, deadline=None)
@given(ANY_TEXT)
def test_language_and_year_readers_take_any_string(raw):
    identify(raw)
    year = infer_year([raw])
    assert not year or (year.precision == "year" and year.basis == "inferred")


@settings(max_examples=200, deadline=None)
@given(st.binary(max_size=3000))
def test_any_bytes_decode_or_fail_as_binary(data):
    try:
        decoded = decode(data)
    except BinaryDataError as error:
        assert str(error) == "binary file, not text or HTML"
    else:
        assert isinstance(decoded.text, str) and decoded.encoding
