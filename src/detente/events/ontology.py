"""The CAMEO codebook as data: names, Goldstein (GDELT scale), quad class and
the PLOVER crosswalk (type, mode, contexts, and the crosswalk line each comes
from), read from ``data/cameo.tsv``."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

from detente.data import read_table, split_list

# Roots whose events are joint acts: "X and Y met" is as true as "Y and X met". Acts of
# other roots go one way even when two parties are said to do them together.
JOINT_ROOTS = frozenset({"03", "04", "05", "06"})


@dataclass(frozen=True)
class CameoCode:
    code: str
    name: str
    goldstein: float
    quad: int
    plover: str | None
    plover_mode: str | None
    plover_contexts: tuple[str, ...] = ()  # PLOVER's contexts of the code (economic, legal)
    plover_source: str | None = None  # CAMEO2PLOVER-2021.txt:LINE, or detente's own reading

    @property
    def root(self) -> str:
        return self.code[:2]


def quad_class(root: str) -> int:
    """GDELT 2.0 QuadClass of a CAMEO root: 1 verbal coop … 4 material conflict."""
    number = int(root)
    if not 1 <= number <= 20:
        raise ValueError(f"not a CAMEO root: {root!r}")
    if number <= 5:
        return 1
    if number <= 9:
        return 2
    if number <= 14:
        return 3
    return 4


@cache
def codebook() -> dict[str, CameoCode]:
    """Every CAMEO code keyed by its string (leading zeros kept)."""
    table = {}
    for row in read_table("cameo.tsv"):
        table[row["code"]] = CameoCode(
            code=row["code"],
            name=row["name"],
            goldstein=float(row["goldstein"]),
            quad=int(row["quad"]),
            plover=row["plover"] or None,
            plover_mode=row["plover_mode"] or None,
            plover_contexts=tuple(split_list(row["plover_contexts"])),
            plover_source=row["plover_source"] or None,
        )
    return table


def lookup(code: str) -> CameoCode:
    """The codebook entry for ``code``; raises KeyError naming an unknown code."""
    try:
        return codebook()[code]
    except KeyError:
        raise KeyError(f"unknown CAMEO code {code!r}") from None
