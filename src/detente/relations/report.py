"""The HTML report: one self-contained file (inline SVG and CSS, no scripts, no
network) with a cooperation/conflict timeline per dyad, the diplomatic ledger
and a picture of the relation network, every mark carrying its evidence."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

import duckdb
import jinja2
from markupsafe import Markup

from detente.charts import COLOURS, LEGEND, network_svg, timeline_svg
from detente.events.ontology import lookup
from detente.geo.worldmap import world_map_svg
from detente.relations.ledger import LedgerEntry, ledger
from detente.relations.network import RelationNetwork, relation_network
from detente.relations.output import as_text, binary_outputs
from detente.relations.series import dyad_series
from detente.store.counting import DEFAULT_RULE, CountRule, dyad_event_rows, dyad_totals
from detente.store.dashboard import holdings
from detente.store.geography import event_places, partner_tones
from detente.store.ledger import ledger_sides

EVIDENCE_PER_MARK = 3


@dataclass
class DyadSection:
    side_a: str
    side_b: str
    chart: Markup
    events: list[dict[str, Any]]
    world_map: Markup | None = None


def busiest_dyads(connection: duckdb.DuckDBPyConnection, count: int,
                  rule: CountRule = DEFAULT_RULE) -> list[tuple[str, str]]:
    """The ``count`` pairs of sides with the most events counted by ``rule``."""
    return [(total.side_a, total.side_b)
            for total in dyad_totals(connection, rule, limit=count)]


def dyad_events(connection: duckdb.DuckDBPyConnection, a: str, b: str,
                rule: CountRule = DEFAULT_RULE) -> list[dict[str, Any]]:
    """The events of a pair that ``rule`` counts, with their evidence, oldest first."""
    records = dyad_event_rows(connection, a, b, rule)
    for record in records:
        record["name"] = lookup(record["cameo"]).name if record["cameo"] else ""
    return records


def evidence_lines(events: list[dict[str, Any]]) -> dict[str, list[str]]:
    """A few evidence sentences per year, cooperative then conflictual, for the
    tooltips of the timeline's bars."""
    lines: dict[str, list[str]] = {}
    for is_coop in (True, False):
        by_year: dict[str, list[str]] = {}
        for e in events:
            if (e["quad"] <= 2) == is_coop:
                by_year.setdefault(e["year"], []).append(
                    f"• {e['date']} {e['source_side']}→{e['target_side']} {e['name']}: "
                    f"{e['sentence']}")
        for year, found in by_year.items():
            lines.setdefault(year, []).extend(found[:EVIDENCE_PER_MARK])
    return lines


def relations_svg(network: RelationNetwork) -> Markup:
    """The network's picture, drawn as the dashboard draws it (``detente.charts``)."""
    return network_svg({node.side: node.events for node in network.nodes},
                       [(e.side_a, e.side_b, e.events, e.goldstein_mean)
                        for e in network.edges], size=560)


def all_ledger_entries(connection: duckdb.DuckDBPyConnection,
                       sides: list[str]) -> list[LedgerEntry]:
    """The ledger entries of every listed side, each step once."""
    seen: dict[tuple, LedgerEntry] = {}
    for side in sides:
        for entry in ledger(connection, side):
            seen.setdefault(entry.key(), entry)
    return sorted(seen.values(), key=lambda e: (e.date or "", e.country_a, e.country_b))


def render_report(connection: duckdb.DuckDBPyConnection,
                  dyads: list[tuple[str, str]] | None = None, start: str | None = None,
                  end: str | None = None) -> str:
    """The report's HTML text."""
    pairs = dyads or busiest_dyads(connection, 4)
    sections = []
    for a, b in pairs:
        events = dyad_events(connection, a, b)
        series = dyad_series(connection, a, b, freq="year")
        places = event_places(connection, a, b)
        chart = timeline_svg(series, unit="year", evidence=evidence_lines(events))
        sections.append(DyadSection(a, b, chart, events,
                                    world_map_svg(places, (), [a, b], f"Where {a}–{b} events "
                                                  "happened") if places else None))
    network = relation_network(connection, start, end)
    focus = pairs[0][0] if pairs else None
    partners = partner_tones(connection, focus) if focus else []
    relations_map = (world_map_svg(event_places(connection, focus), partners, [focus],
                                   f"{focus}'s relations by partner")
                     if focus and partners else None)
    articles, mentions, total_events = holdings(connection)
    environment = jinja2.Environment(
        loader=jinja2.PackageLoader("detente.relations", "templates"),
        autoescape=jinja2.select_autoescape(["html", "j2"]))
    return environment.get_template("report.html.j2").render(
        sections=sections, ledger=all_ledger_entries(connection, ledger_sides(connection)),
        network=network, network_svg=relations_svg(network), start=start, end=end,
        focus=focus, relations_map=relations_map,
        articles=articles, mentions=mentions, events=total_events,
        legend=[(label, COLOURS[role]) for role, label in LEGEND],
        counting=CountRule().describe())


def write_report(connection: duckdb.DuckDBPyConnection, path: str | Path,
                 dyads: list[tuple[str, str]] | None = None, start: str | None = None,
                 end: str | None = None, force: bool = False) -> Path:
    """Render the report and write it to ``path`` (``-``: standard output), a file
    whole or not at all; refuses an existing file unless ``force``, and anything
    there that is not a regular file (``relations.output``)."""
    html = render_report(connection, dyads, start, end)
    with binary_outputs([path], force) as (stream,), as_text(stream) as handle:
        handle.write(html)
    return Path(path)
