"""Sentence boundaries in plain text (detente.sentences) and wire datelines
(detente.datelines): one definition each, read by ingest, the parser's piece
cutter, the resolver and event places."""

from __future__ import annotations

import pytest

from detente.datelines import (
    dateline_month_day,
    filed_from,
    opening_place,
    split_dateline,
)
from detente.sentences import safe_sentence_ends, split_sentences

TEXT = ('North Korea criticised Japan on Monday. "Talks resumed," he said. '
        "The U.S. envoy arrived.\n\n(It was in May.) Seoul 2000 was calm.")


def test_sentences_end_at_a_stop_before_a_capital_or_a_line_break():
    assert split_sentences(TEXT) == [
        "North Korea criticised Japan on Monday.", '"Talks resumed," he said.',
        "The U.S. envoy arrived.", "(It was in May.", "Seoul 2000 was calm."]
    assert split_sentences("One. Two! 'Three?' Four") == ["One.", "Two!", "'Three?", "Four"]
    assert split_sentences("No end here") == ["No end here"]


def test_a_safe_cut_follows_a_word_not_an_abbreviation():
    text = "The U.S. envoy met Mr. Kim in Seoul. Talks went on in 2000. Then he left."
    cuts = list(safe_sentence_ends(text))
    assert [text[:cut] for cut in cuts] == [
        "The U.S. envoy met Mr. Kim in Seoul. ",
        "The U.S. envoy met Mr. Kim in Seoul. Talks went on in 2000. "]


@pytest.mark.parametrize(("paragraph", "place", "day", "rest"), [
    ("SEOUL, June 15, 2000 (Reuters) - The two Koreas agreed.", "SEOUL", "2000-06-15",
     "The two Koreas agreed."),
    ("WASHINGTON (AP) — Talks resumed.", "WASHINGTON", None, "Talks resumed."),
    ("Once suspicious, Pyongyang has gone on the offensive.", None, None,
     "Once suspicious, Pyongyang has gone on the offensive."),
])
def test_ingest_splits_a_dateline_with_a_date_or_an_agency(paragraph, place, day, rest):
    found_place, when, found_rest = split_dateline(paragraph)
    assert (found_place, when.value, found_rest) == (place, day, rest)


def test_a_yearless_dateline_gives_its_month_and_day():
    assert dateline_month_day("WASHINGTON, March 3 (Reuters) - Talks") == (3, 3)
    assert dateline_month_day("SEOUL, June 15, 2000 (Reuters) - Talks") is None
    assert dateline_month_day("LONDON, February 30 (AP) - Talks") is None


@pytest.mark.parametrize(("paragraph", "filed"), [
    ("SEOUL, June 13 (Reuters) — Talks", ("SEOUL", None)),
    ("TIRANA, Albania (AP) - Talks", ("TIRANA", "Albania")),
    ("ALBUQUERQUE, N.M. — A court", ("ALBUQUERQUE", "N.M.")),
    ("Cebu City-- Police", ("Cebu City", None)),
    ("The talks went on.", None),
])
def test_the_resolver_reads_where_an_article_was_filed(paragraph, filed):
    assert filed_from(paragraph) == filed


def test_event_places_read_a_looser_opening_place():
    assert opening_place("Riyadh, 11 March 2023 (TDI): The kingdom") == "Riyadh"
    assert opening_place("Hanoi (VNA) - Vietnam") == "Hanoi"
    assert opening_place("Jakarta: Indonesia") == "Jakarta"
    assert opening_place("The talks went on.") is None


@pytest.mark.parametrize(("paragraph", "place"), [
    ("December 16, 2023 (PORT SUDAN) – Sudan has confirmed", "PORT SUDAN"),
    ("16 December 2023 (KHARTOUM) - The army", "KHARTOUM"),
    ("NAYPYITAW [Myanmar], Nov 23, 2017: Myanmar signed", "NAYPYITAW"),
    ("TBILISI/BAKU — Armenian and Azerbaijani officials", "TBILISI"),
    ("Bangkok/Phnom Penh: A border conflict", "Bangkok"),
    ("GROTON ― The submarine", "GROTON"),
    ("May 22 (UPI) -- The United States", None),  # a date and an agency: no place
])
def test_an_opening_place_after_its_date_in_brackets_or_with_a_second_place(paragraph, place):
    """Datelines of real pages: the place bracketed after the date, a region in
    square brackets, two places filed from (the first is read)."""
    assert opening_place(paragraph) == place
