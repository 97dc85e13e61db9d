"""Where an event happened, as its sentence or article puts it.

Tried in order, the first place the gazetteer knows wins, marked with its basis:

1. ``text``: a place phrase of the event's own words: a locative preposition on
   the trigger, on its object or on the verb an event noun is the object of
   ("shelled a hospital in Khan Younis", "held talks in Geneva");
2. ``sentence``: a place phrase elsewhere in the sentence ("Speaking in Moscow,
   Putin said ..."), then a city or region the sentence names that is not the
   event's source;
3. ``dateline``: the city the article was filed from ("GENEVA, March 3 (Reuters)");
4. ``sentence`` again: a state the sentence names that is not the source;
5. ``capital``: the target state's capital, when nothing else is said.

Pure functions over the parsed sentence: a few walks over the trigger's
dependents and one dictionary look-up per candidate, so coding stays as fast.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache
from typing import TYPE_CHECKING

from spacy.tokens import Span, Token

from detente.data import read_yaml
from detente.geo.gazetteer import Place, gazetteer, name_key
from detente.model import Actor, Location
from detente.syntax import noun_phrase_tokens

if TYPE_CHECKING:
    from detente.events.coder import ArticleRun

OBJECT_DEPS = {"dobj", "nsubjpass", "attr", "pobj"}
NOUN_HEAD_DEPS = {"dobj", "nsubj", "nsubjpass", "pobj", "attr"}


@dataclass(frozen=True)
class GeoWords:
    locative: frozenset[str]
    area_words: frozenset[str]
    place_labels: frozenset[str]
    not_place_labels: frozenset[str]
    not_places: frozenset[str]


@cache
def geo_words() -> GeoWords:
    """The locator's word lists (data/geo_words.yaml)."""
    keys = ("locative", "area_words", "place_labels", "not_place_labels", "not_places")
    data = read_yaml("geo_words.yaml", keys=keys)
    return GeoWords(*(frozenset(data[key]) for key in keys))


def locate_event(trigger: Token, sentence: Span, offset: int, source: Actor, target: Actor,
                 run: ArticleRun) -> Location | None:
    """Where the event of ``trigger`` happened; ``offset`` is the paragraph's start in
    the article's clean text (spans are given in article coordinates)."""
    states = frozenset(actor.country for actor in (source, target) if actor.country)
    own = [(span, found) for span, named_object in own_places(trigger)
           if (found := place_of(span, states)) is not None
           and not (named_object and found[1] == "country")]
    # "raided the Jenin camp in the West Bank": the town, not the region around it
    best = next((item for item in own if item[1][1] == "city"), own[0] if own else None)
    if best is not None:
        return _spanned(best, "text", offset)
    # a state the sentence merely names ("rejected the proposal by France") places
    # the event less surely than the dateline does
    named_state = None
    for span, in_phrase in sentence_places(sentence, offset, source):
        found = place_of(span, states)
        if found is None:
            continue
        if in_phrase or found[1] != "country":
            return _spanned((span, found), "sentence", offset)
        named_state = named_state or (span, found)
    return (dateline_location(run, states)
            or (_spanned(named_state, "sentence", offset) if named_state else None)
            or capital_location(target))


def _spanned(found: tuple[Span, tuple[Place, str]], basis: str, offset: int) -> Location:
    span, (place, precision) = found
    return _location(place, precision, basis, (offset + span.start_char, offset + span.end_char))


def own_places(trigger: Token) -> Iterator[tuple[Span, bool]]:
    """Place phrases of the event's own words, nearest the trigger first, each
    with whether it is the name of an object ("shelled Kharkiv": a place, but
    "helped Syria": a state as a side, no place)."""
    heads = [trigger, *(child for child in trigger.children if child.dep_ in OBJECT_DEPS)]
    if trigger.pos_ in {"NOUN", "PROPN"} and trigger.dep_ in NOUN_HEAD_DEPS:
        heads.append(trigger.head)  # "held talks in Geneva": the light verb's phrase
    for head in heads:
        if head is not trigger and head.dep_ in OBJECT_DEPS:
            # "raided the Jenin refugee camp", "shelled Kyiv": the object's own name
            for token in noun_phrase_tokens(head):
                span = _name_at(token)
                if span is not None and span.root.i == token.i \
                        and span.label_ in geo_words().place_labels:  # not "met Kim"
                    yield span, True
        yield from ((span, False) for span in _locative_objects(head))


