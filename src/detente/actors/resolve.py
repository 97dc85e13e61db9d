"""Resolving noun phrases to actors, within one article.

An argument of an event is a noun phrase; its actor is decided by what the
phrase contains: a person with a dated role, a press metonym, an IGO, a country
name, capital or demonym, and a title that gives the sector ("Russian President
Vladimir Putin" → RUS, GOV, "Vladimir Putin"). Pronouns and people named again
later take what the article said about them earlier; nothing is guessed: a
name that can be several things the article does not tell apart ("Congo",
"Korea") stays unresolved, and ``ArticleContext.ambiguous`` says why.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field, replace
from datetime import date
from functools import cache, lru_cache

import srsly
from spacy.attrs import ORTH
from spacy.tokens import Doc, Span, Token
from spacy.util import filter_spans

from detente.actors.ambiguity import Choice, ambiguities
from detente.actors.dictionary import (
    NOT_AN_ACTOR,
    ActorDictionary,
    ActorEntry,
    ActorMatcher,
    actor_code,
    is_transnational,
)
from detente.data import data_path
from detente.model import Actor

# Dependents that belong to a noun phrase's own description of its referent.
MODIFIER_DEPS = {"compound", "amod", "poss", "nmod", "appos", "det", "case", "flat", "nn"}
# Prepositions whose object can name the referent's country ("officials from the
# US", "officials in Seoul", "a spokesman for President Ghani").
OWNER_PREPOSITIONS = {"of", "from", "in", "for"}
# Nouns that say "a state" and name it in an "of" phrase: "the small African nation
# of Burundi", "the Pacific island of Tonga", "the Kingdom of Bahrain".
STATE_NOUNS = {"nation", "country", "state", "kingdom", "republic", "island", "islands",
               "archipelago", "emirate", "sultanate", "principality"}
# Words that make an office holder a former one: CAMEO's elite (ELI) sector.
FORMER = {"former", "ex", "ex-"}
ENTRY_PRIORITY = {"person": 0, "metonym": 1, "organisation": 1, "igo": 2, "contextual": 3,
                  "country": 4, "capital": 5, "demonym": 6, "place": 7}
# Kinds whose entities exist independently of the article: two of them valid on
# the same day make an alias ambiguous.
NAMING_KINDS = {"metonym", "organisation", "igo", "country", "capital", "demonym", "place"}
PRONOUNS = {"it", "its", "they", "their", "them", "he", "his", "him", "she", "her"}
# What each pronoun can stand for: a person ("he", "she"), one state, organisation
# or group named as one ("it"), or several, or a body spoken of as its members
# ("they").
PRONOUN_AGREEMENT = {"he": "he", "his": "he", "him": "he", "she": "she", "her": "she",
                     "it": "it", "its": "it", "they": "they", "their": "they", "them": "they"}
AGREES_WITH = {"he": {"person"}, "she": {"person"}, "it": {"thing"}, "they": {"plural", "thing"}}
# How many sentences before its own a pronoun's antecedent may be.
PRONOUN_REACH = 3
SUBJECT_DEPS = {"nsubj", "nsubjpass"}


@cache
def person_nouns() -> frozenset[str]:
    """Nouns for people, whom "he" and "she" can stand for (data/person_nouns.yaml)."""
    return frozenset(srsly.read_yaml(data_path("person_nouns.yaml"))["person_nouns"])


# Sectors whose unnamed members ("police", "the president", "protesters") belong
# to the state the text is about; militants, criminals, refugees, clergy and aid
# workers often do not, so they stay unresolved without a name.
LOCAL_SECTORS = {"GOV", "MIL", "COP", "JUD", "LEG", "SPY", "OPP", "PTY", "CVL", "BUS", "MED",
                 "EDU", "LAB", "AGR", "HLH", "HRI", "ENV"}
# Sectors of people who act where they live: "protesters stormed the embassy in
# Tehran" are Iranian, where "troops in Kabul" need not be Afghan.
RESIDENT_SECTORS = {"CVL", "COP", "LAB", "AGR", "EDU", "HLH"}
# Prepositions whose object, a city or capital, is where something happened.
LOCATIVE = {"in", "at", "to", "into", "near", "outside", "inside", "across"}
# Named-entity types of a modifier that says whom an agent belongs to.
OWNER_ENTITIES = {"ORG", "PERSON", "NORP", "GPE", "FAC"}
# Modifiers that place a generic agent outside the state in view ("foreign
# diplomats", "world leaders", "other governments").
NOT_LOCAL = {"foreign", "world", "international", "global", "regional", "western", "other",
             "overseas", "exiled", "european", "arab", "african", "asian", "gulf",
             "neighbouring", "neighboring", "allied", "visiting", "coalition", "enemy",
             "rival", "opposing", "multinational", "un", "u.n."}
# A wire dateline opening a paragraph: "SEOUL, June 13 (Reuters) —", "TIRANA,
# Albania (AP)", "Cebu City--".
DATELINE = re.compile(r"\s*(?:([A-Z][A-Z.'-]+(?: [A-Z][A-Z.'-]+)*)(?:,| \(| [-—–]|--)"
                      r"|([A-Z][a-z.'-]+(?: [A-Z][a-z.'-]+)*)(?:--| [—–] ))")
# The region a dateline's city is in, after its comma: "TIRANA, Albania (AP)",
# "ALBUQUERQUE, N.M. —", "MOSCOW, Idaho --" (not a date: "SEOUL, June 13 (Reuters)").
DATELINE_REGION = re.compile(r"\s*([A-Z][A-Za-z.']*(?: [A-Z][A-Za-z.']*)*)\s*(?:\(|[-—–]|,|$)")
CALENDAR_WORDS = {"Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday",
                  "January", "February", "March", "April", "May", "June", "July", "August",
                  "September", "October", "November", "December", "Jan.", "Feb.", "Mar.",
                  "Apr.", "Aug.", "Sept.", "Sep.", "Oct.", "Nov.", "Dec."}
# US states as datelines write them (AP style, and postal codes): "ALBUQUERQUE,
# N.M." was filed in the United States, whatever the rest of "N.M." looks like.
US_STATE_ABBREVIATIONS = {
    "Ala.", "Ariz.", "Ark.", "Calif.", "Colo.", "Conn.", "Del.", "D.C.", "Fla.", "Ga.", "Ill.",
    "Ind.", "Kan.", "Kans.", "Ky.", "La.", "Md.", "Mass.", "Mich.", "Minn.", "Miss.", "Mo.",
    "Mont.", "Neb.", "Nebr.", "Nev.", "N.H.", "N.J.", "N.M.", "N.Y.", "N.C.", "N.D.", "Okla.",
    "Ore.", "Oreg.", "Pa.", "Penn.", "R.I.", "S.C.", "S.D.", "Tenn.", "Tex.", "Vt.", "Va.",
    "Wash.", "W.Va.", "W. Va.", "Wis.", "Wisc.", "Wyo.",
    "AL", "AK", "AZ", "AR", "CA", "CO", "CT", "DE", "DC", "FL", "GA", "HI", "ID", "IL", "IN",
    "IA", "KS", "KY", "LA", "ME", "MD", "MA", "MI", "MN", "MS", "MO", "MT", "NE", "NV", "NH",
    "NJ", "NM", "NY", "NC", "ND", "OH", "OK", "OR", "PA", "RI", "SC", "SD", "TN", "TX", "UT",
    "VT", "VA", "WA", "WV", "WI", "WY"}
# What follows a demonym when it names people of that origin in the United States
# ("Mexican Americans", "a Korean-American scientist"): Americans, not that state.
AMERICAN = {"American", "Americans"}


@dataclass(frozen=True)
class AliasMatch:
    """An alias found in a paragraph: its words as written, the dictionary's
    spelling ("Côte d’Ivoire" is "Côte d'Ivoire") and what that can stand for."""

    span: Span
    text: str
    alias: str
    entries: list[ActorEntry]


@dataclass
class DocIndex:
    """Alias, title and person-name matches of one paragraph Doc, by token, and
    the paragraph's text. Built once per paragraph, because resolution asks
    about the same matches over and over, and ``Span.text`` is rebuilt from the
    tokens at every call, where slicing ``text`` is not."""

    actor_at: dict[int, Span]
    title_at: dict[int, Span]
    person_at: dict[int, Span]
    text: str = ""
    matches: list[AliasMatch] = field(default_factory=list)  # in text order
    match_at: dict[int, AliasMatch] = field(default_factory=dict)  # by first token
    phrases: dict[int, list[Token]] = field(default_factory=dict)  # by head token
    appositions_of: dict[int, list[Token]] = field(default_factory=dict)  # by head token
    names: dict[int, str] = field(default_factory=dict)  # person names, by first token
    sectors: dict[int, str | None] = field(default_factory=dict)  # title sectors, by token
    entities: dict[int, Span] | None = None  # named entities by token, listed when first asked

    @classmethod
    def build(cls, doc: Doc, matcher: ActorMatcher) -> DocIndex:
        def by_token(spans: list[Span]) -> dict[int, Span]:
            return {i: span for span in spans for i in range(span.start, span.end)}

        text = doc.text
        actors, titles = matcher.actor_spans(doc), matcher.title_spans(doc)
        title_at = by_token(titles)
        actors = [span for span in actors
                  if not _part_of_longer_name(span, matcher, text, title_at)]
        actor_at = by_token(actors)
        people = [ent for ent in doc.ents if ent.label_ == "PERSON"]
        people = filter_spans(people + _titled_names(doc, text, titles, actor_at))
        matches = []
        for span in actors:
            words = text[span.start_char:span.end_char]
            alias = matcher.typographic.get(words, words)
            matches.append(AliasMatch(span, words, alias,
                                      matcher.dictionary.entries.get(alias, [])))
        sectors = {}
        for span in titles:
            sector = matcher.dictionary.titles.get(text[span.start_char:span.end_char].lower())
            sectors.update(dict.fromkeys(range(span.start, span.end), sector))
        return cls(actor_at, title_at, by_token(people), text, matches,
                   {match.span.start: match for match in matches}, sectors=sectors)

    def phrase(self, head: Token) -> list[Token]:
        """``noun_phrase_tokens(head)``, worked out once per head (do not change it)."""
        tokens = self.phrases.get(head.i)
        if tokens is None:
            tokens = self.phrases[head.i] = noun_phrase_tokens(head)
        return tokens

    def appositions(self, head: Token) -> list[Token]:
        """The heads of phrases in apposition to ``head`` ("Kim Dae-jung, the president")."""
        found = self.appositions_of.get(head.i)
        if found is None:
            found = self.appositions_of[head.i] = [child for child in head.children
                                                   if child.dep_ == "appos"]
        return found

    def person_name(self, person: Span) -> str:
        """A PERSON span's name without its title ("Vice Marshal Jo": "Jo")."""
        name = self.names.get(person.start)
        if name is None:
            words = [t for t in person if t.i not in self.title_at]
            name = self.names[person.start] = (" ".join(t.text for t in words) if words
                                               else self.text[person.start_char:
                                                              person.end_char])
        return name

    def entity_at(self, token: Token) -> Span | None:
        """The named entity ``token`` is part of (``doc.ents`` lists them all anew
        at every call, too dear to do for every phrase of a long paragraph)."""
        if self.entities is None:
            self.entities = {i: ent for ent in token.doc.ents for i in range(ent.start, ent.end)}
        return self.entities.get(token.i)

    def title_sector(self, tokens: list[Token]) -> str | None:
        """The sector the last title among ``tokens`` gives ("police" → COP)."""
        for token in reversed(tokens):
            if token.i in self.sectors:
                return self.sectors[token.i]
        return None

    def words(self, first: Token, last: Token) -> str:
        """The paragraph's text from ``first`` to ``last`` (``Span.text``, cheaply)."""
        return self.text[first.idx:last.idx + len(last)]


