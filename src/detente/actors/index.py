"""The alias index of one paragraph: which of its words are actor aliases,
titles and person names, and what each alias can stand for.

Built once per paragraph (``DocIndex.build``), because resolution asks about the
same matches over and over. A demonym that is only part of a longer name
("Mexican Americans", "New Mexicans") is no alias here."""

from __future__ import annotations

from dataclasses import dataclass, field

from spacy.attrs import ORTH
from spacy.strings import get_string_id
from spacy.tokens import Doc, Span, Token
from spacy.util import filter_spans

from detente.actors.dictionary import ActorEntry, ActorMatcher
from detente.actors.words import actor_words, is_person_noun
from detente.syntax import noun_phrase_tokens

MILITARY = "MIL"  # the sector of military titles, which an armed group's outranks
# Named-entity types of a modifier that says whom an agent belongs to.
OWNER_ENTITIES = {"ORG", "PERSON", "NORP", "GPE", "FAC"}


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
    states: dict[int, str] = field(default_factory=dict)  # the one state a title belongs to
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
        people = [_without_posting(person, actor_at, matcher)
                  for person in filter_spans(people + _titled_names(doc, text, titles, actor_at))]
        matches = []
        for span in actors:
            words = text[span.start_char:span.end_char]
            alias = matcher.typographic.get(words, words)
            matches.append(AliasMatch(span, words, alias,
                                      matcher.dictionary.entries.get(alias, [])))
        for match in _elided(doc, matches, matcher, actor_at):
            matches.append(match)
            actor_at[match.span.start] = match.span
        matches.sort(key=lambda match: match.span.start)
        sectors: dict[int, str | None] = {}
        states: dict[int, str] = {}
        for span in titles:
            title = text[span.start_char:span.end_char].lower()
            sector = matcher.dictionary.titles.get(title)
            if sector == "GOV":  # "the opposition newspaper" is still a newspaper
                sector = _modifier_sector(span, matcher.dictionary.title_modifiers) or sector
            sectors.update(dict.fromkeys(range(span.start, span.end), sector))
            if title in matcher.dictionary.title_states:
                states.update(dict.fromkeys(range(span.start, span.end),
                                            matcher.dictionary.title_states[title]))
        for token in _police_abbreviations(doc, actor_at, title_at):
            title_at[token.i] = doc[token.i:token.i + 1]
            sectors[token.i] = "COP"
        for span in _call_signs(doc, actor_at, title_at):
            for i in range(span.start, span.end):
                title_at[i], sectors[i], states[i] = span, "MED", "USA"
        return cls(actor_at, title_at, by_token(people), text, matches,
                   {match.span.start: match for match in matches}, sectors=sectors,
                   states=states)

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
        """A PERSON span's name without its title or a courtesy word ("Vice
        Marshal Jo": "Jo"; "Ms Nandy": "Nandy")."""
        name = self.names.get(person.start)
        if name is None:
            honorifics = actor_words().honorifics
            words = [t for t in person if t.i not in self.title_at
                     and t.lower_.rstrip(".") not in honorifics]
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
        """The sector the last title among ``tokens`` gives ("police" → COP); a
        military rank keeps an armed group's sector before it ("rebel commander")."""
        found = None
        for token in reversed(tokens):
            sector = self.sectors.get(token.i)
            if sector is None:
                continue
            if found is None:
                found = sector
                if found != MILITARY:
                    return found
            elif sector in actor_words().armed_group_sectors:
                return sector
        return found

    def title_state(self, tokens: list[Token]) -> str | None:
        """The state the last title among ``tokens`` belongs to, when only one state
        has that title ("Home Secretary" → GBR, "Gov." → USA)."""
        for token in reversed(tokens):
            if token.i in self.sectors:
                return self.states.get(token.i)
        return None

    def words(self, first: Token, last: Token) -> str:
        """The paragraph's text from ``first`` to ``last`` (``Span.text``, cheaply)."""
        return self.text[first.idx:last.idx + len(last)]


    def display_tokens(self, head: Token, tokens: list[Token]) -> list[Token]:
        """The words that name the actor: an apposition only when it names someone
        ("the South Korean President, Kim Young Sam"), not "North Korea, the last…"."""
        shown = []
        for appos in self.appositions(head):
            own = self.phrase(appos)
            if not any(t.i in self.person_at or t.i in self.actor_at for t in own):
                hidden = {t.i for t in own}
                tokens = [t for t in tokens if t.i not in hidden]
        for token in tokens:
            if not token.is_punct and token.dep_ not in {"det", "case"}:
                shown.append(token)
        return shown


