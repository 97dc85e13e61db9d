"""The world map, drawn server-side as SVG from the shipped country outlines
(Natural Earth 1:110m, ``data/country_shapes.tsv``): no tiles, no script, no
request leaves the page.

Two layers, either or both: the places where events happened (a circle for
cooperation, a cross for conflict, sized by the number of events, the busiest
named), and a choropleth of one state's relations (each partner shaded by the
mean Goldstein score of their events). Classes are told apart by pattern as well
as colour (hatching for conflict, dots for cooperation, denser when stronger)
and each partner is labelled with its code and score, so the map reads in grey
print and for colour-blind readers. Plate carrée: x = longitude, y = -latitude.
"""

from __future__ import annotations

import math
import zlib
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache

from markupsafe import Markup, escape

from detente.data import read_table
from detente.store.geography import EventPlace, PartnerTone

WORLD = (-180.0, -84.0, 360.0, 144.0)  # x, y, width, height: 84°N to 60°S
MIN_SPAN = (40.0, 24.0)  # the smallest window a zoomed map shows, degrees
PADDING = 6.0  # degrees around what a zoomed map shows
LABEL_ROOM = 18.0  # degrees more to the east, where the places' names are written
MAX_PLACE_LABELS = 8
WIDTH_PX = 760

# (upper bound of mean Goldstein, class, legend words), lowest first
CLASSES = ((-5.0, "strong-conflict", "mean Goldstein below −5: cross-hatched"),
           (-1.0, "conflict", "−5 to −1: hatched"),
           (1.0, "mixed", "−1 to +1: plain grey"),
           (5.0, "cooperation", "+1 to +5: dotted"),
           (math.inf, "strong-cooperation", "above +5: densely dotted"))
PATTERNS = """
<pattern id="p-strong-conflict" patternUnits="userSpaceOnUse" width="{s}" height="{s}">
  <rect width="{s}" height="{s}" fill="#f4a582"/>
  <path d="M0 0L{s} {s}M{s} 0L0 {s}" stroke="#b2182b" stroke-width="{w}"/></pattern>
<pattern id="p-conflict" patternUnits="userSpaceOnUse" width="{s}" height="{s}">
  <rect width="{s}" height="{s}" fill="#fddbc7"/>
  <path d="M0 {s}L{s} 0" stroke="#d6604d" stroke-width="{w}"/></pattern>
<pattern id="p-mixed" patternUnits="userSpaceOnUse" width="{s}" height="{s}">
  <rect width="{s}" height="{s}" fill="#d9d9d9"/></pattern>
<pattern id="p-cooperation" patternUnits="userSpaceOnUse" width="{s}" height="{s}">
  <rect width="{s}" height="{s}" fill="#d1e5f0"/>
  <circle cx="{h}" cy="{h}" r="{r}" fill="#2166ac"/></pattern>
<pattern id="p-strong-cooperation" patternUnits="userSpaceOnUse" width="{h}" height="{h}">
  <rect width="{h}" height="{h}" fill="#92c5de"/>
  <circle cx="{q}" cy="{q}" r="{r}" fill="#053061"/></pattern>
<pattern id="p-focus" patternUnits="userSpaceOnUse" width="{s}" height="{s}">
  <rect width="{s}" height="{s}" fill="#555"/>
  <path d="M{h} 0V{s}" stroke="#222" stroke-width="{w}"/></pattern>"""


@dataclass(frozen=True)
class Country:
    code: str
    name: str
    lat: float
    lon: float
    path: str


@cache
def countries() -> dict[str, Country]:
    """The shipped outlines by ISO3 code."""
    return {row["iso3"]: Country(row["iso3"], row["name"], float(row["lat"]),
                                 float(row["lon"]), row["path"])
            for row in read_table("country_shapes.tsv")}


def relation_class(goldstein_mean: float) -> tuple[str, str]:
    """The choropleth class of a mean Goldstein score and its legend words."""
    return next((name, words) for bound, name, words in CLASSES if goldstein_mean < bound)


def _window(points: Sequence[tuple[float, float]]) -> tuple[float, float, float, float]:
    """The view box around the given (lon, lat) points, padded; the world without."""
    if not points:
        return WORLD
    west = min(lon for lon, _ in points) - PADDING
    east = max(lon for lon, _ in points) + PADDING + LABEL_ROOM
    north = max(lat for _, lat in points) + PADDING
    south = min(lat for _, lat in points) - PADDING
    width = max(east - west, MIN_SPAN[0], (north - south) * WORLD[2] / WORLD[3])
    height = max(north - south, MIN_SPAN[1], width * WORLD[3] / WORLD[2])
    centre_x, centre_y = (west + east) / 2, -(north + south) / 2
    x = min(max(centre_x - width / 2, WORLD[0]), WORLD[0] + WORLD[2] - min(width, WORLD[2]))
    y = min(max(centre_y - height / 2, WORLD[1]), WORLD[1] + WORLD[3] - min(height, WORLD[3]))
    return x, y, min(width, WORLD[2]), min(height, WORLD[3])


