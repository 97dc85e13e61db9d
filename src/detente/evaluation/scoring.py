"""What every evaluation shares: shares of counts, joint acts, dates at the
precision a label states, and when an event matches an expected one."""

from __future__ import annotations

from detente.events.ontology import JOINT_ROOTS
from detente.events.pair import INTENT_STATUSES, VERBAL_ROOTS
from detente.model import EventMention

# CAMEO codes an act still to come as an intent (03 to cooperate, 13 to threaten);
# detente codes the act itself with its status. A planned, proposed or conditional
# material act matches either label (the same mapping PLV's scoring uses).
INTENT_ROOTS = {True: "03", False: "13"}


def ratio(part: float, whole: float) -> float:
    """``part / whole``, and 0 for an empty whole (nothing to score is no success)."""
    return part / whole if whole else 0.0



def same_pair(root: str, got: tuple[str | None, str | None],
              wanted: tuple[str | None, str | None]) -> bool:
    """Do the sides agree, either way round for a joint act of ``root``?"""
    return got == wanted or (root in JOINT_ROOTS and got[::-1] == wanted)


def intent_root(event: EventMention) -> str | None:
    """The CAMEO intent root an act still to come also stands for ("will visit" is
    an intent to meet, 03), or None."""
    if event.status not in INTENT_STATUSES or event.root in VERBAL_ROOTS:
        return None
    return INTENT_ROOTS[event.quad <= 2]


def status_agrees(status: str, root: str, event: EventMention) -> bool:
    """Does the event's status agree with an expected one of ``root``? A planned act
    found for an intent ("promised investments": 061 planned for an expected 0331)
    agrees with the intent's ``occurred``: the promise was made, the act is to come."""
    return event.status == status or (status == "occurred" and intent_root(event) == root)


def matches(expected: dict[str, str], event: EventMention) -> bool:
    root = expected["cameo_root"]
    return root in {event.root, intent_root(event)} and same_pair(
        root, (event.source.side, event.target.side),
        (expected["source"], expected["target"]))


def same_date(predicted: str | None, expected: str) -> bool:
    """Right at the stated precision: "2000-07-19" is right for an expected "2000-07",
    "2000-07" is not right for an expected "2000-07-19"."""
    return predicted is not None and predicted[:len(expected)] == expected