@dataclass(frozen=True)
class Ambiguous:
    """An alias in the article that could stand for several things, and what was
    made of it (``choice.actor`` None: left unresolved)."""

    text: str
    start: int
    end: int
    choice: Choice


@dataclass
class ArticleContext:
    """What the article has established so far: countries it mentions (for
    contextual aliases), people it has introduced, the last actor that was the
    subject of a clause (the coder's implied side), and what each pronoun was
    found to stand for; ``ambiguous`` records, by start offset, each ambiguous
    alias met and the reading chosen or why none was."""

    matcher: ActorMatcher
    offset_of: dict[int, int] = field(default_factory=dict)
    mentioned: set[str] = field(default_factory=set)
    words: set[str] = field(default_factory=set)
    people: dict[str, tuple[str, str | None]] = field(default_factory=dict)
    last_subject: Actor | None = None
    texts: list[str] = field(default_factory=list)
    paragraphs: list[tuple[Doc, DocIndex]] = field(default_factory=list)
    ambiguous: dict[int, Ambiguous] = field(default_factory=dict)
    choices: dict[tuple[str, tuple[str, ...]], Choice] = field(default_factory=dict)
    dateline: str | None = None
    dateline_region: str | None = None
    dateline_paragraph: int = 0
    pronouns: dict[tuple[int, int, date | None], list[Actor]] = field(default_factory=dict)
    resolvers: dict[int, ActorResolver] = field(default_factory=dict)  # by id of DocIndex
    states_on: dict[date | None, set[str]] = field(default_factory=dict)  # named, by day

    @property
    def dictionary(self) -> ActorDictionary:
        return self.matcher.dictionary

    def known_person(self, name: str) -> str | None:
        """The person the article already introduced under ``name``: the full name,
        or a family or given name of it ("Kim" after "Kim Jong-il"; latest wins)."""
        if name in self.people:
            return name
        if " " in name:
            return None
        folded = _folded(name)
        for full_name in reversed(self.people):
            if folded in _given_and_family(full_name):
                return full_name
        return None

    def remember(self, name: str, country: str, sector: str | None) -> None:
        """Keep what the article said about a person, most recent last."""
        self.people.pop(name, None)
        self.people[name] = (country, sector)

    def note_document(self, doc: Doc, index: DocIndex) -> None:
        """Record the words a paragraph has and the actors it names unambiguously."""
        strings = doc.vocab.strings
        self.words.update(strings[orth] for orth in set(doc.to_array(ORTH).tolist()))
        found = DATELINE.match(index.text) if self.dateline is None else None
        if found:
            region = (DATELINE_REGION.match(index.text, found.end())
                      if found.group(1) and index.text[found.end() - 1] == "," else None)
            self.note_dateline(found.group(1) or found.group(2),
                               region.group(1) if region else None, len(self.paragraphs))
        self.texts.append(index.text)
        self.paragraphs.append((doc, index))
        for match in index.matches:
            if match.text in ambiguities():
                continue
            for entry in match.entries:
                if entry.kind in NAMING_KINDS:
                    self.mentioned.add(entry.actor)

    def note_dateline(self, city: str, region: str | None = None, paragraph: int = 0) -> None:
        """Record where the article was filed: "ALBUQUERQUE" in "N.M.", opening
        the article's ``paragraph``-th paragraph (a dateline that ingest split off
        the first paragraph can be given here, city and region apart)."""
        self.dateline = " ".join(word.capitalize() for word in city.split())
        region = region.strip() if region else None
        self.dateline_region = region if region and region not in CALENDAR_WORDS else None
        self.dateline_paragraph = paragraph

    def paragraph_of(self, index: DocIndex) -> int | None:
        """The position of a paragraph in the article (None: not noted)."""
        return next((i for i, (_, noted) in enumerate(self.paragraphs) if noted is index), None)

    def matches_before(self, span: Span) -> Iterator[AliasMatch]:
        """The alias matches before ``span`` in the article, nearest first."""
        position = next((i for i, (doc, _) in enumerate(self.paragraphs) if doc is span.doc),
                        None)
        if position is None:
            return
        for i in range(position, -1, -1):
            yield from (earlier for earlier in reversed(self.paragraphs[i][1].matches)
                        if i < position or earlier.span.end <= span.start)

    def all_matches(self) -> list[AliasMatch]:
        """Every alias match of the article, in text order."""
        return [match for _, index in self.paragraphs for match in index.matches]

    def choose(self, alias: str, actors: list[str]) -> Choice:
        """The reading of an ambiguous alias in this article (the same all through)."""
        key = (alias, tuple(actors))
        if key not in self.choices:
            self.choices[key] = ambiguities().choose(alias, actors, "\n".join(self.texts),
                                                     self.mentioned)
        return self.choices[key]


