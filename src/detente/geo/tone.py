"""How a text speaks: tone on GDELT's scale, from the VADER sentiment lexicon.

GDELT's Tone is the share of the text's words that are positive minus the share
that are negative, in percent: -100 (every word negative) to +100, news mostly
between -10 and +10. detente counts words the same way, taking a word as positive
or negative by its mean valence in VADER's lexicon (``vaderSentiment``, MIT:
7,500 words rated by ten people each, -4 to +4, validated on news and opinion
text as well as social media), and reading a word within three words after a
negation ("did not help") with its sign turned, as VADER does. A word is found by
its own form or with a plural, past or -ing ending taken off ("attacked").
"""

from __future__ import annotations

import re
from functools import cache
from importlib import resources

from vaderSentiment.vaderSentiment import NEGATE

# A word counts as positive or negative when its mean rating is this far from 0:
# VADER's raters call words below it (strike -0.5, demand -0.3) barely toned.
MIN_VALENCE = 1.0
NEGATION_SCOPE = 3  # words after a negation whose sign it turns
WORD = re.compile(r"[A-Za-z]+(?:'[a-z]+)?")
ENDINGS = ("s", "es", "ed", "d", "ing")


@cache
def _valences() -> dict[str, float]:
    """VADER's lexicon: word -> mean rating, alphabetic entries only (no emoticons)."""
    lexicon = resources.files("vaderSentiment").joinpath("vader_lexicon.txt")
    valences: dict[str, float] = {}
    for line in lexicon.read_text(encoding="utf-8").splitlines():
        word, rating, *_ = line.split("\t")
        if word.isalpha():
            valences[word] = float(rating)
    return valences


@cache
def word_valence(word: str) -> float:
    """A lower-cased word's rating, directly or with its inflection taken off."""
    valences = _valences()
    if word in valences:
        return valences[word]
    for ending in ENDINGS:
        if word.endswith(ending) and word[: -len(ending)] in valences:
            return valences[word[: -len(ending)]]
    return 0.0


def tone(text: str) -> float:
    """The text's tone on GDELT's scale (percent positive words minus percent
    negative words); 0.0 for a text without words."""
    words = [word.lower() for word in WORD.findall(text)]
    if not words:
        return 0.0
    negations = frozenset(NEGATE)
    balance = 0
    negated_until = -1
    for position, word in enumerate(words):
        if word in negations:
            negated_until = position + NEGATION_SCOPE
            continue
        valence = word_valence(word)
        if abs(valence) < MIN_VALENCE:
            continue
        sign = 1 if valence > 0 else -1
        balance += -sign if position <= negated_until else sign
    return round(100.0 * balance / len(words), 2)


def article_tone(paragraphs: list[str]) -> float:
    """An article's tone: its paragraphs read as one text (GDELT's AvgTone of a
    document), so that a long paragraph weighs by its words."""
    return tone("\n".join(paragraphs))
