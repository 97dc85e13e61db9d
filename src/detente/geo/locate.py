"""Where an event happened, as its sentence or article puts it.

Tried in order, the first place the gazetteer knows wins, marked with its basis:

1. ``text``: a place phrase of the event's own words: a locative preposition on
   the trigger, on its object or on the verb an event noun is the object of
   ("shelled a hospital in Khan Younis", "held talks in Geneva"), on what the act
   aims at ("airstrikes against a camp in Pakistan"), or the state
   named as the object of a verb whose object is its place ("visited Turkey"); a
   statement's own phrase only ("condemns the announcement in Cyprus" places what
   is condemned);
2. ``sentence``: a place phrase elsewhere in the sentence ("Speaking in Moscow,
   Putin said ..."), then a city or region the sentence names that is not the
   event's source, nor a state owning anything but its land ("for Rwanda's
   support": a side). Not a place of another act the sentence tells of ("the
   consensus reached at the last round in Kunming", "agreed to hold the next round
   in Beijing", "before arriving in Beijing"), not a dateline opening it ("Jakarta:"),
   not a capital named outside a place phrase ("a treaty with Moscow": a government).
   For a summoned envoy only a place phrase, and not one of what he is summoned
   over ("to protest strikes at sites in northern Iraq");
3. ``capital``: for a summoned envoy, the summoning state's capital (its foreign
   ministry); ``sentence``: for a statement of a government named by its capital
   ("Baghdad accused ..."), that capital;
4. ``article`` (for an act told in the article's opening, its first
   ``OPENING_CHARS`` characters: past it, background): for a meeting, talks,
   agreement or signing, where the opening says the parties met ("The agreement
   was signed at RDF headquarters in Kigali"); then the first town of the
   article's opening paragraphs when they place a visit or meeting there
   ("Koizumi arrived in Pyongyang"), even in a story filed from home;
5. ``dateline``: the city the article was filed from ("GENEVA, March 3 (Reuters)",
   also one ingest took off the text: ``Article.dateline``), where the story is
   told from; ``article`` without one: the first town or region the article's
   opening paragraphs place something in ("The deal, struck in Beijing this
   week, ..."); but ``capital``, the acting state's, for an act done on its own
   soil (``home`` in ``acting_side``: a release, an expulsion, a seizure) when
   the place so told is in another state ("WASHINGTON - Venezuela freed ...");
6. ``sentence`` again: a state the sentence names that is the state of the side
   the act happens at (``acting_side``), or the only party named by its state of a
   meeting or signing; never for a statement (a state it names is what it speaks of);
7. ``capital``: the speaker's capital for a statement, when nothing else is said;
   any other event the text does not place is placed in the capital of the side
   the kind of act happens at home for (``acting_side`` in geo_words.yaml:
   the expelling state's for an expelled envoy, the target's for a strike); an
   international organisation's home is its seat (data/igo_seats.tsv: a ruling of
   the International Court of Justice is made in The Hague), but only for what it
   does: one that is the target is reached where it works, so the source's home
   is taken ("Iraq expelled the UN inspectors": Baghdad, not New York).

A state found is made precise by a town of it the article gives: its opening
town, its dateline's city, else the first town of that state a place phrase names
("landed in South Korea" ... "the cemetery in Seoul").

Functions over the parsed sentence: a few walks over the trigger's dependents
and one dictionary look-up per candidate; the article's opening town, meeting
place and towns are each found once per article, and only when needed. Coding
stays as fast (bench/throughput.py).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from functools import cache
from typing import TYPE_CHECKING, Any

from spacy.tokens import Span, Token

from detente.actors.words import actor_words, person_nouns
from detente.data import read_word_lists
from detente.datelines import opening_place, opening_place_end
from detente.dates import time_words
from detente.geo.gazetteer import Place, gazetteer, name_key
from detente.model import Actor, Location
from detente.syntax import entities_in, noun_phrase_tokens

if TYPE_CHECKING:
    from detente.events.coder import ArticleRun

OBJECT_DEPS = {"dobj", "nsubjpass", "attr", "pobj"}
ARTICLE_PARAGRAPHS = 3  # the opening paragraphs, where a story says where it is
# characters: a story's opening (its lead and the paragraphs that tell the news),
# where the article's meeting and opening town place acts; past it, background
OPENING_CHARS = 2500
NOUN_HEAD_DEPS = {"dobj", "nsubj", "nsubjpass", "pobj", "attr"}
MODIFIER_DEPS = {"compound", "amod", "nmod"}  # "US military aid": a state naming whose
LARGE_CITY = 100_000  # a name the model calls a language is a place if a city this large
SHORT_NAME = 3  # letters: a name this short or in capitals is a small town's by chance


@dataclass(frozen=True)
class GeoWords:
    locative: frozenset[str]
    area_words: frozenset[str]
    place_labels: frozenset[str]
    not_place_labels: frozenset[str]
    not_places: frozenset[str]
    destination: frozenset[str]
    motion_verbs: frozenset[str]
    entry_words: frozenset[str]
    event_nouns: frozenset[str]
    aim_prepositions: frozenset[str]
    city_states: frozenset[str]
    summon_verbs: frozenset[str]
    district_names: frozenset[str]
    speech_verbs: frozenset[str]
    meeting_words: frozenset[str]
    settlement_nouns: frozenset[str]
    unreal_auxiliaries: frozenset[str]
    place_object_verbs: frozenset[str]
    territory_nouns: frozenset[str]
    site_nouns: frozenset[str]
    side_nouns: frozenset[str]
    acting_side: dict[str, str]  # CAMEO code prefix -> "source", "home" or "target"


@cache
def geo_words() -> GeoWords:
    """The locator's word lists (data/geo_words.yaml)."""
    return read_word_lists("geo_words.yaml", GeoWords)


