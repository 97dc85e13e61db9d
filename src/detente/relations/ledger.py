"""The diplomatic ledger: for each pair of states, relations established,
upgraded, downgraded, suspended, severed and restored, and missions (embassies,
consulates, liaison offices, interests sections) opened, closed or kept
(``<mission>_maintained``, status ongoing: "has an interests section"), with the
protecting power where there is one. Planned steps stay apart from completed
ones, and every entry keeps the sentence it comes from.

Status changes come from coded event mentions (a CAMEO code plus the trigger
word that says which change); missions come from the article text, with the
states resolved by the actor mentions the pipeline stored for that text. The
vocabulary is ``data/ledger.yaml``."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import asdict, dataclass, field
from functools import cache
from typing import Any

import duckdb

from detente.data import read_yaml
from detente.events.diplomacy import LEDGER_FILE_KEYS
from detente.events.diplomacy import vocabulary as steps_vocabulary
from detente.events.timex import resolve_expression
from detente.model import DatePoint
from detente.sentences import sentence_spans
from detente.store.ledger import mission_articles, state_mentions, step_rows

MONTH = (r"(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|"
         r"Sept?(?:ember)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\.?")
DATE_EXPRESSION = re.compile(
    rf"(?<![Ss]ince )\b(?:{MONTH}(?:\s+\d{{1,2}}(?:st|nd|rd|th)?)?(?:,?\s+(?:19|20)\d\d)?|"
    rf"\d{{1,2}}\s+{MONTH}(?:\s+(?:19|20)\d\d)?|"
    r"(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)|"
    r"(?:last|next|this)\s+(?:year|month|week)|yesterday|today|tomorrow|(?:19|20)\d\d)\b")


@dataclass
class LedgerEntry:
    """One step in the diplomatic relationship of two states, with its evidence.

    ``country_a`` acts or sends the mission; ``country_b`` is the other state or
    the host. ``date_basis`` is "stated" when the text dates the step, else
    "publication". ``mentions`` counts the sentences that report the same step."""

    date: str | None
    country_a: str
    country_b: str
    kind: str
    status: str
    protecting_power: str | None
    doc_id: str
    doc: str
    sentence: str
    span: tuple[int, int]
    evidence: str
    date_basis: str = "stated"
    mentions: int = 1
    other_docs: list[str] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        record = asdict(self)
        record["span"] = list(self.span)
        return record

    def key(self) -> tuple:
        """What makes two reports the same step."""
        return (self.date, self.country_a, self.country_b, self.kind, self.status,
                self.protecting_power)


@dataclass(frozen=True)
class Vocabulary:
    nouns: dict[str, re.Pattern[str]]
    opened: re.Pattern[str]
    closed: re.Pattern[str]
    maintained: re.Pattern[str]
    maintained_before: int
    before: int
    after: int
    reciprocal: re.Pattern[str]
    protecting_power: tuple[re.Pattern[str], ...]
    status_window: int
    planned: frozenset[str]
    negated: frozenset[str]
    reporting: frozenset[str]
    reporting_window: int


def _alternation(patterns: list[str]) -> re.Pattern[str]:
    return re.compile("|".join(rf"\b(?:{pattern})" for pattern in patterns), re.IGNORECASE)


@cache
def vocabulary() -> Vocabulary:
    spec = read_yaml("ledger.yaml", keys=LEDGER_FILE_KEYS)
    missions = spec["missions"]
    return Vocabulary(
        nouns={kind: re.compile(rf"\b{pattern}\b", re.IGNORECASE)
               for kind, pattern in missions["nouns"].items()},
        opened=_alternation(missions["opened"]),
        closed=_alternation(missions["closed"]),
        maintained=_alternation(missions["maintained"]),
        maintained_before=int(missions["maintained_before"]),
        before=int(missions["before"]),
        after=int(missions["after"]),
        reciprocal=_alternation(missions["reciprocal"]),
        protecting_power=tuple(re.compile(pattern, re.IGNORECASE)
                               for pattern in missions["protecting_power"]),
        status_window=int(spec["status_window"]),
        planned=frozenset(spec["planned"]),
        negated=frozenset(spec["negated"]),
        reporting=frozenset(spec["reporting"]),
        reporting_window=int(spec["reporting_window"]),
    )


# -- steps the coder found and stored ----------------------------------------------------

def stored_steps(connection: duckdb.DuckDBPyConnection, country: str) -> Iterator[LedgerEntry]:
    """Ledger entries of ``country`` from the stored event mentions that are diplomatic
    steps (``detente.events.diplomacy``), with the coder's status and date. A database
    made before steps were stored, opened read-only, has none (``detente extract``
    into a new database codes them)."""
    words = steps_vocabulary()
    rows = step_rows(connection, country, words.statuses)
    for (doc_id, doc, sentence, sentence_start, kind, power, evidence, status, event_date,
         pub_date, side_a, side_b) in rows:
        if kind in words.symmetric_kinds:
            side_a, side_b = sorted((side_a, side_b))
        start = max(sentence_start, 0)
        yield LedgerEntry(
            date=event_date or pub_date, country_a=side_a, country_b=side_b, kind=kind,
            status=status, protecting_power=power, doc_id=doc_id, doc=doc, sentence=sentence,
            span=(start, start + len(sentence)), evidence=evidence,
            date_basis="stated" if event_date else "publication")


# -- missions from the article text -----------------------------------------------------

@dataclass(frozen=True)
class StateMention:
    start: int
    end: int
    country: str
    government: bool = False  # a government actor ("the state department"), not the land


def mission_entries(connection: duckdb.DuckDBPyConnection,
                    country: str) -> Iterator[LedgerEntry]:
    """Ledger entries for missions opened or closed, sentence by sentence, in the
    articles that name ``country`` and a mission."""
    words = vocabulary()
    articles = mission_articles(connection, "|".join(p.pattern for p in words.nouns.values()),
                                country)
    for doc_id, doc, text, pub_date, pub_precision in articles:
        states = [StateMention(start, end, country, sector == "GOV")
                  for start, end, country, sector in state_mentions(connection, doc_id)]
        published = DatePoint(pub_date, pub_precision, "publication")
        for start, end in sentence_spans(text):
            in_sentence = [StateMention(s.start - start, s.end - start, s.country, s.government)
                           for s in states if start <= s.start and s.end <= end]
            for entry in _sentence_missions(text[start:end], in_sentence, published):
                yield LedgerEntry(**entry, doc_id=doc_id, doc=doc, span=(start, end))


def _sentence_missions(sentence: str, states: list[StateMention],
                       published: DatePoint) -> Iterator[dict[str, Any]]:
    words = vocabulary()
    for mission, noun_pattern in words.nouns.items():
        for noun in noun_pattern.finditer(sentence):
            if _inside_power_phrase(sentence, noun):
                continue
            found = _action(sentence, noun)
            if found is None:
                continue
            action, phrase = found
            status = _status(sentence[:phrase.start()], phrase.group(0))
            if action == "maintained" and status == "occurred":
                status = "ongoing"  # the mission is there, not opened now
            if status not in steps_vocabulary().statuses:
                continue
            power = _protecting_power(sentence, states)
            pairs = _mission_sides(sentence, noun, phrase, states, power)
            date, basis = _sentence_date(sentence, published, phrase.start(),
                                         planned=status == "planned")
            for sender, host in pairs:
                yield {"date": date, "country_a": sender, "country_b": host,
                       "kind": f"{mission}_{action}", "status": status,
                       "protecting_power": power.country if power else None,
                       "sentence": sentence, "date_basis": basis,
                       "evidence": sentence[min(phrase.start(), noun.start()):
                                            max(phrase.end(), noun.end())]}


def _inside_power_phrase(sentence: str, noun: re.Match[str]) -> bool:
    """True for the host embassy of a protecting power ("in the Swedish embassy")."""
    return any(match.start() <= noun.start() < match.end()
               for pattern in vocabulary().protecting_power
               for match in pattern.finditer(sentence))


def _action(sentence: str, noun: re.Match[str]) -> tuple[str, re.Match[str]] | None:
    """("opened", "closed" or "maintained", the phrase) acting on the mission noun, the
    nearest first.

    A phrase after the noun ("the embassy was closed") counts only when it does not
    act on a mission named after it ("the interests section became a full embassy").
    A keeping phrase stands right before the noun ("has an embassy"); with "open"
    after the noun it still keeps the mission ("kept its embassy open")."""
    words = vocabulary()
    later_nouns = [match.start() for pattern in words.nouns.values()
                   for match in pattern.finditer(sentence) if match.start() >= noun.end()]
    best: tuple[int, str, re.Match[str]] | None = None
    kept: re.Match[str] | None = None
    for action, pattern in (("opened", words.opened), ("closed", words.closed),
                            ("maintained", words.maintained)):
        for match in pattern.finditer(sentence):
            if action == "maintained":
                if match.end() <= noun.start() <= match.end() + words.maintained_before \
                        and not _crosses_mission(sentence, match.end(), noun.start()):
                    kept = match
                continue
            if match.end() <= noun.start():
                distance = noun.start() - match.end()
                if distance > words.before:
                    continue
            elif match.start() >= noun.end():
                distance = match.start() - noun.end()
                if distance > words.after or any(
                        0 <= later - match.end() <= words.before for later in later_nouns):
                    continue
            else:
                continue
            if best is None or distance < best[0]:
                best = (distance, action, match)
    if kept is not None and (best is None or best[0] > noun.start() - kept.end()
                             or (best[2].start() >= noun.end()
                                 and best[2].group(0).lower() == "open")):
        return "maintained", kept
    return (best[1], best[2]) if best else None


def _crosses_mission(sentence: str, start: int, end: int) -> bool:
    """True when another mission or a clause break (comma, semicolon, colon) stands
    between a keeping phrase and a noun: the phrase keeps only the mission right
    after it."""
    between = sentence[start:end]
    return bool(re.search(r"[,;:]", between)) or any(
        pattern.search(between) for pattern in vocabulary().nouns.values())


def _status(before: str, phrase: str) -> str:
    """planned, negated or occurred, from the last words of the clause before the phrase
    and the phrase itself ("will be an interests section")."""
    words = vocabulary()
    clause = re.split(r"[,;:]\s+(?:and|but|although|while)?", before)[-1]
    tokens = re.findall(r"[\w']+|n't", clause.lower())[-words.status_window:]
    if set(tokens) & words.negated:
        return "negated"
    own = set(re.findall(r"[\w']+", phrase.lower()))
    if (set(tokens) | own) & words.planned or tokens[-1:] == ["to"]:  # "to reopen": not yet
        return "planned"
    return "occurred"


def _protecting_power(sentence: str, states: list[StateMention]) -> StateMention | None:
    for pattern in vocabulary().protecting_power:
        for match in pattern.finditer(sentence):
            start, end = match.span("power")
            inside = [s for s in states if start <= s.start and s.end <= end]
            if inside:
                return inside[-1] if pattern.pattern.startswith("(?P") else inside[0]
    return None


def _mission_sides(sentence: str, noun: re.Match[str], phrase: re.Match[str],
                   states: list[StateMention],
                   power: StateMention | None) -> list[tuple[str, str]]:
    """(sending state, host state) pairs for one mission; both ways when reciprocal."""
    others = [s for s in states if power is None or s.country != power.country]
    countries = list(dict.fromkeys(s.country for s in others))
    window = sentence[min(phrase.start(), noun.start()):noun.end() + 20]
    if vocabulary().reciprocal.search(window) and len(countries) >= 2:
        first, second = countries[:2]
        return [(first, second), (second, first)]
    action_at = min(phrase.start(), noun.start())
    sender = _sending_state(sentence, noun, action_at, others)
    if sender is None:
        return []
    hosts = [s for s in others if s.country != sender.country]
    in_after = [s for s in hosts if s.start >= noun.end()
                and re.search(r"\bin\b", sentence[noun.end():s.start])]
    hosts = in_after or sorted(hosts, key=lambda s: abs(s.start - noun.start()))
    return [(sender.country, hosts[0].country)] if hosts else []


def _sending_state(sentence: str, noun: re.Match[str], action_at: int,
                   states: list[StateMention]) -> StateMention | None:
    """The state a mission belongs to: the one named right before it ("the U.S.
    interests section") or before the mission the phrase starts from, else the
    first state of the clause before the phrase, else the first government named
    before it (missions are sent by governments), else the first state before it."""
    nouns = [match.start() for pattern in vocabulary().nouns.values()
             for match in pattern.finditer(sentence) if match.start() <= noun.start()]
    for start in sorted(nouns, reverse=True):
        adjacent = [s for s in states if 0 <= start - s.end <= 3]
        if adjacent:
            return adjacent[-1]
    clause_start = max((m.end() for m in re.finditer(r"[,;:]\s", sentence[:action_at])),
                       default=0)
    before = [s for s in states if s.end <= action_at]
    in_clause = [s for s in before if s.start >= clause_start]
    governments = [s for s in before if s.government]
    found = in_clause or governments or before
    return found[0] if found else None


def _sentence_date(sentence: str, published: DatePoint, action_at: int,
                   planned: bool) -> tuple[str | None, str]:
    """The date the sentence states nearest the action, in its clause first, resolved
    against the publication date; in a planned step a date that comes with the plan
    lies ahead ("will open … in May"), one that dates its announcement does not (see
    ``_looks_ahead``)."""
    clauses = [0, *(m.end() for m in re.finditer(r"[,;:]\s", sentence)), len(sentence) + 1]
    clause = next(index for index in range(len(clauses) - 1)
                  if clauses[index] <= action_at < clauses[index + 1])

    def closeness(match: re.Match[str]) -> tuple[bool, int]:
        inside = clauses[clause] <= match.start() < clauses[clause + 1]
        return (not inside, abs(match.start() - action_at))

    matches = sorted(DATE_EXPRESSION.finditer(sentence), key=closeness)
    for match in matches:
        future = planned and _looks_ahead(sentence, match, action_at)
        point = resolve_expression(match.group(0), published, future)
        if point:
            return point.value, "stated"
    return published.value, "publication"


def _looks_ahead(sentence: str, date: re.Match[str], action_at: int) -> bool:
    """Whether a date in a sentence about a planned step is when the step is to happen
    (True: "will open an embassy in May") rather than when it was announced, agreed
    or decided (False: "said in October it intended to open relations", "In May,
    Seoul announced it would open", "agreed on Friday to reopen"): a verb of saying or
    deciding right before the date, or between the date and the step, dates the
    report."""
    words = vocabulary()
    before = re.findall(r"[\w']+", sentence[:date.start()].lower())[-words.reporting_window:]
    if set(before) & words.reporting:
        return False
    if date.end() <= action_at:
        between = re.findall(r"[\w']+", sentence[date.end():action_at].lower())
        if set(between) & words.reporting:
            return False
    return True


# -- the ledger -------------------------------------------------------------------------

def ledger(connection: duckdb.DuckDBPyConnection, country: str,
           other: str | None = None) -> list[LedgerEntry]:
    """Every ledger entry of ``country`` (with ``other`` only, when given), by date.

    Reports of one step (same states, kind, status and date) are one entry; the
    first report is the evidence shown, the rest are counted in ``mentions``."""
    merged: dict[tuple, LedgerEntry] = {}
    for entry in (*stored_steps(connection, country), *mission_entries(connection, country)):
        sides = {entry.country_a, entry.country_b}
        if country not in sides or (other is not None and other not in sides):
            continue
        known = merged.get(entry.key())
        if known is None:
            merged[entry.key()] = entry
        elif entry.doc_id != known.doc_id or entry.sentence != known.sentence:
            known.mentions += 1
            if entry.doc_id != known.doc_id and entry.doc_id not in known.other_docs:
                known.other_docs.append(entry.doc_id)
    return sorted(merged.values(), key=lambda e: (e.date or "", e.kind, e.country_a,
                                                   e.country_b))