def world_map_svg(places: Sequence[EventPlace] = (), partners: Sequence[PartnerTone] = (),
                  focus: Sequence[str] = (), label: str = "Map") -> Markup:
    """The map: ``places`` where events happened, ``partners`` shaded by their
    relation with the ``focus`` state(s), which are drawn dark. Zoomed to the
    places and the focus states when there is no choropleth, the world otherwise."""
    shapes = countries()
    shaded = {tone.partner: tone for tone in partners if tone.partner in shapes}
    anchors = [(place.lon, place.lat) for place in places]
    anchors += [(shapes[code].lon, shapes[code].lat) for code in focus if code in shapes]
    x, y, width, height = WORLD if shaded else _window(anchors)
    clip = f"map-clip-{zlib.crc32(label.encode()):08x}"  # one per map of a page
    unit = width / 360  # sizes below are for the whole world; zoomed maps scale them
    parts = [f'<svg xmlns="http://www.w3.org/2000/svg" class="world-map" role="group" '
             f'aria-label="{escape(label)}" viewBox="{x:.1f} {y:.1f} {width:.1f} {height:.1f}" '
             f'width="{WIDTH_PX}" height="{WIDTH_PX * height / width:.0f}" '
             f'overflow="hidden">',
             "<defs>" + PATTERNS.format(s=f"{2.4 * unit:.2f}", h=f"{1.2 * unit:.2f}",
                                        q=f"{0.6 * unit:.2f}", r=f"{0.35 * unit:.2f}",
                                        w=f"{0.35 * unit:.2f}") + "</defs>",
             f'<clipPath id="{clip}"><rect x="{x:.1f}" y="{y:.1f}" width="{width:.1f}" '
             f'height="{height:.1f}"/></clipPath>',
             f'<rect class="sea" x="{x:.1f}" y="{y:.1f}" width="{width:.1f}" '
             f'height="{height:.1f}" fill="#f4f8fb"/>',
             f'<g clip-path="url(#{clip})">'
             f'<g class="land" fill="#eeeeee" stroke="#999" stroke-width="{0.12 * unit:.3f}">']
    for code, country in shapes.items():
        if -country.lat > WORLD[1] + WORLD[3]:
            continue  # Antarctica: south of the map
        if code in focus:
            parts.append(f'<path d="{country.path}" fill="url(#p-focus)" class="focus">'
                         f"<title>{escape(country.name)}</title></path>")
        elif code in shaded:
            tone = shaded[code]
            name, _ = relation_class(tone.goldstein_mean)
            parts.append(f'<path d="{country.path}" fill="url(#p-{name})" class="partner {name}" '
                         f'data-code="{code}"><title>{escape(_partner_tip(country, tone))}'
                         f"</title></path>")
        else:
            parts.append(f'<path d="{country.path}"/>')
    parts.append("</g>")
    parts += _partner_labels(shaded, shapes, unit)
    parts += _place_marks(places, unit)
    parts.append("</g>")
    parts += _legend(x, y, height, unit, bool(shaded), bool(places))
    parts.append("</svg>")
    return Markup("".join(parts))


def _partner_tip(country: Country, tone: PartnerTone) -> str:
    return (f"{country.name}: {tone.events} events ({tone.cooperative} cooperative, "
            f"{tone.conflictual} conflictual), mean Goldstein {tone.goldstein_mean:+.1f}")


def _partner_labels(shaded: dict[str, PartnerTone], shapes: dict[str, Country],
                    unit: float) -> list[str]:
    """Each shaded partner's code and mean score at its label point, haloed."""
    parts = [f'<g class="labels" font-size="{4.4 * unit:.2f}" text-anchor="middle" '
             f'paint-order="stroke" stroke="#fff" stroke-width="{1.0 * unit:.2f}" '
             f'font-family="sans-serif">']
    for code, tone in shaded.items():
        country = shapes[code]
        parts.append(f'<text x="{country.lon:.1f}" y="{-country.lat:.1f}">'
                     f"{code} {tone.goldstein_mean:+.1f}</text>")
    parts.append("</g>")
    return parts


