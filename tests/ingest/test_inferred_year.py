"""An undated page gets a year only when its text dates it exactly, and the
year is marked as inferred; a mere mention of a year dates nothing."""

from __future__ import annotations

import pytest

from detente.ingest.inferred_year import infer_year, number_value
from detente.ingest.readers import read_articles
from detente.model import DatePoint


def inferred(year: str) -> DatePoint:
    return DatePoint(year, "year", "inferred")


def test_the_undated_seed_page_is_dated_by_the_korean_war(seeds):
    articles = {a.doc[:3]: a for a in read_articles([seeds])}
    assert articles["000"].pub_date == inferred("1996")  # "Forty-three years after ... 1953"
    assert articles["002"].pub_date.basis == "date line"  # a stated date is never replaced


@pytest.mark.parametrize(("text", "year"), [
    ("Forty-three years after the end of the Korean War, the peninsula is still divided.",
     "1996"),
    ("The peninsula remains divided, 43 years after the end of the Korean War.", "1996"),
    ("It is fifty years since the end of the Second World War.", "1995"),
    ("Twenty years after the fall of the Berlin Wall, Germany is a different country.", "2009"),
    ("The Korean War ended 43 years ago, yet no peace treaty has been signed.", "1996"),
    ("The talks began in 1993, three years ago.", "1996"),
    ("Leaders gathered in Moscow to mark the fiftieth anniversary of the end of the "
     "Second World War.", "1995"),
    ("Ten years after 1989, Europe has changed beyond recognition.", "1999"),
])
def test_exact_spans_from_a_known_point_give_the_year(text, year):
    assert infer_year([text]) == inferred(year)


@pytest.mark.parametrize("text", [
    "In 1993, the North refused to let inspectors visit two sites.",  # a year in passing
    "Three years after the death of Kim Il Sung, his son took full power.",  # past narrative
    "The treaty, signed ten years after 1983, is still in force.",  # not about the present
    "More than forty years after the end of the Korean War, the border is still closed.",
    "Nearly fifty years after the end of the Second World War, the dispute remains.",
    "Last year's fiftieth anniversary of the end of the Korean War passed quietly.",
    "In 1993 he joined the party he left two years ago.",
    "Forty years after the victory, the country is preparing new celebrations.",  # no anchor
])
def test_weak_or_inexact_evidence_gives_no_year(text):
    assert infer_year([text]) == DatePoint()


def test_evidence_that_disagrees_cancels_out():
    assert infer_year([
        "It is 43 years since the Korean War ended.",
        "Twenty years after the fall of the Berlin Wall, Germany is united.",
    ]) == DatePoint()


def test_evidence_that_agrees_within_a_year_is_kept():
    assert infer_year([
        "Forty-three years after the end of the Korean War, the two sides are talking.",
        "It is 51 years since the end of the Second World War.",
    ]) == inferred("1996")


@pytest.mark.parametrize(("words", "value"), [
    ("forty-three", 43), ("Forty three", 43), ("fiftieth", 50), ("twenty-first", 21),
    ("43", 43), ("50th", 50), ("seven", 7), ("ninety", 90), ("a few", None),
])
def test_number_words(words, value):
    assert number_value(words) == value
