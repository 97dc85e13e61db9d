"""Event dates: the event's own date as the sentence states it, resolved
against the publication date ("in May" in an October 2000 story is 2000-05).

A date is taken from the DATE entity nearest to the trigger in the dependency
tree; durations ("for years", "17 years") are not points in time and are
skipped. Without a publication date, relative expressions stay unresolved."""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import date, timedelta
from functools import lru_cache

from spacy.tokens import Doc, Span, Token

from detente.dates import first_day, time_words
from detente.events import arguments
from detente.events.words import event_words
from detente.ingest.dates import MONTHS, parse_date
from detente.model import DatePoint

MAX_TREE_DISTANCE = 4
DAY_OF_MONTH = re.compile(r"([0-3]?\d)(?:st|nd|rd|th)?")
# The words of relative time expressions (data/time_words.yaml).
WEEKDAYS = time_words().weekdays
NUMBER_WORDS = time_words().counts
UNITS = time_words().units
HEDGES = time_words().hedges
SHIFTS = time_words().shifts
DAY_WORDS = time_words().day_words
PARTS_OF_DAY = time_words().parts_of_day
SEQUENCE_MARKS = time_words().sequence_marks
# Verbs whose own date is when something was said or found, not when the act they
# report happened, and the words that give a reported act a time of its own
# (data/event_words.yaml).
REPORTING_VERBS = event_words().reporting_verbs
OWN_TIME_WORDS = event_words().own_time_words


def tree_distance(a: Token, b: Token) -> int:
    """Number of dependency edges between two tokens of one sentence."""
    path_a = [a, *a.ancestors]
    depth = {token.i: index for index, token in enumerate(path_a)}
    for steps, token in enumerate([b, *b.ancestors]):
        if token.i in depth:
            return steps + depth[token.i]
    return 10_000


def date_entities(doc: Doc) -> dict[int, list[Span]]:
    """The DATE expressions of each sentence, keyed by the sentence's first token, in
    one pass over the paragraph (``Span.ents`` scans the whole paragraph each time)."""
    dates: dict[int, list[Span]] = {}
    entities = [entity for entity in doc.ents if entity.label_ == "DATE"]
    position = 0
    for sentence in doc.sents:
        while position < len(entities) and entities[position].start < sentence.start:
            position += 1
        while position < len(entities) and entities[position].end <= sentence.end:
            dates.setdefault(sentence.start, []).extend(_split_at_commas(entities[position]))
            position += 1
    return dates


def _split_at_commas(entity: Span) -> list[Span]:
    """A DATE entity the tagger ran over a comma into a second phrase ("on Friday,
    days after …": "Friday, days") is two expressions, one per subtree; one whose parts
    hang together ("June 5, 2023") is one."""
    groups: dict[int, list[int]] = {}
    for token in entity:
        top = token
        while entity.start <= top.head.i < entity.end and top.head != top:
            top = top.head
        if not token.is_punct:
            groups.setdefault(top.i, []).append(token.i)
    if len(groups) < 2:
        return [entity]
    return [entity.doc[min(indices):max(indices) + 1] for indices in groups.values()]


def event_date(trigger: Token, dates: list[Span], published: DatePoint,
               future: bool) -> DatePoint:
    """The event's date from the nearest of the sentence's DATE expressions (``dates``),
    or an unknown DatePoint.

    A date on a past-tense verb above the trigger dates that verb's act — the saying,
    deciding or intending — which lies in the past even for a plan ("said in October
    it intended to open relations": the October before). On a reporting verb it is
    skipped when the reported act has a time of its own ("said on Friday that Russia
    would not expel …")."""
    candidates = []
    for entity in dates:
        verb = _date_verb(entity)
        above = verb != trigger and verb in trigger.ancestors
        if _in_another_clause(verb, trigger, above):
            continue  # "agreed to …, after Lula declined last year": the declining's date
        if above and verb.lemma_.lower() in REPORTING_VERBS and _has_own_time(trigger, verb):
            continue
        if above and _in_sequence_clause(trigger, verb):
            continue  # "will travel on Friday, days after Wang visited": not Friday's visit
        if verb in trigger.subtree and _in_sequence_clause(verb, trigger):
            continue  # "agreed to …, after Lula declined last year": the declining's year
        if above and _in_summing_up(trigger, verb):
            continue  # "used water cannon on May 2, a move condemned by Japan": not May 2's
        distance = tree_distance(entity.root, trigger)
        if distance <= MAX_TREE_DISTANCE or _dates_trigger(entity, verb, trigger):
            looks_ahead = not (above and verb.tag_ == "VBD")
            candidates.append((distance, entity.start, entity, looks_ahead))
    for _, _, entity, looks_ahead in sorted(candidates, key=lambda item: (item[0], item[1])):
        point = resolve_expression(entity.text, published, future and looks_ahead)
        if point:
            return point
    return DatePoint()