@lru_cache(maxsize=4096)
def _folded(name: str) -> str:
    """A name without accents ("Rodríguez" is "Rodriguez" written plainly)."""
    return "".join(char for char in unicodedata.normalize("NFKD", name)
                   if not unicodedata.combining(char))


@lru_cache(maxsize=4096)
def _given_and_family(full_name: str) -> tuple[str, str]:
    """The first and last part of a person's name, plainly written."""
    parts = _folded(full_name).replace("-", " ").split()
    return parts[0], parts[-1]


def noun_phrase_tokens(head: Token) -> list[Token]:
    """The head and its descriptive dependents (not clauses, not other nouns' preps)."""
    tokens, stack = [], [head]
    while stack:
        token = stack.pop()
        tokens.append(token)
        stack.extend(child for child in token.children if child.dep_ in MODIFIER_DEPS
                     or _leads(token, child))
    return sorted(tokens, key=lambda token: token.i)


def _leads(modifier: Token, child: Token) -> bool:
    """"Saudi-led warplanes": who leads them is part of the phrase ("Russian-backed
    separatists" stay apart from Russia: backing is not leading)."""
    return (modifier.dep_ == "amod" and modifier.lemma_.lower() == "lead"
            and child.dep_ in {"npadvmod", "punct"} and child.i < modifier.i)


def sentences_before(doc: Doc, end: int) -> Iterator[Span]:
    """The sentences of ``doc`` before token ``end``, nearest first. Walks back
    one sentence at a time: listing ``doc.sents`` at every look-up would make a
    long paragraph cost time and memory quadratic in its length."""
    while end > 0:
        sentence = doc[end - 1].sent
        yield sentence
        end = sentence.start


def coordinated(head: Token) -> list[Token]:
    """The head and every noun coordinated with it ("Australia and Italy")."""
    heads, stack = [], [head]
    while stack:
        token = stack.pop()
        heads.append(token)
        stack.extend(child for child in token.children if child.dep_ == "conj")
    return sorted(heads, key=lambda token: token.i)


