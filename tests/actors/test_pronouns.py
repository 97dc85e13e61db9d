
"""Pronouns: a pronoun stands for the nearest earlier subject that agrees with
it, across sentences and paragraphs, or for no one; it never takes whatever
actor came last."""

from __future__ import annotations

import re
from datetime import date

import pytest

from detente.actors.resolve import ActorResolver
from detente.evaluation.actors import read_article
from detente.ingest.readers import article_from_clean_text
from detente.pipeline import extract_text


@pytest.fixture(scope="module")
def pipeline(partial_pipeline):
    """These tests look at what the side finder finds, coded or not."""
    return partial_pipeline


def refers_to(pipeline, text: str, pronoun: str, day: str = "2000-10-23") -> list[str]:
    """The codes the last word ``pronoun`` in ``text`` stands for, read as the coder
    reads the article (empty: no one)."""
    article = article_from_clean_text("test", text)
    on = date.fromisoformat(day)
    _, context = read_article(pipeline, article, on, [])
    start = [found.start() for found in re.finditer(rf"\b{pronoun}\b", article.text)][-1]
    for (doc, index), offset in zip(context.paragraphs, article.paragraph_offsets(),
                                    strict=True):
        token = next((t for t in doc if offset + t.idx == start), None)
        if token is not None:
            return [actor.code for actor in ActorResolver(context, index, offset).resolve(
                token, on)]
    raise AssertionError(f"{pronoun!r} is no token of the text")


def events(pipeline, text: str, day: str = "2000-10-23") -> set[tuple]:
    return {(e.source.code, e.source.text, e.cameo, e.target.code)
            for e in extract_text(text, pub_date=day, pipeline=pipeline)}


# A pronoun and who it stands for ([]: no one), read on the day given.
@pytest.mark.parametrize(("text", "pronoun", "day", "codes"), [
    pytest.param("Vladimir Putin arrived in Pyongyang. He criticised Japan.",
                 "He", "2000-10-23", ["RUSGOV"],
                 id="he_refers_to_a_named_person_in_an_earlier_sentence"),
    pytest.param("The Chinese foreign minister arrived in Seoul. He criticised Japan.",
                 "He", "2000-10-23", ["CHNGOV"],
                 id="he_refers_to_a_titled_person"),
    pytest.param("Putin arrived in Pyongyang on Wednesday. North Korea gave him a lavish "
                 "welcome. He criticised Japan.",
                 "He", "2000-10-23", ["RUSGOV"],
                 id="he_skips_a_state_for_the_person_before_it"),
    # the nearest person is the antecedent even when detente does not know him
    pytest.param("Vladimir Putin left Beijing. John Smith arrived in Seoul. He criticised Japan.",
                 "He", "2000-07-20", [],
                 id="he_after_someone_unknown_stays_unresolved"),
    pytest.param("Madeleine Albright arrived in Pyongyang. She met Kim Jong-il on Monday. "
                 "He said the talks went well.",
                 "He", "2000-10-23", [],
                 id="he_and_she_are_different_people"),
    pytest.param("Vladimir Putin arrived in Pyongyang. It criticised Japan.",
                 "It", "2000-10-23", [],
                 id="it_is_never_a_person"),
    pytest.param("Japan and China rejected the plan. It also criticised Seoul.",
                 "It", "2000-10-23", [],
                 id="it_after_two_subjects_is_either_so_stays_unresolved"),
    pytest.param("Japanese officials rejected the plan. They criticised China.",
                 "They", "2000-10-23", ["JPNGOV"],
                 id="they_stands_for_a_plural_subject"),
    pytest.param("Putin and Kim Jong-il met on Wednesday. Their talks lasted three hours.",
                 "Their", "2000-07-19", ["RUSGOV", "PRKGOV"],
                 id="their_after_two_subjects_is_both"),
    pytest.param("Putin and Kim Jong-il met on Wednesday. He called the talks useful.",
                 "He", "2000-07-19", [],
                 id="he_after_two_people_is_either_so_stays_unresolved"),
    pytest.param("In its statement on Friday, Pyongyang accused the United States of hostility.",
                 "its", "2000-10-23", ["PRKGOV"],
                 id="a_possessive_before_the_subject_refers_to_it"),
    pytest.param("Putin arrived in Pyongyang from Beijing on Wednesday.\n"
                 "He will travel to Japan later this week.",
                 "He", "2000-07-20", ["RUSGOV"],
                 id="a_pronoun_refers_back_across_paragraphs"),
    pytest.param("Kim Jong-il welcomed him warmly.",
                 "him", "2000-10-23", [],
                 id="an_object_pronoun_is_not_its_own_clause_subject"),
    pytest.param("Mr Erdogan's critics say he has used the failed uprising as an excuse to "
                 "stifle the opposition.",
                 "he", "2017-07-15", ["TURGOV"],
                 id="a_possessors_name_can_be_the_antecedent"),
])
def test_a_pronoun_stands_for_the_nearest_earlier_subject_that_agrees(
        pipeline, text: str, pronoun: str, day: str, codes: list[str]):
    assert refers_to(pipeline, text, pronoun, day) == codes


def test_he_is_never_a_bare_state(pipeline):
    text = "North Korea rejected the proposal. He also criticised Japan."
    assert refers_to(pipeline, text, "He") == []
    assert events(pipeline, text) == {("PRK", "North Korea", "120", None)}


def test_it_is_a_state_or_an_organisation(pipeline):
    assert refers_to(pipeline, "North Korea rejected the proposal. It also criticised Japan.",
                     "It") == ["PRK"]
    assert refers_to(pipeline, "The North Korean government rejected the plan. It criticised "
                               "Japan.", "It") == ["PRKGOV"]


def test_they_after_two_subjects_stands_for_both(pipeline):
    text = "Japan and China rejected the plan. They also criticised Seoul."
    assert refers_to(pipeline, text, "They") == ["JPN", "CHN"]
    criticised = {(source, target) for source, _, cameo, target in events(pipeline, text)
                  if cameo == "111"}
    assert criticised == {("JPN", "KORGOV"), ("CHN", "KORGOV")}

