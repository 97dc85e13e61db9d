"""Words for codes on the pages: side names, event names, quad classes, statuses."""

from __future__ import annotations

from functools import cache

from detente.data import read_table
from detente.events.ontology import lookup

QUADS = {
    1: "verbal cooperation",
    2: "material cooperation",
    3: "verbal conflict",
    4: "material conflict",
}
UNKNOWN = "unknown"


@cache
def side_names() -> dict[str, str]:
    """Country and organisation names by code (ISO alpha-3, IGO codes)."""
    names = {row["iso3"]: row["name"] for row in read_table("countries.tsv")}
    names.update((row["code"], row["name"]) for row in read_table("igos.tsv"))
    return names


def side_name(code: str | None) -> str:
    """``North Korea`` for PRK; the code itself when it names no state or organisation."""
    if not code:
        return UNKNOWN
    return side_names().get(code, code)


def event_name(cameo: str) -> str:
    try:
        return lookup(cameo).name
    except KeyError:
        return cameo
