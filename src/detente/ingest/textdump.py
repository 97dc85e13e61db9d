"""Cleaning plain-text dumps of web pages: keep the article, drop the furniture.

A dump has lost its HTML, so each line is judged by its own shape and by the
page around it, in the jusText/C4 family of ideas:

* shape: length, sentence punctuation (a teaser cut off with "…" has none),
  share of function words (English ones, or the page's own most frequent short
  words when the page is in another language), separators of menus and link
  lists, photo credits that mark a caption;
* page context: a short line printed more than once (menus, "Reply", share
  buttons) or prose printed again (teasers for the story itself), a short line
  carrying a date or time (bylines, comment stamps), and the standard phrases
  of cookie banners, sign-up boxes and comment forms cost more than an
  ordinary short line; prose after a comment-section heading counts for little;
* neighbours: the article is the densest run of prose, found with a
  maximum-subarray search as in Finn et al.'s Body Text Extraction. Prose lines
  add their length, other lines subtract a penalty, so short gaps (subheads,
  captions) inside an article are crossed while long stretches of navigation,
  teasers and comment stamps split the page. Further runs at least half as
  heavy as the best one are taken too: articles broken by an advert box.

Inside the chosen runs only lines that read as text are kept: prose, and short
sentences sitting between prose lines. Captions and subheads (no closing
punctuation) are dropped, which is what event coding wants.

Measured with ``bench/extraction.py`` on dumps of the article-extraction
benchmark's pages (``detente.ingest.visible_text``): F1 0.92 against 0.84 for
length, punctuation and English function words alone.
"""

from __future__ import annotations

import re
import statistics
import unicodedata
from collections import Counter
from dataclasses import dataclass, field
from enum import Enum

from detente.datelines import dateline_line
from detente.ingest.dates import is_date_line, parse_date
from detente.ingest.language import language
from detente.model import DatePoint

STOP_WORDS = language("en").function_words  # data/languages.tsv
TERMINAL = re.compile(r"[.!?。！？][\"'”’»)\]]*$")
# Teasers are cut off with an ellipsis straight after a word ("he als…").
TRUNCATED = re.compile(r"\w(?:…|\.\.\.)[\"'”’»)\]]*$")
SENTENCE_INSIDE = re.compile(r"[a-z0-9%)\"'”’][.!?][\"'”’]* [A-Z“\"]")  # "… in 2018. Scholz …"
# Han, kana and fullwidth forms: scripts written without spaces between words.
UNSPACED = re.compile(r"[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uff00-\uffef]")
# A metadata stamp a crawler wrote before the page's first line: "date 2024-07-02",
# "Published: 2024-07-02" (the rest of that line is the page's own text).
METADATA_STAMP = re.compile(r"^(?:date|published|posted|updated)\s*:?\s*"
                            r"(?P<date>\d{4}-\d\d-\d\d)\b\s*", re.IGNORECASE)
CLOCK = re.compile(r"\b\d{1,2}:\d\d\b|\b\d{1,2}\s?[ap]\.?m\b|\b\d+\s+(?:min|hour|day)s?\s+ago\b",
                   re.IGNORECASE)
# Standard phrases of site furniture on English pages (C4 drops lines for the
# same reasons): consent banners, account and sign-up boxes, comment forms.
FURNITURE = re.compile(
    r"\bcookies?\b|javascript|all rights reserved|terms of (?:use|service)|privacy policy"
    r"|\bsign (?:up|in)\b|\blog(?:ged)? in\b|\bsubscribe\b|\bnewsletter\b"
    r"|\bleave a (?:reply|comment)\b|\bcomments? (?:are|is) closed\b",
    re.IGNORECASE,
)
# Photo captions name the picture's source: "(AP Photo/…)", "Photo: …", "Credit: …".
CAPTION = re.compile(
    r"\((?:[A-Z]+ )?Photo\b|\bPhoto(?:graph)?(?: by|:)|\bImage(?: credit)?:|\bCredit:"
    r"|Getty Images|/Shutterstock|\(pictured\)|\bfile photo\b|\bREUTERS/",
    re.IGNORECASE,
)
# The head of a reader-comment section: what follows it is not the article.
COMMENTS_HEAD = re.compile(
    r"^(?:\d+\s+)?(?:comments|responses|replies)(?:\s*\(\S*\)|\s*:.*|\s+(?:to|on)\s.*)?$"
    r"|^\d+\s+comment$|\b(?:leave|post|add|write) a (?:reply|comment)\b"
    r"|\bjoin the (?:discussion|conversation)\b|\bcomments (?:are closed|powered by)\b",
    re.IGNORECASE,
)
FURNITURE_MAX_WORDS = 30  # in a longer line such a phrase is part of the story
TRAILING_CATEGORIES = frozenset({"So", "Sk", "Cf", "Mn"})  # emoji, modifiers, joiners
LIST_SEPARATORS = ("|", "•", "·", "»", "›")

