"""Reference tables shipped with detente (TSV/YAML), read through ``read_table``."""

from __future__ import annotations

import csv
from collections.abc import Iterator
from importlib import resources
from pathlib import Path


def data_path(name: str) -> Path:
    """Path of a bundled data file (tables and the sample corpus)."""
    return Path(str(resources.files("detente.data").joinpath(name)))


def sample_files() -> list[Path]:
    """The bundled sample corpus's articles (HTML and plain text), in name order."""
    folder = data_path("sample")
    return sorted(path for path in folder.iterdir() if path.suffix in {".txt", ".html"})


def read_table(name: str) -> Iterator[dict[str, str]]:
    """Rows of a bundled TSV table as dicts keyed by its header; values stripped."""
    return read_tsv(data_path(name))


def read_tsv(path: Path) -> Iterator[dict[str, str]]:
    """Rows of any TSV file with a header line (no quoting), values stripped."""
    with path.open(encoding="utf-8", newline="") as handle:
        reader = csv.DictReader(handle, delimiter="\t", quoting=csv.QUOTE_NONE)
        for row in reader:
            yield {key: (value or "").strip() for key, value in row.items()}


def split_list(value: str) -> list[str]:
    """Split a ``;``-separated table cell into its non-empty items."""
    return [item.strip() for item in value.split(";") if item.strip()]