def _police_abbreviations(doc: Doc, actor_at: dict[int, Span],
                          title_at: dict[int, Span]) -> list[Token]:
    """Words of capitals that write a town's police department short ("GPD",
    "SFPD"; data/actor_words.yaml), where the word is no alias or title already
    (the dictionary's "SPD" is a German party)."""
    endings = actor_words().police_abbreviation_endings
    return [token for token in doc
            if token.i not in actor_at and token.i not in title_at and token.is_upper
            and token.is_alpha and 3 <= len(token.text) <= 6
            and any(token.text.endswith(ending) for ending in endings)]


def _call_signs(doc: Doc, actor_at: dict[int, Span], title_at: dict[int, Span]) -> list[Span]:
    """US broadcast stations by call sign and service ("WCVB-TV", "KQED-FM"): four
    or three capitals starting with K or W, the letters the ITU gives the United
    States' broadcasters (data/actor_words.yaml), where no alias or title has them."""
    words = actor_words()
    dash = get_string_id("-")
    orths = doc.to_array(ORTH).tolist()  # the dash first: no Token made for most words
    found = []
    for i in range(len(orths) - 2):
        if orths[i + 1] != dash:
            continue
        token, service = doc[i], doc[i + 2]
        if (i not in actor_at and i not in title_at and token.is_upper
                and token.is_alpha and 3 <= len(token.text) <= 4
                and token.text[0] in words.call_sign_prefixes
                and service.text in words.call_sign_services):
            found.append(doc[i:i + 3])
    return found


def _modifier_sector(title: Span, modifiers: dict[str, str]) -> str | None:
    """The sector a word before an office's title gives it, in the same name: "the
    shadow health secretary" speaks for the opposition, "a campaign spokesman" for
    a party's campaign, not for a government (data/title_modifiers.tsv). The words
    between are plain nouns and adjectives ("shadow international development
    secretary", "Shadow Health Secretary"); a possessive or a determiner ends the
    search."""
    doc = title.doc
    for i in range(title.start - 1, max(title.start - 4, -1), -1):
        word = doc[i]
        if word.lower_ in modifiers:
            return modifiers[word.lower_]
        if word.pos_ not in {"NOUN", "ADJ", "PROPN"} or not word.is_alpha:
            return None
    return None


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
    if after >= len(doc) or doc[after].text not in actor_words().american or demonyms == {"USA"}:
        return False
    if after == span.end or doc[after].text == "Americans":
        return True
    people = doc[after + 1] if after + 1 < len(doc) else None
    return people is not None and (people.i in title_at or is_person_noun(people))


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


def _elided(doc: Doc, matches: list[AliasMatch], matcher: ActorMatcher,
            actor_at: dict[int, Span]) -> list[AliasMatch]:
    """Names whose last word a coordination leaves out: "North" in "North and South
    Korea" is North Korea, "East" in "East and West Germany" East Germany."""
    found = []
    for match in matches:
        span = match.span
        if len(span) < 2 or span.start < 2 or doc[span.start - 1].lower_ not in {"and", "or"}:
            continue
        first = doc[span.start - 2]
        alias = f"{first.text} {doc[span.start + 1:span.end].text}"
        entries = matcher.dictionary.entries.get(alias)
        if entries and first.i not in actor_at and first.is_title:
            found.append(AliasMatch(doc[first.i:first.i + 1], first.text, alias, entries))
    return found


def _without_posting(person: Span, actor_at: dict[int, Span], matcher: ActorMatcher) -> Span:
    """A person's name without the state of a posting the tagger took into it ("the
    Hungarian Ambassador to Ukraine István Íjgyártó": "István Íjgyártó")."""
    alias = actor_at.get(person.start)
    if alias is None or alias.end >= person.end or person.start == 0 \
            or person.doc[person.start - 1].lower_ != "to":
        return person
    entries = matcher.dictionary.entries.get(alias.text, [])
    if not entries or any(entry.kind != "country" for entry in entries):
        return person
    return person.doc[alias.end:person.end]
