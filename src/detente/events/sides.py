"""The sides of an event: which argument phrases become its source and target.

A phrase the actor dictionary knows becomes a resolved actor. A phrase it does
not know is still a side when it is a real noun phrase, headed by a noun or a
proper noun, that is an argument of the trigger: a company, a court, "the
police", "Siemens", also what an accusation is about ("condemned the
bombing"). Such an *unresolved* side keeps its words and span with no code and
no country; an agent word from the titles table still gives its sector
("police" → COP). A pronoun stands for its antecedent in the same sentence,
else for what the resolver says, else for nothing ("it", "this" that point
nowhere are never sides). Dates, times, amounts and quantities are never
sides, nor is a dictionary alias that fits no one in this article ("the
North" without Korean context).

An event needs at least one side that *names* someone (a dictionary actor or a
phrase carrying a proper name): "the minister met workers" says too little to
code. A side the sentence leaves unsaid (a passive without "by", an event noun
with nobody's name on it) is *implied*: no words, no code — never both sides."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

from spacy.tokens import Token

from detente.actors.dictionary import actor_code
from detente.actors.index import DocIndex
from detente.actors.resolve import ActorResolver
from detente.actors.words import is_person_noun
from detente.events import arguments
from detente.events.words import event_words
from detente.model import Actor
from detente.settings import settings
from detente.syntax import coordinated

# Entity types that are never sides: dates, times, amounts, quantities.
NON_ACTOR_ENTITIES = {"DATE", "TIME", "MONEY", "PERCENT", "QUANTITY", "CARDINAL", "ORDINAL"}
# Entity types whose words are a name even when the parser tags them NOUN.
NAME_ENTITIES = {"PERSON", "ORG", "NORP", "GPE", "LOC", "FAC"}
# Words at the edges of a phrase that are not part of what it names.
EDGE_DEPS = {"det", "case", "punct", "cc", "predet"}
NAMED_BASES = {"name"}
# Sectors that are the state itself: "Venezuela" and "Venezuelan police" are one
# side; "Venezuela" and "political activists" are two.
STATE_SECTORS = {"GOV", "MIL", "COP", "JUD", "LEG", "SPY"}
# Dependents through which a thing's owner is named: "X's act", "the act of X",
# "the threats made by X", "reports from X".
OWNER_PREPOSITIONS = {"of", "by", "from"}
# Steps from a trigger down to a nearby participant, and how deep to look.
NEARBY_DEPS = {"prep", "pobj", "dobj", "xcomp", "advcl", "acl", "dative", "attr", "npadvmod"}
NEARBY_DEPTH = settings().coding.nearby_depth


def names_someone(actor: Actor) -> bool:
    """Is this side a known actor or a proper name (not a description, not implied)?"""
    return actor.resolved or actor.basis in NAMED_BASES


def same_side(source: Actor, target: Actor) -> bool:
    """Two sides that are one: the same actor, a state and an organ of it (PRKGOV and
    PRK; not its activists or rebels), or the same words. Two sectors of one state
    (BRACOP, BRAGOV) are two sides, and a named person or body is a side apart from
    everyone else of their state
    ("German police" and "Christoph Metzelder"; "Merkel" and "Germany's decision")."""
    if source.resolved and target.resolved:
        if source.name and target.name:
            return source.name == target.name
        if source.name or target.name:  # a named person or body is a side of its own
            return False
        if source.code == target.code:
            return True
        one_state = source.country is not None and source.country == target.country
        sectors = {source.sector, target.sector}
        return one_state and None in sectors and sectors <= STATE_SECTORS | {None}
    return source.text is not None and (source.start, source.end) == (target.start, target.end)


class SideFinder:
    """Turns argument heads into sides, resolved where the dictionary knows them.

    Resolutions are remembered, so build one finder per sentence (the article's
    context, which resolution reads, changes between sentences): a sentence's
    triggers mostly share their phrases."""

    def __init__(self, resolver: ActorResolver) -> None:
        self.resolver = resolver
        self._resolutions: dict[tuple[int, date | None], list[Actor]] = {}

    def _resolve(self, head: Token, on: date | None) -> list[Actor]:
        key = (head.i, on)
        if key not in self._resolutions:
            self._resolutions[key] = self.resolver.resolve(head, on, side=True)
        return self._resolutions[key]

    def actors(self, head: Token, on: date | None) -> list[Actor]:
        """Sides for a head and everything coordinated with it ("Siemens and Iran")."""
        found: list[Actor] = []
        for token in coordinated(head):
            for actor in self.parties(token, on) or self.actor(token, on):
                if actor not in found:
                    found.append(actor)
        return found

    def parties(self, head: Token, on: date | None) -> list[Actor]:
        """One side per party a phrase's modifiers name ("British and EU negotiators",
        "House and Senate negotiators"), with the phrase's sector; empty when the
        phrase names one party ("Trinidad and Tobago's government")."""
        modifiers = arguments.coordinated_modifiers(head)
        if len(modifiers) < 2:
            # "the leaders of North and South Korea": the parties of whom they lead
            owners = arguments.prepositional_objects(head, "of") if is_person_noun(head) else []
            modifiers = arguments.coordinated_modifiers(owners[0]) if owners else []
            if len(modifiers) < 2:
                return []
        spans = [self.resolver.index.actor_at.get(token.i) for token in modifiers]
        in_one_span = spans[0] is not None and all(span is spans[0] for span in spans)
        if in_one_span and self._one_name(head.doc[modifiers[0].i:modifiers[-1].i + 1].text):
            return []  # one name with a hyphen of its own ("Guinea-Bissau")
        whole = self.actor(head, on)
        sector = whole[0].sector if whole else None
        found = []
        for token in modifiers:
            # inside one name ("the Australia-Indonesia Defence Agreement"), each
            # party by its own word
            word = head.doc[token.i:token.i + 1]
            alone = self.resolver.mention(word, on) if in_one_span else None
            resolved = [alone] if alone is not None else self._resolve(token, on)
            if resolved:
                actor = resolved[0]
                if actor.sector is None and sector and actor.country:
                    actor = replace(actor, code=actor_code(actor.country, sector), sector=sector)
            elif token.pos_ == "PROPN":
                start = self.resolver.offset + token.idx
                actor = Actor.unresolved(token.text, start, start + len(token.text), sector,
                                         "name")
            else:
                return []  # "big and small states": not parties
            found.append(actor)
        return found if len({actor.code or actor.text for actor in found}) == len(found) else []

    def _one_name(self, words: str) -> bool:
        """Is this one name the dictionary knows ("Guinea-Bissau", "Trinidad and
        Tobago"), not two joined ("Australia-Indonesia" in the name of their pact)?"""
        return bool(self.resolver.context.dictionary.candidates(words))

    def resolved(self, head: Token, on: date | None) -> list[Actor]:
        """The dictionary actor(s) one phrase names (a pronoun: its antecedent's)."""
        return self._resolve(_referent(head), on)

    def actor(self, head: Token, on: date | None) -> list[Actor]:
        """The side(s) one phrase names, resolved or not (empty: not a side)."""
        head = _referent(head)
        resolved = self._resolve(head, on)
        if resolved:
            return resolved
        unresolved = self.unresolved(head)
        if unresolved is None:
            return []
        homeland = self._homeland(head, unresolved, on)
        if homeland is not None:
            return [homeland]
        if not names_someone(unresolved) and unresolved.sector is None:
            # "its owners" are not "it": only a named owner stands for the thing
            owners = [actor for owner in _owners(head) if owner.pos_ != "PRON"
                      for actor in self.actor(owner, on) if names_someone(actor)]
            if owners:  # "condemned the call of the European Parliament": the Parliament
                return owners[:1]
        return [self._known_person(head, unresolved) or unresolved]

    def _homeland(self, head: Token, phrase: Actor, on: date | None) -> Actor | None:
        """The state of whoever a pronoun stands for: "Putin said his country will not
        lift the ban" → RUS."""
        if head.lower_ not in event_words().homeland_words:
            return None
        owners = [child for child in head.children if child.dep_ == "poss" and child.pos_ == "PRON"]
        speaker = None if owners else _speaker_country(head)
        if speaker is not None:
            owners = [speaker]  # "Israel's premier said the country has …"
        states = [actor.country for owner in owners[:1] for actor in self.resolved(owner, on)
                  if actor.country is not None]
        if not states:
            return None
        return replace(phrase, code=states[0], country=states[0], sector=None, name=None,
                       basis="pronoun")

    def nearest_named(self, trigger: Token, on: date | None, exclude: set[int],
                      cooperative: bool = False) -> list[Actor]:
        """The closest phrase below the trigger that names someone, for an event whose
        pattern found no target ("provided €28 million for those affected in Yemen");
        a ``cooperative`` act's partner is never someone it is "against"."""
        carrier = arguments.state_verb(trigger)  # "remained on alert in Kosovo"
        queue = [child for holder in (trigger, *([carrier] if carrier is not None else []))
                 for child in holder.children
                 if child.dep_ in NEARBY_DEPS and child is not trigger.head]
        for _ in range(NEARBY_DEPTH):
            following = []
            for token in queue:
                if _elsewhere(token, cooperative):
                    continue
                helper = token.lemma_.lower() in event_words().helper_nouns  # "the help of X"
                if token.i not in exclude and token.pos_ in {"NOUN", "PROPN"} and not helper:
                    named = [actor for actor in self.actor(token, on) if names_someone(actor)]
                    if named:
                        return named[:1]
                following += [child for child in token.children if child.dep_ in NEARBY_DEPS]
            queue = following
        return []

    def pronoun_owner(self, head: Token, on: date | None, sources: set[str]) -> list[Actor]:
        """The state an "its" on a target thing stands for when that state is not the
        (named) source: the nearest other state named before it in the sentence
        ("Turkey's parliament ratified its accession" after "Finland …"; "stands with
        Sweden and supports its application"). The source's own things are no target,
        and "their" is most often the parties' own ("the cooperation of their forces")."""
        owners = [child for child in head.children
                  if child.dep_ == "poss" and child.lower_ == "its"]
        if not owners or not sources:
            return []
        spans = self.resolver.index.actor_at
        for token in reversed(head.sent[:owners[0].i - head.sent.start]):
            span = spans.get(token.i)
            if span is None or token.i != span.end - 1:
                continue
            states = [actor for actor in self.resolved(token, on)
                      if actor.country is not None and actor.country not in sources]
            if states:
                offset = self.resolver.offset
                return [replace(states[0], text=self.resolver.index.words(owners[0], head),
                                start=offset + owners[0].idx,
                                end=offset + head.idx + len(head.text), basis="pronoun")]
        return []

    def _known_person(self, head: Token, side: Actor) -> Actor | None:
        """A name the article introduced earlier as a person ("Rodriguez" after
        "Cuban Foreign Minister Bruno Rodriguez", when the tagger missed the name)."""
        context = self.resolver.context
        name = context.known_person(head.text) if head.pos_ == "PROPN" else None
        if name is None:
            return None
        country, sector = context.people[name]
        code = country if country.startswith("IGO") or not sector else country + sector
        return replace(side, code=code, country=None if country.startswith("IGO") else country,
                       sector=sector, name=name, basis="text")

    def unresolved(self, head: Token) -> Actor | None:
        """An unresolved side for a noun phrase that can be one, else None."""
        if head.pos_ not in {"NOUN", "PROPN"} or head.ent_type_ in NON_ACTOR_ENTITIES:
            return None
        index = self.resolver.index
        alias = index.actor_at.get(head.i)
        if alias is not None and not all(entry.kind == "person"
                                         for entry in index.match_at[alias.start].entries):
            return None  # a known alias that fits no one here; a person out of office does
        tokens = _phrase_tokens(head, self.resolver.index)
        sector = self.resolver.index.title_sector(tokens)
        named = any(token.pos_ == "PROPN" or token.ent_type_ in NAME_ENTITIES
                    for token in tokens)
        start = self.resolver.offset + tokens[0].idx
        end = self.resolver.offset + tokens[-1].idx + len(tokens[-1].text)
        text = self.resolver.index.words(tokens[0], tokens[-1])
        return Actor.unresolved(text, start, end, sector, "name" if named else "description")


def _elsewhere(token: Token, cooperative: bool) -> bool:
    """Does the nearby search step here into what is no party to the event: an
    adversary of a ``cooperative`` act ("a memorandum renewing the campaign against
    Iran"), a helper ("with the help of France"), or another time's act ("since Hamas
    took control", "amid the war")?"""
    if token.dep_ != "prep":
        return False
    words = event_words()
    return token.lower_ in words.elsewhere_prepositions or (
        cooperative and token.lower_ == "against") or (
        token.lower_ == "of" and token.head.lemma_.lower() in words.helper_nouns)


def _speaker_country(head: Token) -> Token | None:
    """The speaker whose state a bare "the country" stands for, when it is the subject
    of what the speaker said: "Israel's prime minister said the country has reached a
    deal" (the speaker's own); None for "the country" anywhere else."""
    children = [child.dep_ for child in head.children]
    if children != ["det"] or head.doc[head.i - 1].lower_ != "the" or head.dep_ != "nsubj" \
            or head.head.dep_ != "ccomp":
        return None
    speakers = arguments.children(head.head.head, "nsubj")
    return speakers[0] if speakers else None


def _owners(thing: Token) -> list[Token]:
    """Phrases naming who a thing belongs to or comes from."""
    found = [child for child in thing.children if child.dep_ == "poss"]
    holders = [thing] + [child for child in thing.children if child.dep_ == "acl"
                         and child.lemma_.lower() not in event_words().third_party_participles]
    # "the killings of civilians by the army": an act's doer ("by") owns it before
    # whoever it was done to ("of")
    found += sorted((pobj for holder in holders for prep in holder.children
                     if prep.dep_ in {"prep", "agent"} and prep.lower_ in OWNER_PREPOSITIONS
                     for pobj in prep.children if pobj.dep_ == "pobj"),
                    key=lambda pobj: pobj.head.head != thing or pobj.head.lower_ != "by")
    # the parser often hangs the doer on an active verb instead ("condemned the
    # killings of civilians by the army"): no active verb acts "by" a noun
    if thing.dep_ == "dobj" and not any(child.dep_ == "auxpass" for child in thing.head.children):
        found[:0] = arguments.prepositional_objects(thing.head, "by")
    # "tariffs on electric vehicles from China": the parser hangs where the goods
    # come from on the measure, not on the goods
    if thing.dep_ == "pobj" and thing.head.lower_ == "on":
        found += arguments.prepositional_objects(thing.head.head, "from")
    # "the approval of Sweden joining NATO": the one doing what the thing is about
    found += [subject for prep in thing.children
              if prep.dep_ == "prep" and prep.lower_ == "of"
              for clause in prep.children if clause.dep_ == "pcomp"
              for subject in clause.children if subject.dep_ == "nsubj"]
    return found


def _referent(head: Token) -> Token:
    """A pronoun's antecedent in the same sentence ("Siemens said it would appeal":
    Siemens, with Siemens's words and span), else the phrase itself."""
    return arguments.antecedent(head) or head


def _phrase_tokens(head: Token, index: DocIndex) -> list[Token]:
    """The phrase's own words, without an apposition, and trimmed of articles and
    punctuation at its edges ("the Munich I Regional Court" → "Munich I Regional Court")."""
    apposed = {t.i for child in index.appositions(head) for t in index.phrase(child)}
    tokens = [t for t in index.phrase(head) if t.i not in apposed]
    while len(tokens) > 1 and tokens[0].dep_ in EDGE_DEPS:
        tokens = tokens[1:]
    while len(tokens) > 1 and tokens[-1].dep_ in EDGE_DEPS:
        tokens = tokens[:-1]
    return tokens