def locate_event(trigger: Token, sentence: Span, offset: int, source: Actor, target: Actor,
                 run: ArticleRun, code: str) -> Location | None:
    """Where the event of ``trigger`` (CAMEO ``code``) happened; ``offset`` is the
    paragraph's start in the article's clean text (spans are given in article
    coordinates). The text's places first, else the last resort by kind of act."""
    return (_placed_by_text(trigger, sentence, offset, source, target, run, code)
            or _placed_by_act(code, source, target))


def _placed_by_text(trigger: Token, sentence: Span, offset: int, source: Actor, target: Actor,
                    run: ArticleRun, code: str) -> Location | None:
    states = frozenset(actor.country for actor in (source, target) if actor.country)
    # a state named as the object is a side ("helped Syria"), but the place of a
    # verb whose object is where it happens ("visited Turkey")
    sided = trigger.lemma_.lower() not in geo_words().place_object_verbs
    own = [(span, found) for span, named_object in own_places(trigger)
           if (found := place_of(span, states)) is not None
           and not (named_object and sided and found[1] == "country")]
    # "raided the Jenin camp in the West Bank": the town, not the region around it
    best = next((item for item in own if item[1][1] == "city"), own[0] if own else None)
    if best is not None:
        return _refined(_spanned(best, "text", offset), run)
    # a state the sentence merely names ("rejected the proposal by France") places
    # the event less surely than the article or its dateline do
    named_states: list[tuple[Span, tuple[Place, str]]] = []
    passed: set[int] = set()  # names of a place phrase already judged
    summons = bool(source.country) and _summons(trigger)
    # a statement is where its speaker was: a state it names is what it speaks of
    statement = _is_statement(trigger)
    for span, in_phrase in sentence_places(sentence, offset, source, run, trigger):
        if span.start in passed:
            continue
        if summons and (not in_phrase or _purpose_of(span.root, trigger)):
            # an envoy is summoned to the summoner's ministry unless a place
            # phrase of the summons says where ("to the ministry in Erbil"), not
            # to where what he is summoned over happened ("to protest strikes at
            # sites in northern Iraq")
            continue
        if in_phrase:
            passed.add(span.start)
        found = place_of(span, states)
        if found is None or (in_phrase == "noun" and found[1] != "city"):
            continue  # "the stay of troops in Cabo Delgado": about the troops, not the act
        if not in_phrase and span.label_ == "GPE" and _is_capital(found[0]):
            continue  # "a treaty with Moscow", "Tehran's programme": a government
        if not in_phrase and statement:
            continue  # "threatened to turn Gaza into a wasteland and warned ...": spoken of
        if not in_phrase and found[1] == "country" and span.root.dep_ in MODIFIER_DEPS:
            continue  # "withheld US military aid": whose aid, not where
        if in_phrase or found[1] != "country":
            return _refined(_spanned((span, found), "sentence", offset), run)
        named_states.append((span, found))
    if summons and (summoner := capital_location(source)) is not None:
        return summoner
    if statement and (seat := _speaking_capital(source)) is not None:
        return seat
    # the article's own places tell where its opening's story happened; an act told
    # past the opening is background ("... the talks that led to the deal"), placed
    # by its sentence, the dateline or the last resort
    opening = offset < OPENING_CHARS
    meeting = meeting_place(run) if opening and trigger.lemma_.lower() in (
        geo_words().meeting_words) else None
    placed = (meeting or (visited_place(run) if opening else None)
              or dateline_location(run, states))
    told = placed or (article_place(run) if opening else None)
    if told is not None and told.country != source.country and (
            _acting_side(code) == "home" or (statement and placed is None)) \
            and (home := capital_location(source)) is not None:
        # "WASHINGTON - Venezuela freed seven Americans": done on Venezuelan soil,
        # wherever the story is told from; "Strikes hit Gaza ... Netanyahu warned":
        # a speaker the story does not take abroad speaks at home
        return home
    return (told
            or (_refined(_spanned(named_state, "sentence", offset), run)
                if not statement and (named_state := _named_setting(
                    named_states, trigger, code, source, target)) else None)
            or (home_location(source) if statement else None))