NON_PROSE_PENALTY = 60  # an ordinary short line (subhead, caption, menu item)
FURNITURE_PENALTY = 250  # repeated lines, date/time stamps, banner and form phrases
MIN_PROSE_WORDS = 7
LONG_LINE_WORDS = 20  # a line this long is running text, closing full stop or not
MIN_STOP_WORD_SHARE = 0.2
MIN_LEARNED_SHARE = 0.15  # the page's own function words cover less than English ones
LEARNED_WORDS = 30
SECOND_BLOCK_SHARE = 0.5  # a further run is taken when this dense relative to the best
MAX_BLOCKS = 30  # runs of one article (10 at most on the benchmark's pages); bounds the work
COMMENTS_WEIGHT = 0.2  # what prose counts for once a comment section has begun


@dataclass(frozen=True)
class CleanDump:
    title: str | None
    paragraphs: list[str]
    pub_date: DatePoint
    dateline: str | None = None  # a dateline line just above the story ("KATHMANDU, JULY 9")
    # a date stamp line below the story, which some pages print there: a last resort
    # after the URL's or path's date
    stamp_below: DatePoint = field(default_factory=DatePoint)


class Kind(Enum):
    """How a line reads: the classes of jusText, plus furniture that costs more."""

    PROSE = "prose"
    SENTENCE = "sentence"  # a short line with sentence punctuation: kept between prose
    SHORT = "short"
    FURNITURE = "furniture"


@dataclass(frozen=True)
class PageProfile:
    """What a line's judgement needs to know about its page."""

    function_words: frozenset[str] | None  # None: the language gives no such signal
    line_counts: Counter[str]


def normalise_line(line: str) -> str:
    """NFC, no control characters, single spaces."""
    line = unicodedata.normalize("NFC", line)
    line = "".join(ch if ch.isprintable() else " " for ch in line)
    return " ".join(line.split())


def _word_key(word: str) -> str:
    return word.lower().strip(".,;:!?'\"()[]«»“”‘’")


def stop_word_share(words: list[str], function_words: frozenset[str] = STOP_WORDS) -> float:
    if not words:
        return 0.0
    return sum(_word_key(word) in function_words for word in words) / len(words)


def word_count(line: str) -> int:
    """Words, counting about two characters as a word in scripts written unspaced."""
    unspaced = len(UNSPACED.findall(line))
    return len(line.split()) + unspaced // 2


def is_prose(line: str) -> bool:
    """A line that reads like a paragraph of running English text."""
    return _is_prose(line, STOP_WORDS)


def _is_prose(line: str, function_words: frozenset[str] | None) -> bool:
    words = line.split()
    if word_count(line) < MIN_PROSE_WORDS:
        return False
    if function_words is not None and not UNSPACED.search(line):
        needed = MIN_STOP_WORD_SHARE if function_words is STOP_WORDS else MIN_LEARNED_SHARE
        if stop_word_share(words, function_words) < needed:
            return False
    if looks_like_a_list(line):
        return False
    return ends_like_a_sentence(line)


def looks_like_a_list(line: str) -> bool:
    """Copyright notices, bullets and menus joined with separators."""
    return line.startswith(("©", "Copyright", "•", "|")) or sum(
        line.count(separator) for separator in LIST_SEPARATORS) >= 2


def ends_like_a_sentence(line: str) -> bool:
    """Running text ends with sentence punctuation (emoji after it aside) or is
    long; headings, captions, menus and teasers cut off with "…" don't."""
    line = _strip_trailing_symbols(line)
    if TRUNCATED.search(line):
        return False
    return bool(TERMINAL.search(line)) or len(line.split()) >= LONG_LINE_WORDS


def _strip_trailing_symbols(line: str) -> str:
    end = len(line)
    while end and (line[end - 1].isspace()
                   or unicodedata.category(line[end - 1]) in TRAILING_CATEGORIES):
        end -= 1
    return line[:end]


