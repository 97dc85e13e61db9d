"""The charts, drawn once for the dashboard (``detente.server.pages``) and the HTML
report (``detente.relations.report``): a cooperation/conflict timeline and a
circular relation network, as inline SVG markup. The map is
``detente.geo.worldmap.world_map_svg``, also shared by both.

Each chart is plain arithmetic over plain rows, then markup: it works without
JavaScript and tests can read it. Colours are written as presentation
attributes, so a chart standing alone (the report's one file) has them; the
dashboard's stylesheet restyles the same classes. The dashboard makes each bar
and node a link; the report, which links nowhere, puts the evidence sentences of
each bar in its tooltip.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from markupsafe import Markup, escape

# Stacks of the timeline: cooperation above the axis, conflict below, material
# (stronger) nearest the axis. Keys are dyad_series row fields.
UP = ("material_cooperation", "verbal_cooperation")
DOWN = ("material_conflict", "verbal_conflict")
MAX_LABELS = 12
COLOURS = {"material_cooperation": "#2f8f5b", "verbal_cooperation": "#8fd1a8",
           "material_conflict": "#c23b3b", "verbal_conflict": "#f0a28f",
           "cooperative": "#2f8f5b", "conflictual": "#c23b3b", "mixed": "#9aa3af"}
TEXT, INK, NODE, AXIS = "#5b6574", "#1d2430", "#1f5fbf", "#9aa3af"
LEGEND = (("material_cooperation", "material cooperation"),
          ("verbal_cooperation", "verbal cooperation"),
          ("verbal_conflict", "verbal conflict"),
          ("material_conflict", "material conflict"))


@dataclass(frozen=True)
class Box:
    x: float
    y: float
    width: float
    height: float

    def rect(self, css_class: str, fill: str) -> str:
        return (f'<rect class="{css_class}" x="{self.x:.1f}" y="{self.y:.1f}" '
                f'width="{self.width:.1f}" height="{self.height:.1f}" fill="{fill}"/>')


@dataclass(frozen=True)
class Segment:
    role: str  # a dyad_series count field, used as the CSS class
    box: Box
    count: int


@dataclass
class Bar:
    period: str
    events: int
    goldstein_mean: float | None
    hit: Box  # the whole column, the click and focus target
    label_x: float
    labelled: bool
    segments: list[Segment] = field(default_factory=list)


@dataclass
class Timeline:
    width: int
    height: int
    axis_y: float
    left: float
    right: float
    up_max: int
    down_max: int
    bars: list[Bar]


def timeline(rows: Sequence[Mapping[str, Any]], width: int = 760,
             height: int = 240) -> Timeline:
    """Bars for each period of a dyad series, scaled to fit ``width`` × ``height``."""
    left, right, top, bottom = 40.0, width - 8.0, 14.0, height - 30.0
    up_max = max((sum(row[key] for key in UP) for row in rows), default=0)
    down_max = max((sum(row[key] for key in DOWN) for row in rows), default=0)
    span = (up_max + down_max) or 1
    scale = (bottom - top) / span
    axis = top + up_max * scale
    band = (right - left) / max(len(rows), 1)
    bar_width = min(band * 0.7, 28.0)
    every = math.ceil(len(rows) / MAX_LABELS) if rows else 1
    bars = []
    for index, row in enumerate(rows):
        x = left + index * band + (band - bar_width) / 2
        bar = Bar(period=str(row["period"]), events=row["events"],
                  goldstein_mean=row.get("goldstein_mean"),
                  hit=Box(left + index * band, top, band, bottom - top),
                  label_x=x + bar_width / 2, labelled=index % every == 0)
        for keys, direction in ((UP, -1), (DOWN, 1)):
            edge = axis
            for key in keys:
                size = row[key] * scale
                if size:
                    y = edge - size if direction < 0 else edge
                    bar.segments.append(Segment(key, Box(x, y, bar_width, size), row[key]))
                    edge += direction * size
        bars.append(bar)
    return Timeline(width, height, axis, left, right, up_max, down_max, bars)


def timeline_svg(rows: Sequence[Mapping[str, Any]], *, unit: str = "period",
                 link: Callable[[str], str] | None = None, swap: str | None = None,
                 selected: str | None = None,
                 evidence: Mapping[str, Sequence[str]] | None = None,
                 width: int = 760, height: int = 240) -> Markup:
    """The timeline of a dyad series (``relations.series.dyad_series`` rows, one per
    ``unit``) as an SVG element. Each bar is a link to ``link(period)`` when given
    (``swap``: the element a script may load it into; ``selected``: the period
    shown), else a group; ``evidence`` adds lines (sentences) to a bar's tooltip."""
    chart = timeline(rows, width, height)
    parts = [f'<svg xmlns="http://www.w3.org/2000/svg" class="chart timeline" '
             f'viewBox="0 0 {chart.width} {chart.height}" width="100%" role="group" '
             f'aria-label="Events per {escape(unit)}: cooperation above the line, '
             f'conflict below" font-size="11" fill="{TEXT}">']
    for bar in chart.bars:
        period = escape(bar.period)
        counts = "".join(f", {s.count} {s.role.replace('_', ' ')}" for s in bar.segments)
        mean = f"{bar.goldstein_mean:+.1f}" if bar.goldstein_mean is not None else "–"
        tip = [f"{bar.period}: {bar.events} events, mean Goldstein {mean}",
               *(evidence or {}).get(bar.period, ())]
        opening = (f'<a href="{escape(link(bar.period))}"'
                   + (f' data-swap="{escape(swap)}"' if swap else "")
                   + f' class="bar{" selected" if bar.period == selected else ""}"'
                   if link else '<g class="bar"')
        parts.append(f'{opening} data-period="{period}" aria-label="{period}: '
                     f'{bar.events} events{escape(counts)}">'
                     f"<title>{escape(chr(10).join(tip))}</title>"
                     + bar.hit.rect("hit", "transparent")
                     + "".join(s.box.rect(s.role, COLOURS[s.role]) for s in bar.segments))
        if bar.labelled:
            parts.append(f'<text x="{bar.label_x:.1f}" y="{chart.height - 10}" '
                         f'text-anchor="middle">{period}</text>')
        parts.append("</a>" if link else "</g>")
    parts.append(f'<line class="axis" x1="{chart.left}" x2="{chart.right}" '
                 f'y1="{chart.axis_y:.1f}" y2="{chart.axis_y:.1f}" stroke="{AXIS}" '
                 f'stroke-width="1"/>'
                 f'<text x="{chart.left - 6}" y="18" text-anchor="end">{chart.up_max}</text>')
    if chart.down_max:
        parts.append(f'<text x="{chart.left - 6}" y="{chart.height - 32}" '
                     f'text-anchor="end">{chart.down_max}</text>')
    if not chart.bars:
        parts.append(f'<text x="{chart.width / 2}" y="{chart.height / 2}" '
                     f'text-anchor="middle">No dated events that took place.</text>')
    parts.append("</svg>")
    return Markup("".join(parts))


