"""Cleaning plain-text dumps of web pages: keep the article, drop the furniture.

A dump has lost its HTML, so we judge each line by its own shape (length,
sentence punctuation, share of function words) and pick the densest run of
prose with a maximum-subarray search, the idea behind Finn et al.'s Body Text
Extraction: prose lines add their length, other lines cost a fixed penalty, so
short gaps (subheads, captions) inside an article are crossed while long
stretches of navigation, teasers and adverts split the page.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from detente.ingest.dates import is_date_line, parse_date
from detente.model import DatePoint

STOP_WORDS = frozenset(
    """a about after against all also an and any are as at be because been before
    being between both but by can could did do does during each for from had has
    have he her his how i if in into is it its more most no not of on one only or
    other our out over said says she should since so some such than that the their
    them then there these they this those through to under until up was we were what
    when where which while who whom why will with would you""".split()
)
TERMINAL = re.compile(r"[.!?][\"'”’)\]]*$")
NON_PROSE_PENALTY = 60
MIN_PROSE_WORDS = 7
MIN_STOP_WORD_SHARE = 0.2


@dataclass(frozen=True)
class CleanDump:
    title: str | None
    paragraphs: list[str]
    pub_date: DatePoint


def normalise_line(line: str) -> str:
    """NFC, no control characters, single spaces."""
    line = unicodedata.normalize("NFC", line)
    line = "".join(ch if ch.isprintable() else " " for ch in line)
    return " ".join(line.split())


def stop_word_share(words: list[str]) -> float:
    if not words:
        return 0.0
    return sum(word.lower().strip(".,;:'\"()") in STOP_WORDS for word in words) / len(words)


def is_prose(line: str) -> bool:
    """A line that reads like a paragraph of running text."""
    words = line.split()
    if len(words) < MIN_PROSE_WORDS or stop_word_share(words) < MIN_STOP_WORD_SHARE:
        return False
    if line.startswith(("©", "Copyright", "•", "|")) or line.count("|") >= 2:
        return False
    return ends_like_a_sentence(line)


def ends_like_a_sentence(line: str) -> bool:
    """Running text ends with sentence punctuation; headings, captions and menus don't."""
    return bool(TERMINAL.search(line)) or len(line.split()) >= 40


def is_headline(line: str) -> bool:
    """A short line with the shape of a headline: a few words, no closing full stop."""
    words = line.split()
    return 2 <= len(words) <= 20 and not line.endswith(".") and line[:1].isupper() and (
        "|" not in line
    )


def densest_block(scores: list[int]) -> tuple[int, int]:
    """Kadane's maximum-sum contiguous run; returns ``(start, end)`` inclusive."""
    best, best_range = 0, (0, -1)
    total, start = 0, 0
    for index, score in enumerate(scores):
        if total <= 0:
            total, start = score, index
        else:
            total += score
        if total > best:
            best, best_range = total, (start, index)
    return best_range


def clean_text_dump(raw: str) -> CleanDump:
    """The article in a plain-text page dump: title, prose paragraphs, date line."""
    lines = [normalise_line(line) for line in raw.splitlines()]
    content = [(index, line) for index, line in enumerate(lines) if line]
    prose = [is_prose(line) for _, line in content]
    scores = [len(line) if good else -NON_PROSE_PENALTY
              for (_, line), good in zip(content, prose, strict=True)]
    first, last = densest_block(scores)
    paragraphs = [line for (_, line), good in
                  zip(content[first:last + 1], prose[first:last + 1], strict=True) if good]
    before = [line for _, line in content[:first]]
    return CleanDump(find_title(before), paragraphs, find_pub_date(before))


def find_title(lines_before_body: list[str]) -> str | None:
    """The headline: the first headline-shaped line after a date line, else the
    first one in the page head (navigation lines rarely look like headlines)."""
    for index, line in enumerate(lines_before_body):
        if is_date_line(line):
            for candidate in lines_before_body[index + 1:]:
                if is_headline(candidate):
                    return candidate
    return next((line for line in lines_before_body if is_headline(line)), None)


def find_pub_date(lines_before_body: list[str]) -> DatePoint:
    """The date stamp line in the page head (a wire dateline is split off later)."""
    for line in lines_before_body:
        if is_date_line(line):
            found = parse_date(line)
            return DatePoint(found.value, found.precision, "date line")
    return DatePoint()