def is_headline(line: str) -> bool:
    """A short line with the shape of a headline: a few words, no closing full stop."""
    words = line.split()
    return 2 <= len(words) <= 20 and not line.endswith(".") and line[:1].isupper() and (
        "|" not in line
    )


def is_stamp(line: str) -> bool:
    """A short line carrying a date or a clock time: bylines, comment and teaser stamps
    (not the attribution under a quoted post, which starts with a dash)."""
    if len(line.split()) > 15 or line.startswith(("—", "–", "-")):
        return False
    return is_date_line(line) or bool(parse_date(line)) or bool(CLOCK.search(line))


def page_profile(lines: list[str]) -> PageProfile:
    """Function words for the page's language and how often each line occurs.

    English pages use the English list. Otherwise the page's own most frequent
    short words stand in (function words are the most frequent words of running
    text in any language written with spaces); when even they cover little of
    the longer lines (Korean, whose particles attach to words), the function-word
    test is left out for the page."""
    counts = Counter(lines)
    long_lines = [line.split() for line in lines if len(line.split()) >= MIN_PROSE_WORDS]
    tokens = [word for words in long_lines for word in words]
    if not tokens or stop_word_share(tokens) >= MIN_STOP_WORD_SHARE * 0.75:
        return PageProfile(STOP_WORDS, counts)
    frequency = Counter(key for key in map(_word_key, tokens) if key and len(key) <= 6)
    learned = frozenset(word for word, n in frequency.most_common(LEARNED_WORDS) if n >= 3)
    shares = [stop_word_share(words, learned) for words in long_lines]
    if not learned or statistics.median(shares) < MIN_LEARNED_SHARE:
        return PageProfile(None, counts)
    return PageProfile(learned, counts)


def classify(line: str, profile: PageProfile) -> Kind:
    """The kind of one line on its page."""
    if len(line.split()) <= FURNITURE_MAX_WORDS and FURNITURE.search(line):
        return Kind.FURNITURE
    if CAPTION.search(line):
        return Kind.SHORT
    if _is_prose(line, profile.function_words):
        return Kind.PROSE
    if profile.line_counts[line] > 1 or is_stamp(line):
        return Kind.FURNITURE
    if ends_like_a_sentence(line) and not looks_like_a_list(line) and len(line.split()) >= 2:
        return Kind.SENTENCE
    return Kind.SHORT


def line_score(line: str, kind: Kind) -> int:
    """What a line adds to a run: prose its length (unspaced scripts count
    more per character), everything else a penalty."""
    if kind is Kind.PROSE:
        return len(line) + 2 * len(UNSPACED.findall(line))
    if kind is Kind.SENTENCE:
        return 0
    return -NON_PROSE_PENALTY if kind is Kind.SHORT else -FURNITURE_PENALTY


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


def dense_blocks(scores: list[int]) -> list[tuple[int, int]]:
    """The densest run, and beside it any run at least ``SECOND_BLOCK_SHARE`` as
    dense, searched for again in what is left on either side (in page order),
    up to ``MAX_BLOCKS`` runs: each search costs a pass over what is left, so a
    huge dump of many equal runs would otherwise take quadratic time."""
    first, last = densest_block(scores)
    if last < first:
        return []
    best = sum(scores[first:last + 1])
    blocks = [(first, last)]
    pending = [(0, first), (last + 1, len(scores))]
    while pending and len(blocks) < MAX_BLOCKS:
        low, high = pending.pop()
        start, end = densest_block(scores[low:high])
        if end < start or sum(scores[low + start:low + end + 1]) < SECOND_BLOCK_SHARE * best:
            continue
        blocks.append((low + start, low + end))
        pending += [(low, low + start), (low + end + 1, high)]
    return sorted(blocks)


def clean_text_dump(raw: str) -> CleanDump:
    """The article in a plain-text page dump: title, prose paragraphs, date line."""
    lines = [line for line in map(normalise_line, raw.splitlines()) if line]
    stamped = _metadata_stamp(lines)
    profile = page_profile(lines)
    kinds = [classify(line, profile) for line in lines]
    _repeats_are_furniture(lines, kinds)
    _story_cut_short(lines, kinds, profile)
    scores = [line_score(line, kind) for line, kind in zip(lines, kinds, strict=True)]
    _discount_comments(lines, kinds, scores)
    blocks = dense_blocks(scores)
    paragraphs = [lines[index] for first, last in blocks for index in _kept(kinds, first, last)]
    before = lines[:blocks[0][0]] if blocks else lines
    after = lines[blocks[-1][1] + 1:] if blocks else []
    return CleanDump(find_title(before), paragraphs, stamped or find_pub_date(before),
                     dateline_line(before[-1]) if before and blocks else None,
                     find_pub_date(after, "date line below"))