class ActorResolver:
    """Resolves argument heads to actors against one article's context.

    Build it once every paragraph of the article is noted: what an alias match
    settles to on a day is then fixed, and remembered."""

    def __init__(self, context: ArticleContext, index: DocIndex, paragraph_offset: int) -> None:
        self.context = context
        self.index = index
        self.offset = paragraph_offset
        self._settlements: dict[tuple[int, date | None], list[ActorEntry]] = {}
        self._places_on: dict[date | None, list[tuple[int, set[str]]]] = {}
        self._states_on: dict[date | None, set[str]] = {}
        context.resolvers[id(index)] = self

    def resolve_all(self, head: Token, on: date | None) -> list[Actor]:
        """Actors for a head and everything coordinated with it."""
        actors: list[Actor] = []
        for token in coordinated(head):
            for actor in self.resolve(token, on):
                if actor not in actors:
                    actors.append(actor)
        return actors

    def resolve(self, head: Token, on: date | None) -> list[Actor]:
        """The actor(s) a noun phrase headed by ``head`` refers to (empty: unknown).

        Several only for "officials from the US, Japan and the UK", and for
        "they" after "Japan and China"."""
        if head.lower_ in PRONOUNS and head.pos_ == "PRON":
            return self._pronoun(head, on)
        tokens = self.index.phrase(head)
        actor = self._from_tokens(head, tokens, on) or self._state_named_of(head, on)
        if actor is not None:
            return [actor]
        if head.i not in self.index.title_at:
            # "President Ilir Meta", "Senate Committee on Trade": a titled name
            titled = any(t.i in self.index.title_at for t in tokens)
            named = self.index.person_at.get(head.i) is not None or (
                head.pos_ == "PROPN" and head.text[:1].isupper())
            implied = self._implied(head, tokens, on) if titled and named else None
            return [implied] if implied is not None else []
        for prep in head.children:  # "officials from the US": people of a country
            if prep.dep_ == "prep" and prep.lower_ in OWNER_PREPOSITIONS:
                owners = [owner for pobj in prep.children if pobj.dep_ == "pobj"
                          for token in coordinated(pobj)
                          if (owner := self._from_tokens(token, self.index.phrase(token), on))]
                if owners:
                    first = self._with_sector(owners[0], head, tokens)
                    return [first] + [replace(owner, code=actor_code(owner.side or "",
                                                                     first.sector),
                                              sector=first.sector, basis="owner")
                                      for owner in owners[1:]]
        implied = self._implied(head, tokens, on)
        return [implied] if implied is not None else []

    def _state_named_of(self, head: Token, on: date | None) -> Actor | None:
        """The state a state noun names in its "of" phrase ("the nation of Burundi")."""
        if head.pos_ != "NOUN" or head.lemma_.lower() not in STATE_NOUNS:
            return None
        for prep in head.children:
            if prep.dep_ == "prep" and prep.lower_ == "of":
                for pobj in prep.children:
                    if pobj.dep_ == "pobj":
                        actor = self._from_tokens(pobj, self.index.phrase(pobj), on)
                        if actor is not None and actor.sector is None and actor.country:
                            return actor
        return None

    def mention(self, span: Span, on: date | None) -> Actor | None:
        """The actor an alias match stands for on its own (for the mentions table)."""
        return self._from_tokens(span.root, list(span), on)

    def _implied(self, head: Token, tokens: list[Token], on: date | None) -> Actor | None:
        """A generic agent the phrase names no state for ("police", "the president",
        "protesters"): the only state its paragraph names, else (the paragraph
        names none) the wire dateline's state when the article names that state
        too, else the article's only state; never one that disagrees with where
        the paragraph says things happened. Never for a phrase that names an owner
        not understood ("Mr Ri's aide", "a GoFundMe representative", "envoys of
        the two governments") or that points abroad ("foreign diplomats")."""
        sector = self.index.title_sector(tokens)
        if sector not in LOCAL_SECTORS or self._unknown_owner(head, tokens) \
                or _points_elsewhere(head, tokens):
            return None
        state = self._state_in_view(head, sector, on)
        if state is None:
            return None
        name = self._person_name([head])
        if name is not None:  # "President Ilir Meta": known for the rest of the article
            self.context.remember(name, state, sector)
        words = _display_tokens(head, tokens, self.index)
        first, last = (words[0], words[-1]) if words else (head, head)
        return Actor(self.index.words(first, last), actor_code(state, sector), state,
                     sector, name, self._start(first), self._end(last), basis="context")

    def _unknown_owner(self, head: Token, tokens: list[Token]) -> bool:
        """Does the phrase name someone it belongs to that was not resolved: an
        alias left unsettled ("Korean officials", "Latin American leaders"), a
        name the dictionary lacks ("a GoFundMe representative") or a place it
        lacks ("Bucha residents" are from Bucha, wherever the paragraph is)?"""
        own = self.index.person_at.get(head.i) or self.index.entity_at(head)
        own_tokens = set(range(own.start, own.end)) if own is not None else {head.i}
        return any(t.i in self.index.actor_at or (
            t.ent_type_ in OWNER_ENTITIES and t.i not in own_tokens) or (
            _proper_modifier(t, head, self.index) and t.i not in own_tokens) for t in tokens)

    def _state_in_view(self, head: Token, sector: str, on: date | None) -> str | None:
        places = {state for _, states in self._places(on) for state in states}
        # a dateline that names its city's region ("ALBUQUERQUE, N.M.", "TIRANA,
        # Albania") says where the story is; a bare city ("CAIRO --") may be the
        # bureau that filed a story about elsewhere, so it only breaks ties below
        filed = self._dateline_states(on)
        local_story = self.context.dateline_region is not None
        if local_story:
            places |= filed
        if sector in RESIDENT_SECTORS:
            sentence = head.sent.start
            local = {state for start, states in self._places(on) if start == sentence
                     for state in states}
            if local_story and head.sent == next(head.doc.sents) \
                    and self.context.paragraph_of(self.index) == self.context.dateline_paragraph:
                local |= filed  # where the lede's residents, police, workers are
            if len(local) == 1:
                return local.pop()
        states = set(self._paragraph_states(on))
        if not states and self.context.dateline is not None:
            named = self._article_states(on)
            states = filed if not named or filed <= named else set(named)
        elif not states:
            states = set(self._article_states(on))
        if len(states) != 1 or not places <= states:
            return None
        return states.pop()

    def _places(self, on: date | None) -> list[tuple[int, set[str]]]:
        """Where the paragraph says things happened ("met in Lima"): the state of
        each such alias, with the first token of its sentence. Worked out once a
        day per paragraph, as are the states below, since every generic agent of
        a long paragraph asks again."""
        found = self._places_on.get(on)
        if found is None:
            found = self._places_on[on] = [
                (match.span.sent.start, self._states_of(match.alias, on, where=True))
                for match in self.index.matches if _locative(match.span)]
        return found

    def _paragraph_states(self, on: date | None) -> set[str]:
        """The states the paragraph names as actors (see ``_states``)."""
        if on not in self._states_on:
            self._states_on[on] = self._states(self.index.matches, on)
        return self._states_on[on]

    def _article_states(self, on: date | None) -> set[str]:
        """The states the whole article names as actors (see ``_states``)."""
        if on not in self.context.states_on:
            self.context.states_on[on] = self._states(self.context.all_matches(), on)
        return self.context.states_on[on]

    def _dateline_states(self, on: date | None) -> set[str]:
        """The state the article was filed from: its dateline's region when it names
        one ("MOSCOW, Idaho" is in the United States, and so is "ALBUQUERQUE,
        N.M."; a region not known gives none), else its city. Where the report was
        filed is never a side of an event, only where the story is."""
        region, city = self.context.dateline_region, self.context.dateline
        if region is not None:
            if region in US_STATE_ABBREVIATIONS:
                return {"USA"}
            return self._states_of(region, on, where=True)
        return self._states_of(city, on, where=True) if city is not None else set()

    def _states(self, matches: list[AliasMatch], on: date | None) -> set[str]:
        """The states ``matches`` name unambiguously as actors (a person by the role
        held), not where something happened."""
        states: set[str] = set()
        for match in matches:
            if not _locative(match.span) and not _in_compound(match.span):
                states |= self._states_of(match.alias, on)
        return states

    def _states_of(self, alias: str, on: date | None, where: bool = False) -> set[str]:
        """The state an alias names as an actor on the day (a city or region only
        says where something happened, unless ``where`` is asked): one, or none
        if it could be several."""
        dictionary = self.context.dictionary
        states: set[str] = set()
        for entry in dictionary.candidates(alias, on):
            if entry.kind == "person":  # the office held, or every office without a day
                states |= {role.country for role in dictionary.roles.get(entry.name or alias, [])
                           if on is None or role.held_on(on)}
            elif entry.kind == "organisation" and (entry.sector not in LOCAL_SECTORS
                                                   or entry.sector == "MED"):
                continue  # an armed group, or a news agency cited, sets no scene
            elif entry.kind in NAMING_KINDS and self._applies(entry, on):
                states.add(entry.actor)
        if alias in ambiguities() and states:
            states = {self.context.choose(alias, sorted(states)).actor or NOT_AN_ACTOR}
        places = set() if where else {entry.actor for entry in dictionary.candidates(alias, on)
                                      if entry.kind == "place"}
        states = {state for state in states - places
                  if state != NOT_AN_ACTOR and not is_transnational(state)}
        return states if len(states) == 1 else set()

    def _pronoun(self, head: Token, on: date | None) -> list[Actor]:
        """What a pronoun refers back to: the nearest earlier subject that agrees
        with it. "He", "she" stand for a person (named, or a titled phrase such
        as "the minister"), never a bare state; "it" for a state, organisation
        or group, never a person; "they" for several or for a body, and after
        "Japan and China" for both. A group is no antecedent for "he" or "it":
        either member could be meant, so they stay unresolved, as does a pronoun
        whose nearest agreeing subject is no actor ("John Smith arrived. He…")
        or that has none within reach."""
        key = (id(head.doc), head.i, on)
        if key not in self.context.pronouns:
            self.context.pronouns[key] = []  # a pronoun is not its own antecedent
            self.context.pronouns[key] = [
                Actor(head.text, antecedent.code, antecedent.country, antecedent.sector,
                      antecedent.name, self._start(head), self._end(head), basis="pronoun")
                for antecedent in self._pronoun_antecedents(head, on)]
        return self.context.pronouns[key]

    def _pronoun_antecedents(self, pronoun: Token, on: date | None) -> list[Actor]:
        wanted = PRONOUN_AGREEMENT[pronoun.lower_]
        others: set[str] = set()  # people "she" stands for are not "he", and back
        for resolver, subject in self._earlier_subjects(pronoun):
            if subject.pos_ == "PRON":
                agreement = PRONOUN_AGREEMENT.get(subject.lower_)
                if agreement == wanted:  # "He arrived. … he said": the same one
                    return resolver._pronoun(subject, on)
                if {agreement, wanted} == {"he", "she"}:
                    others |= {found.name for found in resolver._pronoun(subject, on)
                               if found.name is not None}
                continue
            kinds, actors = resolver._referent(subject, on)
            if "group" in kinds:  # "Japan and China"
                if wanted == "they" or kinds & AGREES_WITH[wanted]:
                    return actors if wanted == "they" else []
                continue
            if kinds & AGREES_WITH[wanted] and not any(actor.name in others
                                                       for actor in actors):
                return actors
        return []

    def _referent(self, subject: Token, on: date | None) -> tuple[set[str], list[Actor]]:
        """What kind of referent a subject is ("person", "thing", "plural", or
        "group" with its members' kinds for several: "Japan and China"; none for
        a phrase that names no one, "the plan") and its actors. Resolving it here
        leaves the article's memory of people as it was."""
        members = coordinated(subject)
        people = dict(self.context.people)
        try:
            actors: list[Actor] = []
            for member in members:
                actors += [actor for actor in self.resolve(member, on) if actor not in actors]
            if len(members) > 1 or len(actors) > 1:
                return {"group", *(self._kind(member, None) or "thing"
                                   for member in members)}, actors
            kind = self._kind(subject, actors[0] if actors else None)
            return ({kind} if kind else set()), actors
        finally:
            self.context.people.clear()
            self.context.people.update(people)

    def _kind(self, token: Token, actor: Actor | None) -> str | None:
        """"person", "thing" (a state, organisation or body), "plural" (people
        or things spoken of as several), or None (no one: "the plan")."""
        index = self.index
        match = index.actor_at.get(token.i)
        kinds = {entry.kind for entry in index.match_at[match.start].entries} if match else set()
        plural = token.tag_ in {"NNS", "NNPS"} or "Plur" in token.morph.get("Number")
        if actor is not None and actor.name is not None and (
                actor.name in self.context.people or actor.name in self.context.dictionary.roles):
            return "person"
        if kinds & (NAMING_KINDS - {"demonym"} | {"contextual", "description"}):
            return "thing"  # "the United States", "the Taliban", "the agency"
        if "person" in kinds or token.i in index.person_at or (
                token.pos_ == "PROPN" and self.context.known_person(token.text)):
            return "person"
        if token.lemma_.lower() in person_nouns() or token.lower_ in person_nouns():
            return "plural" if plural else "person"
        if plural and (actor is not None or token.i in index.title_at
                       or token.ent_type_ in OWNER_ENTITIES):
            return "plural"  # "the Americans", "the rebels", "police"
        if actor is not None or token.i in index.title_at \
                or token.ent_type_ in OWNER_ENTITIES:
            return "thing"  # "the government", "the regime", "Halvorsen Shipping"
        return None

    def _earlier_subjects(self, pronoun: Token) -> Iterator[tuple[ActorResolver, Token]]:
        """Subjects a pronoun may refer back to, nearest first, each followed by
        its possessor ("Mr Erdogan's critics say he…"): those before it in its
        sentence (not its own clause's, for an object: in "Kim welcomed him"
        "him" is not Kim), the main subject after a possessive that opens the
        sentence ("In its statement, Pyongyang…"), then in the sentences before,
        main clauses first, back across paragraphs."""
        sentence = pronoun.sent
        own = set() if pronoun.dep_ == "poss" else {t.i for t in _clause_subjects(pronoun)}
        before = [t for t in sentence if t.dep_ in SUBJECT_DEPS and t.i < pronoun.i
                  and t.i not in own]
        yield from ((self, subject) for subject in _with_possessors(reversed(before)))
        if pronoun.dep_ == "poss":
            after = [subject for subject in _main_subjects(sentence)
                     if subject.i > pronoun.i and pronoun not in subject.subtree]
            yield from ((self, subject) for subject in _with_possessors(after))
        reach = PRONOUN_REACH
        for resolver, earlier in self._sentences_before(sentence):
            if reach == 0:
                return
            reach -= 1
            main = _main_subjects(earlier)
            others = [t for t in earlier if t.dep_ in SUBJECT_DEPS and t not in main]
            subjects = sorted(main, key=lambda t: -t.i) + others[::-1]
            yield from ((resolver, subject) for subject in _with_possessors(subjects))

    def _sentences_before(self, sentence: Span) -> Iterator[tuple[ActorResolver, Span]]:
        """The article's sentences before ``sentence``, nearest first, each with the
        resolver of its paragraph (resolvers are built paragraph by paragraph, so
        every earlier paragraph has one)."""
        doc = sentence.doc
        yield from ((self, earlier) for earlier in sentences_before(doc, sentence.start))
        position = next((i for i, (other, _) in enumerate(self.context.paragraphs)
                         if other is doc), 0)
        for earlier_doc, index in reversed(self.context.paragraphs[:position]):
            resolver = self.context.resolvers.get(id(index))
            if resolver is None:
                continue
            for earlier in sentences_before(earlier_doc, len(earlier_doc)):
                yield resolver, earlier

    def _from_tokens(self, head: Token, tokens: list[Token], on: date | None) -> Actor | None:
        candidates: list[tuple[int, int, ActorEntry, Span]] = []
        appos_heads = {child.i for child in self.index.appositions(head)}
        apposed = {t.i for i in appos_heads for t in _describing(head.doc[i], self.index)}
        titled = any(t.i in self.index.title_at for t in tokens)
        # a place before a person ("Gaza doctors", "a Kyiv man") is where they are from
        agent = titled or _person_noun(head)
        actor_at = self.index.actor_at
        # in text order: of two equally good matches ("Iranian and Afghan men") the first
        for start in sorted({actor_at[t.i].start for t in tokens if t.i in actor_at}):
            match = self.index.match_at[start]
            entries = self._settled(match, on)
            if not entries:
                continue
            span = match.span
            # the head names the referent best, then an apposition's head
            # ("Kim's right-hand man, Jo Myong-rok"), then modifiers
            distance = (0 if span.start <= head.i < span.end
                        else 1 if span.root.i in apposed else 2)
            for entry in entries:
                if distance == 2 and not agent and (entry.kind == "place" or (
                        entry.kind == "capital" and span.root.dep_ == "compound")):
                    # "the Quetta attack", "the Vienna Convention" are no actors;
                    # "a Munich court", "the Beijing government", "Gaza doctors" are
                    continue
                candidates.append((distance, ENTRY_PRIORITY[entry.kind], entry, span))
        person = self._person_name([t for t in tokens if t.i == head.i or t.i in appos_heads])
        if not candidates and person is None:
            return None
        country, sector, name = None, None, None
        named_by_role = from_metonym = False
        if candidates:
            ordered = sorted(candidates, key=lambda item: (item[0], item[1]))
            distance, _, entry, _ = ordered[0]
            country, sector, name = self._entry_actor(entry, on)
            if distance == 2:  # "Kim Jong-il's envoy" is not Kim Jong-il
                name = None
            if country is None and len(ordered) > 1:
                # a person with no office yet: the phrase's other words tell more
                # ("John Bolton, the American ambassador")
                distance, _, entry, _ = ordered[1]
                country, sector, _ = self._entry_actor(entry, on)
            # a known person's dated role says more than the title the text uses
            named_by_role = entry.kind == "person" and sector is not None and distance < 2
            from_metonym = entry.kind in {"metonym", "organisation"} and sector is not None
        if person is not None:
            known_as = self.context.known_person(person)
            name = name or known_as or person
            if country is None and known_as is not None:
                country, sector = self.context.people[known_as]
        if country is None:
            return None
        if not named_by_role:
            # the phrase's own title first ("Vice Marshal Jo, the first vice-chairman")
            own = [t for t in tokens if t.i not in apposed]
            title = self.index.title_sector(own) or self.index.title_sector(tokens)
            # a generic state title keeps a metonym's sector ("DEA officials": COP)
            if title and not (title == "GOV" and from_metonym):
                sector = title
            if sector is not None and _former(tokens):
                sector = "ELI"
        if person is not None:
            self.context.remember(name or person, country, sector)
        words = _display_tokens(head, tokens, self.index)
        first, last = (words[0], words[-1]) if words else (head, head)
        return Actor(self.index.words(first, last), actor_code(country, sector),
                     None if is_transnational(country) else country,
                     sector, name, self._start(first), self._end(last))

    def _entry_actor(self, entry: ActorEntry, on: date | None) -> tuple[str | None, str | None,
                                                                         str | None]:
        if entry.kind == "person":
            dictionary = self.context.dictionary
            role = dictionary.role_on(entry.name or entry.alias, on)
            if role is not None:
                return role.country, role.sector, entry.name
            last = dictionary.last_role(entry.name or entry.alias, on)
            if last is None:
                return None, None, entry.name
            return last.country, "ELI", entry.name  # out of office: elite
        named = entry.is_transnational or entry.kind == "organisation"
        return entry.actor, entry.sector, entry.name if named else None

    def _settled(self, match: AliasMatch, on: date | None) -> list[ActorEntry]:
        """The entries a matched alias stands for here: those valid on the day and
        applicable in this article; for an alias that can be several things at
        once, the one the article points to, or none (recorded as ambiguous)."""
        key = (match.span.start, on)
        if key not in self._settlements:
            self._settlements[key] = self._settle(match, on)
        return self._settlements[key]

    def _settle(self, match: AliasMatch, on: date | None) -> list[ActorEntry]:
        span, known = match.span, match.entries
        entries = [entry for entry in known if self._applies(entry, on)]
        if on is not None and not any(entry.kind in NAMING_KINDS for entry in entries):
            entries += _historic(known, on)
        entries = self._people_on(entries, on)
        entries = [found for entry in entries
                   for found in ([self._antecedent(span, entry, on)]
                                 if entry.kind == "description" else [entry]) if found]
        alias = match.alias
        actors = sorted({entry.actor for entry in entries if entry.kind in NAMING_KINDS})
        if len(actors) < 2 and alias not in ambiguities():
            return entries
        choice = self.context.choose(alias, actors)
        start = self.offset + span.start_char
        self.context.ambiguous[start] = Ambiguous(match.text, start, self.offset + span.end_char,
                                                  choice)
        return [entry for entry in entries
                if entry.kind not in NAMING_KINDS or entry.actor == choice.actor]

    def _antecedent(self, span: Span, description: ActorEntry,
                    on: date | None) -> ActorEntry | None:
        """What "the kingdom" or "the agency" refers back to: the nearest earlier
        state or organisation, named unambiguously, whose own name fits."""
        dictionary = self.context.dictionary
        for earlier in self.context.matches_before(span):
            entries = [entry for entry in earlier.entries
                       if entry.kind in NAMING_KINDS and self._applies(entry, on)]
            if len({entry.actor for entry in entries}) != 1:
                continue
            entry = entries[0]
            if entry.is_igo == (description.actor == "igo") \
                    and dictionary.named_with(entry.actor, description.requires):
                return replace(entry, kind="contextual", sector=None)
        return None

    def _people_on(self, entries: list[ActorEntry], on: date | None) -> list[ActorEntry]:
        """Of several people sharing a name ("Bush"), the one in office on the day,
        else the one most recently out of office; unsettled without a day."""
        people = [entry for entry in entries if entry.kind == "person"]
        if len(people) < 2:
            return entries
        dictionary = self.context.dictionary
        chosen = [entry for entry in people if dictionary.role_on(entry.name or "", on)]
        if not chosen and on is not None:
            latest = {entry: dictionary.last_role(entry.name or "", on) for entry in people}
            ended = [(role.end, entry) for entry, role in latest.items() if role and role.end]
            chosen = [max(ended, key=lambda pair: pair[0])[1]] if ended else []
        others = [entry for entry in entries if entry.kind != "person"]
        return others + chosen[:1] if len(chosen) == 1 else others

    def _applies(self, entry: ActorEntry, on: date | None) -> bool:
        if entry.actor == NOT_AN_ACTOR or not entry.valid_on(on):
            return False
        if entry.kind == "contextual" and entry.requires:
            return any(
                requirement[5:] in self.context.words if requirement.startswith("word:")
                else requirement in self.context.mentioned
                for requirement in entry.requires
            )
        return ";" not in entry.actor

    def _person_name(self, tokens: list[Token]) -> str | None:
        """The name of the person the head or its apposition names (tokens of
        either): a PERSON entity, or a proper noun the
        article already introduced as part of someone's name ("Jo" after "Jo
        Myong-rok", where the tagger did not see a person)."""
        for token in tokens:
            span = self.index.person_at.get(token.i)
            if span is not None:  # "Vice Marshal Jo": the name without its title
                return self.index.person_name(span)
        for token in tokens:
            if token.pos_ == "PROPN" and token.i not in self.index.actor_at \
                    and self.context.known_person(token.text):
                return token.text
        return None

    def _with_sector(self, owner: Actor, head: Token, tokens: list[Token]) -> Actor:
        """"officials from the US": the owner's country with the head's sector."""
        sector = self.index.title_sector(tokens) or owner.sector
        start = self._start(tokens[0])
        end = max(owner.end or 0, self._end(head))
        text = self.index.text[start - self.offset:end - self.offset]
        actor = owner.code if owner.country is None else owner.country
        return Actor(text, actor_code(actor or "", sector), owner.country, sector, owner.name,
                     start, end, basis="owner")

    def _start(self, token: Token) -> int:
        return self.offset + token.idx

    def _end(self, token: Token) -> int:
        return self.offset + token.idx + len(token.text)


