"""Word lists the actor resolver reads, loaded from data/ once."""

from __future__ import annotations

from functools import cache

import srsly
from spacy.tokens import Token

from detente.data import data_path


@cache
def person_nouns() -> frozenset[str]:
    """Nouns for people, whom "he" and "she" can stand for (data/person_nouns.yaml)."""
    return frozenset(srsly.read_yaml(data_path("person_nouns.yaml"))["person_nouns"])


def is_person_noun(token: Token) -> bool:
    """Is the token a noun for people ("man", "doctors"; data/person_nouns.yaml)?"""
    return token.pos_ in {"NOUN", "PROPN"} and (token.lemma_.lower() in person_nouns()
                                                or token.lower_ in person_nouns())
