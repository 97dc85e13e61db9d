"""What an article establishes as it is read, for resolving its phrases: the
states it names (which decide contextual aliases such as "the North"), the
words it uses, where it was filed (its dateline), which reading of an
ambiguous alias it points to, and the people it has introduced.

One ``ArticleContext`` per article; every paragraph is noted
(``note_document``) before any phrase of it is resolved."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date
from typing import TYPE_CHECKING

from spacy.attrs import ORTH
from spacy.tokens import Doc, Span

from detente.actors.abbreviations import spelt_out
from detente.actors.ambiguity import Choice, ambiguities
from detente.actors.coreference import known_person
from detente.actors.dictionary import (
    NAMING_KINDS,
    NOT_AN_ACTOR,
    ActorDictionary,
    ActorEntry,
    ActorMatcher,
    is_transnational,
)
from detente.actors.index import AliasMatch, DocIndex
from detente.actors.words import actor_words, us_state_abbreviations
from detente.datelines import filed_from
from detente.model import Actor
from detente.syntax import in_compound, is_locative, is_where

if TYPE_CHECKING:
    from detente.actors.resolve import ActorResolver

# Sectors whose unnamed members ("police", "the president", "protesters") belong
# to the state the text is about; militants, criminals, refugees, clergy and aid
# workers often do not, so they stay unresolved without a name.
LOCAL_SECTORS = {"GOV", "MIL", "COP", "JUD", "LEG", "SPY", "OPP", "PTY", "CVL", "BUS", "MED",
                 "EDU", "LAB", "AGR", "HLH", "HRI", "ENV"}


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
    places_on: dict[date | None, set[str]] = field(default_factory=dict)  # placed, by day
    expansions: dict[str, Span | None] = field(default_factory=dict)  # by abbreviation
    # what an alias can stand for here on a day (``ActorResolver._applicable``)
    applicable: dict[tuple[str, date | None], list[ActorEntry]] = field(default_factory=dict)

    @property
    def dictionary(self) -> ActorDictionary:
        return self.matcher.dictionary

    def known_person(self, name: str) -> str | None:
        """The person the article already introduced under ``name``: the full name,
        or a family or given name of it ("Kim" after "Kim Jong-il"; latest wins)."""
        return known_person(self.people, name)

    def remember(self, name: str, country: str, sector: str | None) -> None:
        """Keep what the article said about a person, most recent last."""
        self.people.pop(name, None)
        self.people[name] = (country, sector)

    def note_document(self, doc: Doc, index: DocIndex) -> None:
        """Record the words a paragraph has and the actors it names unambiguously."""
        strings = doc.vocab.strings
        self.words.update(strings[orth] for orth in set(doc.to_array(ORTH).tolist()))
        filed = filed_from(index.text) if self.dateline is None else None
        if filed:
            self.note_dateline(*filed, len(self.paragraphs))
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
        calendar = actor_words().calendar_words
        self.dateline_region = region if region and region not in calendar else None
        self.dateline_paragraph = paragraph

    def spelt_out(self, abbreviation: str) -> Span | None:
        """Where the article spells out an abbreviation ("Congressional Black
        Caucus" for "CBC"; ``actors.abbreviations``), first in the text."""
        if abbreviation not in self.expansions:
            self.expansions[abbreviation] = spelt_out(
                abbreviation, (doc for doc, _ in self.paragraphs))
        return self.expansions[abbreviation]

    def text_of(self, doc: Doc) -> str:
        """A paragraph's text: the noted paragraph's (``doc.text`` joins it anew
        from every token at each call)."""
        return next((index.text for noted, index in self.paragraphs if noted is doc), doc.text)

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

    def applies(self, entry: ActorEntry, on: date | None) -> bool:
        """Can the entry stand for its actor in this article on the day (valid
        then; a contextual alias only where the article names what it needs)?"""
        if entry.actor == NOT_AN_ACTOR or not entry.valid_on(on):
            return False
        if entry.kind == "contextual" and entry.requires:
            return any(
                requirement[5:] in self.words if requirement.startswith("word:")
                else requirement in self.mentioned
                for requirement in entry.requires
            )
        return ";" not in entry.actor

    def named_states(self, on: date | None) -> set[str]:
        """The states the whole article names as actors (see ``states_named``),
        worked out once a day."""
        if on not in self.states_on:
            self.states_on[on] = self.states_named(self.all_matches(), on)
        return self.states_on[on]

    def place_states(self, on: date | None) -> set[str]:
        """The states the whole article's places are in ("a Boston hospital", "in
        Lyon"), worked out once a day: where a local story is when it names no state."""
        if on not in self.places_on:
            self.places_on[on] = {state for match in self.all_matches()
                                  for state in self.states_of(match.alias, on, where=True)}
        return self.places_on[on]

    def lede_states(self, on: date | None) -> set[str]:
        """The state the article's first paragraph places things in ("shots rang
        out in the heart of Prague"): where a story with no dateline is set. One,
        or none where the lede places nothing or things in several states."""
        if not self.paragraphs:
            return set()
        words = actor_words()
        places = words.place_nouns | words.place_parts
        states = {state for match in self.paragraphs[0][1].matches
                  if is_locative(match.span, words.place_nouns) or is_where(match.span.root, places)
                  for state in self.states_of(match.alias, on, where=True)}
        return states if len(states) == 1 else set()

    def filed_from(self, on: date | None) -> set[str]:
        """The state the article was filed from: its dateline's region when it names
        one ("MOSCOW, Idaho" is in the United States, and so is "ALBUQUERQUE,
        N.M."; a region not known gives none), else its city. Where the report was
        filed is never a side of an event, only where the story is."""
        region, city = self.dateline_region, self.dateline
        if region is not None:
            if region in us_state_abbreviations():
                return {"USA"}
            return self.states_of(region, on, where=True)
        return self.states_of(city, on, where=True) if city is not None else set()

    def states_named(self, matches: list[AliasMatch], on: date | None) -> set[str]:
        """The states ``matches`` name unambiguously as actors (a person by the role
        held), not where something happened."""
        states: set[str] = set()
        place_nouns = actor_words().place_nouns
        for match in matches:
            if not is_locative(match.span, place_nouns) and not in_compound(match.span):
                states |= self.states_of(match.alias, on)
        return states

    def states_of(self, alias: str, on: date | None, where: bool = False) -> set[str]:
        """The state an alias names as an actor on the day (a city or region only
        says where something happened, unless ``where`` is asked): one, or none
        if it could be several."""
        dictionary = self.dictionary
        states: set[str] = set()
        for entry in dictionary.candidates(alias, on):
            if entry.kind == "person":  # the office held, or every office without a day
                states |= {role.country for role in dictionary.roles.get(entry.name or alias, [])
                           if on is None or role.held_on(on)}
            elif entry.kind == "organisation" and (entry.sector not in LOCAL_SECTORS
                                                   or entry.sector == "MED"):
                continue  # an armed group, or a news agency cited, sets no scene
            elif entry.kind in NAMING_KINDS and self.applies(entry, on):
                states.add(entry.actor)
        if alias in ambiguities() and states:
            states = {self.choose(alias, sorted(states)).actor or NOT_AN_ACTOR}
        places = set() if where else {entry.actor for entry in dictionary.candidates(alias, on)
                                      if entry.kind == "place"}
        states = {state for state in states - places
                  if state != NOT_AN_ACTOR and not is_transnational(state)}
        return states if len(states) == 1 else set()

