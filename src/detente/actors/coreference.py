"""What a phrase refers back to, within one article: one place for every kind of
reference the resolver follows.

- A pronoun ("he", "it", "they") stands for the nearest earlier subject that
  agrees with it, in its sentence or up to ``PRONOUN_REACH`` sentences back.
- A description ("the kingdom", "the agency") stands for the nearest earlier
  state or organisation, named unambiguously, whose own name fits it.
- A state described instead of named ("the East African nation", "the Gulf
  state") is the nearest earlier state that every word of the description fits
  (``data/state_descriptions.tsv``).
- A body named again by its kind ("the department" after "the Police
  Department") is the nearest earlier body named with that word.
- A person named again by a part of the name ("Kim" after "Kim Jong-il") is the
  person the article introduced, with what it said about them.

Nothing is guessed: a reference with no antecedent that fits stays unresolved."""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable, Iterator
from dataclasses import replace
from datetime import date
from functools import lru_cache
from typing import TYPE_CHECKING

from spacy.tokens import Span, Token

from detente.actors.dictionary import NAMING_KINDS, ActorEntry, is_transnational
from detente.actors.index import OWNER_ENTITIES
from detente.actors.words import actor_words, person_nouns, state_descriptions
from detente.model import Actor
from detente.settings import settings
from detente.syntax import coordinated, sentences_before

if TYPE_CHECKING:
    from detente.actors.resolve import ActorResolver

PRONOUNS = {"it", "its", "they", "their", "them", "he", "his", "him", "she", "her"}
# What each pronoun can stand for: a person ("he", "she"), one state, organisation
# or group named as one ("it"), or several, or a body spoken of as its members
# ("they").
PRONOUN_AGREEMENT = {"he": "he", "his": "he", "him": "he", "she": "she", "her": "she",
                     "it": "it", "its": "it", "they": "they", "their": "they", "them": "they"}
AGREES_WITH = {"he": {"person"}, "she": {"person"}, "it": {"thing"}, "they": {"plural", "thing"}}
# How many sentences before its own a pronoun's antecedent may be.
PRONOUN_REACH = settings().coding.pronoun_reach
SUBJECT_DEPS = {"nsubj", "nsubjpass"}
# What a group named again may say besides its noun: "the eight fishermen".
GROUP_AGAIN_DEPS = {"det", "nummod"}
# Aliases that name a state as such, which a description of it can refer back to
# (a town or a person says where or who, not which state the text spoke of).
STATE_NAMING_KINDS = {"country", "capital", "demonym", "metonym"}
# The most words one row of state_descriptions.tsv has ("democratically governed island").
DESCRIPTION_WORDS = 3


def known_person(people: dict[str, tuple[str, str | None]], name: str) -> str | None:
    """The person of ``people`` (the article's, most recent last) that ``name``
    names: the full name, or a family or given name of it ("Kim" after "Kim
    Jong-il"; latest wins)."""
    if name in people:
        return name
    if " " in name:
        return None
    folded = _folded(name)
    for full_name in reversed(people):
        if folded in _given_and_family(full_name):
            return full_name
    return None


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