def _named_setting(named: list[tuple[Span, tuple[Place, str]]], trigger: Token, code: str,
                   source: Actor, target: Actor) -> tuple[Span, tuple[Place, str]] | None:
    """The state among those the sentence merely names that is the event's setting:
    one named as the owner of land ("violated Pakistan's airspace"), else the state
    of the side the act happens at ("Russian forces attacked Ukraine"; not the
    other side's, "the United States lifted sanctions on Sudan", nor one the sentence
    speaks of, "discussed Libya with Trump"), else, for a meeting or agreement, the
    only side the sentence names by its state ("the memorandum between the EU and
    Tunisia was signed by Meloni and Saied"; not "Canada and Costa Rica agreed")."""
    land = next((item for item in named if item[0].root.dep_ == "poss"), None)
    if land is not None:  # a state owning anything else is no place (sentence_places)
        return land
    acting = _acting_state(code, source, target)
    at_home = next((item for item in named if item[1][0].country == acting), None)
    if at_home is not None or trigger.lemma_.lower() not in geo_words().meeting_words:
        return at_home
    sides = {item[1][0].country for item in named} & {source.country, target.country}
    if _named_as_state(source) and source.country is not None:
        sides.add(source.country)  # "Canada and Costa Rica signed": both named
    return next((item for item in named if item[1][0].country in sides), None) if len(
        sides) == 1 else None


def _named_as_state(side: Actor) -> bool:
    """Is the side named by its state's name ("Canada"; not "Giorgia Meloni")?"""
    place = gazetteer().lookup(side.text) if side.text else None
    return place is not None and place.kind == "country" and place.country == side.country


def _speaking_capital(source: Actor) -> Location | None:
    """The capital a government is named by when it speaks ("Baghdad accused
    Ankara ..."): where its statement was made (basis ``sentence``)."""
    if not source.text or source.start is None or source.end is None:
        return None
    place = gazetteer().lookup(source.text)
    if place is None or place.country != source.country or not _is_capital(place):
        return None
    return _location(place, "city", "sentence", (source.start, source.end))


def _is_statement(trigger: Token) -> bool:
    """Is the event a statement: a verb of saying, or an act still to come that a
    speaker says will be done ("said that his country maintains its will to reach
    a treaty", "said Russia would help Syria": an intent, stated), not one told as
    the circumstance of another act ("said a helicopter was shot down while trying
    to raid a position": a raid tried)?"""
    words = geo_words()
    if trigger.lemma_.lower() in words.speech_verbs:
        return True
    if not any(child.dep_ == "aux" and child.lower_ in words.unreal_auxiliaries
               for child in trigger.children):
        return False
    node = trigger
    while node.head.i != node.i:
        if node.dep_ == "ccomp" and node.head.lemma_.lower() in words.speech_verbs:
            return True
        if node.dep_ in {"advcl", "acl", "relcl"}:
            return False  # "a helicopter shot down while trying to raid a position": done
        node = node.head
    return False


def _purpose_of(token: Token, trigger: Token) -> bool:
    """Is ``token`` in a clause the trigger's verb governs ("summoned the
    ambassador to protest strikes at sites in northern Iraq")?"""
    node = token
    while node.head.i != node.i and node.i != trigger.i:
        if node.dep_ in {"advcl", "xcomp"} and node.head.i == trigger.i:
            return True
        node = node.head
    return False


def _summons(trigger: Token) -> bool:
    """Is the event a summoning ("summoned the Turkish ambassador"), or what an
    envoy is summoned for ("summoned the ambassador to state Hungary's objections")?"""
    verbs = geo_words().summon_verbs
    node = trigger
    for _ in range(3):
        if node.lemma_.lower() in verbs:
            return True
        if node.head.i == node.i:
            break
        node = node.head
    return False


def _refined(location: Location, run: ArticleRun) -> Location:
    """A state the sentence names, made precise by a town of that state the
    article gives: the town its opening places the story in ("landed in South
    Korea" after "the summit in Seoul"), else its dateline's city, else the first
    town of that state any place phrase of the article names ("traveled to Tunisia"
    in a story that says "Team Europe is back in Tunis")."""
    if location.precision != "country":
        return location
    state = location.country
    town = article_place(run)
    if town is not None and town.country == state:
        return town
    town = dateline_location(run, frozenset({state}))
    if town is not None and town.country == state:
        return town
    return next((town for town in article_towns(run) if town.country == state), location)