def _place_marks(places: Sequence[EventPlace], unit: float) -> list[str]:
    """A circle (cooperation) and a cross (conflict) per place, area by events;
    the busiest places named."""
    if not places:
        return []
    busiest = max(place.events for place in places) or 1
    parts = ['<g class="places" font-family="sans-serif">']
    for rank, place in enumerate(places):
        x, y = place.lon, -place.lat
        tip = (f"{place.name}: {place.cooperative} cooperative, {place.conflictual} "
               f"conflictual events ({place.precision})")
        parts.append(f'<g class="place" data-name="{escape(place.name)}">'
                     f"<title>{escape(tip)}</title>")
        if place.cooperative:
            r = _mark_size(place.cooperative, busiest, unit)
            parts.append(f'<circle class="coop" cx="{x:.2f}" cy="{y:.2f}" r="{r:.2f}" '
                         f'fill="#2166ac" fill-opacity="0.55" stroke="#053061" '
                         f'stroke-width="{0.15 * unit:.2f}"/>')
        if place.conflictual:
            arm = _mark_size(place.conflictual, busiest, unit)
            parts.append(f'<path class="conflict" d="M{x - arm:.2f} {y - arm:.2f}L{x + arm:.2f} '
                         f'{y + arm:.2f}M{x + arm:.2f} {y - arm:.2f}L{x - arm:.2f} {y + arm:.2f}" '
                         f'stroke="#b2182b" stroke-width="{0.5 * unit:.2f}"/>')
        if rank < MAX_PLACE_LABELS:
            parts.append(f'<text x="{x + 2 * unit:.2f}" y="{y + 1 * unit:.2f}" '
                         f'font-size="{4 * unit:.2f}" paint-order="stroke" stroke="#fff" '
                         f'stroke-width="{0.9 * unit:.2f}">{escape(place.name)} '
                         f"({place.events})</text>")
        parts.append("</g>")
    parts.append("</g>")
    return parts


def _mark_size(events: int, busiest: int, unit: float) -> float:
    """A mark's radius: its area grows with its events, the same on screen at any zoom."""
    return (0.6 + 1.6 * math.sqrt(events / busiest)) * unit


def _legend(x: float, y: float, height: float, unit: float, choropleth: bool,
            marks: bool) -> list[str]:
    """The key, in the map's lower left corner: the classes' patterns and words, and
    what the marks mean."""
    rows: list[str] = []
    line = 5 * unit
    if choropleth:
        rows += [f'<rect x="0" y="{i * line:.2f}" width="{5 * unit:.2f}" '
                 f'height="{3 * unit:.2f}" fill="url(#p-{name})" stroke="#666" '
                 f'stroke-width="{0.1 * unit:.2f}"/><text x="{6 * unit:.2f}" '
                 f'y="{i * line + 2.5 * unit:.2f}">{escape(words)}</text>'
                 for i, (_, name, words) in enumerate(CLASSES)]
    if marks:
        top = len(rows) * line
        rows.append(f'<circle cx="{2.5 * unit:.2f}" cy="{top + 1.5 * unit:.2f}" '
                    f'r="{1.4 * unit:.2f}" fill="#2166ac" fill-opacity="0.55"/>'
                    f'<text x="{6 * unit:.2f}" y="{top + 2.5 * unit:.2f}">circle: '
                    f"cooperation, where it happened</text>")
        top += line
        arm = 1.3 * unit
        rows.append(f'<path d="M{2.5 * unit - arm:.2f} {top + 1.5 * unit - arm:.2f}l{2 * arm:.2f} '
                    f'{2 * arm:.2f}m0 {-2 * arm:.2f}l{-2 * arm:.2f} {2 * arm:.2f}" '
                    f'stroke="#b2182b" stroke-width="{0.5 * unit:.2f}"/>'
                    f'<text x="{6 * unit:.2f}" y="{top + 2.5 * unit:.2f}">cross: conflict'
                    f"</text>")
    if not rows:
        return []
    box_height = len(rows) * line + 1.5 * unit
    top = y + height - box_height - 1.5 * unit
    return [f'<g class="legend" transform="translate({x + 1.5 * unit:.2f} {top:.2f})" '
            f'font-size="{3.6 * unit:.2f}" font-family="sans-serif">'
            f'<rect x="{-unit:.2f}" y="{-unit:.2f}" width="{82 * unit:.2f}" '
            f'height="{box_height:.2f}" fill="#fff" fill-opacity="0.85"/>', *rows, "</g>"]