class Coreference:
    """Follows pronouns and descriptions ("the kingdom") back, for one paragraph's
    resolver.

    What a pronoun stands for is kept in the article's context (``pronouns``), so
    that "He arrived. … he said" reads the first "he" once."""

    def __init__(self, resolver: ActorResolver) -> None:
        self.resolver = resolver
        self.index = resolver.index
        self.context = resolver.context

    def pronoun(self, head: Token, on: date | None) -> list[Actor]:
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
                      antecedent.name, self.resolver.start(head), self.resolver.end(head),
                      basis="pronoun")
                for antecedent in self._pronoun_antecedents(head, on)]
        return self.context.pronouns[key]

    def _pronoun_antecedents(self, pronoun: Token, on: date | None) -> list[Actor]:
        wanted = PRONOUN_AGREEMENT[pronoun.lower_]
        others: set[str] = set()  # people "she" stands for are not "he", and back
        for resolver, subject in self._earlier_subjects(pronoun):
            if subject.pos_ == "PRON":
                agreement = PRONOUN_AGREEMENT.get(subject.lower_)
                if agreement == wanted:  # "He arrived. … he said": the same one
                    return resolver.coreference.pronoun(subject, on)
                if {agreement, wanted} == {"he", "she"}:
                    others |= {found.name for found in resolver.coreference.pronoun(subject, on)
                               if found.name is not None}
                continue
            kinds, actors = resolver.coreference.referent(subject, on)
            if "group" in kinds:  # "Japan and China"
                if wanted == "they" or kinds & AGREES_WITH[wanted]:
                    return actors if wanted == "they" else []
                continue
            if kinds & AGREES_WITH[wanted] and not any(actor.name in others
                                                       for actor in actors):
                return actors
        return []

    def referent(self, subject: Token, on: date | None) -> tuple[set[str], list[Actor]]:
        """What kind of referent a subject is ("person", "thing", "plural", or
        "group" with its members' kinds for several: "Japan and China"; none for
        a phrase that names no one, "the plan") and its actors. Resolving it here
        leaves the article's memory of people as it was."""
        members = coordinated(subject)
        people = dict(self.context.people)
        try:
            actors: list[Actor] = []
            for member in members:
                actors += [actor for actor in self.resolver.resolve(member, on)
                           if actor not in actors]
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
        plural = token.tag_ in {"NNS", "NNPS"} or "Plur" in token.morph.get("Number", [])
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
        yield from ((self.resolver, subject) for subject in _with_possessors(reversed(before)))
        if pronoun.dep_ == "poss":
            after = [subject for subject in _main_subjects(sentence)
                     if subject.i > pronoun.i and pronoun not in subject.subtree]
            yield from ((self.resolver, subject) for subject in _with_possessors(after))
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
        yield from ((self.resolver, earlier) for earlier in sentences_before(doc, sentence.start))
        position = next((i for i, (other, _) in enumerate(self.context.paragraphs)
                         if other is doc), 0)
        for earlier_doc, index in reversed(self.context.paragraphs[:position]):
            resolver = self.context.resolvers.get(id(index))
            if resolver is None:
                continue
            for earlier in sentences_before(earlier_doc, len(earlier_doc)):
                yield resolver, earlier


    def body_named_again(self, head: Token, on: date | None) -> list[Actor] | None:
        """What "the department" refers back to: the nearest earlier name with that
        word as its own ("the Police Department", "the Justice Department"), as
        that name resolves (empty where it resolves to no one); None where the
        phrase is no such bare description or no name comes before it."""
        if not head.is_lower or head.lower_ not in actor_words().body_nouns \
                or [child.lower_ for child in head.children] != ["the"]:
            return None
        for resolver, earlier in self._words_before(head):
            if earlier.lower_ == head.lower_ and earlier.text[:1].isupper():
                return [replace(actor, text=head.text, start=self.resolver.start(head),
                                end=self.resolver.end(head), basis="description")
                        for actor in resolver.resolve(earlier, on)[:1]]
        return None

    def group_named_again(self, head: Token, on: date | None) -> list[Actor]:
        """What "the fishermen" refers back to: the state of the people the article
        named earlier by that noun with a state ("Indian fishermen", "fishermen from
        India"), where every such earlier mention agrees on one state; empty for a
        phrase that says more than a number and "the" ("three other fishermen"),
        for a word not in ``group_nouns`` and where the earlier mentions disagree.
        Officials, diplomats and soldiers are not among them: "Japanese officials
        met Chinese diplomats. The officials…" may mean both."""
        if head.pos_ != "NOUN" or head.tag_ != "NNS" \
                or head.lemma_.lower() not in actor_words().group_nouns \
                or any(child.dep_ not in GROUP_AGAIN_DEPS for child in head.children):
            return []
        states: dict[str, Actor] = {}
        for resolver, earlier in self._words_before(head):
            if earlier.lemma_ != head.lemma_ or earlier.pos_ != "NOUN":
                continue
            # every state the earlier phrase names ("US and Iranian officials"),
            # and none where a name in it is not clear ("Korean")
            words = {token.i for token in earlier.subtree}
            named = resolver.named(earlier, on) + [
                resolver.mention(match.span, on) for match in resolver.index.matches
                if match.span.root.i in words]
            for actor in named:
                if actor is None or actor.country is None:
                    return []
                states.setdefault(actor.country, actor)
        if len(states) != 1:
            return []
        [actor] = states.values()
        return [replace(actor, text=head.text, start=self.resolver.start(head),
                        end=self.resolver.end(head), name=None, basis="description")]

    def _words_before(self, token: Token) -> Iterator[tuple[ActorResolver, Token]]:
        """The article's words before ``token``, nearest first, each with the
        resolver of its paragraph."""
        yield from ((self.resolver, earlier) for earlier in reversed(token.doc[:token.i]))
        position = next((i for i, (other, _) in enumerate(self.context.paragraphs)
                         if other is token.doc), 0)
        for earlier_doc, index in reversed(self.context.paragraphs[:position]):
            resolver = self.context.resolvers.get(id(index))
            if resolver is not None:
                yield from ((resolver, earlier) for earlier in reversed(earlier_doc))

    def state_described(self, head: Token, on: date | None) -> Actor | None:
        """What "the East African nation" or "the tiny Gulf state" refers back to:
        the state named most recently before it that every word of the
        description fits. Only a definite phrase made of such words, one of
        which narrows the states it can be ("the nation" alone could be any),
        and unresolved where the sentence of the nearest fitting state names
        another that fits ("Kenya and Uganda … the East African nation")."""
        fitting = _states_described(head)
        if fitting is None:
            return None
        chosen: tuple[str, tuple[int, int]] | None = None
        for earlier in self.context.matches_before(head.doc[head.i:head.i + 1]):
            actors = {entry.actor for entry in earlier.entries
                      if entry.kind in STATE_NAMING_KINDS and self.context.applies(entry, on)}
            if len(actors) != 1:
                continue
            [state] = actors
            if is_transnational(state) or state not in fitting:
                continue
            sentence = (id(earlier.span.doc), earlier.span.sent.start)
            if chosen is None:
                chosen = (state, sentence)
            elif chosen[1] != sentence:
                break
            elif chosen[0] != state:
                return None
        if chosen is None:
            return None
        first = head.left_edge.nbor()
        return Actor(head.doc[first.i:head.i + 1].text, chosen[0], chosen[0], None, None,
                     self.resolver.start(first), self.resolver.end(head), basis="description")

    def description(self, span: Span, description: ActorEntry,
                    on: date | None) -> ActorEntry | None:
        """What "the kingdom" or "the agency" refers back to: the nearest earlier
        state or organisation, named unambiguously, whose own name fits."""
        dictionary = self.context.dictionary
        for earlier in self.context.matches_before(span):
            entries = [entry for entry in earlier.entries
                       if entry.kind in NAMING_KINDS and self.context.applies(entry, on)]
            if len({entry.actor for entry in entries}) != 1:
                continue
            entry = entries[0]
            if entry.is_igo == (description.actor == "igo") \
                    and dictionary.named_with(entry.actor, description.requires):
                return replace(entry, kind="contextual", sector=None)
        return None


def _states_described(head: Token) -> frozenset[str] | None:
    """The states a definite description headed by a state noun can be ("the
    East African nation": those of East Africa), or None where it is no such
    description: a word of it is not in the table, or none narrows the states."""
    article = head.left_edge
    if head.lemma_.lower() not in actor_words().state_nouns or article.lower_ != "the" \
            or article.i >= head.i or any(child.dep_ == "prep" and child.lower_ == "of"
                                          for child in head.children):
        return None
    words = head.doc[article.i + 1:head.i + 1].text.lower().replace(" - ", "-").split()
    table = state_descriptions()
    fitting: frozenset[str] | None = None
    narrowed = False
    while words:
        size = next((n for n in range(min(DESCRIPTION_WORDS, len(words)), 0, -1)
                     if " ".join(words[:n]) in table), 0)
        if not size:
            return None
        states = table[" ".join(words[:size])]
        words = words[size:]
        if states is not None:
            fitting = states if fitting is None else fitting & states
            narrowed = True
    return fitting if narrowed and fitting else None


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