def article_towns(run: ArticleRun) -> list[Location]:
    """The towns the article's place phrases name, in order (basis ``article``);
    found once per article, when a state is to be made precise."""
    towns: list[Location] = _once(run, "towns", lambda: [
        _spanned((span, found), "article", offset)
        for preposition, offset, states in _article_place_phrases(run)
        for span in _place_spans(preposition)
        if (found := place_of(span, states)) is not None and found[1] == "city"])
    return towns


def _once(run: ArticleRun, name: str, find: Callable[[], Any]) -> Any:
    """What ``find`` gives for the run's article, worked out on the first call."""
    if name not in run.located:
        run.located[name] = find()
    return run.located[name]


def _article_place_phrases(run: ArticleRun, paragraphs: int | None = None
                           ) -> Iterator[tuple[Token, int, frozenset[str]]]:
    """The locative prepositions of the article (of its first ``paragraphs``), each
    with its paragraph's offset and the states the article names."""
    states = frozenset(run.context.mentioned)
    for (doc, _), offset in zip(run.context.paragraphs[:paragraphs],
                                run.article.paragraph_offsets(), strict=False):
        for token in doc:
            if token.dep_ == "prep" and _is_locative(token):
                yield token, offset, states


def _spanned(found: tuple[Span, tuple[Place, str]], basis: str, offset: int) -> Location:
    span, (place, precision) = found
    return _location(place, precision, basis, (offset + span.start_char, offset + span.end_char))


def own_places(trigger: Token) -> Iterator[tuple[Span, bool]]:
    """Place phrases of the event's own words, nearest the trigger first, each
    with whether it is the name of an object ("shelled Kharkiv": a place, but
    "helped Syria": a state as a side, no place). A statement's are its own
    ("condemned in Brussels"), not its object's ("condemns the announcement in
    Cyprus": where what is condemned was said)."""
    if trigger.lemma_.lower() in geo_words().speech_verbs:
        # "condemns the announcement in Cyprus", "accused Ankara": what is spoken of
        yield from ((span, False) for span in _locative_objects(trigger))
        return
    heads = [trigger, *(child for child in trigger.children if child.dep_ in OBJECT_DEPS)]
    if trigger.pos_ in {"NOUN", "PROPN"} and trigger.dep_ in NOUN_HEAD_DEPS:
        heads.append(trigger.head)  # "held talks in Geneva": the light verb's phrase
    for head in heads:
        if head is not trigger and head.dep_ in OBJECT_DEPS:
            # "raided the Jenin refugee camp", "shelled Kyiv": the object's own name
            for span in _phrase_names(head, place_labels_only=True):
                yield span, True
        yield from ((span, False) for span in _locative_objects(head))
    for head in heads:
        # "airstrikes against a camp in Pakistan": where what the act aims at is
        yield from ((span, False) for aim in _aimed_at(head) for span in _locative_objects(aim))


def _aimed_at(head: Token) -> Iterator[Token]:
    """The objects of the head's prepositions of aim ("strikes on militant targets",
    "meetings with the Taliban")."""
    for child in head.children:
        if child.dep_ == "prep" and child.lower_ in geo_words().aim_prepositions:
            yield from (obj for obj in child.children if obj.dep_ == "pobj")


def sentence_places(sentence: Span, offset: int, source: Actor, run: ArticleRun,
                    trigger: Token | None = None) -> Iterator[tuple[Span, str | None]]:
    """Place phrases anywhere in the sentence, those of its verbs first, then its
    named places that are not the event's source ("Israel struck Gaza": the
    target is where; "Moscow condemned ..." is a government, not a place); each
    with what the place phrase belongs to ("verb", "noun"; None: no phrase).
    Places of another act the sentence tells of are left (see ``_other_act``)."""
    phrases: list[tuple[Span, str]] = []
    for token in sentence:
        if token.dep_ == "prep" and _is_locative(token) and not _other_act(token, trigger):
            phrases += [(span, _phrase_kind(token)) for span in _place_spans(token)]
    yield from sorted(phrases, key=lambda item: item[1] != "verb")
    start, end = ((source.start - offset, source.end - offset)
                  if source.start is not None and source.end is not None else (-1, -1))
    head = _dateline_head(sentence, run)
    for entity in entities_in(sentence):
        if entity.label_ in geo_words().place_labels and entity.start_char >= head and not (
                start < entity.end_char and entity.start_char < end) and not _other_act(
                    entity.root, trigger) and not _owner_only(entity.root):
            yield entity, None


def _owner_only(name: Token) -> bool:
    """Does a state name own something other than its land ("in retaliation for
    Rwanda's support": a side), not its land ("a breach of Pakistan's airspace"),
    or name whose person someone is ("spoke with the president of Ukraine")?"""
    if name.dep_ == "pobj" and name.head.lower_ == "of":
        return name.head.head.lemma_.lower() in person_nouns()
    return name.dep_ == "poss" and name.head.lemma_.lower() not in geo_words().territory_nouns


