"""A page whose text has no line breaks is one long paragraph: it is parsed in
pieces cut at sentence ends and joined back into one parse, so its cost grows
with its length (bench/long_paragraph.py measures how) and no length is refused
by spaCy's ``max_length``."""

from __future__ import annotations

import pytest

from detente.model import Article
from detente.nlp import PIECE_CHARS, parse_paragraphs, pieces_of
from detente.syntax import entities_in

pytestmark = pytest.mark.fault

SENTENCE = "North Korea criticised Japan on Monday. "


def test_pieces_join_back_into_the_paragraph_and_end_at_sentence_ends():
    paragraph = ("The U.S. President met Mr. Kim in Hanoi. " * 200).strip()
    pieces = list(pieces_of(paragraph, limit=1_000))
    assert "".join(pieces) == paragraph
    assert all(len(piece) <= 1_000 for piece in pieces)
    assert all(piece.endswith("Hanoi. ") for piece in pieces[:-1])  # never after "U.S."


def test_a_paragraph_without_sentence_ends_or_spaces_is_still_cut():
    assert [len(p) for p in pieces_of("x" * 2_500, limit=1_000)] == [1_000, 1_000, 500]


def test_a_long_paragraph_is_one_parse_with_its_text_intact(pipeline):
    paragraph = (SENTENCE * (2 * PIECE_CHARS // len(SENTENCE))).strip()
    [doc] = parse_paragraphs([paragraph], pipeline.nlp)
    assert doc.text == paragraph
    assert len(list(doc.sents)) == paragraph.count(".")


def test_a_paragraph_longer_than_spacy_allows_is_coded(pipeline, monkeypatch):
    """spaCy refuses one text over ``nlp.max_length`` (a million characters by
    default); a paragraph over it is coded like any other."""
    monkeypatch.setattr(pipeline.nlp, "max_length", PIECE_CHARS + 1)
    paragraph = (SENTENCE * (3 * PIECE_CHARS // len(SENTENCE))).strip()
    coded = pipeline.code(Article(doc="long", paragraphs=[paragraph]))
    assert len(coded.events) == paragraph.count(".")
    assert {(e.source.code, e.target.code) for e in coded.events} == {("PRK", "JPN")}


def test_a_sentence_s_entities_are_read_from_its_own_tokens(pipeline):
    """What the coder and the locator ask of every event: the same entities as
    spaCy's ``Span.ents``, without building the whole paragraph's each time."""
    doc = pipeline.nlp("Israel struck Gaza on Monday. Talks in Geneva with the United Nations "
                       "ended. Kim met Putin in Vladivostok on 13 September 2023.")
    for sentence in doc.sents:
        assert [(e.text, e.label_) for e in entities_in(sentence)] == [
            (e.text, e.label_) for e in sentence.ents]
