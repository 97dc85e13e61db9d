"""Sentence boundaries in plain text, where no parse is at hand: the one sentence
end that ingest (a text's evidence of its own year) and the parser's piece cutter
(``detente.nlp``) share. Within a parse, spaCy's own sentences (``Span.sent``) are used instead.

A sentence ends after a full stop, question or exclamation mark, any closing
quotes or brackets, and white space, before a capital or a digit (opening quotes
or brackets may come first); a line break ends one too.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

STOPS = ".!?"
CLOSERS = "\"'”’)\\]"  # after the stop: "…in May.” Talks" / "(…in May.) Talks"
OPENERS = "\"'“‘("     # before the next sentence's first capital
SENTENCE_END = re.compile(rf"(?<=[{STOPS}])[{CLOSERS}]*\s+(?=[{OPENERS}]*[A-Z0-9])|\n+")
# a stop that may end an abbreviation ("U.S.", "Mr.", "No.") rather than a sentence:
# a safe place to cut ends a word of at least two small letters or digits
WORD_BEFORE_STOP = re.compile(r"[a-z0-9]{2}")


def split_sentences(text: str) -> list[str]:
    """The sentences of ``text`` (white space and closing marks between them dropped)."""
    return SENTENCE_END.split(text)


def safe_sentence_ends(text: str) -> Iterator[int]:
    """The offsets just after each sentence end in ``text`` (its white space
    included) where the stop closes a word of two small letters or digits, not an
    abbreviation: where a long paragraph may be cut into pieces and parsed apart."""
    for match in SENTENCE_END.finditer(text):
        stop = match.start() - 1
        if stop >= 2 and text[stop] in STOPS and WORD_BEFORE_STOP.fullmatch(text, stop - 2, stop):
            yield match.end()
