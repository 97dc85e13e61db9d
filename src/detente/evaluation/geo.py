"""Scoring where events happened against real news pages labelled by hand.

Labels (``data/eval/geo_locations.tsv``) name, for one coded event sentence of a
page (its sentence index in the article as detente splits it, and the trigger
word), the place the text puts the event in: its name, state, coordinates and
precision (``city``, ``region``, ``country``; ``-`` country: the text places it
nowhere a reader could name). The page texts stay in the reference data
(``../shared/data``), read as ``detente eval news`` reads them.

Scores: country accuracy over the labels that name a state, and city accuracy
(the event placed within 50 km of the labelled place) over the labels of city
precision, each on the labelled events the coder emits (coverage is reported
beside them: a sentence the coder codes no event in has no location to score).
"""

from __future__ import annotations

import math
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from detente.data import read_table
from detente.evaluation.news import load_article
from detente.evaluation.scoring import ratio
from detente.model import Article, EventMention, Location

CITY_KM = 50.0
EARTH_KM = 6371.0


@dataclass(frozen=True)
class PlaceLabel:
    """Where one event sentence puts its event, as a reader of the page said."""

    page: str
    split: str
    sentence_index: int
    trigger: str
    event: str  # the event in the labeller's words (what the label is about)
    place: str
    country: str  # ISO3, "-" when the text names no place
    lat: float | None
    lon: float | None
    precision: str


def read_labels(split: str | None = None) -> list[PlaceLabel]:
    rows = read_table("eval/geo_locations.tsv")
    labels = [PlaceLabel(row["page"], row["split"], int(row["sentence_index"]), row["trigger"],
                         row["event"], row["place"], row["country"],
                         float(row["lat"]) if row["lat"] else None,
                         float(row["lon"]) if row["lon"] else None, row["precision"])
              for row in rows]
    return [label for label in labels if split is None or label.split == split]


def distance_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance (haversine)."""
    phi1, phi2 = math.radians(lat1), math.radians(lat2)
    dphi, dlambda = phi2 - phi1, math.radians(lon2 - lon1)
    a = math.sin(dphi / 2) ** 2 + math.cos(phi1) * math.cos(phi2) * math.sin(dlambda / 2) ** 2
    return 2 * EARTH_KM * math.asin(math.sqrt(a))


@dataclass
class Scored:
    label: PlaceLabel
    event: EventMention | None  # the coded event of the labelled sentence, if any

    @property
    def location(self) -> Location | None:
        return self.event.location if self.event is not None else None

    @property
    def country_right(self) -> bool:
        return self.location is not None and self.location.country == self.label.country

    @property
    def city_right(self) -> bool:
        place = self.location
        return (place is not None and self.label.lat is not None and self.label.lon is not None
                and distance_km(place.lat, place.lon, self.label.lat, self.label.lon) <= CITY_KM)


@dataclass
class GeoReport:
    scored: list[Scored] = field(default_factory=list)

    def _coded(self, keep: Callable[[PlaceLabel], bool]) -> list[Scored]:
        return [s for s in self.scored if s.event is not None and keep(s.label)]

    @property
    def labels(self) -> int:
        return len(self.scored)

    @property
    def coded(self) -> int:
        return sum(s.event is not None for s in self.scored)

    @property
    def country(self) -> tuple[int, int]:
        named = self._coded(lambda label: label.country != "-")
        return sum(s.country_right for s in named), len(named)

    @property
    def city(self) -> tuple[int, int]:
        cities = self._coded(lambda label: label.precision == "city")
        return sum(s.city_right for s in cities), len(cities)

    @property
    def country_accuracy(self) -> float:
        return ratio(*self.country)

    @property
    def city_accuracy(self) -> float:
        return ratio(*self.city)

    def wrong(self) -> Iterator[Scored]:
        for scored in self.scored:
            if scored.event is None:
                continue
            if (scored.label.country != "-" and not scored.country_right) or (
                    scored.label.precision == "city" and not scored.city_right):
                yield scored


def labelled_event(events: list[EventMention], label: PlaceLabel) -> EventMention | None:
    """The coded event of the labelled sentence: its trigger's, else the sentence's
    most confident one."""
    in_sentence = [event for event in events if event.sentence_index == label.sentence_index]
    by_trigger = [event for event in in_sentence if event.trigger == label.trigger]
    return max(by_trigger or in_sentence, key=lambda event: event.confidence, default=None)


def evaluate_geo(code: Callable[[Iterable[Article]], Iterable[list[EventMention]]],
                 shared_data: Path, split: str | None = None) -> GeoReport:
    """Code each labelled page once and score its labels."""
    labels = read_labels(split)
    pages = list(dict.fromkeys(label.page for label in labels))
    articles = [load_article(page, shared_data) for page in pages]
    report = GeoReport()
    for page, events in zip(pages, code(articles), strict=True):
        for label in (label for label in labels if label.page == page):
            report.scored.append(Scored(label, labelled_event(list(events), label)))
    return report