def _other_act(token: Token, trigger: Token | None) -> bool:
    """Does ``token`` belong to a clause that tells of another act than the
    trigger's: one describing a noun ("reviewed the consensus reached at the last
    round in Kunming", "Americans jailed by the United States"), an act the
    trigger agrees to or plans ("agreed to hold the next round in Beijing"), or
    one before or after it ("visited the expo before arriving in Beijing"), or a
    clause of its own beside it ("shortly after militants fired rockets into
    Israel")?"""
    if trigger is None:
        return False
    sequence = time_words().sequence_marks
    node = token
    while node.head.i != node.i and node.i != trigger.i:
        if node.dep_ in {"acl", "relcl"} and not (
                node.left_edge.i <= trigger.i <= node.right_edge.i):
            return True
        if node.dep_ in {"xcomp", "ccomp"} and node.head.i == trigger.i:
            return True
        if node.dep_ == "pcomp" and node.head.lower_ in sequence:
            return True
        if node.dep_ in {"advcl", "conj"} and _own_clause(node) and not (
                node.left_edge.i <= trigger.i <= node.right_edge.i):
            return True
        node = node.head
    return False


def _own_clause(verb: Token) -> bool:
    """Does the verb head a clause of its own: with a subject of its own ("shortly
    after militants fired rockets into Israel", "even as the Kurds said ...") or
    led by a word of sequence? Not a clause that shares the event's actor
    ("Speaking in Moscow, Putin said ...")."""
    return any(child.dep_ in {"nsubj", "nsubjpass"}
               or (child.dep_ == "mark" and child.lower_ in time_words().sequence_marks)
               for child in verb.children)


def _dateline_head(sentence: Span, run: ArticleRun) -> int:
    """Where the dateline opening the sentence's paragraph ends ("ERBIL, Kurdistan
    Region -", "Jakarta:"), 0 for none: a dateline places the story's filing,
    not the sentence's act (the dateline itself is read apart)."""
    if sentence.start != 0:
        return 0
    return opening_place_end(run.context.text_of(sentence.doc))


def _is_capital(place: Place) -> bool:
    """Is the place its state's capital (a name that can stand for a government)?"""
    capital = gazetteer().capital(place.country) if place.kind == "city" else None
    return capital is not None and capital.feature_id == place.feature_id


def _phrase_kind(preposition: Token) -> str:
    """"verb" for a place phrase of an act ("struck in Beijing", "the summit in
    Seoul"), "noun" for one that places a thing or people ("the government in
    Lima", "the consulate in Lima")."""
    head = preposition.head
    if head.pos_ in {"VERB", "AUX"} or head.lemma_.lower() in geo_words().event_nouns:
        return "verb"
    return "noun"


def _is_locative(preposition: Token) -> bool:
    """Does the preposition say where ("in", "at", "on the side of"), or whither
    after a verb of going ("travelled to Tonga"; not "a commitment to Ukraine")?"""
    words = geo_words()
    word = preposition.lower_
    if word in words.locative:
        return True
    if word == "on":  # "on the southern side of the truce village", "on the outskirts of Kyiv"
        return any(child.dep_ == "pobj" and child.lemma_.lower() in words.side_nouns
                   for child in preposition.children)
    head = preposition.head.lemma_.lower()
    if word == "into":  # "fired rockets into Israel"; not "turned Gaza into a wasteland"
        return head in words.motion_verbs or head in words.entry_words
    return word in words.destination and head in words.motion_verbs


def _locative_objects(head: Token) -> Iterator[Span]:
    for child in head.children:
        if child.dep_ == "prep" and _is_locative(child):
            yield from _place_spans(child)


def _place_spans(preposition: Token) -> Iterator[Span]:
    """The names a locative phrase gives: its object's ("in Khan Younis", "the
    Jenin camp"), then those of the place phrases inside it ("at a hospital in
    Gaza City"); not names further down ("in support of ... by Bahrain")."""
    for obj in preposition.children:
        if obj.dep_ == "pobj":
            yield from _phrase_names(obj)


def _phrase_names(noun: Token, place_labels_only: bool = False,
                  depth: int = 2) -> Iterator[Span]:
    """Names in a noun phrase's own words, then in its locative phrases; not the
    owner of an act, who does it ("died in Tehran's attack": Iran's government)."""
    words = geo_words()
    site = None if place_labels_only else _site_name(noun)
    if site is not None:  # "the Zaporozhye nuclear power plant" before "Zaporozhye"
        yield site
    district = _district_of_town(noun)
    if district is not None:  # "the Old City of Mosul", though the model tags no Mosul
        yield district
    for token in noun_phrase_tokens(noun):
        span = _name_at(token)
        if span is not None and span.root.i == token.i and (
                not place_labels_only or span.label_ in words.place_labels) and not (
                token.dep_ == "poss" and token.head.lemma_.lower() in words.event_nouns):
            yield span
    if depth:
        for child in noun.children:
            if child.dep_ == "prep" and (_is_locative(child) or (
                    child.lower_ == "of" and noun.lemma_.lower() in (
                        words.settlement_nouns | words.side_nouns))):
                # "at the hospital in Gaza City", "the truce village of Panmunjom",
                # "on the southern side of the village"
                for obj in child.children:
                    if obj.dep_ == "pobj":
                        yield from _phrase_names(obj, place_labels_only, depth - 1)


