"""Convert Natural Earth's 1:110m country outlines into detente's map table.

    python tools/import_country_shapes.py SHAPEFILE [--out src/detente/data/country_shapes.tsv]

``SHAPEFILE`` is Natural Earth's ``ne_110m_admin_0_countries`` as geopandas 0.14
shipped it (``geopandas/datasets/naturalearth_lowres/naturalearth_lowres.shp``
inside the geopandas 0.14.4 wheel: fields ``name``, ``iso_a3``). Reading it needs
``pyshp`` (``import shapefile``), a tool-only dependency.

Writes one row per country: ISO3 code, name, the label point (the area centroid
of its largest outline, in degrees) and an SVG path in plate carrée degrees
(x = longitude, y = -latitude), points rounded to 0.1° and thinned where they
lie closer than 0.25° to the last one kept: about 100 kB, drawn server-side by
``detente.geo.worldmap`` with nothing fetched at run time.
"""

from __future__ import annotations

import argparse
import csv
import itertools
from pathlib import Path

ISO3_FIXES = {"Kosovo": "XKX"}  # Natural Earth writes -99 where ISO has no code
MIN_STEP = 0.25


def ring_area_centroid(ring: list[tuple[float, float]]) -> tuple[float, float, float]:
    """Signed area and centroid (x, y) of a closed ring (shoelace formula)."""
    area = cx = cy = 0.0
    for (x0, y0), (x1, y1) in zip(ring, ring[1:] + ring[:1], strict=True):
        cross = x0 * y1 - x1 * y0
        area += cross
        cx += (x0 + x1) * cross
        cy += (y0 + y1) * cross
    area /= 2
    if area == 0:
        return 0.0, ring[0][0], ring[0][1]
    return area, cx / (6 * area), cy / (6 * area)


def thin(ring: list[tuple[float, float]]) -> list[tuple[float, float]]:
    """The ring's points rounded to 0.1°, dropping those too close to the last kept."""
    kept = [ring[0]]
    for x, y in ring[1:]:
        if abs(x - kept[-1][0]) + abs(y - kept[-1][1]) >= MIN_STEP:
            kept.append((x, y))
    return kept if len(kept) >= 3 else ring[:3]


def svg_path(rings: list[list[tuple[float, float]]]) -> str:
    parts = []
    for ring in rings:
        points = " ".join(f"{x:.1f} {-y:.1f}" for x, y in thin(ring))
        parts.append(f"M{points}Z")
    return "".join(parts)


def main() -> None:
    import shapefile  # pyshp: a tool-only dependency

    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("shapefile", type=Path)
    parser.add_argument("--out", type=Path, default=Path("src/detente/data/country_shapes.tsv"))
    args = parser.parse_args()
    reader = shapefile.Reader(str(args.shapefile))
    rows = []
    for item in reader.shapeRecords():
        name = item.record["name"]
        iso3 = ISO3_FIXES.get(name, item.record["iso_a3"])
        shape = item.shape
        bounds = [*shape.parts, len(shape.points)]
        rings = [[tuple(p) for p in shape.points[a:b]] for a, b in itertools.pairwise(bounds)]
        largest = max((ring_area_centroid(ring) for ring in rings), key=lambda a: abs(a[0]))
        rows.append((iso3, name, f"{largest[2]:.2f}", f"{largest[1]:.2f}", svg_path(rings)))
    with args.out.open("w", encoding="utf-8", newline="") as out:
        writer = csv.writer(out, delimiter="\t", lineterminator="\n")
        writer.writerow(("iso3", "name", "lat", "lon", "path"))
        writer.writerows(sorted(rows))
    print(f"{len(rows)} countries written to {args.out}")


if __name__ == "__main__":
    main()
