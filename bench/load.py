"""Latency of the dyad endpoint under concurrent clients, on loopback only: cold
(each request asked for the first time, so the server computes it) and warm
(requests it has answered before, so they come from its result cache).

    python bench/load.py --db demo.duckdb [--clients 50] [--requests 5000] [--seconds 30]
    python bench/load.py --url http://127.0.0.1:8000 ...   (a server already running)

Starts `detente serve` on a free 127.0.0.1 port (unless --url names one on this
machine) and asks it for the most active dyads. Then two runs, each with
``--clients`` concurrent clients, each until ``--requests`` answers or ``--seconds``
have passed, whichever comes first:

- cold: dyad series (every dyad, by year and by month) each over a date window
  of its own, drawn at random, so no request repeats and none is in the server's
  cache: every answer is computed;
- warm: the same series without a window, each first asked once (alone, those
  timings are printed too), then asked again and again: answers from the cache,
  as a dashboard re-reading the same charts gets them.

Prints, for each, p50/p95/p99 and max latency, requests per second and errors,
and the command line. ``--cold-only`` and ``--warm-only`` run one of the two."""

from __future__ import annotations

import argparse
import asyncio
import os
import random
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


def paths(url: str) -> list[str]:
    """Series requests over the most active dyads, by year and by month."""
    dyads = httpx.get(url + "/api/dyads", params={"limit": 20}, timeout=30).json()
    if not dyads:
        sys.exit("error: the database has no dyads to ask about")
    return [f"/api/dyads/{d['side_a']}/{d['side_b']}/series?freq={freq}"
            for d in dyads for freq in ("year", "month")]


def cold_paths(base: list[str], count: int) -> list[str]:
    """``count`` requests, no two alike: each base request over a window of its own
    (start 1000-1949, end 2050-2999, drawn at random so that a second run against
    the same server does not find them cached either). The windows hold every
    stored event, so each answer costs what the unwindowed one costs."""
    windows = random.sample(range(950 * 950), -(-count // len(base)))
    return [f"{path}&start={1000 + window // 950}&end={2050 + window % 950}"
            for window in windows for path in base][:count]


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
              seconds: float, repeat: bool) -> tuple[list[float], int, float]:
    """``clients`` connections asking for ``targets`` in turn (over and over when
    ``repeat``, else each once) until ``requests`` answers or ``seconds``."""
    latencies: list[float] = []
    errors = issued = 0
    queue = cycle(targets) if repeat else iter(targets)
    deadline = time.monotonic() + seconds
    parts = urlsplit(url)

    async def client() -> None:
        nonlocal errors, issued
        reader, writer = await asyncio.open_connection(parts.hostname, parts.port)
        try:
            while issued < requests and time.monotonic() < deadline:
                path = next(queue, None)
                if path is None:
                    return  # every request asked once
                issued += 1
                started = time.perf_counter()
                try:
                    ok = await fetch(reader, writer, parts.netloc, path) == 200
                except (OSError, asyncio.IncompleteReadError, ValueError):
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


def report(label: str, what: str, latencies: list[float], errors: int, elapsed: float,
           clients: int, distinct: int) -> None:
    if len(latencies) < 2:
        sys.exit(f"error: {label}: only {len(latencies)} answers ({errors} errors)")
    ms = [value * 1000 for value in latencies]
    print(f"{label} ({what}):")
    print(f"  {len(ms)} answers, {errors} errors, {clients} clients, {distinct} distinct "
          f"requests, {elapsed:.1f} s, {len(ms) / elapsed:.0f} requests/s")
    print(f"  latency p50 {percentile(ms, .50):.1f} ms · p95 {percentile(ms, .95):.1f} ms · "
          f"p99 {percentile(ms, .99):.1f} ms · max {max(ms):.1f} ms")


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__.split("\n\n")[0],
        epilog="Both runs by default: cold first, then warm.")
    parser.add_argument("--db", default="demo.duckdb", help="DuckDB file to serve")
    parser.add_argument("--url", help="a running server on this machine instead")
    parser.add_argument("--clients", type=int, default=50, help="concurrent connections")
    parser.add_argument("--requests", type=int, default=5000,
                        help="each run stops after this many answers")
    parser.add_argument("--seconds", type=float, default=30.0,
                        help="... or after this long")
    which = parser.add_mutually_exclusive_group()
    which.add_argument("--cold-only", action="store_true",
                       help="only the cold run: requests the server has not answered before")
    which.add_argument("--warm-only", action="store_true",
                       help="only the warm run: requests answered from the server's cache")
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
    cold = warm = None
    first: list[float] = []
    try:
        base = paths(url)
        if not args.warm_only:
            targets = cold_paths(base, args.requests)
            cold = (asyncio.run(run(url, targets, args.clients, args.requests, args.seconds,
                                    repeat=False)), len(targets))
        if not args.cold_only:
            first = warm_up(url, base)
            warm = (asyncio.run(run(url, base, args.clients, args.requests, args.seconds,
                                    repeat=True)), len(base))
    finally:
        if server is not None:
            server.terminate()
            server.wait(timeout=30)
    print(f"command: {shlex.join([Path(sys.executable).name, *sys.argv])}")
    if cold:
        (latencies, errors, elapsed), distinct = cold
        report("cold", "each request asked for the first time: every answer computed",
               latencies, errors, elapsed, args.clients, distinct)
    if warm:
        (latencies, errors, elapsed), distinct = warm
        print(f"warm-up: each of the {len(first)} warm requests asked once, alone (computed): "
              f"mean {statistics.mean(first):.1f} ms, max {max(first):.1f} ms")
        report("warm", "requests asked before: answers from the server's result cache",
               latencies, errors, elapsed, args.clients, distinct)


if __name__ == "__main__":
    main()