def _site_name(noun: Token) -> Span | None:
    """A site named by a proper name and the kind of site ("Sudan's Marwa air base":
    "Marwa air base", "the Zaporozhye nuclear power plant"), the name's words with
    the noun's, as one name."""
    if noun.lemma_.lower() not in geo_words().site_nouns:
        return None
    start = noun.i
    while start > 0 and noun.doc[start - 1].dep_ in {"compound", "amod"} and (
            noun.doc[start - 1].head.i in range(start - 1, noun.i + 1)):
        start -= 1
    if start == noun.i or noun.doc[start].pos_ != "PROPN":
        return None
    return Span(noun.doc, start, noun.i + 1)


def _district_of_town(noun: Token) -> Span | None:
    """A district many towns have, with the town named by its "of" ("the Old
    City of Mosul"), as one name; None for any other noun."""
    if not noun.text[:1].isupper():
        return None
    start = noun.left_edge.i + (noun.left_edge.dep_ == "det")
    if name_key(noun.doc[start:noun.i + 1].text) not in geo_words().district_names:
        return None
    town = next((obj for child in noun.children if child.dep_ == "prep" and child.lower_ == "of"
                 for obj in child.children if obj.dep_ == "pobj" and obj.pos_ == "PROPN"), None)
    return Span(noun.doc, start, town.i + 1) if town is not None else None


def _name_at(token: Token) -> Span | None:
    """The named entity ``token`` is part of, unless its label names no place (a
    name the model did not tag is left: "the Summit of the Americas"); a name it
    calls a language is kept when it is a large city's ("back in Tunis")."""
    doc = token.doc
    if not token.ent_type_ or (token.ent_type_ in geo_words().not_place_labels
                               and token.ent_type_ != "LANGUAGE"):
        return None
    start, end = token.i, token.i + 1
    while doc[start].ent_iob_ == "I":
        start -= 1
    while end < len(doc) and doc[end].ent_iob_ == "I":
        end += 1
    span = Span(doc, start, end, label=token.ent_type_)
    return span if token.ent_type_ != "LANGUAGE" or _large_city(span.text) else None


def _large_city(name: str) -> bool:
    """Is ``name`` a large city's own name ("back in Tunis", which the model calls
    a language; not "in Dari", a town's, nor "in Thai", a city's other name)?"""
    place = gazetteer().lookup(name)
    return (place is not None and place.kind == "city" and place.population >= LARGE_CITY
            and name_key(place.name) == name_key(name))


def place_of(span: Span, states: frozenset[str]) -> tuple[Place, str] | None:
    """The place a name stands for and the precision it gives, trying it without
    a trailing area word ("the Kherson region": the region of Kherson)."""
    text = span.text
    if text.endswith(("'s", "’s")):
        text = text[:-2].rstrip()  # "Papua New Guinea's capital"
    if not text[:1].isupper() and not text.lower().startswith("the "):
        return None
    words = geo_words()
    key = name_key(text)
    if key in words.not_places or key in words.district_names:
        return None  # "in Asia"; "the Old City": whose, only a city named with it says
    town = _district_town(text, states)
    if town is not None:
        return town, town.kind
    places = gazetteer()
    place = places.lookup(text, states)
    if place is not None and _acronym_like(text) and place.kind == "city" and (
            place.population < LARGE_CITY):
        return None  # "the IG", "ICC": an organisation's initials, not Ig, Slovenia
    if place is not None and place.kind == "country" and key in words.city_states:
        capital = places.capital(place.country)  # "the ministers' meeting in Luxembourg"
        return (capital, "city") if capital is not None else (place, place.kind)
    if place is not None:
        return place, place.kind
    for tail in (text.rpartition(" in ")[2], text.partition(",")[0]):
        # "the Great Hall of the People in Beijing", "Magelang, Central Java"
        if tail != text and tail[:1].isupper():
            place = places.lookup(tail, states)
            if place is not None:
                return place, place.kind
    owned = _owned_place(text, states)
    if owned is not None:
        return owned, owned.kind
    names = text.split()
    if len(names) > 1 and names[-1].lower() in words.area_words:
        place = places.lookup(" ".join(names[:-1]), states)
        if place is not None:
            return place, "country" if place.kind == "country" else "region"
    return None