def _proper_modifier(token: Token, head: Token, index: DocIndex) -> bool:
    """A capitalised proper noun right before a word for people, modifying it: a
    name ("Bucha residents", "Acme workers"), not a title ("Foreign Ministry
    officials") nor a word of another modifier ("Pashtun rights activist")."""
    return (token.i < head.i and token.head.i == head.i and token.pos_ == "PROPN"
            and token.text[:1].isupper()
            and token.dep_ in {"compound", "amod", "nmod", "nn"}
            and token.i not in index.title_at
            and (head.i in index.title_at or _person_noun(head)))


def _person_noun(token: Token) -> bool:
    """Is the token a noun for people ("man", "doctors"; data/person_nouns.yaml)?"""
    return token.pos_ in {"NOUN", "PROPN"} and (token.lemma_.lower() in person_nouns()
                                                or token.lower_ in person_nouns())


def _part_of_longer_name(span: Span, matcher: ActorMatcher, text: str,
                         title_at: dict[int, Span]) -> bool:
    """Is a demonym only part of a longer name, and so not its state? "Mexican
    Americans", "Indian American voters" and "a Korean-American scientist" are
    Americans of that origin ("Russian-American talks", hyphenated and about no
    people, are between two states); "New Mexicans" are from a US state, as
    "New Mexico" is ("New" and a name of the state that the dictionary knows as
    something else: a place, or no actor)."""
    dictionary = matcher.dictionary
    words = text[span.start_char:span.end_char]
    entries = dictionary.entries.get(matcher.typographic.get(words, words), [])
    demonyms = {entry.actor for entry in entries if entry.kind == "demonym"}
    if not demonyms or len({entry.actor for entry in entries}) > 1:
        return False
    doc = span.doc
    before = doc[span.start - 1] if span.start > 0 else None
    if before is not None and before.text == "New" and any(
            "New " + name in dictionary.entries for actor in demonyms
            for name in dictionary.names.get(actor, ())):
        return True
    after = span.end
    if after + 1 < len(doc) and doc[after].text in {"-", "–"} \
            and not doc[after - 1].whitespace_ and not doc[after].whitespace_:
        after += 1
    if after >= len(doc) or doc[after].text not in AMERICAN or demonyms == {"USA"}:
        return False
    if after == span.end or doc[after].text == "Americans":
        return True
    people = doc[after + 1] if after + 1 < len(doc) else None
    return people is not None and (people.i in title_at or _person_noun(people))


