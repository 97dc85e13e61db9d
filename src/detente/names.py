"""Names in words for the codes detente writes: states (``countries.tsv``, past
states too) and organisations (``igos.tsv``), for the dashboard and the exports."""

from __future__ import annotations

from functools import cache

from detente.data import read_table


@cache
def side_names() -> dict[str, str]:
    """Country and organisation names by code (ISO alpha-3, IGO codes)."""
    names = {row["iso3"]: row["name"] for row in read_table("countries.tsv")}
    names.update((row["code"], row["name"]) for row in read_table("igos.tsv"))
    return names