@dataclass(frozen=True)
class Node:
    code: str
    x: float
    y: float
    radius: float
    events: int
    label_anchor: str  # beside the node on the circle's sides, above or below it elsewhere
    label_x: float
    label_y: float


@dataclass(frozen=True)
class Edge:
    a: str
    b: str
    x1: float
    y1: float
    x2: float
    y2: float
    width: float
    events: int
    goldstein_mean: float | None
    tone: str  # "cooperative", "conflictual" or "mixed"


@dataclass
class Network:
    size: int
    nodes: list[Node]
    edges: list[Edge]


def tone(goldstein_mean: float | None) -> str:
    """How a relation reads on the Goldstein scale (−10 … +10)."""
    if goldstein_mean is None or -1.0 <= goldstein_mean <= 1.0:
        return "mixed"
    return "cooperative" if goldstein_mean > 0 else "conflictual"


def circle_network(nodes: Mapping[str, int], edges: Sequence[tuple[str, str, int, float | None]],
                   size: int = 420) -> Network:
    """Nodes (code → events) on a circle, busiest first from the top, clockwise;
    edges ``(a, b, events, mean Goldstein)`` drawn between them."""
    centre, ring = size / 2, size / 2 - 70
    order = sorted(nodes, key=lambda code: (-nodes[code], code))
    busiest = max(nodes.values(), default=1)
    heaviest = max((edge[2] for edge in edges), default=1)
    placed: dict[str, Node] = {}
    for index, code in enumerate(order):
        angle = 2 * math.pi * index / max(len(order), 1) - math.pi / 2
        x, y = centre + ring * math.cos(angle), centre + ring * math.sin(angle)
        anchor = "middle" if abs(math.cos(angle)) < 0.3 else (
            "start" if math.cos(angle) > 0 else "end")
        x, y, radius = round(x, 1), round(y, 1), round(4 + 10 * math.sqrt(nodes[code] / busiest), 1)
        label_x = x + {"start": radius + 4, "end": -radius - 4}.get(anchor, 0)
        label_y = y + (4 if anchor != "middle" else radius + 13 if y > centre else -radius - 5)
        placed[code] = Node(code, x, y, radius, nodes[code], anchor, round(label_x, 1),
                            round(label_y, 1))
    lines = [Edge(a, b, placed[a].x, placed[a].y, placed[b].x, placed[b].y,
                  round(1 + 7 * events / heaviest, 1), events, goldstein, tone(goldstein))
             for a, b, events, goldstein in edges if a in placed and b in placed]
    return Network(size, [placed[code] for code in order], lines)


