"""Places as GDELT 2.0 writes them: the eight ``*Geo_*`` fields of an event row.

GDELT's geo types: 1 country, 2 US state, 3 US city, 4 world city, 5 world
first-level division (0: no place). Country codes and ADM1 codes are FIPS 10-4
(``ADM1Code`` is the FIPS country code and the division's code, "SZGE"; a
country's is its FIPS code). ``FullName`` is the place and its country
("Geneva, Switzerland"); ``FeatureID`` the GeoNames id of a city or US state
(GDELT uses the GNS/GNIS id there), a country's FIPS code. ADM2 stays empty.
"""

from __future__ import annotations

from typing import Any

from detente.geo.gazetteer import gazetteer

NO_PLACE: list[Any] = [0, None, None, None, None, None, None, None]


def geo_type(precision: str | None, country: str | None) -> int:
    """GDELT's geo type of a place of this precision in this (ISO3) state."""
    in_us = country == "USA"
    return {"country": 1, "region": 2 if in_us else 5, "city": 3 if in_us else 4}.get(
        precision or "", 0)


def location_geo(row: dict[str, Any], prefix: str = "location") -> list[Any]:
    """The Geo fields of a stored location (``location_name``, ``_country``,
    ``_region``, ``_lat``, ``_lon``, ``_precision``, ``_feature`` columns)."""
    name = row.get(f"{prefix}_name")
    if name is None:
        return list(NO_PLACE)
    places = gazetteer()
    country = row[f"{prefix}_country"]
    precision = row[f"{prefix}_precision"]
    state = places.country(country)
    fips = places.fips(country)
    full_name = name if precision == "country" or state is None else f"{name}, {state.name}"
    feature = fips if precision == "country" else row.get(f"{prefix}_feature")
    return [geo_type(precision, country), full_name, fips, row.get(f"{prefix}_region") or fips,
            None, round(row[f"{prefix}_lat"], 4), round(row[f"{prefix}_lon"], 4), feature]


def country_geo(country: str | None) -> list[Any]:
    """The Geo fields of an actor known by its state: the state, at its label point."""
    place = gazetteer().country(country)
    if place is None:
        return list(NO_PLACE)
    return [1, place.name, place.fips, place.fips, None, place.lat, place.lon, place.fips]
