"""The diplomatic ledger: for each pair of states, relations established,
upgraded, downgraded, suspended, severed and restored, and missions (embassies,
consulates, liaison offices, interests sections) opened, reopened, closed or kept
(``<mission>_maintained``, status ongoing: "has an interests section"), with the
protecting power where there is one. Planned steps stay apart from completed
ones, and every entry keeps the sentence it comes from.

The ledger is a read: the coder finds the steps on the parse, with its own status
and date, and they are stored at ingest — relation steps with their event
mentions (``detente.events.diplomacy``), missions in ``mission_steps``
(``detente.events.missions``). The vocabulary is ``data/ledger.yaml``."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import asdict, dataclass, field
from typing import Any

import duckdb

from detente.events.diplomacy import vocabulary as steps_vocabulary
from detente.store.ledger import mission_rows, step_rows


@dataclass
class LedgerEntry:
    """One step in the diplomatic relationship of two states, with its evidence.

    ``country_a`` acts or sends the mission; ``country_b`` is the other state or
    the host. ``date_basis`` is "stated" when the text dates the step, else
    "publication". ``mentions`` counts the sentences that report the same step."""

    date: str | None
    country_a: str
    country_b: str
    kind: str
    status: str
    protecting_power: str | None
    doc_id: str
    doc: str
    sentence: str
    span: tuple[int, int]
    evidence: str
    date_basis: str = "stated"
    mentions: int = 1
    other_docs: list[str] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        record = asdict(self)
        record["span"] = list(self.span)
        return record

    def key(self) -> tuple:
        """What makes two reports the same step."""
        return (self.date, self.country_a, self.country_b, self.kind, self.status,
                self.protecting_power)


# -- steps the coder found and stored ----------------------------------------------------

def stored_steps(connection: duckdb.DuckDBPyConnection, country: str) -> Iterator[LedgerEntry]:
    """Ledger entries of ``country`` from the stored event mentions that are diplomatic
    steps (``detente.events.diplomacy``), with the coder's status and date. A database
    made before steps were stored, opened read-only, has none (``detente extract``
    into a new database codes them)."""
    words = steps_vocabulary()
    rows = step_rows(connection, country, words.statuses,
                     sorted({rule.kind for rule in words.relations}))
    for row in rows:
        entry = _entry(row)
        if entry.kind in words.symmetric_kinds:  # one step for both: in code order
            entry.country_a, entry.country_b = sorted((entry.country_a, entry.country_b))
        yield entry


def stored_missions(connection: duckdb.DuckDBPyConnection,
                    country: str) -> Iterator[LedgerEntry]:
    """Ledger entries of ``country`` from the stored mission steps
    (``detente.events.missions``): the mission's sending state, then its host. A
    database made before missions were stored has none until its articles are
    extracted again (into a new database)."""
    for row in mission_rows(connection, country, steps_vocabulary().statuses):
        yield _entry(row)  # the sending state, then the host


def _entry(row: tuple) -> LedgerEntry:
    """A stored step's row (its sides last) as a ledger entry."""
    (doc_id, doc, sentence, sentence_start, kind, power, evidence, status, event_date,
     pub_date, side_a, side_b) = row
    start = max(sentence_start, 0)
    return LedgerEntry(
        date=event_date or pub_date, country_a=side_a, country_b=side_b, kind=kind,
        status=status, protecting_power=power, doc_id=doc_id, doc=doc, sentence=sentence,
        span=(start, start + len(sentence)), evidence=evidence,
        date_basis="stated" if event_date else "publication")


# -- the ledger -------------------------------------------------------------------------

def ledger(connection: duckdb.DuckDBPyConnection, country: str,
           other: str | None = None) -> list[LedgerEntry]:
    """Every ledger entry of ``country`` (with ``other`` only, when given), by date.

    Reports of one step (same states, kind, status and date) are one entry; the
    first report is the evidence shown, the rest are counted in ``mentions``."""
    merged: dict[tuple, LedgerEntry] = {}
    for entry in (*stored_steps(connection, country), *stored_missions(connection, country)):
        sides = {entry.country_a, entry.country_b}
        if country not in sides or (other is not None and other not in sides):
            continue
        known = merged.get(entry.key())
        if known is None:
            merged[entry.key()] = entry
        elif entry.doc_id != known.doc_id or entry.sentence != known.sentence:
            known.mentions += 1
            if entry.doc_id != known.doc_id and entry.doc_id not in known.other_docs:
                known.other_docs.append(entry.doc_id)
    return sorted(merged.values(), key=lambda e: (e.date or "", e.kind, e.country_a,
                                                   e.country_b))
