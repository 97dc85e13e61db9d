"""Abbreviations an article spells out itself: "the CBC" after "the
Congressional Black Caucus" is the caucus, whatever the dictionary knows as
CBC (a Canadian broadcaster). An abbreviation is a word of two to six letters,
most of them capitals ("CBC", "DoL"); its expansion is a run of capitalised
words in the article whose initials spell it, small words such as "of" passed
over or counted ("Department of Labor" is "DoL" and "DL")."""

from __future__ import annotations

import re
from collections.abc import Iterable

from spacy.tokens import Doc, Span

ABBREVIATION = re.compile(r"[A-Z][A-Za-z]{1,5}")
# Small words inside a name: passed over, or counted where the abbreviation has
# their letter ("DoL", "DoD").
NAME_LINKS = {"of", "and", "for", "the", "on", "&"}


def is_abbreviation(word: str) -> bool:
    """Two to six letters, capitals all but at most the small words' ("DoL")."""
    if not ABBREVIATION.fullmatch(word):  # first: most words are longer or not capitalised
        return False
    capitals = sum(char.isupper() for char in word)
    return capitals >= 2 and capitals >= len(word) - 1


def spelt_out(word: str, docs: Iterable[Doc]) -> Span | None:
    """The first run of capitalised words in ``docs`` (paragraphs, in text order)
    whose initials spell the abbreviation ``word``; None where none does."""
    letters = word.upper()
    for doc in docs:
        for start, token in enumerate(doc):
            if token.text[:1] == letters[0] and token.text != word:
                end = _spells(doc, start, word)
                if end is not None:
                    return doc[start:end]
    return None


def _spells(doc: Doc, start: int, word: str) -> int | None:
    """Where a name that spells ``word`` from ``doc[start]`` ends, if one does:
    every letter a capitalised word's initial (a small word's where ``word`` has
    it in lower case), and the name ending there, not running on."""
    position, i = 0, start
    while position < len(word) and i < len(doc):
        token = doc[i]
        if token.lower_ in NAME_LINKS and position > 0:
            if word[position].islower() and token.lower_[0] == word[position]:
                position += 1
            i += 1
            continue
        if not (token.is_alpha and token.text[:1].isupper()
                and token.text[0] == word[position].upper()):
            return None
        position, i = position + 1, i + 1
    if position < len(word) or i - start < 2 or doc[i - 1].lower_ in NAME_LINKS:
        return None
    following = doc[i] if i < len(doc) else None
    if following is not None and following.is_alpha and following.text[:1].isupper():
        return None  # "Congressional Black Caucus Foundation" is not the CBC
    return i
