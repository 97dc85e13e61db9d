"""Words for codes on the pages: side names, event names, quad classes, statuses."""

from __future__ import annotations

from detente.events.ontology import lookup
from detente.names import side_names

QUADS = {
    1: "verbal cooperation",
    2: "material cooperation",
    3: "verbal conflict",
    4: "material conflict",
}
UNKNOWN = "unknown"


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
