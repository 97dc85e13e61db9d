"""Bench: a dyad time series over 10 million stored events.

Generates a DuckDB file under /tmp with an ``events`` table of the shape
``detente.store.events.refresh_events`` builds (random dyads among 200
states, dates 1979-2024), then times ``dyad_series`` for PRK-USA per month.

    .venv/bin/python bench/relations.py [--events 10000000] [--db /tmp/detente-bench.duckdb]
"""

from __future__ import annotations

import argparse
import statistics
import time
from pathlib import Path

import duckdb

from detente.relations.series import dyad_series

GENERATE = """
CREATE OR REPLACE TABLE events AS
WITH sides AS (SELECT list(code) AS codes FROM (
    SELECT 'PRK' AS code UNION ALL SELECT 'USA'
    UNION ALL SELECT printf('S%02d', i) FROM range(198) AS t(i)))
SELECT i AS event_id, 'bench' AS event_key,
       codes[1 + CAST(floor(pow(random(), 2) * 200) AS INTEGER)] AS source_side,
       codes[1 + CAST(floor(pow(random(), 2) * 200) AS INTEGER)] AS target_side,
       printf('%02d', 1 + CAST(floor(random() * 20) AS INTEGER)) AS root,
       CASE WHEN random() < 0.9 THEN 'occurred' ELSE 'planned' END AS status,
       DATE '1979-01-01' + CAST(floor(random() * 16800) AS INTEGER) AS event_day
FROM range($count) AS t(i), sides
"""
FINISH = """
CREATE OR REPLACE TABLE events AS
SELECT *, root || '0' AS cameo,
       CASE WHEN root <= '05' THEN 1 WHEN root <= '09' THEN 2 WHEN root <= '14' THEN 3 ELSE 4
       END AS quad,
       CAST(10 - CAST(root AS INTEGER) AS DOUBLE) AS goldstein,
       event_day - CAST(floor(random() * 3) AS INTEGER) AS pub_day
FROM events
"""


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--events", type=int, default=10_000_000)
    parser.add_argument("--db", default="/tmp/detente-bench.duckdb")
    parser.add_argument("--repeat", type=int, default=5)
    arguments = parser.parse_args()
    path = Path(arguments.db)
    connection = duckdb.connect(str(path))
    have = 0
    if connection.execute("SELECT count(*) FROM information_schema.tables "
                          "WHERE table_name = 'events'").fetchall()[0][0]:
        have = connection.execute("SELECT count(*) FROM events").fetchall()[0][0]
    if have != arguments.events:
        started = time.perf_counter()
        connection.execute(GENERATE, {"count": arguments.events})
        connection.execute(FINISH)
        print(f"generated {arguments.events:,} events in {time.perf_counter() - started:.1f} s "
              f"→ {path}")
    connection.close()
    connection = duckdb.connect(str(path), read_only=True)
    timings = []
    for _ in range(arguments.repeat):
        started = time.perf_counter()
        rows = dyad_series(connection, "PRK", "USA", freq="month")
        timings.append(time.perf_counter() - started)
    total = sum(row["events"] for row in rows)
    print(f"dyad_series(PRK, USA, freq=month) over {arguments.events:,} events: "
          f"{len(rows)} months, {total:,} PRK-USA events; "
          f"median {statistics.median(timings):.3f} s, "
          f"best {min(timings):.3f} s of {arguments.repeat} (first {timings[0]:.3f} s)")


if __name__ == "__main__":
    main()
