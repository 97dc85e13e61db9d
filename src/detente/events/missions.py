"""Diplomatic missions opened, closed or kept, read off the parse at coding time.

A mission is a noun of the ``missions`` vocabulary in ``data/ledger.yaml`` (an
embassy, a consulate, an interests section, a liaison office) that a verb of the
vocabulary acts on: its object or passive subject ("opened an embassy", "the
consulate was closed"), what a mission becomes ("became a full embassy", "will
be an interests section"), or where a flag is raised ("the flag was raised over
an embassy"). The step has the coder's own status (``event_status``) and date
(``event_date``); a mission kept is ``<mission>_maintained`` with status ongoing
(it was there then, not opened then).

The sending state is the one that modifies the mission ("the U.S. interests
section"), else the one in the acting verb's "by" phrase or subject ("Germany
closed its embassy"), else the first government, or state, named before the verb
(never the one where the mission is: "the embassy in Tehran was closed"). The host
is the state in the mission's or the verb's "in" phrase, else the nearest other
state of the sentence. A mission "in each other's capitals" runs both ways. The
protecting power is the state whose embassy houses the mission ("in the Swedish
embassy"), under whose flag it works ("under the flag of Switzerland"), or that
"acts as the protecting power".

The steps are stored at ingest (``mission_steps``); the ledger
(``detente.relations.ledger``) only reads them."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass, replace
from functools import cache

from spacy.tokens import Doc, Span, Token

from detente.data import read_yaml
from detente.events.diplomacy import LEDGER_FILE_KEYS
from detente.events.modality import event_status, looks_forward
from detente.events.timex import event_date, resolve_expression
from detente.model import Actor, Article, DatePoint, DiplomaticStep, EventMention, MissionStep

SUBJECT_DEPS = {"nsubj", "nsubjpass", "csubj"}
CLIMB_DEPS = {"xcomp", "advcl", "conj", "ccomp", "relcl", "acl"}  # a verb without a subject


@dataclass(frozen=True)
class MissionNoun:
    kind: str
    heads: frozenset[str]
    modifiers: frozenset[str]  # one of these must modify the head ("liaison" office)


@dataclass(frozen=True)
class MissionVocabulary:
    statuses: frozenset[str]
    nouns: tuple[MissionNoun, ...]
    actions: dict[str, str]  # verb lemma ("set up": with its particle) -> opened, ...
    becoming: frozenset[str]  # verbs whose attribute a mission becomes
    flag_over: frozenset[str]  # verbs of a flag raised over a mission
    reciprocal: frozenset[str]  # "each other's capitals", "their embassies"
    staff: frozenset[str]  # "withdrew its staff from the embassy"
    withdrawing: frozenset[str]
    protecting: frozenset[str]  # words before "power" ("protecting power")
    since: frozenset[str]  # a date after these starts a span, and dates no step

    @property
    def words(self) -> frozenset[str]:
        return frozenset(word for noun in self.nouns for word in noun.heads)


@cache
def vocabulary() -> MissionVocabulary:
    spec = read_yaml("ledger.yaml", keys=LEDGER_FILE_KEYS)
    missions = spec["missions"]
    actions = {word: action for action, verbs in missions["verbs"].items() for word in verbs}
    return MissionVocabulary(
        statuses=frozenset(spec["statuses"]),
        nouns=tuple(MissionNoun(kind, frozenset(noun["heads"]),
                                frozenset(noun.get("with", ())))
                    for kind, noun in missions["nouns"].items()),
        actions=actions,
        becoming=frozenset(missions["becoming"]),
        flag_over=frozenset(missions["flag_over"]),
        reciprocal=frozenset(missions["reciprocal"]),
        staff=frozenset(missions["staff"]),
        withdrawing=frozenset(missions["withdrawing"]),
        protecting=frozenset(missions["protecting"]),
        since=frozenset(missions["since"]),
    )


@dataclass(frozen=True)
class State:
    """An actor mention of a state in one sentence, by token indexes of its doc."""

    first: int
    last: int
    country: str
    government: bool

    def within(self, token: Token) -> bool:
        return token.left_edge.i <= self.first and self.last <= token.right_edge.i


# -- the article ------------------------------------------------------------------------

def mission_steps(article: Article, docs: list[Doc], mentions: list[Actor],
                  dates: list[dict[int, list[Span]]]) -> list[MissionStep]:
    """The mission steps of a coded article: its parsed paragraphs (``docs``), the
    actor mentions the coder resolved in them and each doc's date entities, as the
    coder read them (``timex.date_entities``)."""
    words = vocabulary().words
    steps: list[MissionStep] = []
    sentence_index = 0
    for doc, offset, doc_dates in zip(docs, article.paragraph_offsets(), dates, strict=True):
        sentences = list(doc.sents)
        if not any(token.lemma_.lower() in words or token.lower_ in words for token in doc):
            sentence_index += len(sentences)
            continue
        end = offset + len(doc.text)
        in_doc = [m for m in mentions if m.country and m.start is not None
                  and offset <= m.start < end]
        for sentence in sentences:
            states = _states(sentence, offset, in_doc)
            for step, trigger, status, when in sentence_missions(
                    sentence, states, doc_dates.get(sentence.start, []), article.pub_date):
                steps.append(MissionStep(
                    doc=article.doc, doc_id=article.doc_id, sentence=sentence.text,
                    sentence_index=sentence_index,
                    span=(offset + sentence.start_char, offset + sentence.end_char),
                    trigger=trigger.text,
                    trigger_span=(offset + trigger.idx, offset + trigger.idx + len(trigger)),
                    step=step, status=status, event_date=when, pub_date=article.pub_date))
            sentence_index += 1
    return steps


def mark_events(events: list[EventMention], steps: list[MissionStep]) -> list[EventMention]:
    """The coder's event mentions, each that states a mission step marked with it
    (``EventMention.step``): the same verb, with the mission's sending state as
    source and its host as target ("Britain opened an embassy in Pyongyang", coded
    050). Its record then says which step it is; the ledger reads the step from
    ``mission_steps``, which also holds the missions that are no coded event ("has
    an interests section")."""
    by_verb = {(s.doc_id, s.trigger_span, s.step.sender, s.step.host): s.step for s in steps}
    marked = []
    for event in events:
        found = by_verb.get((event.doc_id, event.trigger_span, event.source.country,
                             event.target.country))
        marked.append(replace(event, step=found) if found and event.step is None else event)
    return marked


def _states(sentence: Span, offset: int, mentions: Iterable[Actor]) -> list[State]:
    """The sentence's state mentions as token ranges, in text order."""
    found = []
    for mention in mentions:
        assert mention.start is not None and mention.country is not None
        start, end = mention.start - offset, (mention.end or mention.start) - offset
        tokens = [t.i for t in sentence if start <= t.idx < end]
        if tokens:
            found.append(State(tokens[0], tokens[-1], mention.country,
                               mention.sector == "GOV"))
    return sorted(found, key=lambda s: s.first)


# -- one sentence -----------------------------------------------------------------------

def sentence_missions(sentence: Span, states: list[State], dates: list[Span],
                      published: DatePoint
                      ) -> Iterator[tuple[DiplomaticStep, Token, str, DatePoint]]:
    """(step, the verb that states it, status, date) for each mission the sentence
    opens, closes or keeps, for each (sender, host) pair."""
    words = vocabulary()
    nouns = [(token, kind) for token in sentence if (kind := _mission_kind(token))]
    housing = {inner.i for token, _ in nouns if (inner := _housing_mission(token, nouns))}
    power = _protecting_power(sentence, states, nouns)
    dates = [entity for entity in dates if not _starts_a_span(entity)]
    for noun, kind in nouns:
        if noun.i in housing:  # the protecting power's own embassy
            continue
        found = _action(noun)
        if found is None:
            continue
        action, verb = found
        status = event_status(verb)
        if action == "maintained" and status == "occurred":
            status = "ongoing"  # the mission is there, not opened now
        if status not in words.statuses:
            continue
        when = _step_date(verb, dates, published, status)
        others = [s for s in states if power is None or s.country != power.country]
        evidence = _evidence(noun, verb)
        for sender, host in _sides(noun, verb, others):
            yield (DiplomaticStep(f"{kind}_{action}", evidence,
                                  power.country if power else None, sender, host),
                   verb, status, when)


def _mission_kind(token: Token) -> str | None:
    if token.pos_ not in {"NOUN", "PROPN"}:
        return None
    words = {token.lemma_.lower(), token.lower_}
    modifiers = {child.lemma_.lower() for child in token.lefts} | {
        child.lower_ for child in token.lefts}
    for noun in vocabulary().nouns:
        if words & noun.heads and (not noun.modifiers or modifiers & noun.modifiers):
            return noun.kind
    return None


def _housing_mission(noun: Token, nouns: list[tuple[Token, str]]) -> Token | None:
    """The mission another one is in ("an interests section in the Swedish embassy")."""
    mission_at = {token.i for token, _ in nouns}
    for prep in noun.children:
        if prep.dep_ == "prep" and prep.lower_ == "in":
            for inner in prep.children:
                if inner.dep_ == "pobj" and inner.i in mission_at:
                    return inner
    return None


def _action(noun: Token) -> tuple[str, Token] | None:
    """(the action — "opened", "reopened", "closed" or "maintained" — and the verb)
    acting on a mission noun."""
    words = vocabulary()
    while noun.dep_ == "conj" and noun.head.pos_ in {"NOUN", "PROPN"}:  # "its embassy and
        noun = noun.head                                                 # consulates"
    head = noun.head
    if noun.dep_ in {"dobj", "nsubjpass"} or (noun.dep_ == "nsubj" and head.pos_ == "VERB"
                                               and not _has_object(head)):
        action = _verb_action(head)
        return (action, head) if action else None
    if noun.dep_ == "attr" and head.lemma_.lower() in words.becoming:
        return "opened", head
    if noun.dep_ == "pobj" and head.dep_ == "prep":
        verb = head.head
        lemma = verb.lemma_.lower()
        if head.lower_ == "over" and lemma in words.flag_over:
            return "opened", verb
        if head.lower_ == "to" and lemma == "upgrade":
            return "opened", verb
        if head.lower_ == "from" and lemma in words.withdrawing and any(
                child.dep_ == "dobj" and child.lemma_.lower() in words.staff
                for child in verb.children):
            return "closed", verb
    return None


def _has_object(verb: Token) -> bool:
    return any(child.dep_ == "dobj" for child in verb.children)


def _verb_action(verb: Token) -> str | None:
    if verb.pos_ not in {"VERB", "AUX"}:
        return None
    actions = vocabulary().actions
    lemma = verb.lemma_.lower()
    for particle in (child for child in verb.children if child.dep_ == "prt"):
        if (action := actions.get(f"{lemma} {particle.lower_}")) is not None:
            return action
    return actions.get(lemma)


def _evidence(noun: Token, verb: Token) -> str:
    """The words that state the step: from the verb (or the mission's first word,
    when the mission comes first) to the mission ("kept an interests section",
    "the embassy was closed")."""
    first = noun.left_edge.i if noun.i < verb.i else verb.i
    last = max(noun.i, verb.i)
    return noun.doc[first:last + 1].text


def _step_date(verb: Token, dates: list[Span], published: DatePoint,
               status: str) -> DatePoint:
    """The coder's date of the step (``event_date``), except that a date between a
    verb of saying and the clause it reports dates the saying ("said on Monday it
    would open an embassy": the Monday before), however the parser hangs it."""
    report = verb.head
    subject = next((child for child in verb.children if child.dep_ in SUBJECT_DEPS), None)
    if verb.dep_ == "ccomp" and report.i < verb.i and subject is not None:
        for entity in dates:
            if report.i < entity.start and entity.end <= subject.i:
                point = resolve_expression(entity.text, published, future=False)
                if point:
                    return point
    return event_date(verb, dates, published, looks_forward(verb, status))


def _starts_a_span(date: Span) -> bool:
    """"since 1977": when a mission began to be kept, not a date of the step."""
    before = date.doc[date.start - 1] if date.start > 0 else None
    return before is not None and before.lower_ in vocabulary().since


# -- sides ------------------------------------------------------------------------------

def _sides(noun: Token, verb: Token, states: list[State]) -> list[tuple[str, str]]:
    """(sending state, host state) pairs for one mission; both ways when reciprocal."""
    if not states:
        return []
    if _reciprocal(noun, verb):
        subject = _subject(verb)
        named = [s for s in states if subject is not None and s.within(subject)] or states
        countries = list(dict.fromkeys(s.country for s in named))
        if len(countries) < 2:
            countries = list(dict.fromkeys(s.country for s in states))
        if len(countries) < 2:
            return []
        first, second = countries[:2]
        return [(first, second), (second, first)]
    sender = _sender(noun, verb, states)
    if sender is None:
        return []
    hosts = [s for s in states if s.country != sender]
    placed = [s for s in hosts if any(s.within(phrase) for phrase in _in_phrases(noun, verb))]
    hosts = placed or sorted(hosts, key=lambda s: abs(s.first - noun.i))
    return [(sender, hosts[0].country)] if hosts else []


def _reciprocal(noun: Token, verb: Token) -> bool:
    """"in each other's capitals", "in one another's", "their embassies"."""
    words = vocabulary().reciprocal
    if any(child.dep_ == "poss" and child.lower_ in words for child in noun.children) \
            and noun.tag_ in {"NNS", "NNPS"}:
        return True
    return any(token.lower_ in words and token.dep_ in {"poss", "det", "amod"}
               for phrase in _in_phrases(noun, verb) for token in phrase.subtree)


def _in_phrases(noun: Token, verb: Token) -> list[Token]:
    """The "in" phrases of the mission and of its verb: where the mission is."""
    return [child for token in (noun, verb) for child in token.children
            if child.dep_ == "prep" and child.lower_ == "in"]


def _sender(noun: Token, verb: Token, states: list[State]) -> str | None:
    """The state a mission belongs to (see the module's docstring)."""
    for mission in (noun, *(child for child in verb.children if child.dep_ in SUBJECT_DEPS
                            and _mission_kind(child))):
        own = [s for s in states if mission.left_edge.i <= s.first and s.last < mission.i]
        if own:
            return own[-1].country
    placed = _in_phrases(noun, verb)  # where the mission is: the host's
    agents = [child for child in verb.children if child.dep_ == "agent"]
    for subject in (*agents, _subject(verb)):
        if subject is not None:
            named = [s for s in states if s.within(subject)
                     and not any(s.within(phrase) for phrase in placed)]
            if named:
                return named[0].country
    before = [s for s in states if s.last < min(verb.i, noun.i)
              and not any(s.within(phrase) for phrase in placed)]
    governments = [s for s in before if s.government]
    found = governments or before
    return found[0].country if found else None


def _subject(verb: Token) -> Token | None:
    """The verb's subject, or that of the verb it hangs from ("agreed to open",
    "is expected to travel … to open")."""
    token = verb
    for _ in range(6):
        for child in token.children:
            if child.dep_ in SUBJECT_DEPS or child.dep_ == "agent":
                return child
        if token.dep_ not in CLIMB_DEPS or token.head is token:
            return None
        token = token.head
    return None


def _protecting_power(sentence: Span, states: list[State],
                      nouns: list[tuple[Token, str]]) -> State | None:
    """The state under whose flag or in whose embassy the sentence's missions work."""
    words = vocabulary()
    for noun, _ in nouns:
        inner = _housing_mission(noun, nouns)
        if inner is not None:
            own = [s for s in states if inner.left_edge.i <= s.first and s.last < inner.i]
            if own:
                return own[-1]
    for token in sentence:
        if token.lemma_.lower() == "flag" and token.dep_ == "pobj" \
                and token.head.lower_ == "under":
            named = [s for s in states if s.within(token) and s.first > token.i]
            if named:
                return named[0]
        if token.lower_ == "power" and any(child.lower_ in words.protecting
                                            for child in token.lefts):
            verb = token.head.head if token.head.dep_ == "prep" else token.head
            subject = _subject(verb) if verb.dep_ != "relcl" else verb.head
            if subject is not None and subject.lower_ in {"which", "that", "who"}:
                subject = verb.head
            if subject is not None:
                named = [s for s in states if subject.left_edge.i <= s.first <= subject.i]
                if named:
                    return named[-1]
    return None