def _describing(head: Token, index: DocIndex) -> list[Token]:
    """An apposition's words that describe its referent: not a possessor's
    ("Kim Jong-il's right-hand man" describes a man, not Kim Jong-il)."""
    owned = {t.i for child in head.children if child.dep_ == "poss" for t in child.subtree}
    return [t for t in index.phrase(head) if t.i not in owned]


def _clause_subjects(token: Token) -> list[Token]:
    """The subjects of the clause a token belongs to (the nearest verb above it)."""
    clause = token.head
    for _ in range(4):
        if clause.pos_ in {"VERB", "AUX"} or clause.head == clause:
            break
        clause = clause.head
    return [child for child in clause.children if child.dep_ in SUBJECT_DEPS]


def _with_possessors(subjects: Iterable[Token]) -> Iterator[Token]:
    """Each subject, then whoever it is said to belong to ("Mr Erdogan's critics")."""
    for subject in subjects:
        yield subject
        yield from (child for child in subject.children
                    if child.dep_ == "poss" and child.pos_ != "PRON")


def _main_subjects(sentence: Span) -> list[Token]:
    """The subjects of a sentence's main clause and of the clauses coordinated
    with it ("China hosted the talks, and Wang Yi attended the signing")."""
    root = sentence.root
    verbs = [root, *(verb for verb in root.conjuncts if verb.pos_ in {"VERB", "AUX"})]
    return [child for verb in verbs for child in verb.children if child.dep_ in SUBJECT_DEPS]


