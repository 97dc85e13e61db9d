"""Latency of the dyad endpoint under concurrent clients, on loopback only.

    python bench/load.py --db demo.duckdb [--clients 50] [--requests 5000] [--seconds 30]
    python bench/load.py --url http://127.0.0.1:8000 ...   (a server already running)

Starts `detente serve` on a free 127.0.0.1 port (unless --url names one on this
machine), asks it for the most active dyads, then has ``--clients`` concurrent
clients request dyad series in turn — every dyad, both by year and by month —
until ``--requests`` answers or ``--seconds`` have passed, whichever comes first.
Prints p50/p95/p99 latency, requests per second, errors and the command. The
server's first answer for each series is computed, later ones come from its
result cache (a read-only store does not change): each distinct request is
first asked once, alone, and those first answers are reported apart (``--cold-only``
measures computed answers alone, under load, by giving each request its own
date window)."""

from __future__ import annotations

import argparse
import asyncio
import os
import shlex
import socket
import statistics
import subprocess
import sys
import time
from itertools import cycle
from pathlib import Path
from urllib.parse import urlsplit

import httpx

LOOPBACK = {"127.0.0.1", "localhost", "::1"}


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def start_server(db: str) -> tuple[subprocess.Popen, str]:
    """`detente serve` over ``db`` on a free loopback port, once it answers."""
    port = free_port()
    command = [str(Path(sys.executable).parent / "detente"), "serve", "--db", db,
               "--port", str(port)]
    server = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if server.poll() is not None:
            sys.exit(f"error: detente serve stopped: {server.stderr.read().decode().strip()}")
        try:
            httpx.get(url + "/api/summary", timeout=2).raise_for_status()
            return server, url
        except httpx.TransportError:
            time.sleep(0.2)
    server.terminate()
    sys.exit("error: detente serve did not answer within 60 s")


def paths(url: str, cold: bool) -> list[str]:
    """Series requests over the most active dyads, by year and by month."""
    dyads = httpx.get(url + "/api/dyads", params={"limit": 20}, timeout=30).json()
    if not dyads:
        sys.exit("error: the database has no dyads to ask about")
    base = [f"/api/dyads/{d['side_a']}/{d['side_b']}/series?freq={freq}"
            for d in dyads for freq in ("year", "month")]
    if not cold:
        return base
    # a distinct window per request: none is answered from the cache
    return [f"{path}&start={year}" for year in range(1000, 1950) for path in base]


async def fetch(reader: asyncio.StreamReader, writer: asyncio.StreamWriter, host: str,
                path: str) -> int:
    """One GET on a kept-alive connection; the status code. A bare HTTP/1.1 client:
    the load generator shares the machine's cores with the server, so it must
    cost little itself."""
    writer.write(f"GET {path} HTTP/1.1\r\nHost: {host}\r\n\r\n".encode())
    await writer.drain()
    head = await reader.readuntil(b"\r\n\r\n")
    status = int(head.split(b" ", 2)[1])
    length = next(int(line.split(b":", 1)[1]) for line in head.split(b"\r\n")
                  if line.lower().startswith(b"content-length:"))
    await reader.readexactly(length)
    return status


async def run(url: str, targets: list[str], clients: int, requests: int,
              seconds: float) -> tuple[list[float], int, float]:
    """``clients`` connections asking in turn until ``requests`` answers or ``seconds``."""
    latencies: list[float] = []
    errors = 0
    queue = cycle(targets)
    deadline = time.monotonic() + seconds
    parts = urlsplit(url)

    async def client() -> None:
        nonlocal errors
        reader, writer = await asyncio.open_connection(parts.hostname, parts.port)
        try:
            while len(latencies) + errors < requests and time.monotonic() < deadline:
                started = time.perf_counter()
                try:
                    ok = await fetch(reader, writer, parts.netloc, next(queue)) == 200
                except (OSError, asyncio.IncompleteReadError, StopIteration, ValueError):
                    ok = False
                if ok:
                    latencies.append(time.perf_counter() - started)
                else:
                    errors += 1
                    return  # the connection is in an unknown state: this client stops
        finally:
            writer.close()

    began = time.perf_counter()
    await asyncio.gather(*(client() for _ in range(clients)))
    return latencies, errors, time.perf_counter() - began


def warm_up(url: str, targets: list[str]) -> list[float]:
    """Each distinct request once, alone: how long a computed (uncached) answer takes."""
    timings = []
    with httpx.Client(base_url=url, timeout=30) as client:
        for path in targets:
            started = time.perf_counter()
            client.get(path).raise_for_status()
            timings.append((time.perf_counter() - started) * 1000)
    return timings


def percentile(values: list[float], share: float) -> float:
    return statistics.quantiles(values, n=100, method="inclusive")[round(share * 100) - 1]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--db", default="demo.duckdb", help="DuckDB file to serve")
    parser.add_argument("--url", help="a running server on this machine instead")
    parser.add_argument("--clients", type=int, default=50)
    parser.add_argument("--requests", type=int, default=5000, help="stop after this many")
    parser.add_argument("--seconds", type=float, default=30.0, help="... or after this long")
    parser.add_argument("--cold-only", action="store_true",
                        help="only requests the server has not answered before")
    args = parser.parse_args()
    server = None
    if args.url:
        if urlsplit(args.url).hostname not in LOOPBACK:
            sys.exit("error: --url must be a loopback address (127.0.0.1, localhost, ::1)")
        url = args.url.rstrip("/")
    else:
        if not os.path.isfile(args.db):
            sys.exit(f"error: {args.db}: no such database (build one with `detente demo`)")
        server, url = start_server(args.db)
    try:
        targets = paths(url, args.cold_only)
        first = [] if args.cold_only else warm_up(url, targets)
        latencies, errors, elapsed = asyncio.run(
            run(url, targets, args.clients, args.requests, args.seconds))
    finally:
        if server is not None:
            server.terminate()
            server.wait(timeout=30)
    if len(latencies) < 2:
        sys.exit(f"error: only {len(latencies)} answers ({errors} errors)")
    ms = [value * 1000 for value in latencies]
    print(f"command: {shlex.join([Path(sys.executable).name, *sys.argv])}")
    if first:
        print(f"first answers (computed, one at a time): mean {statistics.mean(first):.1f} ms, "
              f"max {max(first):.1f} ms over {len(first)} requests")
    print(f"{len(ms)} answers, {errors} errors, {args.clients} clients, "
          f"{len(targets)} distinct requests, {elapsed:.1f} s, "
          f"{len(ms) / elapsed:.0f} requests/s")
    print(f"latency p50 {percentile(ms, .50):.1f} ms · p95 {percentile(ms, .95):.1f} ms · "
          f"p99 {percentile(ms, .99):.1f} ms · max {max(ms):.1f} ms")


if __name__ == "__main__":
    main()