def network_svg(nodes: Mapping[str, int], edges: Sequence[tuple[str, str, int, float | None]],
                *, size: int = 420, link: Callable[[str], str] | None = None,
                describe: Callable[[str], str] = str) -> Markup:
    """The relation network as an SVG element: sides (code → events) on a circle,
    busiest first from the top; lines ``(a, b, events, mean Goldstein)`` green where
    relations were cooperative on balance, red where conflictual, grey when mixed,
    thicker for more events. A node links to ``link(code)`` when given; its tooltip
    is ``describe(code)`` and its events."""
    chart = circle_network(nodes, edges, size)
    parts = [f'<svg xmlns="http://www.w3.org/2000/svg" class="chart network" '
             f'viewBox="0 0 {size} {size}" width="{size}" role="group" '
             f'aria-label="Relation network" font-size="11">']
    for edge in chart.edges:
        mean = (f", mean Goldstein {edge.goldstein_mean:+.2f}"
                if edge.goldstein_mean is not None else "")
        parts.append(f'<line class="{edge.tone}" x1="{edge.x1}" y1="{edge.y1}" x2="{edge.x2}" '
                     f'y2="{edge.y2}" stroke-width="{edge.width}" '
                     f'stroke="{COLOURS[edge.tone]}" stroke-opacity="0.7">'
                     f"<title>{escape(edge.a)}–{escape(edge.b)}: {edge.events} events"
                     f"{mean}</title></line>")
    for node in chart.nodes:
        tip = escape(f"{describe(node.code)}: {node.events} events")
        opening = f'<a href="{escape(link(node.code))}"' if link else "<g"
        parts.append(f'{opening} aria-label="{tip}"><title>{tip}</title>'
                     f'<circle cx="{node.x}" cy="{node.y}" r="{node.radius}" fill="{NODE}"/>'
                     f'<text x="{node.label_x}" y="{node.label_y}" '
                     f'text-anchor="{node.label_anchor}" fill="{INK}">{escape(node.code)}</text>'
                     + ("</a>" if link else "</g>"))
    if not chart.nodes:
        parts.append(f'<text x="{size / 2}" y="{size / 2}" text-anchor="middle" fill="{TEXT}">'
                     "No relations in this window.</text>")
    parts.append("</svg>")
    return Markup("".join(parts))