def _acronym_like(name: str) -> bool:
    """Is the name written as initials ("IG", "the ICC", "NATO") or as short as
    initials ("Ig")? Such a name is a small town's only by chance."""
    bare = name[4:] if name.lower().startswith("the ") else name
    letters = bare.replace(".", "").replace(" ", "")
    return len(letters) <= SHORT_NAME or (letters.isalpha() and letters.isupper())


def _district_town(name: str, states: frozenset[str]) -> Place | None:
    """The town of a district name many towns share, when the name gives the
    town ("the Old City of Mosul", "Mosul's Old City"): the town, not the Old City
    of Jerusalem; None for any other name."""
    districts = geo_words().district_names
    for district, mark, town in (name.partition(" of "), name.partition("'s "),
                                 name.partition("’s ")):
        if not mark:
            continue
        if mark != " of ":
            district, town = town, district  # "Mosul's Old City"
        if name_key(district) in districts and town[:1].isupper():
            return gazetteer().lookup(town, states)
    return None


def _owned_place(name: str, states: frozenset[str]) -> Place | None:
    """A place named as a region's or state's ("Ladakh's Chushul"): the town, when
    the gazetteer has it in the owner's state, else the owner; None where the
    owner is no place ("the People's Republic")."""
    for mark in ("'s ", "’s "):
        owner_name, found, owned_name = name.partition(mark)
        if not found:
            continue
        owner = gazetteer().lookup(owner_name, states)
        if owner is None or owner.kind == "city":
            return None
        owned = gazetteer().lookup(owned_name, {owner.country})
        return owned if owned is not None and owned.country == owner.country else owner
    return None


def meeting_place(run: ArticleRun) -> Location | None:
    """Where the article says its parties met: the first place phrase of a meeting,
    talks or signing in its opening (``OPENING_CHARS``; "The agreement was signed
    at RDF headquarters in Kigali", "The September meeting will take place in
    Vienna", "held the meeting in Thimphu"), basis ``article``: where a meeting,
    agreement or signing the sentence does not place happened. A state is made
    precise by a town of it the article gives. Found once per article."""
    def find() -> Location | None:
        found = _first_meeting_place(run)
        return _refined(found, run) if found is not None else None

    meeting: Location | None = _once(run, "meeting", find)
    return meeting


def _first_meeting_place(run: ArticleRun) -> Location | None:
    for preposition, offset, states in _article_place_phrases(run):
        if offset >= OPENING_CHARS:
            break  # "a meeting in Chile that was cancelled", deep in a long story
        head = preposition.head
        if not (_of_meeting(head) or (head.dep_ == "acl" and head.head.lemma_.lower()
                                      in geo_words().meeting_words)):
            continue  # "the summit meeting ... held at the Peace House" too
        found = [(span, place) for span in _place_spans(preposition)
                 if (place := place_of(span, states)) is not None]
        best = next((item for item in found if item[1][1] != "country"),
                    found[0] if found else None)
        if best is not None:
            return _spanned(best, "article", offset)
    return None


def _of_meeting(head: Token) -> bool:
    """Is ``head`` a meeting, talks or signing ("signed at", "the meeting in"), or
    a verb whose subject or object is one ("held the meeting in", "the meeting will
    take place in")?"""
    words = geo_words().meeting_words
    if head.lemma_.lower() in words:
        return True
    if head.dep_ in {"nsubj", "dobj"} and head.head.lemma_.lower() in words:
        return True  # "Rosso at Port Moresby to sign the pact", as the parser reads it
    agent = _agent_of(head)
    if agent is not None and agent.lemma_.lower() in words:
        return True  # "signed by Subianto and Marles at the academy in Magelang", likewise
    return head.pos_ in {"VERB", "AUX"} and any(
        child.dep_ in {"nsubj", "nsubjpass", "dobj"} and child.lemma_.lower() in words
        for child in head.children)


def _agent_of(noun: Token) -> Token | None:
    """The verb a name is (one of) the agents of ("signed by Subianto and Marles"),
    else None."""
    while noun.dep_ == "conj" and noun.head.i != noun.i:
        noun = noun.head
    if noun.dep_ == "pobj" and noun.head.dep_ == "agent":
        return noun.head.head
    return None


def article_place(run: ArticleRun) -> Location | None:
    """The town or region the article's opening paragraphs first place something
    in ("The deal, struck in Beijing this week, ..."), basis ``article``: where a
    sentence that says nothing of place most likely happened. Found once per
    article."""
    found = _opening_town(run)
    return found[0] if found is not None else None


def visited_place(run: ArticleRun) -> Location | None:
    """The article's opening town when the opening places a visit or meeting in
    it ("Koizumi arrived in Pyongyang", "the summit in Seoul"): where the story's
    acts happened, even when it is filed from elsewhere (a dateline at home)."""
    found = _opening_town(run)
    return found[0] if found is not None and found[1] else None


