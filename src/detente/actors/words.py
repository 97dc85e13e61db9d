"""Word lists the actor resolver reads, loaded from data/ once and checked on load:
``actor_words.yaml`` (a list per key), ``person_nouns.yaml``, ``us_states.tsv`` and
``state_descriptions.tsv``."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

from spacy.tokens import Token

from detente.data import data_path, read_table, read_word_lists, read_yaml


@dataclass(frozen=True)
class ActorWords:
    """The lists of data/actor_words.yaml (see the comments there)."""

    calendar_words: frozenset[str]
    state_nouns: frozenset[str]
    site_nouns: frozenset[str]
    place_nouns: frozenset[str]
    things: frozenset[str]
    place_parts: frozenset[str]
    former: frozenset[str]
    not_local: frozenset[str]
    american: frozenset[str]
    force_kinds: frozenset[str]
    members: frozenset[str]
    honorifics: frozenset[str]
    body_nouns: frozenset[str]
    group_nouns: frozenset[str]
    armed_group_sectors: frozenset[str]
    police_abbreviation_endings: frozenset[str]
    call_sign_prefixes: frozenset[str]
    call_sign_services: frozenset[str]
    name_suffixes: frozenset[str]


@cache
def actor_words() -> ActorWords:
    """The resolver's word lists (data/actor_words.yaml), read once; a list missing,
    misspelt or malformed there raises DataFileError naming the file and the key."""
    return read_word_lists(data_path("actor_words.yaml"), ActorWords)


@cache
def us_state_abbreviations() -> frozenset[str]:
    """US states as datelines write them, AP style and postal codes ("N.M.", "NM";
    data/us_states.tsv)."""
    return frozenset(row["abbreviation"] for row in read_table("us_states.tsv"))


@cache
def person_nouns() -> frozenset[str]:
    """Nouns for people, whom "he" and "she" can stand for (data/person_nouns.yaml)."""
    return frozenset(read_yaml("person_nouns.yaml", keys=["person_nouns"])["person_nouns"])


ANY_STATE = "*"


@cache
def state_descriptions() -> dict[str, frozenset[str] | None]:
    """The words that describe a state in place of its name ("the East African
    nation", "the Gulf state"), lower case, each with the states it fits (None:
    any state; data/state_descriptions.tsv)."""
    return {row["words"].lower(): None if row["states"] == ANY_STATE
            else frozenset(row["states"].split(";"))
            for row in read_table("state_descriptions.tsv")}


def is_person_noun(token: Token) -> bool:
    """Is the token a noun for people ("man", "doctors"; data/person_nouns.yaml)?"""
    return token.pos_ in {"NOUN", "PROPN"} and (token.lemma_.lower() in person_nouns()
                                                or token.lower_ in person_nouns())
