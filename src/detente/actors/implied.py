"""Implied sides: the state of a generic agent that the phrase itself names no
state for ("police", "the president", "protesters").

It is the only state its paragraph names; else, where the paragraph names none,
the state of the wire dateline when the article names that state too, else the
article's only state. Residents, police and workers act where they live, so a
place in their own sentence ("protesters in Tehran") decides for them. Never a
state that disagrees with where the paragraph says things happened, and never
for a phrase that names an owner not understood or points abroad."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

from spacy.tokens import Token

from detente.actors.context import LOCAL_SECTORS
from detente.actors.dictionary import actor_code
from detente.actors.index import OWNER_ENTITIES, DocIndex
from detente.actors.words import actor_words, is_person_noun
from detente.geo.gazetteer import gazetteer
from detente.model import Actor
from detente.syntax import is_locative

if TYPE_CHECKING:
    from detente.actors.resolve import ActorResolver

# Prepositions whose object can name the referent's country ("officials from the
# US", "officials in Seoul", "a spokesman for President Ghani").
OWNER_PREPOSITIONS = {"of", "from", "in", "for"}
# Sectors of people who act where they live: "protesters stormed the embassy in
# Tehran" are Iranian, where "troops in Kabul" need not be Afghan.
RESIDENT_SECTORS = {"CVL", "COP", "LAB", "AGR", "EDU", "HLH"}
# Possessives that refer back to a person: "his own MPs" are of that person's state.
PERSON_POSSESSIVES = {"his", "her"}


class ImpliedSides:
    """Implied sides for one paragraph's resolver; what the paragraph names is
    worked out once a day, since every generic agent of a long paragraph asks
    again."""

    def __init__(self, resolver: ActorResolver) -> None:
        self.resolver = resolver
        self.index = resolver.index
        self.context = resolver.context
        self._places_on: dict[date | None, list[tuple[int, set[str]]]] = {}
        self._states_on: dict[date | None, set[str]] = {}

    def actor(self, head: Token, tokens: list[Token], on: date | None) -> Actor | None:
        """A generic agent the phrase names no state for ("police", "the president",
        "protesters"): the only state its paragraph names, else (the paragraph
        names none) the wire dateline's state when the article names that state
        too, else the article's only state; never one that disagrees with where
        the paragraph says things happened. Never for a phrase that names an owner
        not understood ("Mr Ri's aide", "a GoFundMe representative", "envoys of
        the two governments") or that points abroad ("foreign diplomats")."""
        # the phrase's own title before its apposition's ("Trooper Brandon
        # Doherty, a spokesman for …" is a trooper)
        own = self._own_tokens(head, tokens)
        titles = own if self.index.title_sector(own) else tokens
        sector = self.index.title_sector(titles)
        owner = self._possessor(head, on)
        # a body's possessive is of the same place ("the university's rector")
        bodies = {t.i for t in tokens if t.dep_ == "poss" and t.i in self.index.title_at}
        if sector not in LOCAL_SECTORS or _points_elsewhere(
                head, [t for t in tokens
                       if (owner is None or t.i != owner[0].i) and t.i not in bodies]):
            return None
        towns = self._town_states(head, tokens, on)
        town = next(iter(towns)) if towns is not None and len(towns) == 1 else None
        if towns is not None and town is None:  # a town, but where is not clear
            return None
        if town is None and self._unknown_owner(head, tokens):
            return None
        state = (self.index.title_state(titles) or (owner[1] if owner else None) or town
                 or self._state_in_view(head, sector, on))
        if state is None:
            return None
        name = self.resolver.person_name([head])
        if name is not None:  # "President Ilir Meta": known for the rest of the article
            self.context.remember(name, state, sector)
        words = self.index.display_tokens(head, tokens)
        first, last = (words[0], words[-1]) if words else (head, head)
        return Actor(self.index.words(first, last), actor_code(state, sector), state,
                     sector, name, self.resolver.start(first), self.resolver.end(last),
                     basis="context")

    def _possessor(self, head: Token, on: date | None) -> tuple[Token, str] | None:
        """A person's possessive before the phrase's head and the state of the person
        it refers back to: "his own MPs" after "Rishi Sunak" are British, "her
        ministers" after a president that president's state's. A state's or a
        body's own ("its troops", "their police") is left to the event coder, which
        reads such an act's other side elsewhere in the sentence."""
        for child in head.children:
            if child.dep_ == "poss" and child.lower_ in PERSON_POSSESSIVES and child.pos_ == "PRON":
                owners = {actor.country for actor in self.resolver.coreference.pronoun(child, on)}
                state = owners.pop() if len(owners) == 1 else None
                return (child, state) if state is not None else None
        return None

    def _own_tokens(self, head: Token, tokens: list[Token]) -> list[Token]:
        """The phrase without the phrases in apposition to its head."""
        apposed = {t.i for appos in self.index.appositions(head) for t in self.index.phrase(appos)}
        return [t for t in tokens if t.i not in apposed]

    def _town_states(self, head: Token, tokens: list[Token],
                     on: date | None) -> set[str] | None:
        """The state of a town the dictionary lacks, named before a local force or
        office ("Groton police", "Norwood PD", "Yarmouth police Sgt. Sean
        Gannon"): the state of the gazetteer's towns of that name; of namesakes
        in several states, those in the states the article names or places
        things in (several or none leave the phrase unresolved). None where no
        town is named: a word for a kind of force ("Federal Police", "Transit
        Police") is none."""
        first_title = next((t.i for t in tokens if t.i in self.index.title_at), None)
        if first_title is None:
            return None
        words = [t for t in tokens if t.i < first_title and t.dep_ != "det"]
        if not words or any(not _town_word(t, self.index, first_title) for t in words) \
                or any(t.lower_ in actor_words().force_kinds for t in words):
            return None
        name = self.index.words(words[0], words[-1])
        if self.context.known_person(name):  # "Sharpton aides" are his
            return None
        states = {town.country for town in gazetteer().towns_named(name)}
        if not states:
            return None
        if len(states) == 1:
            return states
        # of namesakes in several states, the one in a state the article is about
        return states & (self.context.named_states(on) | self.context.place_states(on))

    def _unknown_owner(self, head: Token, tokens: list[Token]) -> bool:
        """Does the phrase name someone it belongs to that was not resolved: an
        alias left unsettled ("Korean officials", "Latin American leaders"), a
        name the dictionary lacks ("a GoFundMe representative") or a place it
        lacks ("Bucha residents" are from Bucha, wherever the paragraph is)? The
        person an apposition names as the holder is none."""
        own = self.index.person_at.get(head.i) or self.index.entity_at(head)
        own_tokens = set(range(own.start, own.end)) if own is not None else {head.i}
        # the person an apposition says holds the title is who, not whose ("The
        # university's rector, Milena Králíčková")
        for appos in self.index.appositions(head):
            person = self.index.person_at.get(appos.i)
            if person is not None:
                own_tokens |= set(range(person.start, person.end))
        # a title's own word is no owner, nor an alias inside the person's own
        # name that gave nothing ("Baker" in "Gov. Charlie Baker")
        return any(t.i not in own_tokens and (
            t.i in self.index.actor_at
            or (t.ent_type_ in OWNER_ENTITIES and t.i not in self.index.title_at)
            or _proper_modifier(t, head, self.index)) for t in tokens)

    def _state_in_view(self, head: Token, sector: str, on: date | None) -> str | None:
        places = {state for _, states in self._places(on) for state in states}
        # a dateline that names its city's region ("ALBUQUERQUE, N.M.", "TIRANA,
        # Albania") says where the story is; a bare city ("CAIRO --") may be the
        # bureau that filed a story about elsewhere, so it only breaks ties below
        filed = self.context.filed_from(on)
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
            named = self.context.named_states(on)
            states = filed if not named or filed <= named else set(named)
        elif not states:
            states = set(self.context.named_states(on))
            if len(states) > 1 and sector in RESIDENT_SECTORS:
                # police or residents of a story set in one of its states (no
                # dateline; "shots rang out in Prague" opens it) are that state's
                states &= self.context.lede_states(on)
            if not states and (head.i in self.index.title_at or is_person_noun(head)
                               or head.i in self.index.person_at):
                # a local story that names no state: its police and officials,
                # named or not ("police Chief William Brooks"), are where its
                # places are ("a Boston hospital")
                states = set(self.context.place_states(on))
        if len(states) != 1 or not places <= states:
            return None
        return states.pop()

    def _places(self, on: date | None) -> list[tuple[int, set[str]]]:
        """Where the paragraph says things happened ("met in Lima"): the state of
        each such alias, with the first token of its sentence."""
        found = self._places_on.get(on)
        if found is None:
            place_nouns = actor_words().place_nouns
            found = self._places_on[on] = [
                (match.span.sent.start, self.context.states_of(match.alias, on, where=True))
                for match in self.index.matches if is_locative(match.span, place_nouns)]
        return found

    def _paragraph_states(self, on: date | None) -> set[str]:
        """The states the paragraph names as actors (see ``ArticleContext.states_named``)."""
        if on not in self._states_on:
            self._states_on[on] = self.context.states_named(self.index.matches, on)
        return self._states_on[on]


def _proper_modifier(token: Token, head: Token, index: DocIndex) -> bool:
    """A capitalised proper noun right before a word for people, modifying it: a
    name ("Bucha residents", "Acme workers"), not a title ("Foreign Ministry
    officials") nor a word of another modifier ("Pashtun rights activist")."""
    return (token.i < head.i and token.head.i == head.i and token.pos_ == "PROPN"
            and token.text[:1].isupper()
            and token.dep_ in {"compound", "amod", "nmod", "nn"}
            and token.i not in index.title_at
            and (head.i in index.title_at or is_person_noun(head)))


def _town_word(token: Token, index: DocIndex, title: int) -> bool:
    """A capitalised name (a proper noun, a word the tagger finds in a named
    entity, or any capitalised word but a sentence's first) that is no alias or
    title, nor part of a person's name that runs on past the ``title`` (the
    tagger takes "Groton" in "Groton police" for a person, or a common noun)."""
    person = index.person_at.get(token.i)
    named = token.pos_ == "PROPN" or token.ent_type_ != "" or not token.is_sent_start
    return (named and token.text[:1].isupper() and token.is_alpha
            and token.i not in index.actor_at and token.i not in index.title_at
            and (person is None or person.end <= title))


def _points_elsewhere(head: Token, tokens: list[Token]) -> bool:
    """Does the phrase place its referent outside the state in view, or say
    whose it is ("of"/"from"/"for" someone) without naming a state?"""
    pair = any(t.lower_ in {"two", "both"} for t in head.lefts)
    owned = any(child.dep_ == "prep" and child.lower_ in OWNER_PREPOSITIONS - {"in"}
                for child in head.children)
    not_local = actor_words().not_local
    return pair or owned or any(t.lower_ in not_local or t.dep_ == "poss" for t in tokens)

