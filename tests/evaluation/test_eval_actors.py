"""``detente eval actors`` scores a labelled set that is itself checked like data."""

from __future__ import annotations

import re
from datetime import date

import pytest
from typer.testing import CliRunner

from detente.cli.app import app
from detente.data import read_table
from detente.evaluation.actors import (
    LABELS,
    NEWS_LABELS,
    LabelledMention,
    actor_sets,
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


def test_the_split_keeps_the_2023_test_pages_out_unless_asked_for():
    # tuning reads dev: the hand-built table and the 2023 dev pages
    assert actor_sets("dev") == [(LABELS, None), (NEWS_LABELS, "dev")]
    # a report reads the test pages, and nothing else
    assert actor_sets("test") == [(NEWS_LABELS, "test")]
    assert actor_sets("all") == [(LABELS, None), (NEWS_LABELS, "dev"), (NEWS_LABELS, "test")]
    # without the reference data only the hand-built table is left to score
    assert actor_sets("all", news=False) == [(LABELS, None)]
    assert actor_sets("test", news=False) == []


def test_an_unknown_split_stops_with_one_line_before_anything_is_read():
    result = CliRunner().invoke(app, ["eval", "actors", "--split", "val"])
    assert result.exit_code == 2
    assert "--split val: choose dev, test or all" in result.output
