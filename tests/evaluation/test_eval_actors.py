"""``detente eval actors`` scores a labelled set that is itself checked like data."""

from __future__ import annotations

import re
from datetime import date

import pytest

from detente.data import read_table
from detente.evaluation.actors import (
    LABELS,
    NEWS_LABELS,
    LabelledMention,
    evaluate_actors,
    labelled_mentions,
)
from detente.evaluation.news import read_pages


@pytest.mark.parametrize(("table", "size"), [(LABELS, 300), (NEWS_LABELS, 200)])
def test_the_labelled_sets_are_large_valid_and_findable(table, size):
    rows = labelled_mentions(table)
    assert len(rows) >= size
    countries = {row["iso3"] for row in read_table("countries.tsv")}
    igos = {row["code"] for row in read_table("igos.tsv")}
    organisations = {row["actor"] for row in read_table("organisations.tsv")}
    for row in rows:
        assert row.gold_country in countries | igos | organisations | {"IGO", "-"}, row
        assert row.gold_code == "-" or row.gold_code.startswith(row.gold_country), row
        assert re.fullmatch(r"(-|(IGO|NGO|IMG)[A-Z0-9]*|[A-Z]{3}([A-Z]{3})?)",
                            row.gold_code), row
    if table == LABELS:
        assert sum(row.source.startswith("plv/") for row in rows) >= 100
    else:  # real 2023 pages, none of them a page of the news evaluation set
        news_pages = {page.key for page in read_pages()}
        assert all(row.source.startswith("news2023/") and row.source not in news_pages
                   for row in rows)


def test_scoring_counts_countries_codes_and_non_actors(pipeline):
    day = date(2000, 10, 13)
    text = "Officials in Seoul welcomed the talks, and analysts in Tokyo agreed."
    rows = [LabelledMention("t", day, "Officials in Seoul", 1, "KORGOV", "KOR", "", text),
            LabelledMention("t", day, "analysts in Tokyo", 1, "-", "-", "", text),
            LabelledMention("t", day, "the talks", 1, "KORGOV", "KOR", "wrong on purpose", text)]
    report = evaluate_actors(pipeline, rows)
    assert (report.total, report.country_right, report.code_right) == (3, 2, 2)
    assert (report.gold_actors, report.covered) == (2, 1)
    assert [miss.mention for miss in report.misses] == ["the talks"]
