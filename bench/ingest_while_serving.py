"""Ingest and dashboard at once: how long dashboard reads wait while
``detente extract`` stores into the database ``detente serve`` is serving.

    python bench/ingest_while_serving.py [--articles 64] [--workers 1]

Writes a synthetic corpus (``detente.engine.corpus``), stores the first half,
starts ``detente serve`` on the database, then runs ``detente extract`` on the
second half while one client reads ``/api/summary`` and ``/api/events`` in a
loop. Printed: the reads' latency (p50, p95, max), errors, how the article count
grew, and how long after the run ended its last articles were visible."""

from __future__ import annotations

import argparse
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import httpx

from detente.engine.corpus import write_corpus

DETENTE = str(Path(sys.executable).with_name("detente"))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--articles", type=int, default=64)
    parser.add_argument("--workers", type=int, default=1)
    args = parser.parse_args()
    root = Path(tempfile.mkdtemp(prefix="detente-concurrent-"))
    write_corpus(root / "all", args.articles, words=300)
    halves = [root / "first", root / "second"]
    for half in halves:
        half.mkdir()
    for number, path in enumerate(sorted((root / "all").iterdir())):
        path.rename(halves[number >= args.articles // 2] / path.name)
    db = root / "news.duckdb"

    def extract(folder: Path) -> subprocess.Popen:
        return subprocess.Popen([DETENTE, "extract", str(folder), "--db", str(db), "--format",
                                 "none", "--workers", str(args.workers)],
                                stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)

    assert extract(halves[0]).wait() == 0
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    server = subprocess.Popen([DETENTE, "serve", "--db", str(db), "--port", str(port)],
                              stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    url = f"http://127.0.0.1:{port}"
    client = httpx.Client(timeout=60)
    while True:
        try:
            client.get(url + "/api/summary")
            break
        except httpx.TransportError:
            time.sleep(0.2)
    run = extract(halves[1])
    latencies: list[float] = []
    errors: list[str] = []
    counts: list[int] = []
    paths = ["/api/summary", "/api/events?limit=20"]
    while run.poll() is None:
        for path in paths:
            start = time.monotonic()
            response = client.get(url + path)
            latencies.append(time.monotonic() - start)
            if response.status_code != 200:
                errors.append(f"{path}: {response.status_code} {response.text[:100]}")
            elif path == "/api/summary":
                counts.append(response.json()["articles"])
    ended = time.monotonic()
    while client.get(url + "/api/summary").json()["articles"] < args.articles:
        time.sleep(0.05)
    visible = time.monotonic() - ended
    server.send_signal(signal.SIGTERM)
    server.wait(timeout=30)
    run_errors = [line for line in run.stderr.read().splitlines() if "error" in line]
    latencies.sort()
    print(f"{len(latencies)} reads while {args.articles // 2} articles were stored "
          f"(run exit {run.returncode}, {len(run_errors)} run errors, {len(errors)} read errors)")
    print(f"read latency: p50 {statistics.median(latencies) * 1000:.0f} ms, "
          f"p95 {latencies[int(len(latencies) * 0.95)] * 1000:.0f} ms, "
          f"max {latencies[-1] * 1000:.0f} ms")
    print(f"articles seen: {sorted(set(counts))}")
    print(f"all stored articles visible {visible:.2f} s after the run ended")
    for line in (errors + run_errors)[:5]:
        print("  ", line)


if __name__ == "__main__":
    main()
