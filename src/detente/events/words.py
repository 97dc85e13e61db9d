"""Word lists the event coder reads the parse with, loaded from
data/event_words.yaml once and checked on load (see the comments there)."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

from detente.data import data_path, read_word_lists


@dataclass(frozen=True)
class EventWords:
    """The lists of data/event_words.yaml."""

    quantifiers: frozenset[str]
    state_verbs: frozenset[str]
    goal_verbs: frozenset[str]
    engaging_verbs: frozenset[str]
    joint_settings: frozenset[str]
    lead_up_marks: frozenset[str]
    mandative_auxiliaries: frozenset[str]
    side_pronouns: frozenset[str]
    relative_pronouns: frozenset[str]
    reason_prepositions: frozenset[str]
    reciprocal_triggers: frozenset[str]
    condition_marks: frozenset[str]
    homeland_words: frozenset[str]
    third_party_participles: frozenset[str]
    convening_verbs: frozenset[str]
    elsewhere_prepositions: frozenset[str]
    helper_nouns: frozenset[str]
    allegation_nouns: frozenset[str]
    summary_nouns: frozenset[str]
    reporting_verbs: frozenset[str]
    own_time_words: frozenset[str]


@cache
def event_words() -> EventWords:
    """The coder's word lists (data/event_words.yaml), checked on load."""
    return read_word_lists(data_path("event_words.yaml"), EventWords)
