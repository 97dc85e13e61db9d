"""The HTML report: one self-contained file (inline SVG and CSS, no scripts, no
network) with a cooperation/conflict timeline per dyad, the diplomatic ledger
and a picture of the relation network, every mark carrying its evidence."""

from __future__ import annotations

import math
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import duckdb
import jinja2
from markupsafe import Markup, escape

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

COOPERATION, CONFLICT = "#2e7d32", "#c62828"
PALETTE = ("#1565c0", "#ef6c00", "#6a1b9a", "#00838f", "#9e9d24", "#ad1457", "#4e342e")
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


def timeline_svg(series: list[dict[str, Any]], events: list[dict[str, Any]],
                 width: int = 880, height: int = 220) -> Markup:
    """Bars per year: cooperative events up (green), conflictual down (red), on a
    continuous year axis; each bar's tooltip lists its evidence sentences."""
    if not series:
        return Markup("<p class='empty'>no events that took place</p>")
    years = [int(row["period"]) for row in series]
    first, last = min(years), max(years)
    span = last - first + 1
    left, right, top, bottom = 40, 10, 14, 26
    plot_w, plot_h = width - left - right, height - top - bottom
    peak = max(max(r["verbal_cooperation"] + r["material_cooperation"],
                   r["verbal_conflict"] + r["material_conflict"]) for r in series) or 1
    middle = top + plot_h / 2
    scale = (plot_h / 2 - 4) / peak
    slot = plot_w / span
    bar = max(min(slot * 0.7, 40), 3)
    parts = [f"<svg xmlns='http://www.w3.org/2000/svg' viewBox='0 0 {width} {height}' "
             f"width='100%' role='img' class='timeline'>",
             f"<line x1='{left}' x2='{width - right}' y1='{middle}' y2='{middle}' "
             f"stroke='#888' stroke-width='1'/>",
             f"<text x='4' y='{top + 10}' class='axis'>coop</text>",
             f"<text x='4' y='{height - bottom - 2}' class='axis'>conflict</text>"]
    step = max(1, math.ceil(span / 12))
    for year in range(first, last + 1, step):
        x = left + (year - first + 0.5) * slot
        parts.append(f"<text x='{x:.1f}' y='{height - 8}' class='axis' "
                     f"text-anchor='middle'>{year}</text>")
    by_year: dict[str, list[dict[str, Any]]] = {}
    for event in events:
        by_year.setdefault(event["year"], []).append(event)
    for row in series:
        x = left + (int(row["period"]) - first + 0.5) * slot - bar / 2
        coop = row["verbal_cooperation"] + row["material_cooperation"]
        conflict = row["verbal_conflict"] + row["material_conflict"]
        evidence = by_year.get(row["period"], [])
        for count, colour, is_coop in ((coop, COOPERATION, True), (conflict, CONFLICT, False)):
            if not count:
                continue
            height_px = count * scale
            y = middle - height_px if is_coop else middle
            lines = [f"{row['period']}: {count} {'cooperative' if is_coop else 'conflictual'} "
                     f"event(s), mean Goldstein {row['goldstein_mean']:+.2f}"]
            lines += [f"• {e['date']} {e['source_side']}→{e['target_side']} {e['name']}: "
                      f"{e['sentence']}" for e in evidence
                      if (e["quad"] <= 2) == is_coop][:EVIDENCE_PER_MARK]
            parts.append(f"<rect x='{x:.1f}' y='{y:.1f}' width='{bar:.1f}' "
                         f"height='{height_px:.1f}' fill='{colour}'>"
                         f"<title>{escape(chr(10).join(lines))}</title></rect>")
            label_y = y - 3 if is_coop else y + height_px + 11
            parts.append(f"<text x='{x + bar / 2:.1f}' y='{label_y:.1f}' class='count' "
                         f"text-anchor='middle'>{count}</text>")
    parts.append("</svg>")
    return Markup("".join(parts))


def network_svg(network: RelationNetwork, size: int = 560) -> Markup:
    """Sides on a circle (grouped by bloc), friendly edges green, hostile red, widths by
    the summed Goldstein score; tooltips give the numbers."""
    if not network.nodes:
        return Markup("<p class='empty'>no relations in this window</p>")
    nodes = sorted(network.nodes, key=lambda n: (n.community, -n.events, n.side))
    centre, radius = size / 2, size / 2 - 60
    position = {}
    for index, node in enumerate(nodes):
        angle = 2 * math.pi * index / len(nodes) - math.pi / 2
        position[node.side] = (centre + radius * math.cos(angle),
                               centre + radius * math.sin(angle))
    heaviest = max(abs(edge.weight) for edge in network.edges) or 1
    parts = [f"<svg xmlns='http://www.w3.org/2000/svg' viewBox='0 0 {size} {size}' "
             f"width='{size}' role='img' class='network'>"]
    for edge in network.edges:
        (x1, y1), (x2, y2) = position[edge.side_a], position[edge.side_b]
        colour = {1: COOPERATION, -1: CONFLICT, 0: "#999"}[edge.sign]
        stroke = 1 + 6 * abs(edge.weight) / heaviest
        tip = (f"{edge.side_a}–{edge.side_b}: {edge.events} events "
               f"({edge.cooperative} cooperative, {edge.conflictual} conflictual), "
               f"mean Goldstein {edge.goldstein_mean:+.2f}")
        parts.append(f"<line x1='{x1:.1f}' y1='{y1:.1f}' x2='{x2:.1f}' y2='{y2:.1f}' "
                     f"stroke='{colour}' stroke-width='{stroke:.1f}' stroke-opacity='0.7'>"
                     f"<title>{escape(tip)}</title></line>")
    busiest = max(node.events for node in nodes) or 1
    for node in nodes:
        x, y = position[node.side]
        r = 6 + 14 * math.sqrt(node.events / busiest)
        colour = PALETTE[node.community % len(PALETTE)]
        tip = (f"{node.side}: {node.events} events, bloc {node.community}, degree "
               f"{node.degree_centrality:.2f}, betweenness {node.betweenness:.2f}")
        dx, dy = x - centre, y - centre
        norm = math.hypot(dx, dy) or 1
        lx, ly = x + dx / norm * (r + 14), y + dy / norm * (r + 14) + 4
        parts.append(f"<g><title>{escape(tip)}</title>"
                     f"<circle cx='{x:.1f}' cy='{y:.1f}' r='{r:.1f}' fill='{colour}' "
                     f"stroke='#fff' stroke-width='2'/>"
                     f"<text x='{lx:.1f}' y='{ly:.1f}' text-anchor='middle' "
                     f"class='node'>{escape(node.side)}</text></g>")
    parts.append("</svg>")
    return Markup("".join(parts))


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
        sections.append(DyadSection(a, b, timeline_svg(series, events), events,
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
        network=network, network_svg=network_svg(network), start=start, end=end,
        focus=focus, relations_map=relations_map,
        articles=articles, mentions=mentions, events=total_events,
        cooperation=COOPERATION, conflict=CONFLICT, counting=CountRule().describe())


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
