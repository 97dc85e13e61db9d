"""The status of an event: occurred, ongoing, planned, proposed, negated,
conditional or hypothetical, read off the words that govern its trigger."""

from __future__ import annotations

from dataclasses import dataclass, fields
from functools import cache

from spacy.tokens import Token

from detente.data import read_yaml

# Dependency steps through which a governing word still speaks about the event.
GOVERNING_DEPS = {"xcomp", "pcomp", "pobj", "prep", "acomp", "ccomp", "dobj", "attr", "acl",
                  "advcl", "conj", "relcl", "nsubjpass", "nsubj", "oprd", "amod"}
MAX_CLIMB = 5


@dataclass(frozen=True)
class ModalityLexicon:
    planned_heads: frozenset[str]
    proposed_heads: frozenset[str]
    mandative_adjectives: frozenset[str]
    negating_heads: frozenset[str]
    conditional_marks: frozenset[str]
    awaited_marks: frozenset[str]
    future_auxiliaries: frozenset[str]
    hypothetical_heads: frozenset[str]
    hypothetical_auxiliaries: frozenset[str]
    negations: frozenset[str]
    negative_subjects: frozenset[str]
    ongoing_heads: frozenset[str]
    ongoing_adverbs: frozenset[str]
    duration_units: frozenset[str]
    setting_prepositions: frozenset[str]


@cache
def lexicon() -> ModalityLexicon:
    spec = read_yaml("modality.yaml", keys=[f.name for f in fields(ModalityLexicon)])
    return ModalityLexicon(**{key: frozenset(values) for key, values in spec.items()})


def governing_chain(trigger: Token) -> list[Token]:
    """The trigger and the words above it, up to the first finite clause head."""
    chain = [trigger]
    token = trigger
    if trigger.dep_ == "relcl" and _is_finite_clause(trigger):
        return chain  # "will remain a party to the treaty, from which it threatened to …"
    for _ in range(MAX_CLIMB):
        if token.dep_ not in GOVERNING_DEPS or token.head == token:
            break
        if token.dep_ in {"advcl", "conj", "relcl", "nsubj", "nsubjpass"} and token is not trigger:
            break
        token = token.head
        chain.append(token)
        if _is_finite_clause(token) and token.dep_ in {"ROOT", "advcl", "relcl", "conj"}:
            break
    return chain


def _is_finite_clause(token: Token) -> bool:
    return token.pos_ in {"VERB", "AUX"} and any(
        child.dep_ in {"nsubj", "nsubjpass", "expl"} for child in token.children
    )


def event_status(trigger: Token, skip: Token | None = None) -> str:
    """The status of the event stated by ``trigger``.

    ``skip`` is a controlling verb that is itself part of the coded event
    ("refused" in "refused to let … visit") and so does not negate it.
    """
    words = lexicon()
    if trigger.dep_ == "advcl" and any(child.dep_ == "mark" and child.lower_ in words.awaited_marks
                                       for child in trigger.children):
        return "conditional"
    chain = [token for token in governing_chain(trigger) if token is not skip]
    auxiliaries = _auxiliaries(chain)
    if any(_is_condition(child, words) for token in chain for child in token.children):
        return "conditional"
    # what a verb promises or refuses is its object, not the meeting it happens at
    # ("promised investments during a meeting": the meeting took place)
    chain = _up_to_setting(chain, words)
    if any(child.dep_ == "neg" or (child.dep_ == "advmod" and child.lower_ in words.negations)
           or _is_negative_subject(child, words)
           for token in chain for child in token.children):
        return "negated"
    heads = {token.lemma_.lower() for token in chain[1:]}
    if heads & words.negating_heads:
        return "negated"
    if heads & words.proposed_heads or _is_urged(chain, words):
        return "proposed"
    if {"would", "could", "might", "should"} & auxiliaries and "have" in auxiliaries:
        return "hypothetical"  # "would have sent": it did not happen
    # "is set to visit" plans; "might set back its programme" does not ("set back" is
    # another verb)
    plans = {token.lemma_.lower() for token in chain[1:] if not _phrasal(token)}
    if plans & words.planned_heads or auxiliaries & words.future_auxiliaries:
        return "planned"
    if _is_to_infinitive_of_be(chain):
        return "planned"
    if heads & words.hypothetical_heads or auxiliaries & words.hypothetical_auxiliaries:
        return "hypothetical"
    if heads & words.ongoing_heads or any(_goes_on(token, words) for token in _own_clause(chain)):
        return "ongoing"
    return "occurred"


def _up_to_setting(chain: list[Token], words: ModalityLexicon) -> list[Token]:
    """The chain up to a preposition that sets the event as the scene of another
    act ("during", "amid"): the words above it say how that act stands."""
    for index, token in enumerate(chain[1:], 1):
        if token.dep_ == "prep" and token.lower_ in words.setting_prepositions:
            return chain[:index + 1]
    return chain


