"""The verbs imported from PETRARCH-2's CAMEO verb dictionary (petrarch_verbs.tsv,
written and vetted by tools/import_petrarch_verbs.py): every row names its source,
only rows the vetting kept are read, and an import only fills a gap in detente's
own vocabulary."""

from __future__ import annotations

import re

import pytest

from detente.data import data_path, read_table
from detente.events.ontology import codebook
from detente.events.patterns import IMPORTED_VERBS, KEPT, PatternBook, pattern_book
from detente.pipeline import extract_text

SOURCE = re.compile(r"petrarch2:CAMEO\.verbpatterns\.150430\.txt:\d+")
ROWS = list(read_table(IMPORTED_VERBS))


@pytest.fixture(scope="module")
def own_book() -> PatternBook:
    """detente's vocabulary with no import."""
    return PatternBook(imported=[])


def test_the_table_has_its_columns_a_source_and_a_verdict_per_row():
    with data_path(IMPORTED_VERBS).open(encoding="utf-8") as handle:
        assert handle.readline().rstrip("\n").split("\t") == [
            "verbs", "object", "code", "synset", "right", "wrong", "verdict", "source"]
    assert ROWS
    for row in ROWS:
        assert SOURCE.fullmatch(row["source"]), row
        assert row["code"] in codebook() and not row["code"].startswith("01"), row
        assert row["verdict"] in {KEPT, "left out"}, row
        assert row["verbs"] and all(verb.isalpha() or "-" in verb
                                    for verb in row["verbs"].split()), row


def test_a_row_is_kept_only_with_right_events_and_no_wrong_one_in_vetting():
    kept = [row for row in ROWS if row["verdict"] == KEPT]
    assert kept
    for row in ROWS:
        earned = int(row["right"]) > 0 and int(row["wrong"]) == 0
        assert (row["verdict"] == KEPT) == earned, row


def test_exactly_the_kept_rows_are_read_each_filling_a_gap(own_book):
    book = pattern_book()
    added = {(verb, pattern.code, "".join(pattern.objects))
             for (verb, part_of_speech), patterns in book.by_trigger.items()
             if part_of_speech == "verb"
             for pattern in patterns if pattern not in own_book.candidates(verb, "verb")}
    kept = {(verb, row["code"], row["object"])
            for row in ROWS if row["verdict"] == KEPT for verb in row["verbs"].split()}
    assert added == kept
    assert all(own_book.takes_import(verb, word) for verb, _, word in kept)


def test_a_verb_detente_codes_keeps_its_meaning(own_book):
    # "meet" is detente's (a joint meeting): no imported sense may replace it
    assert not own_book.takes_import("meet", "")
    assert not own_book.takes_import("meet", "resistance")
    # control and light verbs ("agree to", "hold talks") take none either
    assert not own_book.takes_import("agree", "embargo")
    assert not own_book.takes_import("hold", "rally")


@pytest.mark.parametrize(("text", "event"), [
    ("Niger ousted the French ambassador on Monday.", ("NER", "174", "FRA")),
    ("Kenya disputed Uganda's comments about the border.", ("KEN", "111", "UGA")),
    ("Japan reaffirmed its commitment to the Philippines.", ("JPN", "050", "PHL")),
    ("Russian strikes devastated Ukraine's power grid.", ("RUS", "190", "UKR")),
])
def test_imported_verbs_code_what_detente_had_no_word_for(pipeline, text, event):
    coded = {(e.source.side, e.cameo, e.target.side)
             for e in extract_text(text, pub_date="2024-03-04", pipeline=pipeline)}
    assert event in coded