def _opening_town(run: ArticleRun) -> tuple[Location, bool] | None:
    town: tuple[Location, bool] | None = _once(run, "town", lambda: _first_town(run))
    return town


def _first_town(run: ArticleRun) -> tuple[Location, bool] | None:
    """The opening's first town of an act, and whether that act is a visit or a
    meeting."""
    for preposition, offset, states in _article_place_phrases(run, ARTICLE_PARAGRAPHS):
        if _phrase_kind(preposition) != "verb":
            continue
        for span in _place_spans(preposition):
            found = place_of(span, states)
            if found is not None and found[1] != "country":
                head = preposition.head
                lemma = head.lemma_.lower()
                # "summoned the ambassador to N'Djamena": the summoner's doing at home,
                # not a visit that takes the story's acts there
                return _spanned((span, found), "article", offset), (
                    _of_meeting(head) or (lemma in geo_words().motion_verbs
                                          and lemma not in geo_words().summon_verbs))
    return None


def dateline_location(run: ArticleRun, states: frozenset[str]) -> Location | None:
    """The dateline's city, looked up among the states its region or the event
    names ("TIRANA, Albania"); spanned where it opens its paragraph. A dateline
    the actor resolver leaves ("Jakarta: ...", "Riyadh, 11 March 2023 (TDI): ...")
    is read here from the opening paragraph, one ingest took off the text from
    ``Article.dateline``."""
    context = run.context
    city, region_name, paragraph = (context.dateline, context.dateline_region,
                                    context.dateline_paragraph)
    if city is None and run.article.dateline:
        # a dateline ingest took off the text ("SYDNEY (Reuters) -"): no span to give
        city, _, region_name = (part.strip() for part in run.article.dateline.partition(","))
        city, region_name, paragraph = city.title(), region_name or None, len(context.texts)
    if city is None and context.texts:
        city, paragraph = opening_place(context.texts[0]), 0
    if city is None or city in actor_words().calendar_words:
        return None
    region = gazetteer().lookup(region_name) if region_name else None
    place = gazetteer().lookup(city, states | {region.country} if region else states)
    if place is None or place.kind == "country":
        return None
    span = None
    if paragraph < len(context.texts):
        at = context.texts[paragraph].upper().find(city.upper())
        if at >= 0:
            start = run.article.paragraph_offsets()[paragraph] + at
            span = (start, start + len(city))
    return _location(place, place.kind, "dateline", span)


def capital_location(side: Actor) -> Location | None:
    """The side's state's capital (a guess, marked ``capital``): the summoning
    state's for a summoning."""
    capital = gazetteer().capital(side.country)
    return _location(capital, "city", "capital", None) if capital is not None else None


def home_location(side: Actor) -> Location | None:
    """Where a side acts at home (a guess, marked ``capital``): its state's capital,
    or the seat of an international organisation with no state ("the International
    Court of Justice rejected ...": The Hague, data/igo_seats.tsv): the speaker's
    for a statement, the acting side's for an event the text does not place."""
    if side.country:
        return capital_location(side)
    seat = gazetteer().seat(side.code)
    return _location(seat, "city", "capital", None) if seat is not None else None


def _placed_by_act(code: str, source: Actor, target: Actor) -> Location | None:
    """The home of the side an act of ``code`` happens at home for, where the
    text places the event nowhere: an envoy expelled, a seizure or a court's ruling
    is the acting side's doing, a strike or a visit happens at the target's
    (``acting_side``, by CAMEO code); an act with no home on that side is placed at
    the target's. An international organisation as the target is reached where
    it works, not at its seat ("Iraq expelled the UN inspectors": in Iraq, not New
    York): the source's home then, else nothing."""
    target_home = capital_location(target) if target.country else None
    if _acting_side(code) == "target":
        return target_home or home_location(source)
    return home_location(source) or target_home


def _acting_state(code: str, source: Actor, target: Actor) -> str | None:
    """The state of the side an act of ``code`` happens at (``acting_side``)."""
    return (target if _acting_side(code) == "target" else source).country


def _acting_side(code: str) -> str:
    """"source", "home" (the source's, on its own soil) or "target": the side of
    the act's longest code prefix in the table, "target" where none matches."""
    sides = geo_words().acting_side
    return next((sides[code[:size]] for size in range(len(code), 0, -1)
                 if code[:size] in sides), "target")


def _location(place: Place, precision: str, basis: str,
              span: tuple[int, int] | None) -> Location:
    return Location(name=place.name, country=place.country, lat=place.lat, lon=place.lon,
                    precision=precision, basis=basis,
                    region=place.adm1_code if place.kind != "country" else None,
                    feature=place.feature_id, span=span)
