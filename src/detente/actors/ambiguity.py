"""Names that stand for several things at once ("Georgia", "Congo", "Korea",
"Washington"), settled by what else the article says, or left unresolved with
a reason, never settled by a guess.

``ambiguous.tsv`` lists each such alias's readings: an actor code, or ``-`` for
"no actor" (Georgia the US state), with cue words that point to it and at most
one default reading for an article that gives no cue. An article also points
to a reading by naming that actor unambiguously elsewhere ("Kinshasa", "DRC").
"""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass
from functools import cache

from detente.data import read_table, split_list


@dataclass(frozen=True)
class Reading:
    """One thing an ambiguous alias can mean, and the words that say so."""

    actor: str
    cues: tuple[str, ...]
    default: bool
    note: str


@dataclass(frozen=True)
class Choice:
    """The reading chosen for an alias in one article (``actor`` None: left
    unresolved; ``-``: not an actor), and why."""

    actor: str | None
    reason: str


@cache
def _cue_pattern(cue: str) -> re.Pattern[str]:
    return re.compile(r"(?<!\w)" + re.escape(cue) + r"(?!\w)")


class Ambiguities:
    """The readings of every ambiguous alias, from ``ambiguous.tsv``."""

    def __init__(self) -> None:
        self.readings: dict[str, list[Reading]] = defaultdict(list)
        for row in read_table("ambiguous.tsv"):
            self.readings[row["alias"]].append(Reading(
                row["reading"], tuple(split_list(row["cues"])), row["default"] == "yes",
                row["note"]))

    def __contains__(self, alias: str) -> bool:
        return alias in self.readings

    def choose(self, alias: str, actors: list[str], text: str,
               named: set[str]) -> Choice:
        """Pick among ``actors`` (what ``alias`` can be on the day) using the
        article's ``text`` and the actors it ``named`` unambiguously."""
        readings = [reading for reading in self.readings.get(alias, [])
                    if reading.actor in actors or reading.actor == "-"]
        readings += [Reading(actor, (), False, "") for actor in actors
                     if actor not in {reading.actor for reading in readings}]
        if len(readings) == 1:
            return Choice(readings[0].actor, "only reading on this date")
        evidence = {reading.actor: _evidence(reading, text, named) for reading in readings}
        best = max(len(found) for found in evidence.values())
        leaders = [actor for actor, found in evidence.items() if len(found) == best]
        if best and len(leaders) == 1:
            return Choice(leaders[0], f"{alias} → {leaders[0]}: the article mentions "
                                      + ", ".join(sorted(evidence[leaders[0]])))
        options = " or ".join(reading.actor for reading in readings)
        defaults = [reading.actor for reading in readings if reading.default]
        if not best and defaults:
            return Choice(defaults[0], f"{alias} → {defaults[0]}: default, no cue for {options}")
        why = "cues for several readings" if best else "no cue in the article"
        return Choice(None, f"{alias} is ambiguous ({options}): {why}")


def _evidence(reading: Reading, text: str, named: set[str]) -> set[str]:
    # the plain substring test first: most cues are nowhere in the text at all
    found = {cue for cue in reading.cues if cue in text and _cue_pattern(cue).search(text)}
    if reading.actor in named:
        found.add(f"{reading.actor} by name")
    return found


@cache
def ambiguities() -> Ambiguities:
    return Ambiguities()
