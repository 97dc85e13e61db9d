"""Resolving noun phrases to actors, within one article.

An argument of an event is a noun phrase; its actor is decided by what the
phrase contains: a person with a dated role, a press metonym, an IGO, a country
name, capital or demonym, and a title that gives the sector ("Russian President
Vladimir Putin" → RUS, GOV, "Vladimir Putin"). Nothing is guessed: a name that
can be several things the article does not tell apart ("Congo", "Korea") stays
unresolved, and ``ArticleContext.ambiguous`` says why.

The parts, in the order a phrase meets them: the paragraph's alias index
(``actors.index``), what the article has established (``actors.context``), an
abbreviation the article spells out (``actors.abbreviations``), the resolver
here, what pronouns, descriptions and names said again refer back to
(``actors.coreference``), and the state of a generic agent the phrase names no
state for (``actors.implied``)."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

from spacy.tokens import Span, Token

from detente.actors.abbreviations import is_abbreviation
from detente.actors.ambiguity import ambiguities
from detente.actors.context import Ambiguous, ArticleContext
from detente.actors.coreference import PRONOUNS, Coreference
from detente.actors.dictionary import NAMING_KINDS, ActorEntry, actor_code, is_transnational
from detente.actors.implied import OWNER_PREPOSITIONS, ImpliedSides
from detente.actors.index import MILITARY, AliasMatch, DocIndex
from detente.actors.words import actor_words, is_person_noun
from detente.model import Actor
from detente.syntax import coordinated, is_where

# Which reading of a phrase's aliases names its referent best, lowest first.
# What an alias names when it names a place: a state, its capital, a town or region.
PLACE_KINDS = {"country", "capital", "place"}
# Sectors of institutions that are buildings too: a university, a hospital.
SITES = {"EDU", "HLH"}
# Sectors of companies and outlets that a message can be posted or shown on.
MEDIA = {"BUS", "MED"}
# The sector of people who fled their country (refugees, asylum seekers).
REFUGEES = "REF"
# Words that join the parts of a long title ("Minister for the Office of the State
# Counsellor of Myanmar").
TITLE_LINKS = {"of", "for", "the"}
ENTRY_PRIORITY = {"person": 0, "metonym": 1, "organisation": 1, "igo": 2, "contextual": 3,
                  "country": 4, "capital": 5, "demonym": 6, "place": 7}


class ActorResolver:
    """Resolves argument heads to actors against one article's context.

    Build it once every paragraph of the article is noted: what an alias match
    settles to on a day is then fixed, and remembered."""

    def __init__(self, context: ArticleContext, index: DocIndex, paragraph_offset: int) -> None:
        self.context = context
        self.index = index
        self.offset = paragraph_offset
        self._settlements: dict[tuple[int, date | None], list[ActorEntry]] = {}
        context.resolvers[id(index)] = self
        self.coreference = Coreference(self)
        self.implied = ImpliedSides(self)

    def resolve(self, head: Token, on: date | None, side: bool = False) -> list[Actor]:
        """The actor(s) a noun phrase headed by ``head`` refers to (empty: unknown).

        Several only for "officials from the US, Japan and the UK", and for
        "they" after "Japan and China". A place named only as where something
        is ("living in the US", "in the heart of Prague") is no actor, unless the
        event coder took the phrase as a ``side`` of an event ("was arrested in
        Rwanda": Rwanda's authorities did it). A group no one is named for here
        is whom the article named by that noun before ("the fishermen" after
        "Indian fishermen")."""
        if head.lower_ in PRONOUNS and head.pos_ == "PRON":
            return self.coreference.pronoun(head, on)
        return self.named(head, on, side) or self.coreference.group_named_again(head, on)

    def named(self, head: Token, on: date | None, side: bool = False) -> list[Actor]:
        """The actor(s) the phrase itself, its paragraph or the article's context
        name (what it refers back to as a group named again is not asked)."""
        spelt = self._spelt_out(head, on)
        if spelt is not None:
            return spelt
        again = self.coreference.body_named_again(head, on)
        if again is not None:
            return again
        holder = self._holder_after_posting(head, on)
        if holder is not None:
            return [holder]
        tokens = self.index.phrase(head)
        words = actor_words()
        actor = (self._from_tokens(head, tokens, on) or self._state_named_of(head, on)
                 or self._state_a_site_is_in(head, on)
                 or self.coreference.state_described(head, on))
        if actor is not None:
            if not side and (self._only_where(head, tokens, on) or _of_a_thing(head, tokens)
                             or self._a_medium(head, tokens, on)
                             or self._a_topic(head, tokens, on)):
                return []
            return [actor]
        role = self._role_said(head, tokens, on)
        if role is not None:
            return [role]
        closing = self._state_a_title_ends_with(head, on)
        if closing is not None:
            return [closing]
        if head.i not in self.index.title_at and head.lemma_.lower() not in words.members:
            # "President Ilir Meta", "Senate Committee on Trade": a titled name
            titled = any(t.i in self.index.title_at for t in tokens)
            named = self.index.person_at.get(head.i) is not None or (
                head.pos_ == "PROPN" and head.text[:1].isupper())
            implied = self.implied.actor(head, tokens, on) if titled and named else None
            return self._implied_side(implied, head, side)
        # "officials from the US": people of a country; "members of the
        # Congressional Black Caucus": of a body, with its sector; the parser may
        # hang the "of" on a word of the title ("general" in "secretary-general")
        title = self.index.title_at.get(head.i)
        heads = [head, *(t for t in title if t.i != head.i)] if title is not None else [head]
        preps = [child for word in heads for child in word.children]
        for prep in preps + self._origin_on_the_verb(head):
            if prep.dep_ == "prep" and prep.lower_ in OWNER_PREPOSITIONS:
                owners = [owner for pobj in prep.children if pobj.dep_ == "pobj"
                          for token in coordinated(pobj)
                          if (owner := self._from_tokens(token, self.index.phrase(token), on))]
                if prep.lower_ == "for":  # "an envoy for Syria" is not Syria's; "a
                    # spokesman for the ministry" or "for President Ghani" speaks for them
                    owners = [owner for owner in owners if owner.sector or owner.name]
                if owners:
                    first = self._with_sector(owners[0], head, tokens)
                    return [first] + [replace(owner, code=actor_code(owner.side or "",
                                                                     first.sector),
                                              sector=first.sector, basis="owner")
                                      for owner in owners[1:]]
        return self._implied_side(self.implied.actor(head, tokens, on), head, side)

    def _origin_on_the_verb(self, head: Token) -> list[Token]:
        """The "from" right after a word for people who left their country ("took in
        refugees from Syria", "to house asylum seekers from Eritrea"), which the
        parser hangs on a verb: it still says where they come from."""
        after = head.doc[head.i + 1] if head.i + 1 < len(head.doc) else None
        if after is None or after.lower_ != "from" or after.dep_ != "prep" \
                or after.head.i == head.i or self.index.sectors.get(head.i) != REFUGEES:
            return []
        return [after]

    def _role_said(self, head: Token, tokens: list[Token], on: date | None) -> Actor | None:
        """A person the dictionary does not know, whose own sentence says what they
        are now ("Susie Wiles is one of Trump's campaign managers"): the role that
        the titled predicate names, kept for the rest of the article."""
        verb = head.head
        if head.dep_ != "nsubj" or verb.lemma_ != "be" or verb.tag_ != "VBZ" \
                or head.i not in self.index.person_at:
            return None
        person = self.person_name([head])
        for attribute in verb.children:
            if attribute.dep_ != "attr":
                continue
            if attribute.lower_ == "one":  # "one of the campaign's managers"
                attribute = next((pobj for prep in attribute.children
                                  if prep.dep_ == "prep" and prep.lower_ == "of"
                                  for pobj in prep.children if pobj.dep_ == "pobj"), attribute)
            found = self.resolve(attribute, on)
            role = found[0] if len(found) == 1 else None
            if person is None or role is None or role.name is not None \
                    or role.country is None or role.sector is None \
                    or self.index.title_sector(self.index.phrase(attribute)) is None:
                continue
            self.context.remember(person, role.country, role.sector)
            words = self.index.display_tokens(head, tokens)
            first, last = (words[0], words[-1]) if words else (head, head)
            return Actor(self.index.words(first, last), role.code, role.country, role.sector,
                         person, self.start(first), self.end(last), basis="predicate")
        return None

    def _holder_after_posting(self, head: Token, on: date | None) -> Actor | None:
        """The holder of a posting whose name the parser hung after the state of the
        posting ("the Hungarian Ambassador to Ukraine István Íjgyártó": "to Ukraine
        István Íjgyártó"): of the title's own state, not the posting's, and known as
        such for the rest of the article. An envoy "to Kim Jong Un" is sent to a
        person, whose name no state opens."""
        prep = head.head
        person = self.index.person_at.get(head.i)
        if head.dep_ != "pobj" or prep.lower_ != "to" or person is None \
                or prep.head.i not in self.index.title_at or person.start == 0:
            return None
        posting = head.doc[person.start - 1]
        if posting.head.i != head.i or posting.i not in self.index.actor_at \
                or self._bare_state(posting, [posting], on) is None:
            return None
        titles = self.named(prep.head, on)
        title = titles[0] if len(titles) == 1 else None
        if title is None or title.country is None or title.name is not None:
            return None
        name = self.index.person_name(person)
        self.context.remember(name, title.country, title.sector)
        return Actor(name, title.code, title.country, title.sector, name,
                     self.start(person[0]), self.end(person[-1]), basis="title")

    def _state_a_title_ends_with(self, head: Token, on: date | None) -> Actor | None:
        """The state named at the end of a long title whose words the parser hung
        elsewhere ("Minister for the Office of the State Counsellor of Myanmar Kyaw
        Tint Swe" is Myanmar's minister): read on from a title word with nothing
        below it through the title's capitalised words, "of", "for" and "the", to
        the first state after an "of". Anything else ends the title with no state."""
        if head.i not in self.index.title_at or head.n_lefts or head.n_rights:
            return None
        after_of = False
        for token in head.doc[head.i + 1:head.sent.end]:
            if token.lower_ in TITLE_LINKS:
                after_of = token.lower_ == "of" or (after_of and token.lower_ == "the")
                continue
            if not token.is_alpha or not token.text[:1].isupper():
                return None
            if token.i in self.index.actor_at:
                state = self._bare_state(token, [token], on) if after_of else None
                if state is None or self._partner_of_state(head, state, on):
                    return None
                sector = self.index.title_sector([head])
                return replace(state, code=actor_code(state.country or "", sector),
                               sector=sector, text=head.text, start=self.start(head),
                               end=self.end(head))
            after_of = False
        return None

    def _partner_of_state(self, head: Token, state: Actor, on: date | None) -> bool:
        """Does the phrase a title is coordinated with resolve to the same state? The
        parser that broke the title up hung its words on that phrase too, so which of
        the two the state belongs to is not clear (and one state makes no event)."""
        if head.dep_ != "conj":
            return False
        return any(actor.country == state.country for actor in self.resolve(head.head, on))

    def _implied_side(self, implied: Actor | None, head: Token, side: bool) -> list[Actor]:
        """An implied actor, unless a named school or hospital stands only where
        something happened ("outside Charles University": the place; "at the
        Police Department" is still the police)."""
        if implied is None or (not side and implied.sector in SITES
                               and _an_institution_as_where(head)):
            return []
        return [implied]

    def _spelt_out(self, head: Token, on: date | None) -> list[Actor] | None:
        """An abbreviation the article spells out ("the CBC" after "the
        Congressional Black Caucus") is what its expansion is, not what the
        dictionary knows by it; None where the article spells out no such word
        (a state's abbreviation, "UK", "DRC", is left to the dictionary). The
        tagger leaves a sentence's full stop on an abbreviation ("from the DoL.")."""
        word = head.text.removesuffix(".")
        if len(word) < 3 or not is_abbreviation(word) or any(
                entry.kind in PLACE_KINDS | {"demonym"}
                for entry in self.context.dictionary.entries.get(word, [])):
            return None
        found = self.context.spelt_out(word)
        if found is None:
            return None
        index = next((index for doc, index in self.context.paragraphs if doc is found.doc), None)
        resolver = self.context.resolvers.get(id(index)) if index is not None else None
        if resolver is None:
            return None
        meant = resolver.resolve(found.root, on)
        return [replace(actor, text=head.text, start=self.start(head), end=self.end(head),
                        basis="abbreviation") for actor in meant[:1]]

    def _only_where(self, head: Token, tokens: list[Token], on: date | None) -> bool:
        """Is the phrase a place's name (a state, a capital, a town; no title, no
        person) standing where something happened or is?"""
        words = actor_words()
        named = head.i in self.index.actor_at or head.pos_ == "PROPN"  # not "Egypt's economy"
        if not named or not is_where(head, words.place_nouns | words.place_parts) \
                or is_person_noun(head) \
                or any(t.i in self.index.title_at for t in tokens):
            return False
        kinds = {entry.kind for entry in self._entries_in(tokens, on)}
        return bool(kinds) and kinds <= PLACE_KINDS

    def _entries_in(self, tokens: list[Token], on: date | None) -> list[ActorEntry]:
        """What the aliases among ``tokens`` can stand for on the day, settled."""
        starts = {self.index.actor_at[t.i].start for t in tokens if t.i in self.index.actor_at}
        return [entry for start in starts
                for entry in self._settled(self.index.match_at[start], on)]

    def _a_topic(self, head: Token, tokens: list[Token], on: date | None) -> bool:
        """Is a state's name only what a thing is about, modifying a noun for no
        one ("the Rwanda plan", "the Iran file")? "The Rwandan plan" is Rwanda's;
        "Rwanda officials" are people."""
        holder = head.head
        if head.dep_ != "compound" or holder.pos_ != "NOUN" or is_person_noun(holder) \
                or holder.i in self.index.title_at or head.i not in self.index.actor_at:
            return False
        entries = self._settled(self.index.match_at[self.index.actor_at[head.i].start], on)
        return bool(entries) and all(entry.kind == "country" for entry in entries)

    def _a_medium(self, head: Token, tokens: list[Token], on: date | None) -> bool:
        """Is the phrase a company or outlet named as the medium something was
        said or shown on ("responded on Facebook", "said on CNN")?"""
        if head.dep_ != "pobj" or head.head.lower_ != "on":
            return False
        entries = self._entries_in(tokens, on)
        return bool(entries) and all(entry.kind == "organisation" and entry.sector in MEDIA
                                     for entry in entries)

    def _state_named_of(self, head: Token, on: date | None) -> Actor | None:
        """The state a state noun names in its "of" phrase ("the nation of Burundi")."""
        if head.pos_ != "NOUN" or head.lemma_.lower() not in actor_words().state_nouns:
            return None
        return self._state_after(head, {"of"}, on)

    def _state_a_site_is_in(self, head: Token, on: date | None) -> Actor | None:
        """The state a site nobody owns is in ("militia positions in northern Iraq",
        "a hospital in Khan Younis", "the Zaporizhzhia nuclear plant", "the
        Zaporizhzhia NPP", where the tagger takes the abbreviation for a name):
        whoever strikes or visits it strikes or visits that state."""
        if head.pos_ not in {"NOUN", "PROPN"} \
                or head.lemma_.lower() not in actor_words().site_nouns \
                or any(child.dep_ == "poss" for child in head.children):
            return None
        for place in head.children:  # a town the site is named after
            if place.dep_ in {"compound", "nmod"} and place.pos_ == "PROPN" \
                    and place.i in self.index.actor_at:
                actor = self._bare_state(place, [place], on)
                if actor is not None:
                    return actor
        return self._state_after(head, {"in", "inside"}, on)

    def _bare_state(self, head: Token, tokens: list[Token], on: date | None) -> Actor | None:
        """The phrase's actor when it is a state as such (no sector), else None."""
        actor = self._from_tokens(head, tokens, on)
        return actor if actor is not None and actor.sector is None and actor.country else None

    def _state_after(self, head: Token, prepositions: set[str], on: date | None) -> Actor | None:
        """The state (no sector) a prepositional phrase of ``head`` names, if any."""
        for prep in head.children:
            if prep.dep_ == "prep" and prep.lower_ in prepositions:
                for pobj in prep.children:
                    if pobj.dep_ == "pobj":
                        actor = self._bare_state(pobj, self.index.phrase(pobj), on)
                        if actor is not None:
                            return actor
        return None

    def mention(self, span: Span, on: date | None) -> Actor | None:
        """The actor an alias match stands for on its own (for the mentions table).
        The state of a posting ("to Ukraine István Íjgyártó") makes the holder
        known from here on."""
        if span.root.dep_ == "compound":
            self._holder_after_posting(span.root.head, on)
        return self._from_tokens(span.root, list(span), on)

    def _from_tokens(self, head: Token, tokens: list[Token], on: date | None) -> Actor | None:
        candidates: list[tuple[int, int, ActorEntry, Span]] = []
        appos_heads = {child.i for child in self.index.appositions(head)}
        apposed = {t.i for i in appos_heads for t in _describing(head.doc[i], self.index)}
        titled = any(t.i in self.index.title_at for t in tokens)
        # a place before a person ("Gaza doctors", "a Kyiv man") is where they are from
        agent = titled or is_person_noun(head)
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
                if entry.kind == "person" and (self._someone_else(span, entry)
                                               or _a_namesakes_son(span)):
                    continue
                if entry.kind in PLACE_KINDS | {"demonym"} and self._family_name(span):
                    continue
                if distance == 2 and not agent and (entry.kind == "place" or (
                        entry.kind == "capital" and span.root.dep_ == "compound")):
                    # "the Quetta attack", "the Vienna Convention" are no actors;
                    # "a Munich court", "the Beijing government", "Gaza doctors" are
                    continue
                candidates.append((distance, ENTRY_PRIORITY[entry.kind], entry, span))
        person = self.person_name([t for t in tokens if t.i == head.i or t.i in appos_heads])
        if not candidates and person is None:
            return None
        country, sector, name = None, None, None
        named_by_role = from_metonym = False
        named_in: set[int] = set()  # the words of a body's own name
        if candidates:
            ordered = sorted(candidates, key=lambda item: (item[0], item[1]))
            distance, _, entry, matched = ordered[0]
            country, sector, name = self._entry_actor(entry, on)
            if distance == 0 and entry.kind == "demonym" and self._people_of(head, entry, on):
                sector = "CVL"
            if distance == 2:  # "Kim Jong-il's envoy" is not Kim Jong-il
                name = None
            if country is None and len(ordered) > 1:
                # a person with no office yet: the phrase's other words tell more
                # ("John Bolton, the American ambassador")
                distance, _, entry, _ = ordered[1]
                country, sector, _ = self._entry_actor(entry, on)
            # a known person's dated role says more than the title the text uses
            named_by_role = entry.kind == "person" and sector is not None and distance < 2
            if named_by_role and sector == "ELI":
                sector = self._office_meant(entry, tokens, apposed, on) or sector
            elif named_by_role and _former([t for t in tokens if t.i not in apposed]):
                # the text knows better than a row's dates ("Former Secretary X"
                # on a day the row still has in office): out of office, elite
                sector = "ELI"
            from_metonym = entry.kind in {"metonym", "organisation"} and sector is not None
            if distance == 0:  # "Senate" in "National Republican Senate Committee",
                # "Bank" in "the West Bank": words of the name, not titles
                named_in = set(range(matched.start, matched.end))
        if person is not None:
            known_as = self.context.known_person(person)
            name = name or known_as or person
            if country is None and known_as is not None:
                country, sector = self.context.people[known_as]
        if country is None:
            return None
        if not named_by_role:
            # the phrase's own title first ("Vice Marshal Jo, the first vice-chairman")
            own = [t for t in tokens if t.i not in apposed and t.i not in named_in]
            title = (self.index.title_sector(own)
                     or self.index.title_sector([t for t in tokens if t.i not in named_in]))
            # a generic state title keeps a metonym's sector ("DEA officials": COP),
            # a military rank an armed group's ("Boko Haram commanders": REB)
            if title and not (title == "GOV" and from_metonym) and not (
                    title == MILITARY and sector in actor_words().armed_group_sectors):
                sector = title
            if sector is not None and _former(tokens):
                sector = "ELI"
        if (person is not None or named_by_role) and name is not None:
            # a known person the tagger did not see as one ("President Yoon Suk Yeol")
            # is still the one a later "Yoon" means
            self.context.remember(name, country, sector)
        words = self.index.display_tokens(head, tokens)
        first, last = (words[0], words[-1]) if words else (head, head)
        return Actor(self.index.words(first, last), actor_code(country, sector),
                     None if is_transnational(country) else country,
                     sector, name, self.start(first), self.end(last))

    def _people_of(self, head: Token, entry: ActorEntry, on: date | None) -> bool:
        """Is a demonym said in the bare plural ("Americans are worried", "applies
        to Britons who …") the state's people, civilians? With an article ("the
        Americans rejected the proposal") it is the state, as in a negotiation.
        Plural by its tag, or by the dictionary's singular of the same state
        (the tagger takes "Britons" before "who" for a singular name)."""
        if any(child.dep_ in {"det", "poss"} for child in head.children):
            return False
        if head.tag_ in {"NNS", "NNPS"}:
            return True
        return entry.alias.endswith("s") and any(
            other.kind == "demonym" and other.actor == entry.actor
            for other in self.context.dictionary.candidates(entry.alias[:-1], on))

    def _office_meant(self, entry: ActorEntry, tokens: list[Token], apposed: set[int],
                      on: date | None) -> str | None:
        """The sector of an office a person no longer holds on the day, where the
        text gives them its title ("President Dwight Eisenhower broke off
        relations" in 2015): the text speaks of their time in it. Not with
        "former", nor a title of another sector."""
        last = self.context.dictionary.last_role(entry.name or entry.alias, on)
        own = [t for t in tokens if t.i not in apposed]
        title = self.index.title_sector(own)
        if last is None or title != last.sector or _former(tokens):
            return None
        return title

    def _family_name(self, span: Span) -> bool:
        """Is an alias the family name of a person the tagger found ("Rep. Jim
        Jordan" is no Jordan): a given name comes right before it?"""
        person = self.index.person_at.get(span.start)
        if person is None or span.start <= person.start:
            return False
        given = span.doc[span.start - 1]
        return (given.ent_type_ == "PERSON" and given.pos_ == "PROPN" and given.is_title
                and given.i not in self.index.title_at and given.i not in self.index.actor_at)

    def _someone_else(self, span: Span, entry: ActorEntry) -> bool:
        """Does the text name another person who shares a known person's family
        name ("Gov. Charlie Baker" is not James Baker): the full name the tagger
        found around a one-word alias is none of the known person's names, and
        its given name starts with another letter (a spelling of the same name,
        "Anwaarul Haq Kakar" for "Anwaar-ul-Haq Kakar", is the same person)?"""
        person = self.index.person_at.get(span.start)
        if person is None or len(span) > 1:  # a family name alone ("Baker")
            return False
        given = [t for t in person if t.i < span.start and t.is_alpha and t.ent_type_ == "PERSON"
                 and t.i not in self.index.title_at]
        name = entry.name or entry.alias
        if not given or given[0].text[:1].upper() == name[:1].upper():
            return False
        full = self.index.words(given[0], span[-1])
        known = self.context.dictionary.entries.get(full, [])
        return not any(other.kind == "person" and other.name == entry.name for other in known)

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
        span = match.span
        entries = [found for entry in self._applicable(match, on)
                   for found in ([self.coreference.description(span, entry, on)]
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

    def _applicable(self, match: AliasMatch, on: date | None) -> list[ActorEntry]:
        """The entries of a matched alias valid on the day and applicable in this
        article, of several people sharing the name the one meant then: the same
        for every match of the alias, since the article's context is fixed once
        its paragraphs are noted, and so worked out once per article (do not change
        the list)."""
        key = (match.alias, on)
        found = self.context.applicable.get(key)
        if found is None:
            known = match.entries
            entries = [entry for entry in known if self.context.applies(entry, on)]
            if on is not None and not any(entry.kind in NAMING_KINDS for entry in entries):
                entries += _historic(known, on)
            found = self.context.applicable[key] = self._people_on(entries, on)
        return found

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

    def person_name(self, tokens: list[Token]) -> str | None:
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
        """"officials from the US": the owner's country with the head's sector; a
        generic state title keeps a body's own sector ("deputy chairman of the
        European Research Group" is of a caucus of MPs, "a spokesman for Hamas"
        of an armed group)."""
        title = self.index.title_sector(tokens)
        sector = owner.sector if owner.sector and title in {None, "GOV"} else title
        start = self.start(tokens[0])
        end = max(owner.end or 0, self.end(head))
        text = self.index.text[start - self.offset:end - self.offset]
        actor = owner.code if owner.country is None else owner.country
        return Actor(text, actor_code(actor or "", sector), owner.country, sector, owner.name,
                     start, end, basis="owner")

    def start(self, token: Token) -> int:
        return self.offset + token.idx

    def end(self, token: Token) -> int:
        return self.offset + token.idx + len(token.text)


def _describing(head: Token, index: DocIndex) -> list[Token]:
    """An apposition's words that describe its referent: not a possessor's
    ("Kim Jong-il's right-hand man" describes a man, not Kim Jong-il)."""
    owned = {t.i for child in head.children if child.dep_ == "poss" for t in child.subtree}
    return [t for t in index.phrase(head) if t.i not in owned]


def _historic(entries: list[ActorEntry], on: date) -> list[ActorEntry]:
    """A state's own name still names it after it ended ("the Soviet Union" in a
    2000 article), when that name belonged to no other state."""
    ended = [entry for entry in entries if entry.kind in {"country", "demonym"}
             and entry.valid_to is not None and entry.valid_to <= on]
    return ended if len({entry.actor for entry in ended}) == 1 else []


def _an_institution_as_where(head: Token) -> bool:
    """Is a named institution ("Charles University", "St Mary's Hospital") where
    something is or happens ("outside Charles University")? Police, officials
    and a person named with a title never are ("police in Norwood" act)."""
    return (head.pos_ == "PROPN" and head.ent_type_ != "PERSON" and not is_person_noun(head)
            and is_where(head, frozenset()))


def _of_a_thing(head: Token, tokens: list[Token]) -> bool:
    """Does the phrase name a thing of a state rather than anyone ("the Egyptian
    economy", "an Albanian language exam"), or the state only as the thing's owner
    ("the Czech Republic" in "the Czech Republic's modern history")?"""
    things = actor_words().things
    if head.dep_ in {"poss", "compound", "amod"} and head.head.lemma_.lower() in things:
        return True
    return head.lemma_.lower() in things or any(
        token.dep_ == "compound" and token.head.i == head.i and token.lemma_.lower() in things
        for token in tokens)


def _a_namesakes_son(span: Span) -> bool:
    """Is a known person's name followed by a generational suffix ("Robert F.
    Kennedy Jr.", data/actor_words.yaml) and so someone else of that name?"""
    following = span.doc[span.end] if span.end < len(span.doc) else None
    return following is not None and following.text in actor_words().name_suffixes


def _former(tokens: list[Token]) -> bool:
    former = actor_words().former
    return any(token.lower_ in former or token.lower_.startswith("ex-") for token in tokens)

