"""Pair mode: given a sentence and the text spans of a source and a target,
the best event between them (or none).

This validates existing records (is there really an ACCUSE between these two
phrases?) and is how detente is scored on the PLV set. It reuses the coder's
triggers and argument finding, but needs no actor dictionary: the marked spans
say who the sides are."""

from __future__ import annotations

from dataclasses import dataclass

from spacy.language import Language
from spacy.tokens import Doc, Token

from detente.events import arguments
from detente.events.coder import EventCoder, Trigger, trigger_status
from detente.events.ontology import lookup
from detente.events.timex import tree_distance
from detente.syntax import coordinated, noun_phrase_tokens

# PLV labels fold some PLOVER types together (data README of the PLV set).
PLV_FOLDS = {"CONCEDE": "YIELD", "RETREAT": "YIELD", "INVESTIGATE": "ACCUSE",
             "FIGHT": "ASSAULT"}
# The PLV set's FIGHT (folded into ASSAULT) is all of CAMEO root 19, blockades and
# occupation included, where the 2021 crosswalk files 191 and 192 under COERCE.
PLV_ROOT_TYPES = {"19": "FIGHT", "09": "INVESTIGATE"}
MAX_FALLBACK_DISTANCE = 3
SUBJECT_DEPS = {"nsubj", "nsubjpass", "csubj", "agent"}


# PLOVER's own quad classes of its roots (they differ from CAMEO's for appeals,
# requests and protests); the PLV set's gold_penta follows them.
PLOVER_QUAD = {"AGREE": 1, "CONSULT": 1, "SUPPORT": 1, "AID": 2, "COOPERATE": 2, "YIELD": 2,
               "ACCUSE": 3, "REJECT": 3, "REQUEST": 3, "THREATEN": 3, "ASSAULT": 4,
               "COERCE": 4, "MOBILIZE": 4, "PROTEST": 4, "SANCTION": 4}
# Cooperation that did not happen ("will not release") is a refusal in PLOVER.
# PLOVER codes what an actor says it will do as intent: cooperation still to come
# is AGREE, force or coercion still to come is THREATEN (CAMEO 03 and 13 likewise);
# an act offered on a condition ("will withdraw if") is such an intent too.
INTENT_STATUSES = {"planned", "proposed", "conditional"}
# Roots whose acts are words already: saying one will do them is still that act
# (an investigation still to come is still an accusation).
VERBAL_ROOTS = {"01", "02", "03", "09", "10", "11", "12", "13"}


def plv_label(cameo: str, status: str = "occurred") -> str | None:
    """The PLV root label of a CAMEO code and status (None for statements, root 01)."""
    code = lookup(cameo)
    if status in INTENT_STATUSES and code.root not in VERBAL_ROOTS:
        return "AGREE" if code.quad <= 2 else "THREATEN"
    if status == "negated" and code.quad <= 2:  # "will not release", "failed to agree"
        return "REJECT"
    plover = PLV_ROOT_TYPES.get(code.root, code.plover)
    return PLV_FOLDS.get(plover, plover) if plover else None


@dataclass(frozen=True)
class PairEvent:
    cameo: str
    label: str | None
    trigger: str
    trigger_start: int
    matched_sides: int


def _touches(head: Token, span: tuple[int, int] | None) -> bool:
    """Does the phrase headed by ``head`` overlap the character span?"""
    if span is None:
        return False
    start, end = span
    return any(token.idx < end and token.idx + len(token) > start
               for token in noun_phrase_tokens(head))


def _side_touches(head: Token, span: tuple[int, int] | None) -> bool:
    """Does the phrase (or, for a pronoun, its antecedent) overlap the span?"""
    if _touches(head, span):
        return True
    referent = arguments.antecedent(head)
    return referent is not None and _touches(referent, span)


def _acts_on(outer: Token, inner: Token) -> bool:
    """Is ``inner`` in what ``outer`` acts on (its object or complement), not in the
    phrase naming who acts?"""
    token = inner
    while token.head != outer and token.head != token:
        token = token.head
    return token.head == outer and token.dep_ not in SUBJECT_DEPS


def _spans_root(doc: Doc, marked: tuple[int, int] | None) -> Token | None:
    if marked is None:
        return None
    span = doc.char_span(*marked, alignment_mode="expand")
    return span.root if span is not None and len(span) else None


class PairCoder:
    """Codes the event between two marked spans of a sentence."""

    def __init__(self, nlp: Language, coder: EventCoder | None = None) -> None:
        self.nlp = nlp
        self.coder = coder or EventCoder(nlp)

    def code(self, sentence: str, source: tuple[int, int] | None,
             target: tuple[int, int] | None) -> PairEvent | None:
        """The best event from ``source`` to ``target`` (character spans; a None
        side stands for an implicit one), or None when no event word fits."""
        return self.code_doc(self.nlp(sentence), source, target)

    def code_doc(self, doc: Doc, source: tuple[int, int] | None,
                 target: tuple[int, int] | None) -> PairEvent | None:
        triggers = [t for sentence in doc.sents for t in self.coder.find_triggers(sentence)]
        if not triggers:
            return None
        scored = [(self._sides_matched(trigger, source, target), trigger) for trigger in triggers]
        best_score = max(score for score, _ in scored)
        anchor = _spans_root(doc, target) or _spans_root(doc, source)
        candidates = [trigger for score, trigger in scored if score == best_score]
        if best_score > 0:
            # "eased restrictions on aid", "reversed the conviction": the act done to
            # another event is the event between the sides, not the event it acts on
            candidates = [trigger for trigger in candidates if not any(
                other is not trigger and other.token.is_ancestor(trigger.token)
                and _acts_on(other.token, trigger.token) for other in candidates)]
        trigger = min(candidates, key=lambda t: (tree_distance(t.token, anchor)
                                                if anchor is not None else 0, t.token.i))
        if best_score == 0 and (anchor is None or
                                tree_distance(trigger.token, anchor) > MAX_FALLBACK_DISTANCE):
            return None
        return PairEvent(trigger.code, plv_label(trigger.code, trigger_status(trigger)),
                         trigger.token.text,
                         trigger.token.idx, best_score)

    def _sides_matched(self, trigger: Trigger, source: tuple[int, int] | None,
                       target: tuple[int, int] | None) -> int:
        sources = [t for head in self.coder.source_heads(trigger.token, trigger.pattern)
                   for t in coordinated(head)]
        targets = [t for head in self.coder.target_heads(trigger) for t in coordinated(head)]
        forward = (any(_side_touches(h, source) for h in sources)
                   + any(_side_touches(h, target) for h in targets))
        symmetric = trigger.pattern is not None and trigger.pattern.symmetric
        if symmetric:
            backward = (any(_side_touches(h, target) for h in sources)
                        + any(_side_touches(h, source) for h in targets))
            return max(forward, backward)
        return forward
