"""A publication year inferred from the text, for pages that state no date.

Many archived pages lost their date with their HTML, yet their text dates
them: "Forty-three years after the end of the Korean War, the United States
is close to..." was written in 1996. Relative dates downstream ("last year",
"in May") need some year to resolve against, and an inferred year is better
than none as long as it is marked as inferred and is rarely wrong. So only
exact spans of years counted from a known point and the present count:

* "N years after/since <anchor>" opening a sentence, or set off by a comma,
  whose main clause is in the present tense (a past narrative, "three years
  after the war he became...", or "a treaty signed ten years after 1983",
  dates nothing);
* "<anchor> ... N years ago", "in 1953, N years ago";
* "the Nth anniversary of <anchor>" (not "last year's").

An anchor is a well-known event with its year (``data/anchor_events.tsv``)
or a year written out ("43 years after 1953"). Hedged spans ("more than 40
years") are not exact and do not count. Evidence that disagrees by more
than a year cancels out: then the year stays unknown.
"""

from __future__ import annotations

import re
from collections import Counter
from datetime import date
from functools import cache

from detente.data import read_table, split_list
from detente.model import DatePoint
from detente.sentences import split_sentences

# What may stand before "N years after": the sentence start, a comma, "it is".
OPENING = re.compile(r"(?:^[\"'“‘(]?|,\s*|\b(?:it is|it's|it has been|now|today|exactly)\s+)$",
                     re.IGNORECASE)
PRESENT = re.compile(r"\b(?:is|are|has|have|remains?|still|now|today|currently)\b", re.IGNORECASE)
NOT_THIS_YEAR = re.compile(r"\b(?:last|next) year's\b|\b(?:last|next) year\b", re.IGNORECASE)
HEDGE = re.compile(r"\b(?:more than|over|almost|nearly|about|some|around|roughly|less than"
                   r"|at least|at most|fewer than|close to|under|up to)\s+$", re.IGNORECASE)
YEAR = r"(?:1[6-9]\d\d|20\d\d)"
EARLIEST = 1800
# The words each kind of evidence needs: a cheap test that spares most sentences
# the evidence patterns' long alternation of anchor phrases.
AFTER_CUE = r"years?\s+(?:after|since)\b"
AGO_CUE = r"years?\s+ago\b"


@cache
def _number_words() -> tuple[dict[str, int], dict[str, int]]:
    """Cardinal and ordinal number words (``data/number_words.tsv``)."""
    rows = list(read_table("number_words.tsv"))
    return ({row["word"]: int(row["value"]) for row in rows},
            {row["ordinal"]: int(row["value"]) for row in rows})


def _number_pattern(ordinal: bool) -> str:
    """Digits or number words up to ninety-nine ("forty-three", "43", "43rd")."""
    cardinals, ordinals = _number_words()
    last = ordinals if ordinal else cardinals
    tens = "|".join(word for word, value in cardinals.items() if value >= 20 and value % 10 == 0)
    words = "|".join(sorted(last, key=len, reverse=True))
    digits = r"\d{1,3}(?:st|nd|rd|th)" if ordinal else r"\d{1,3}"
    return rf"(?:{digits}|(?:(?:{tens})[\s-])?(?:{words}))"


def number_value(text: str) -> int | None:
    """The value of a number written in digits or words ("forty-three", "50th")."""
    cardinals, ordinals = _number_words()
    text = text.lower().strip()
    digits = re.match(r"\d+", text)
    if digits:
        return int(digits.group())
    parts = re.split(r"[\s-]+", text)
    values = [cardinals.get(part) or ordinals.get(part) for part in parts]
    return sum(values) if values and all(values) else None  # type: ignore[arg-type]


@cache
def _anchor_phrases() -> dict[str, int]:
    """Anchor phrases (lower case) and the year of their event."""
    return {phrase.lower(): int(row["year"])
            for row in read_table("anchor_events.tsv") for phrase in split_list(row["phrases"])}


@cache
def _patterns() -> dict[str, tuple[re.Pattern[str], re.Pattern[str]]]:
    """``name: (cue, pattern)`` for each kind of evidence; patterns have groups
    ``number`` and ``anchor``."""
    phrases = "|".join(re.escape(phrase).replace(r"\ ", r"\s+")
                       for phrase in sorted(_anchor_phrases(), key=len, reverse=True))
    event = rf"(?:the\s+)?(?P<anchor>{phrases})\b"
    event_or_year = rf"(?:the\s+)?(?P<anchor>{phrases}|(?:in\s+)?{YEAR})\b"
    span = rf"(?P<number>{_number_pattern(False)})[\s-]+years?"
    patterns = {
        "after": (AFTER_CUE, rf"\b{span}\s+(?:after|since)\s+{event_or_year}"),
        "event ago": (AGO_CUE, rf"{event}.{{0,80}}?\b{span}\s+ago\b"),
        "year ago": (AGO_CUE, rf"\bin\s+(?P<anchor>{YEAR}),?\s+{span}\s+ago\b"),
        "ago year": (AGO_CUE, rf"\b{span}\s+ago,?\s+(?P<anchor>in\s+{YEAR})\b"),
        "anniversary": ("anniversary", rf"\b(?P<number>{_number_pattern(True)})\s+"
                                       rf"anniversary\s+of\s+{event_or_year}"),
    }
    return {name: (re.compile(cue, re.IGNORECASE), re.compile(pattern, re.IGNORECASE))
            for name, (cue, pattern) in patterns.items()}


def _anchor_year(text: str) -> int:
    key = " ".join(text.lower().split()).removeprefix("in ")
    return int(key) if key.isdigit() else _anchor_phrases()[key]


def _counts(name: str, match: re.Match[str], sentence: str) -> bool:
    """Whether a match is exact evidence of the present year (see the module doc)."""
    if HEDGE.search(sentence[:match.start("number")]):
        return False
    if name == "after":
        rest = sentence[:match.start()] + " " + sentence[match.end():]
        return bool(OPENING.search(sentence[:match.start()])) and bool(PRESENT.search(rest))
    if name == "anniversary":
        return not NOT_THIS_YEAR.search(sentence)
    return True


def _years_in(sentence: str) -> list[int]:
    """The years this sentence gives exact evidence of."""
    found = []
    for name, (cue, pattern) in _patterns().items():
        if not cue.search(sentence):
            continue
        for match in pattern.finditer(sentence):
            span = number_value(match.group("number"))
            if span and _counts(name, match, sentence):
                found.append(_anchor_year(match.group("anchor")) + span)
    return found


def infer_year(paragraphs: list[str]) -> DatePoint:
    """``DatePoint("1996", "year", "inferred")`` when the text dates itself, else
    an unknown date."""
    evidence = [year for paragraph in paragraphs
                for sentence in split_sentences(paragraph)
                for year in _years_in(sentence)
                if EARLIEST <= year <= date.today().year]
    if not evidence or max(evidence) - min(evidence) > 1:
        return DatePoint()
    counts = Counter(evidence)
    year = max(counts, key=lambda value: (counts[value], value))
    return DatePoint(str(year), "year", "inferred")
