"""What every evaluation shares: shares of counts, joint acts, dates at the
precision a label states, and when an event matches an expected one."""

from __future__ import annotations

from detente.model import EventMention

# Roots whose events are joint acts: "X and Y met" is as true as "Y and X met".
JOINT_ROOTS = {"03", "04", "05", "06"}


def ratio(part: float, whole: float) -> float:
    """``part / whole``, and 0 for an empty whole (nothing to score is no success)."""
    return part / whole if whole else 0.0



def same_pair(root: str, got: tuple[str | None, str | None],
              wanted: tuple[str | None, str | None]) -> bool:
    """Do the sides agree, either way round for a joint act of ``root``?"""
    return got == wanted or (root in JOINT_ROOTS and got[::-1] == wanted)


def matches(expected: dict[str, str], event: EventMention) -> bool:
    return event.root == expected["cameo_root"] and same_pair(
        event.root, (event.source.side, event.target.side),
        (expected["source"], expected["target"]))


def same_date(predicted: str | None, expected: str) -> bool:
    """Right at the stated precision: "2000-07-19" is right for an expected "2000-07",
    "2000-07" is not right for an expected "2000-07-19"."""
    return predicted is not None and predicted[:len(expected)] == expected