def _story_cut_short(lines: list[str], kinds: list[Kind], profile: PageProfile) -> None:
    """The page's last line, when it is long running text of whole sentences cut off
    with "…" where the page stops (a dump of a page's opening): the story itself.
    Teasers cut off the same way are followed by more of the page."""
    if not lines or kinds[-1] is Kind.PROSE:
        return
    last = _strip_trailing_symbols(lines[-1])
    ends = [match.start() + 2 for match in SENTENCE_INSIDE.finditer(last)]
    if TRUNCATED.search(last) and len(last.split()) >= LONG_LINE_WORDS and ends \
            and _is_prose(last[:ends[-1]], profile.function_words):  # its whole sentences
        kinds[-1] = Kind.PROSE


def _metadata_stamp(lines: list[str]) -> DatePoint:
    """The date of a crawler's stamp opening the dump, taken off its line (which
    goes when nothing else is on it)."""
    if not lines or not (match := METADATA_STAMP.match(lines[0])):
        return DatePoint()
    found = parse_date(match["date"])
    if not found:
        return DatePoint()
    rest = lines[0][match.end():]
    lines[:1] = [rest] if rest else []
    return DatePoint(found.value, found.precision, "date line")


def _repeats_are_furniture(lines: list[str], kinds: list[Kind]) -> None:
    """Prose printed again further down (a teaser for the story, a pull quote)
    counts once; its first appearance is judged as prose."""
    seen: set[str] = set()
    for index, line in enumerate(lines):
        if kinds[index] is Kind.PROSE:
            if line in seen:
                kinds[index] = Kind.FURNITURE
            seen.add(line)


def _discount_comments(lines: list[str], kinds: list[Kind], scores: list[int]) -> None:
    """Prose after a comment-section heading (one that comes after some prose:
    a "Comments" menu item at the top of the page does not count) weighs less,
    so a long thread cannot outweigh a short article above it."""
    seen_prose = False
    for index, (line, kind) in enumerate(zip(lines, kinds, strict=True)):
        seen_prose = seen_prose or kind is Kind.PROSE
        if seen_prose and len(line.split()) <= 12 and COMMENTS_HEAD.search(line):
            for after in range(index + 1, len(scores)):
                if scores[after] > 0:
                    scores[after] = int(scores[after] * COMMENTS_WEIGHT)
            return


def _kept(kinds: list[Kind], first: int, last: int) -> list[int]:
    """The lines of a run that belong to the article: prose, and short sentences
    with prose on both sides inside the run, reached through nothing but more
    short sentences. One pass each way, so long runs of short lines stay linear."""
    def prose_reachable(order: range) -> set[int]:
        reachable, reached = set(), False
        for index in order:
            if reached:
                reachable.add(index)
            reached = kinds[index] is Kind.PROSE or (reached and kinds[index] is Kind.SENTENCE)
        return reachable

    before = prose_reachable(range(first, last + 1))
    after = prose_reachable(range(last, first - 1, -1))
    return [index for index in range(first, last + 1) if kinds[index] is Kind.PROSE or (
        kinds[index] is Kind.SENTENCE and index in before and index in after)]


def find_title(lines_before_body: list[str]) -> str | None:
    """The headline: the first headline-shaped line after a date line, else the
    first one in the page head (navigation lines rarely look like headlines)."""
    for index, line in enumerate(lines_before_body):
        if is_date_line(line):
            for candidate in lines_before_body[index + 1:]:
                if is_headline(candidate):
                    return candidate
    return next((line for line in lines_before_body if is_headline(line)), None)


def find_pub_date(lines: list[str], basis: str = "date line") -> DatePoint:
    """The first date stamp line of ``lines`` (the page head: a wire dateline is
    split off later; or the lines below the story)."""
    for line in lines:
        if is_date_line(line):
            found = parse_date(line)
            return DatePoint(found.value, found.precision, basis)
    return DatePoint()
