"""The reads of the diplomatic ledger (``detente.relations.ledger``): the stored
relation steps (event mentions) and mission steps of a state."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import duckdb

from detente.store.schema import has_table


def step_rows(connection: duckdb.DuckDBPyConnection, country: str,
              statuses: Sequence[str], kinds: Sequence[str]) -> list[tuple[Any, ...]]:
    """The stored event mentions of ``country`` with another side that are diplomatic
    steps of one of ``kinds`` (relation steps: a mission's event mention is read
    from ``mission_rows``) with a status in ``statuses``, in text order: doc id, doc, sentence, the
    sentence's offset in the text, step, protecting power, evidence, status, event
    date, publication date and the two sides. Empty in a database made before steps
    were stored (opened read-only)."""
    has_steps = connection.execute(
        "SELECT count(*) FROM information_schema.columns WHERE table_name = "
        "'event_mentions' AND column_name = 'step'").fetchone()
    if not (has_steps and has_steps[0]):
        return []
    return connection.execute(
        """WITH sided AS (
               SELECT m.*, coalesce(m.source_country, m.source_code) AS side_a,
                      coalesce(m.target_country, m.target_code) AS side_b
               FROM event_mentions m
               WHERE list_contains($kinds, m.step) AND list_contains($statuses, m.status))
           SELECT s.doc_id, s.doc, s.sentence, instr(a.text, s.sentence) - 1, s.step,
                  s.step_power, s.step_evidence, s.status, s.event_date, s.pub_date,
                  s.side_a, s.side_b
           FROM sided s JOIN articles a USING (doc_id)
           WHERE $country IN (s.side_a, s.side_b) AND s.side_a <> s.side_b
           ORDER BY s.doc_id, s.sentence_index, s.trigger_start""",
        {"statuses": list(statuses), "kinds": list(kinds), "country": country}).fetchall()


def mission_rows(connection: duckdb.DuckDBPyConnection, country: str,
                 statuses: Sequence[str]) -> list[tuple[Any, ...]]:
    """The stored mission steps (``mission_steps``) that ``country`` sends or hosts,
    with a status in ``statuses``, in text order: doc id, doc, sentence, the
    sentence's offset in the text, step, protecting power, evidence, status, event
    date, publication date, sending and host state. Empty in a database made before
    missions were stored (opened read-only)."""
    if not has_table(connection, "mission_steps"):
        return []
    return connection.execute(
        """SELECT doc_id, doc, sentence, span_start, step, step_power, step_evidence, status,
                  event_date, pub_date, sender, host
           FROM mission_steps
           WHERE $country IN (sender, host) AND sender <> host
                 AND list_contains($statuses, status)
           ORDER BY doc_id, sentence_index, trigger_start""",
        {"statuses": list(statuses), "country": country}).fetchall()


def ledger_sides(connection: duckdb.DuckDBPyConnection) -> list[str]:
    """States that appear as a side of any event mention (ledger entries need one)."""
    rows = connection.execute(
        "SELECT DISTINCT coalesce(source_country, source_code) FROM event_mentions "
        "WHERE source_country IS NOT NULL ORDER BY 1").fetchall()
    return [side for (side,) in rows]