def _in_another_clause(verb: Token, trigger: Token, above: bool) -> bool:
    """Does the date hang on a verb of a clause beside the trigger's, neither
    governing it nor below it (an "after …" clause, a conjoined act)?"""
    return (verb.pos_ in {"VERB", "AUX"} and verb != trigger and not above
            and trigger not in verb.ancestors and verb.dep_ in {"advcl", "conj"})


def _in_sequence_clause(inner: Token, outer: Token) -> bool:
    """Is ``inner``, below ``outer``, inside an "after/before/since …" clause of it?"""
    return any(clause.dep_ == "advcl" and any(
        child.dep_ == "mark" and child.lower_ in SEQUENCE_MARKS for child in clause.children)
        for clause in _path_up(inner, outer))


def _in_summing_up(trigger: Token, verb: Token) -> bool:
    """Is the trigger, below ``verb``, in what a noun beside the clause says of its act
    ("a move condemned by Japan": said later than the act it sums up)?"""
    return any(arguments.sums_up_an_act(word) for word in _path_up(trigger, verb))


def _path_up(inner: Token, outer: Token) -> Iterator[Token]:
    """The words from ``inner`` up its heads, short of ``outer`` (or of the root)."""
    word = inner
    while word != outer and word.head != word:
        yield word
        word = word.head


def _dates_trigger(entity: Span, verb: Token, trigger: Token) -> bool:
    """Does the date hang on the trigger itself through prepositions only, however
    deep ("will travel to the island of Tonga on Friday"), or open the clause of a
    verb the trigger is conjoined to ("On Monday, Mali backed the junta and threatened
    ECOWAS": the threat's date too)?"""
    return verb == trigger or (trigger.dep_ == "conj" and trigger.head == verb
                               and entity.end <= verb.i)


def _date_verb(entity: Span) -> Token:
    """The word a date expression hangs on, up through its prepositions to a verb."""
    verb = entity.root.head
    while (verb.pos_ not in {"VERB", "AUX"} and verb.head != verb
           and verb.dep_ in {"pobj", "prep", "npadvmod"}):
        verb = verb.head
    return verb


def _has_own_time(trigger: Token, report: Token) -> bool:
    """Whether the reported act, in the clause below ``report``, has a time of its own."""
    clause = trigger
    while clause.head != report and clause.head != clause:
        clause = clause.head
    return any(child.dep_ in {"aux", "neg"} and child.lower_ in OWN_TIME_WORDS
               for token in (trigger, clause) for child in token.children)


@lru_cache(maxsize=4096)
def resolve_expression(text: str, published: DatePoint, future: bool = False) -> DatePoint:
    """An ISO date for a date expression; relative ones need the publication date.
    Remembered: an article asks about its few expressions for every event near them."""
    words = re.sub(r"['’]s\b", "", text.lower()).replace(",", " ").split()  # "Friday's"
    if not words or _is_duration(words):
        return DatePoint()
    full = parse_date(text)
    if full:
        return DatePoint(full.value, "day", "explicit")
    month = next((MONTHS[w.rstrip(".")] for w in words if w.rstrip(".") in MONTHS
                  and (w != "may" or text.strip()[0].isupper() or len(words) > 1)), None)
    year = next((int(w) for w in words if re.fullmatch(r"1[89]\d\d|20\d\d", w)), None)
    if month and year:
        return DatePoint(f"{year:04d}-{month:02d}", "month", "explicit")
    if year and not any(w.endswith("s") and w[:-1].isdigit() for w in words):
        return DatePoint(f"{year:04d}", "year", "explicit")
    if published.value is None:
        return DatePoint()
    day = next((int(match.group(1)) for w in words
                if (match := DAY_OF_MONTH.fullmatch(w)) and 1 <= int(match.group(1)) <= 31), None)
    pub = first_day(published.value) if published.precision == "day" \
        else None
    if month:
        resolved_year = published.year or 0
        if not future and published.month and month > published.month:
            resolved_year -= 1
        if future and published.month and month < published.month:
            resolved_year += 1
        if day is not None:
            try:
                return _day(date(resolved_year, month, day))
            except ValueError:
                return DatePoint()
        return DatePoint(f"{resolved_year:04d}-{month:02d}", "month", "relative")
    return _relative(words, published, pub, future)