def _locative(span: Span) -> bool:
    """Is the alias where something happened ("met in Lima"), not who acted?"""
    root = span.root
    return root.dep_ == "pobj" and root.head.lower_ in LOCATIVE


def _in_compound(span: Span) -> bool:
    """Is the name part of a hyphenated modifier ("Iran-allied", "US-led"), which
    says who backs something, not who acts?"""
    doc = span.doc
    return (span.end < len(doc) and doc[span.end].text == "-"
            and not doc[span.end - 1].whitespace_)


def _points_elsewhere(head: Token, tokens: list[Token]) -> bool:
    """Does the phrase place its referent outside the state in view, or say
    whose it is ("of"/"from"/"for" someone) without naming a state?"""
    pair = any(t.lower_ in {"two", "both"} for t in head.lefts)
    owned = any(child.dep_ == "prep" and child.lower_ in OWNER_PREPOSITIONS - {"in"}
                for child in head.children)
    return pair or owned or any(t.lower_ in NOT_LOCAL or t.dep_ == "poss" for t in tokens)


def _titled_names(doc: Doc, text: str, titles: list[Span],
                  actor_at: dict[int, Span]) -> list[Span]:
    """Names the tagger may miss, after a capitalised title: "Vice Foreign Minister
    Ri Chol-min", "President Ilir Meta" (capitalised proper nouns, hyphenated
    parts joined; dates, places and known names end the name)."""
    names = []
    for title in titles:
        if not text[title.start_char:title.start_char + 1].isupper() \
                or any(i in actor_at for i in range(title.start, title.end)):
            continue
        end = title.end
        while end < len(doc):
            token = doc[end]
            if _name_word(token, actor_at):
                end += 1
            elif token.text in {"-", "–"} and end > title.end and not token.whitespace_ \
                    and not doc[end - 1].whitespace_ and end + 1 < len(doc) \
                    and doc[end + 1].is_alpha:
                end += 2
            else:
                break
        if end > title.end:
            names.append(doc[title.end:end])
    return names


