"""Near-duplicates: a wire story reprinted with another headline, a byline and
an edited sentence is recognised as the same story; another story on the same
subject is not."""

from __future__ import annotations

import subprocess
import sys

import numpy as np
import pytest

from detente.ingest.neardup import (
    NUM_PERM,
    NearDuplicateIndex,
    from_bytes,
    shingles,
    signature,
    similarity,
    to_bytes,
)

WIRE = [
    "SEOUL, June 15 (Reuters) - The leaders of North and South Korea signed a joint "
    "declaration in Pyongyang on Thursday, pledging to work towards reunification and to "
    "allow families separated by the 1950-53 war to meet again.",
    "South Korean President Kim Dae-jung and North Korean leader Kim Jong-il embraced "
    "before signing the five-point accord at the end of a three-day summit, the first "
    "between the two states since the peninsula was divided in 1945.",
    "The declaration says the two sides will resolve the question of reunification "
    "independently and through the joint efforts of the Korean people.",
    "Family reunions are to begin around August 15, the anniversary of Korea's liberation "
    "from Japanese colonial rule, and Seoul will consider the return of former prisoners "
    "who refused to renounce communism.",
    "Kim Jong-il accepted an invitation to visit Seoul at an appropriate time, officials "
    "said, in what would be the first trip to the South by a North Korean leader.",
    "Markets in Seoul rose on the news, with the main share index gaining more than "
    "three percent by the close of trading on Thursday afternoon.",
    "The United States and Japan welcomed the agreement but said that security on the "
    "peninsula would depend on progress in talks on missiles and nuclear programmes.",
    "Some 37,000 American troops remain stationed in South Korea under a defence treaty "
    "signed after the war ended in an armistice rather than a peace treaty.",
]

SAME_TOPIC = [
    "North Korea has agreed to let families separated by the Korean War meet in August, "
    "the Red Cross said on Tuesday after talks in the border village of Panmunjom.",
    "A hundred people from each side will travel to Seoul and Pyongyang for four days of "
    "meetings, the first such exchange since 1985, officials from both delegations said.",
    "Many of those waiting for a place are in their seventies and eighties, and thousands "
    "have died since they first applied to see relatives across the border.",
    "The agreement follows the summit in June at which the two leaders signed a joint "
    "declaration promising to work towards reunification and reconciliation.",
    "South Korea will choose its hundred visitors by lottery from more than 70,000 "
    "applications, a Red Cross official told reporters in Seoul on Wednesday.",
]


def text(paragraphs: list[str]) -> str:
    return "\n\n".join(paragraphs)


def reprint() -> str:
    """Another site's copy: own headline and byline, no dateline, one sentence edited."""
    paragraphs = list(WIRE)
    paragraphs[0] = paragraphs[0].removeprefix("SEOUL, June 15 (Reuters) - ")
    paragraphs[5] = ("Share prices in Seoul climbed after the announcement, and the won "
                     "strengthened against the dollar in late trading.")
    return text(["Koreas sign historic pact", "By Staff and agencies", *paragraphs])


@pytest.fixture
def index() -> NearDuplicateIndex:
    built = NearDuplicateIndex()
    built.add("wire", text(WIRE))
    built.add("families", text(SAME_TOPIC))
    return built


def test_a_reprinted_wire_story_is_found(index):
    assert index.find(reprint()) == "wire"
    [(doc_id, score)] = index.matches(reprint())
    assert doc_id == "wire" and 0.7 <= score < 1.0


def test_an_identical_text_scores_one(index):
    assert index.matches(text(WIRE)) == [("wire", 1.0)]


def test_another_story_on_the_same_subject_is_not_a_duplicate(index):
    assert similarity(signature(text(WIRE)), signature(text(SAME_TOPIC))) < 0.1
    other = NearDuplicateIndex()
    other.add("wire", text(WIRE))
    assert other.find(text(SAME_TOPIC)) is None


def test_half_a_story_is_not_the_whole_story(index):
    assert index.find(text(WIRE[:3])) is None


def test_empty_texts_match_nothing(index):
    index.add("empty", "")
    assert index.find("") is None
    assert index.find("...") is None


def test_signatures_survive_a_round_trip_through_bytes(index):
    sig = signature(text(WIRE))
    data = to_bytes(sig)
    assert len(data) == NUM_PERM * 4
    assert np.array_equal(from_bytes(data), sig)
    rebuilt = NearDuplicateIndex()
    rebuilt.add("wire", from_bytes(data))
    assert rebuilt.find(reprint()) == "wire"
    with pytest.raises(ValueError, match="a signature is 512 bytes"):
        from_bytes(data[:-1])


def test_signatures_are_the_same_in_another_process():
    code = ("import sys; from detente.ingest.neardup import signature, to_bytes; "
            "sys.stdout.write(to_bytes(signature(sys.stdin.read())).hex())")
    result = subprocess.run([sys.executable, "-c", code], input=text(WIRE), text=True,
                            capture_output=True, check=True)
    assert result.stdout == to_bytes(signature(text(WIRE))).hex()


def test_adding_an_id_twice_keeps_the_first(index):
    first = index.add("wire", text(SAME_TOPIC))
    assert len(index) == 2 and "wire" in index
    assert np.array_equal(first, signature(text(WIRE)))


def test_shingles_are_word_five_grams_ignoring_case_and_punctuation():
    assert shingles("One, two; THREE four five six.") == {"one two three four five",
                                                          "two three four five six"}
    assert shingles("Too short") == {"too short"}
    assert shingles("  ") == set()


def test_bands_must_divide_the_signature():
    with pytest.raises(ValueError, match="bands must divide"):
        NearDuplicateIndex(bands=7)