def _is_duration(words: list[str]) -> bool:
    if words[0] in {"for", "over"}:
        return True
    if words[-1] in {"decades", "years", "months", "weeks", "days"} and words[0] not in {"last",
                                                                                       "next"}:
        return not any(w == "ago" for w in words)
    return False


def _relative(words: list[str], published: DatePoint, pub: date | None, future: bool) -> DatePoint:
    """"last year", "early next month", "later this week", "three years ago",
    "last night", weekdays: resolved against the publication date."""
    core = [w for w in words if w not in HEDGES]
    year = published.year or 0
    if len(core) == 2 and core[0] in SHIFTS and core[1] == "year":
        return DatePoint(f"{year + SHIFTS[core[0]]:04d}", "year", "relative")
    unit, count = _ago(core)
    if unit == "year" and count is not None:
        return DatePoint(f"{year - count:04d}", "year", "relative")
    if pub is None:
        return DatePoint()
    if len(core) == 2 and core[0] in SHIFTS and core[1] == "month":
        return _month(pub, SHIFTS[core[0]])
    if len(core) == 2 and core[0] in SHIFTS and core[1] == "week":
        return _week(pub + timedelta(weeks=SHIFTS[core[0]]))
    if core and core[0] in DAY_WORDS and all(w in PARTS_OF_DAY for w in core[1:]):
        return _day(pub + timedelta(days=DAY_WORDS[core[0]]))
    if len(core) == 2 and core[0] in {"last", "this"} and core[1] in PARTS_OF_DAY:
        return _day(pub - timedelta(days=1 if core[0] == "last" else 0))
    weekday = next((w for w in core if w in WEEKDAYS), None)
    if weekday is not None:
        delta = (WEEKDAYS.index(weekday) - pub.weekday()) % 7
        if core[0] in {"next", "coming"}:
            return _day(pub + timedelta(days=delta or 7))
        if future and core[0] not in {"last", "previous"}:  # "will meet on Monday", said
            return _day(pub + timedelta(days=delta))  # on a Monday, is that day
        return _day(pub - timedelta(days=(7 - delta) % 7))
    if unit is not None and count is not None:
        if unit == "month":
            return _month(pub, -count)
        return _day(pub - timedelta(days=count * (7 if unit == "week" else 1)))
    return DatePoint()


def _count(word: str) -> int | None:
    return NUMBER_WORDS.get(word) or (int(word) if word.isdigit() else None)


def _ago(core: list[str]) -> tuple[str | None, int | None]:
    """("month", 3) for "three months ago"; (None, None) when it is no such phrase."""
    if len(core) == 3 and core[2] == "ago" and core[1] in UNITS:
        return UNITS[core[1]], _count(core[0])
    return None, None


def _month(pub: date, shift: int) -> DatePoint:
    month_index = pub.year * 12 + pub.month - 1 + shift
    return DatePoint(f"{month_index // 12:04d}-{month_index % 12 + 1:02d}", "month", "relative")


def _week(day: date) -> DatePoint:
    """A week is stated at month precision when it lies in one month, else the year's."""
    monday = day - timedelta(days=day.weekday())
    sunday = monday + timedelta(days=6)
    if (monday.year, monday.month) == (sunday.year, sunday.month):
        return DatePoint(f"{monday.year:04d}-{monday.month:02d}", "month", "relative")
    if monday.year == sunday.year:
        return DatePoint(f"{monday.year:04d}", "year", "relative")
    return DatePoint()


def _day(day: date) -> DatePoint:
    return DatePoint(day.isoformat(), "day", "relative")
