"""Which step in the diplomatic ledger an event mention is, read off the parse.

The coder asks this of every event mention it makes: a change of diplomatic
status ("severed diplomatic relations", "the restoration of ties") is a step of
the ledger, kept on the mention (``EventMention.step``) with the coder's own
status and date and stored with it, so the ledger (``detente.relations.ledger``)
only reads stored rows. The vocabulary is the ``steps`` section of
``data/ledger.yaml``: the trigger's lemma, the CAMEO code, and the words of
what the trigger acts on."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

from spacy.tokens import Token

from detente.data import read_yaml
from detente.model import DiplomaticStep

LEDGER_FILE_KEYS = ["statuses", "steps", "missions"]
OBJECT_DEPS = {"dobj", "nsubjpass", "pobj"}  # what a verb (or an "of" noun) acts on


@dataclass(frozen=True)
class RelationRule:
    """A change of diplomatic status: the CAMEO codes it is coded under, the lemmas
    of its trigger, and (when given) a word one of its objects must have."""

    kind: str
    codes: tuple[str, ...]
    words: frozenset[str]
    objects: frozenset[str]
    symmetric: bool


@dataclass(frozen=True)
class LedgerVocabulary:
    statuses: tuple[str, ...]
    relations: tuple[RelationRule, ...]

    @property
    def symmetric_kinds(self) -> frozenset[str]:
        """Kinds that are one step for both states of a joint act."""
        return frozenset(rule.kind for rule in self.relations if rule.symmetric)


@cache
def vocabulary() -> LedgerVocabulary:
    spec = read_yaml("ledger.yaml", keys=LEDGER_FILE_KEYS)
    return LedgerVocabulary(
        statuses=tuple(spec["statuses"]),
        relations=tuple(RelationRule(rule["kind"], tuple(rule["codes"]),
                                     frozenset(rule["words"]),
                                     frozenset(rule.get("objects", ())),
                                     bool(rule.get("symmetric")))
                        for rule in spec["steps"]["relations"]))


def diplomatic_step(trigger: Token, cameo: str,
                    object_token: Token | None = None) -> DiplomaticStep | None:
    """The ledger step an event mention states, if any: the first rule whose code,
    trigger lemma and object words fit ("broke off relations": break, with "off"
    and "relations")."""
    words = {trigger.lemma_.lower(), trigger.lower_}
    objects = _objects(trigger, object_token)
    object_words = {word for token in objects for word in _words(token)}
    for rule in vocabulary().relations:
        if not cameo.startswith(rule.codes) or not words & rule.words:
            continue
        if rule.objects and not object_words & rule.objects:
            continue
        return DiplomaticStep(rule.kind, _evidence(trigger, objects))
    return None


def _objects(trigger: Token, object_token: Token | None) -> list[Token]:
    """What the trigger acts on: its object (the pattern's, else the parse's direct
    object or passive subject, or a noun's "of" phrase) and its particle ("off")."""
    found = [object_token] if object_token is not None else []
    for child in trigger.children:
        if child.dep_ in OBJECT_DEPS or child.dep_ == "prt":
            found.append(child)
        elif child.dep_ == "prep" and child.lower_ == "of":
            found += [grandchild for grandchild in child.children if grandchild.dep_ == "pobj"]
    return list(dict.fromkeys(found))


def _words(token: Token) -> set[str]:
    """A word as the rules match it: lemma, lower case, and its adjectives
    ("diplomatic" ties)."""
    return {token.lemma_.lower(), token.lower_,
            *(child.lower_ for child in token.children if child.dep_ == "amod")}


def _evidence(trigger: Token, objects: list[Token]) -> str:
    """The words that state the step: the trigger, its particle and its objects
    with their own modifiers ("severed its diplomatic relations")."""
    indexes = [trigger.i]
    for token in objects:
        indexes += [token.left_edge.i if token.dep_ != "prt" else token.i, token.i]
    doc = trigger.doc
    return doc[min(indexes):max(indexes) + 1].text