def _is_urged(chain: list[Token], words: ModalityLexicon) -> bool:
    """Is the event a subjunctive that-clause of a mandative adjective ("it is
    important that Iran allow access"), not a fact ("… to note that Russia withdrew")?"""
    verb = next((token for token in chain if token.pos_ in {"VERB", "AUX"}), None)
    return verb is not None and verb.tag_ in {"VB", "VBP"} and verb.dep_ == "ccomp" and any(
        child.dep_ == "acomp" and child.lemma_.lower() in words.mandative_adjectives
        for child in verb.head.children)


def looks_forward(trigger: Token, status: str) -> bool:
    """Whether the event's dates point ahead: plans and proposals, and conditions or
    possibilities not set in the past ("will cut off gas on 1 January unless …", "may
    freeze talks in December"; not "would have met in May")."""
    if status in {"planned", "proposed"}:
        return True
    if status not in {"conditional", "hypothetical"}:
        return False
    return not _auxiliaries(governing_chain(trigger)) & {"have", "had", "did", "was", "were"}


def _phrasal(verb: Token) -> bool:
    """Is the verb one half of a phrasal verb ("set back", "set up"), whatever the
    parser calls the particle right after it?"""
    following = verb.nbor(1) if verb.i + 1 < len(verb.doc) else None
    return following is not None and following.head == verb and (
        following.dep_ == "prt" or (following.dep_ == "advmod"
                                    and following.lower_ in {"back", "up", "off", "out", "down"}))


def _auxiliaries(chain: list[Token]) -> set[str]:
    """The auxiliaries of the words that govern the event ("will", "would have")."""
    return {child.lower_ for token in chain for child in token.children
            if child.dep_ in {"aux", "auxpass"}}


def _own_clause(chain: list[Token]) -> list[Token]:
    """The chain up to where it leaves the event's clause for a conjoined one
    ("has been lobbying …, and has warned": the warning is not going on)."""
    for index, token in enumerate(chain[:-1]):
        if token.dep_ == "conj":
            return chain[:index + 1]
    return chain


def _goes_on(token: Token, words: ModalityLexicon) -> bool:
    """Progressive ("are holding talks"), "still", or a present perfect that lasts
    ("has supplied oil for years", "have held talks since 1995"). A past progressive
    reported ("announced that it was withdrawing") tells of a step taken, not a state."""
    children = list(token.children)
    be = [child for child in children if child.lemma_ == "be" and child.dep_ in {"aux", "auxpass"}]
    if token.tag_ == "VBG" and be:
        reported = token.dep_ == "ccomp" and be[0].lower_ in {"was", "were"}
        return not reported
    if any(child.dep_ == "advmod" and child.lower_ in words.ongoing_adverbs for child in children):
        return True
    perfect = {"has", "have", "'ve"}
    if not any(child.dep_ == "aux" and child.lower_ in perfect for child in children):
        return False
    return any(child.dep_ == "prep" and _is_duration(child, words) for child in children)


def _is_duration(preposition: Token, words: ModalityLexicon) -> bool:
    if preposition.lower_ == "since":
        return True
    return preposition.lower_ == "for" and any(
        grand.dep_ == "pobj" and grand.lemma_.lower() in words.duration_units
        for grand in preposition.children)


def _is_negative_subject(child: Token, words: ModalityLexicon) -> bool:
    """"No American president has visited", "Neither China nor Russia condemned",
    "None of them sent troops": a subject that says nobody did it."""
    if child.dep_ not in {"nsubj", "nsubjpass"}:
        return False
    if child.lower_ in words.negative_subjects:
        return True
    return any(grand.dep_ in {"det", "preconj"} and grand.lower_ in {"no", "neither"}
               for grand in child.children)


def _is_condition(child: Token, words: ModalityLexicon) -> bool:
    """An "if" on the event's own clause, or an "if"-clause hanging off it
    ("if and when Russia implements", "provided Iran suspends enrichment")."""
    if child.dep_ in {"mark", "prep"}:
        return child.lower_ in words.conditional_marks
    if child.lower_ in {"provided", "providing"} and child.dep_ in {"advcl", "conj"}:
        before = child.doc[child.i - 1] if child.i else None
        return before is not None and before.dep_ not in {"cc", "punct"}
    return child.dep_ == "advcl" and any(
        grand.dep_ == "mark" and grand.lower_ in words.conditional_marks
        for grand in child.children)


def _is_to_infinitive_of_be(chain: list[Token]) -> bool:
    """"Washington is to open an office", "is to ride to Lahore for talks": be +
    to-infinitive announces a plan."""
    return any(
        token.dep_ == "xcomp"
        and token.head.lemma_ == "be"
        and any(child.dep_ == "aux" and child.lower_ == "to" for child in token.children)
        for token in chain)