def _name_word(token: Token, actor_at: dict[int, Span]) -> bool:
    return (token.pos_ == "PROPN" and token.text[:1].isupper() and token.is_alpha
            and token.ent_type_ in {"", "PERSON"} and token.i not in actor_at)


def _historic(entries: list[ActorEntry], on: date) -> list[ActorEntry]:
    """A state's own name still names it after it ended ("the Soviet Union" in a
    2000 article), when that name belonged to no other state."""
    ended = [entry for entry in entries if entry.kind in {"country", "demonym"}
             and entry.valid_to is not None and entry.valid_to <= on]
    return ended if len({entry.actor for entry in ended}) == 1 else []


def _former(tokens: list[Token]) -> bool:
    return any(token.lower_ in FORMER or token.lower_.startswith("ex-") for token in tokens)


def _display_tokens(head: Token, tokens: list[Token], index: DocIndex) -> list[Token]:
    """The words that name the actor: an apposition only when it names someone
    ("the South Korean President, Kim Young Sam"), not "North Korea, the last…"."""
    shown = []
    for appos in index.appositions(head):
        own = index.phrase(appos)
        if not any(t.i in index.person_at or t.i in index.actor_at for t in own):
            hidden = {t.i for t in own}
            tokens = [t for t in tokens if t.i not in hidden]
    for token in tokens:
        if not token.is_punct and token.dep_ not in {"det", "case"}:
            shown.append(token)
    return shown
