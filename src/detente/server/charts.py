"""Chart geometry for server-rendered SVG: a cooperation/conflict timeline and a
circular relation network. Pure arithmetic over plain rows; the templates draw it,
so charts work without JavaScript and tests can read them as markup."""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from typing import Any

# Stacks of the timeline: cooperation above the axis, conflict below, material
# (stronger) nearest the axis. Keys are dyad_series row fields.
UP = ("material_cooperation", "verbal_cooperation")
DOWN = ("material_conflict", "verbal_conflict")
MAX_LABELS = 12


@dataclass(frozen=True)
class Box:
    x: float
    y: float
    width: float
    height: float


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


def timeline(rows: list[dict[str, Any]], width: int = 760, height: int = 240) -> Timeline:
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


@dataclass(frozen=True)
class Node:
    code: str
    x: float
    y: float
    radius: float
    events: int
    label_anchor: str


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


def circle_network(nodes: dict[str, int], edges: list[tuple[str, str, int, float | None]],
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
        radius = 4 + 10 * math.sqrt(nodes[code] / busiest)
        placed[code] = Node(code, round(x, 1), round(y, 1), round(radius, 1), nodes[code],
                            anchor)
    lines = [Edge(a, b, placed[a].x, placed[a].y, placed[b].x, placed[b].y,
                  round(1 + 7 * events / heaviest, 1), events, tone(goldstein))
             for a, b, events, goldstein in edges if a in placed and b in placed]
    return Network(size, [placed[code] for code in order], lines)
