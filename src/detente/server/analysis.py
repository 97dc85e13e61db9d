"""The relations package seen from the server: dyad series, ledgers and the
relation network, read
under the query time limit and cached (they group event mentions into events on
the fly when the store has no ``events`` table, which costs tens of ms)."""

from __future__ import annotations

from typing import Any

from markupsafe import Markup

from detente.geo.worldmap import world_map_svg
from detente.relations.ledger import ledger
from detente.relations.network import relation_network
from detente.relations.series import dyad_series
from detente.server.database import Database
from detente.store.counting import DEFAULT_RULE, CountRule
from detente.store.geography import event_places, partner_tones

FREQUENCIES = ("year", "month")  # what the pages offer; the API takes any of series'


def series(db: Database, side_a: str, side_b: str | None = None, *, freq: str = "year",
           start: str | None = None, end: str | None = None, directed: bool = False,
           rule: CountRule = DEFAULT_RULE) -> list[dict[str, Any]]:
    """``dyad_series`` rows; raises SeriesError for a bad freq or date."""
    def compute() -> list[dict[str, Any]]:
        with db.cursor() as cursor:
            return dyad_series(cursor, side_a, side_b, freq=freq, start=start, end=end,
                               directed=directed, rule=rule)
    key = ("series", side_a, side_b, freq, start, end, directed, rule)
    return db.cache.get(key, compute)


def ledger_entries(db: Database, country: str, other: str | None = None) -> list[dict[str, Any]]:
    """The diplomatic ledger of ``country`` (with ``other`` only), as dicts, by date."""
    def compute() -> list[dict[str, Any]]:
        with db.cursor() as cursor:
            return [entry.to_dict() for entry in ledger(cursor, country, other)]
    return db.cache.get(("ledger", country, other), compute)


def network(db: Database, start: str | None = None, end: str | None = None,
            min_events: int = 1, rule: CountRule = DEFAULT_RULE) -> dict[str, Any]:
    """The signed relation network of a window: nodes, edges and structural balance."""
    def compute() -> dict[str, Any]:
        with db.cursor() as cursor:
            return relation_network(cursor, start, end, min_events, rule).to_dict()
    return db.cache.get(("network", start, end, min_events, rule), compute)


def world_map(db: Database, side: str, other: str | None = None) -> Markup | None:
    """The map of a dyad's events where they happened, or of a state's: its events'
    places and its partners shaded by mean Goldstein; None when nothing is placed."""
    def compute() -> Markup | None:
        with db.cursor() as cursor:
            places = event_places(cursor, side, other)
            partners = [] if other else partner_tones(cursor, side)
        if not places and not partners:
            return None
        focus = [side, other] if other else [side]
        label = (f"Where the events between {side} and {other} happened" if other
                 else f"Where {side}'s events happened, and its relations by partner")
        return world_map_svg(places, partners, focus, label)
    return db.cache.get(("world_map", side, other), compute)