def sentence_places(sentence: Span, offset: int, source: Actor) -> Iterator[tuple[Span, bool]]:
    """Place phrases anywhere in the sentence, then its named places that are not
    the event's source ("Israel struck Gaza": the target is where; "Moscow
    condemned ..." is a government, not a place); each with whether it stands in
    a place phrase."""
    words = geo_words()
    for token in sentence:
        if token.lower_ in words.locative and token.dep_ == "prep":
            yield from ((span, True) for span in _place_spans(token))
    start, end = ((source.start - offset, source.end - offset)
                  if source.start is not None and source.end is not None else (-1, -1))
    for entity in sentence.ents:
        if entity.label_ in words.place_labels and not (
                start < entity.end_char and entity.start_char < end):
            yield entity, False


def _locative_objects(head: Token) -> Iterator[Span]:
    words = geo_words()
    for child in head.children:
        if child.dep_ == "prep" and child.lower_ in words.locative:
            yield from _place_spans(child)


def _place_spans(preposition: Token) -> Iterator[Span]:
    """The names a locative phrase may give, outermost first: "in Khan Younis";
    "at a hospital in Gaza City" (the hospital, then the city)."""
    for obj in preposition.children:
        if obj.dep_ != "pobj":
            continue
        for token in obj.subtree:
            span = _name_at(token)
            if span is not None and span.root.i == token.i:
                yield span


def _name_at(token: Token) -> Span | None:
    """The named entity ``token`` is part of, unless its label names no place (a
    name the model did not tag is left: "the Summit of the Americas")."""
    doc = token.doc
    if not token.ent_type_ or token.ent_type_ in geo_words().not_place_labels:
        return None
    start, end = token.i, token.i + 1
    while doc[start].ent_iob_ == "I":
        start -= 1
    while end < len(doc) and doc[end].ent_iob_ == "I":
        end += 1
    return Span(doc, start, end, label=token.ent_type_)


def place_of(span: Span, states: frozenset[str]) -> tuple[Place, str] | None:
    """The place a name stands for and the precision it gives, trying it without
    a trailing area word ("the Kherson region": the region of Kherson)."""
    text = span.text
    if not text[:1].isupper() and not text.lower().startswith("the "):
        return None
    if name_key(text) in geo_words().not_places:
        return None
    places = gazetteer()
    place = places.lookup(text, states)
    if place is not None:
        return place, place.kind
    words = text.split()
    if len(words) > 1 and words[-1].lower() in geo_words().area_words:
        place = places.lookup(" ".join(words[:-1]), states)
        if place is not None:
            return place, "country" if place.kind == "country" else "region"
    return None


def dateline_location(run: ArticleRun, states: frozenset[str]) -> Location | None:
    """The dateline's city, looked up among the states its region or the event
    names ("TIRANA, Albania"); spanned where it opens its paragraph."""
    context = run.context
    if context.dateline is None:
        return None
    region = gazetteer().lookup(context.dateline_region) if context.dateline_region else None
    place = gazetteer().lookup(context.dateline, states | {region.country} if region else states)
    if place is None:
        return None
    paragraph = context.dateline_paragraph
    span = None
    if paragraph < len(context.texts):
        at = context.texts[paragraph].upper().find(context.dateline.upper())
        if at >= 0:
            start = run.article.paragraph_offsets()[paragraph] + at
            span = (start, start + len(context.dateline))
    return _location(place, place.kind, "dateline", span)


def capital_location(target: Actor) -> Location | None:
    """The target state's capital: where an act towards a state is placed when
    the text says nothing of where (a guess, marked ``capital``)."""
    capital = gazetteer().capital(target.country)
    return _location(capital, "city", "capital", None) if capital is not None else None


def _location(place: Place, precision: str, basis: str,
              span: tuple[int, int] | None) -> Location:
    return Location(name=place.name, country=place.country, lat=place.lat, lon=place.lon,
                    precision=precision, basis=basis,
                    region=place.adm1_code if place.kind != "country" else None,
                    feature=place.feature_id, span=span)
