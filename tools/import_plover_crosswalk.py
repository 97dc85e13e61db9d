"""Carry PLOVER's CAMEO crosswalk into detente's CAMEO table.

    python tools/import_plover_crosswalk.py ../shared/data/cameo/CAMEO2PLOVER-2021.txt \
        [--table src/detente/data/cameo.tsv]

The crosswalk (PLOVER manual, draft 0.8 of 17 September 2021; CC BY-SA) has a line
``CODE: TYPE, mode, context[; context] # CAMEO name`` for each code it lists, and
``RR: TYPE`` for each root. This fills ``cameo.tsv``'s ``plover_contexts`` (the
contexts, ``;``-separated) and ``plover_source`` (``CAMEO2PLOVER-2021.txt:LINE``,
the line the code's PLOVER columns come from) and checks that the table's
``plover`` and ``plover_mode`` are the crosswalk's. A code the crosswalk does not
list keeps its type and mode, with ``plover_source`` ``detente`` where it has a
type (the appeals of root 02, read as PLOVER's REQUEST with mode ``appeal``) and
empty where it has none (root 01). Where the crosswalk lists a code twice (175),
the first line counts. Prints what it wrote and any disagreement (then exits 1).
"""

from __future__ import annotations

import argparse
import csv
import re
import sys
from pathlib import Path

LINE = re.compile(r"^(\d{2,4}):\s*([^#]*)")
COLUMNS = ("code", "name", "goldstein", "quad", "plover", "plover_mode", "plover_contexts",
           "plover_source")


def crosswalk(path: Path) -> dict[str, tuple[str, str, list[str], int]]:
    """Each code's type, mode, contexts and line number (the first line of a code)."""
    found: dict[str, tuple[str, str, list[str], int]] = {}
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        match = LINE.match(line)
        if not match or match.group(1) in found:
            continue
        parts = [part.strip() for part in match.group(2).split(",")] + ["", ""]
        contexts = [context.strip() for context in parts[2].split(";") if context.strip()]
        found[match.group(1)] = (parts[0], parts[1], contexts, number)
    return found


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("crosswalk", type=Path)
    parser.add_argument("--table", type=Path, default=Path("src/detente/data/cameo.tsv"))
    arguments = parser.parse_args()
    table = arguments.table
    source = arguments.crosswalk.name
    mapping = crosswalk(arguments.crosswalk)
    with table.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle, delimiter="\t", quoting=csv.QUOTE_NONE))
    disagreements, listed = [], 0
    for row in rows:
        entry = mapping.get(row["code"])
        if entry is None:
            row["plover_contexts"] = ""
            row["plover_source"] = "detente" if row["plover"] else ""
            continue
        plover, mode, contexts, number = entry
        listed += 1
        if (row["plover"], row["plover_mode"]) != (plover, mode):
            disagreements.append(f"{row['code']}: table {row['plover']}/{row['plover_mode']}, "
                                 f"crosswalk {plover}/{mode}")
        row["plover_contexts"] = ";".join(contexts)
        row["plover_source"] = f"{source}:{number}"
    with table.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, COLUMNS, delimiter="\t", quoting=csv.QUOTE_NONE,
                                lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)
    with_context = sum(1 for row in rows if row["plover_contexts"])
    print(f"{table}: {len(rows)} codes, {listed} from {source} ({with_context} with contexts); "
          f"codes of the crosswalk not in the table: "
          f"{', '.join(sorted(set(mapping) - {row['code'] for row in rows})) or 'none'}")
    for line in disagreements:
        print(f"disagrees: {line}", file=sys.stderr)
    if disagreements:
        raise SystemExit(1)


if __name__ == "__main__":
    main()
