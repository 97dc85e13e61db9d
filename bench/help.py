"""How fast `detente --help` answers, against a bare Python start in the same run.

    python bench/help.py [--repeats 10]

Runs ``python -c pass`` (the floor: the interpreter's own start-up), then
``detente --help`` and a few subcommands' ``--help``, each ``--repeats`` times in
fresh processes, interleaved so a burst of load on a shared machine moves one run,
not the line between two figures. Prints the median wall time of each and what
``detente --help`` adds to a bare start. The target (issue 17): under 0.3 s, which
means the commands import spaCy, DuckDB and the rest only when they run."""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import time

COMMANDS = {
    "python -c pass": [sys.executable, "-c", "pass"],
    "detente --help": [sys.executable, "-m", "detente", "--help"],
    "detente extract --help": [sys.executable, "-m", "detente", "extract", "--help"],
    "detente export --help": [sys.executable, "-m", "detente", "export", "--help"],
    "detente actors lookup --help": [sys.executable, "-m", "detente", "actors", "lookup",
                                     "--help"],
}


def wall_time(command: list[str]) -> float:
    started = time.perf_counter()
    subprocess.run(command, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    return time.perf_counter() - started


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeats", type=int, default=10)
    options = parser.parse_args()
    timings: dict[str, list[float]] = {name: [] for name in COMMANDS}
    for _ in range(options.repeats):
        for name, command in COMMANDS.items():
            timings[name].append(wall_time(command))
    medians = {name: statistics.median(values) for name, values in timings.items()}
    print(f"{'command':<32} {'median s':>9}")
    for name, value in medians.items():
        print(f"{name:<32} {value:>9.3f}")
    floor = medians["python -c pass"]
    print(f"detente --help adds {medians['detente --help'] - floor:.3f} s to a bare start "
          f"({medians['detente --help'] / floor:.1f}x); target: under 0.3 s in all")
    print(f"command: python bench/help.py --repeats {options.repeats}")


if __name__ == "__main__":
    main()
