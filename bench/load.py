"""Latency of the dashboard's reads under concurrent clients, on loopback only:
the dyad endpoint cold (each request asked for the first time, so the server
computes it) and warm (requests it has answered before, so they come from its
result cache), and every kind of read while posted texts are being coded.

    python bench/load.py --db demo.duckdb [--clients 50] [--requests 5000] [--seconds 30]
    python bench/load.py --url http://127.0.0.1:8000 ...   (a server already running)

Starts `detente serve` on a free 127.0.0.1 port (unless --url names one on this
machine) and asks it for the most active dyads. Then three runs, each with
``--clients`` concurrent clients, each until ``--requests`` answers or ``--seconds``
have passed, whichever comes first:

- cold: dyad series (every dyad, by year and by month) each over a date window
  of its own, drawn at random, so no request repeats and none is in the server's
  cache: every answer is computed;
- warm: the same series without a window, each first asked once (alone, those
  timings are printed too), then asked again and again: answers from the cache,
  as a dashboard re-reading the same charts gets them;
- mixed: reads of every kind (summary, events, an article, dyads, series, ledger,
  network, the overview, dyad and search pages) while ``--posts`` texts of real
  news (bodies of ``--post-bytes``, under the server's 100,000-byte limit) are
  posted to ``POST /api/extract`` at once, on a ``--writable`` server over a copy
  of the database; the run lasts until every post is answered. A post answered
  503 (the coding queue is full, with Retry-After) is documented behaviour, not
  an error.

Prints, for each, p50/p95/p99 and max latency, requests per second and errors
(any read not answered 200; any post answered other than 200 or 503), and the
command line. ``--cold-only``, ``--warm-only`` and ``--mixed-only`` run one."""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import random
import shlex
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from collections import Counter
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from itertools import cycle
from pathlib import Path
from urllib.parse import urlsplit

import httpx

from detente.data import sample_files

LOOPBACK = {"127.0.0.1", "localhost", "::1"}


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def start_server(db: str, *options: str) -> tuple[subprocess.Popen, str]:
    """`detente serve` over ``db`` on a free loopback port, once it answers."""
    port = free_port()
    command = [str(Path(sys.executable).parent / "detente"), "serve", "--db", db,
               "--port", str(port), *options]
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


def mixed_paths(url: str) -> list[str]:
    """One read of each kind the dashboard makes, over the most active dyad and a
    stored article."""
    (dyad,) = httpx.get(url + "/api/dyads", params={"limit": 1}, timeout=30).json()
    a, b = dyad["side_a"], dyad["side_b"]
    doc_id = httpx.get(url + "/api/events", params={"dyad": f"{a}-{b}", "limit": 1},
                       timeout=30).json()["items"][0]["doc_id"]
    return ["/api/summary", f"/api/events?dyad={a}-{b}&limit=50", "/api/events?q=talks",
            f"/api/articles/{doc_id}", "/api/dyads", f"/api/dyads/{a}/{b}/series?freq=year",
            f"/api/actors/{a}/series?freq=month", f"/api/ledger/{a}", "/api/network",
            "/", f"/dyad/{a}/{b}", "/search?q=talks", f"/article/{doc_id}"]


def post_bodies(count: int, body_bytes: int) -> list[bytes]:
    """``count`` distinct JSON bodies of ``body_bytes`` at most, each a text of real
    news (the sample corpus, repeated)."""
    corpus = "\n".join(path.read_text(encoding="utf-8") for path in sample_files())
    bodies = []
    for number in range(count):
        text = f"Posted text {number}\n" + corpus * (body_bytes // len(corpus) + 1)
        while len(body := json.dumps({"text": text}).encode()) > body_bytes:
            text = text[:body_bytes - len(body)]  # each character is a byte or more
        bodies.append(body)
    return bodies


async def post_all(url: str, bodies: list[bytes]) -> list[int | str]:
    """Each body posted at once on a connection of its own; each answer's status
    (or the transport error's name)."""
    async def post(client: httpx.AsyncClient, body: bytes) -> int | str:
        try:
            return (await client.post("/api/extract", content=body, headers={
                "content-type": "application/json"})).status_code
        except httpx.TransportError as error:
            return type(error).__name__

    async with httpx.AsyncClient(base_url=url, timeout=600,
                                 limits=httpx.Limits(max_connections=len(bodies))) as client:
        return list(await asyncio.gather(*(post(client, body) for body in bodies)))


async def run_mixed(url: str, targets: list[str], bodies: list[bytes], clients: int,
                    seconds: float, think_s: float
                    ) -> tuple[tuple[list[float], int, float], list[int | str]]:
    """Reads as ``run`` makes them while ``bodies`` are posted, until every post is
    answered (and at least ``seconds``)."""
    posts = asyncio.ensure_future(post_all(url, bodies))
    reads = await run(url, targets, clients, sys.maxsize, seconds, repeat=True,
                      think_s=think_s, busy=lambda: not posts.done())
    return reads, await posts


async def run(url: str, targets: list[str], clients: int, requests: int,
              seconds: float, repeat: bool, think_s: float = 0.0,
              busy: Callable[[], bool] = lambda: False) -> tuple[list[float], int, float]:
    """``clients`` connections asking for ``targets`` in turn (over and over when
    ``repeat``, else each once) until ``requests`` answers or ``seconds`` (or for
    as long as ``busy()`` holds); each client pauses ``think_s`` on average (drawn
    evenly from 0 to twice that) between an answer and its next request."""
    latencies: list[float] = []
    errors = issued = 0
    queue = cycle(targets) if repeat else iter(targets)
    deadline = time.monotonic() + seconds
    parts = urlsplit(url)

    async def client() -> None:
        nonlocal errors, issued
        reader, writer = await asyncio.open_connection(parts.hostname, parts.port)
        try:
            while issued < requests and (time.monotonic() < deadline or busy()):
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
                if think_s:
                    await asyncio.sleep(random.uniform(0, 2 * think_s))
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


@contextmanager
def serving(args: argparse.Namespace, writable: bool) -> Iterator[str]:
    """The server's URL: ``--url``'s, else `detente serve` over ``--db`` (for a
    ``writable`` one, over a copy, so the benchmark leaves the database as it was)."""
    if args.url:
        yield args.url.rstrip("/")
        return
    with tempfile.TemporaryDirectory() as folder:
        db = args.db
        if writable:
            db = shutil.copy(args.db, Path(folder) / Path(args.db).name)
        server, url = start_server(db, *(["--writable"] if writable else []))
        try:
            yield url
        finally:
            server.terminate()
            server.wait(timeout=30)


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__.split("\n\n")[0],
        epilog="All three runs by default: cold, warm, then mixed.")
    parser.add_argument("--db", default="demo.duckdb", help="DuckDB file to serve")
    parser.add_argument("--url", help="a running server on this machine instead (for the "
                        "mixed run, one started with --writable)")
    parser.add_argument("--clients", type=int, default=50, help="concurrent connections")
    parser.add_argument("--requests", type=int, default=5000,
                        help="each run stops after this many answers")
    parser.add_argument("--seconds", type=float, default=30.0,
                        help="... or after this long")
    parser.add_argument("--posts", type=int, default=10,
                        help="texts posted at once during the mixed run")
    parser.add_argument("--post-bytes", type=int, default=99_000,
                        help="size of each posted JSON body")
    parser.add_argument("--think-ms", type=float, default=0.0,
                        help="mean pause of each client between an answer and its next "
                             "request (0: ask again at once)")
    which = parser.add_mutually_exclusive_group()
    which.add_argument("--cold-only", action="store_true",
                       help="only the cold run: requests the server has not answered before")
    which.add_argument("--warm-only", action="store_true",
                       help="only the warm run: requests answered from the server's cache")
    which.add_argument("--mixed-only", action="store_true",
                       help="only the mixed run: every kind of read while texts are posted")
    args = parser.parse_args()
    if args.url and urlsplit(args.url).hostname not in LOOPBACK:
        sys.exit("error: --url must be a loopback address (127.0.0.1, localhost, ::1)")
    if not args.url and not os.path.isfile(args.db):
        sys.exit(f"error: {args.db}: no such database (build one with `detente demo`)")
    only = args.cold_only or args.warm_only or args.mixed_only
    think_s = args.think_ms / 1000
    load_before = os.getloadavg()[0]
    cold = warm = mixed = None
    first: list[float] = []
    if not only or args.cold_only or args.warm_only:
        with serving(args, writable=False) as url:
            base = paths(url)
            if not args.warm_only:
                targets = cold_paths(base, args.requests)
                cold = (asyncio.run(run(url, targets, args.clients, args.requests,
                                        args.seconds, repeat=False, think_s=think_s)),
                        len(targets))
            if not args.cold_only:
                first = warm_up(url, base)
                warm = (asyncio.run(run(url, base, args.clients, args.requests, args.seconds,
                                        repeat=True, think_s=think_s)), len(base))
    if not only or args.mixed_only:
        with serving(args, writable=True) as url:
            targets = mixed_paths(url)
            bodies = post_bodies(args.posts, args.post_bytes)
            mixed = (asyncio.run(run_mixed(url, targets, bodies, args.clients, args.seconds,
                                           think_s)), len(targets))
    print(f"command: {shlex.join([Path(sys.executable).name, *sys.argv])}")
    print(f"machine: {os.cpu_count()} cores, load average {load_before:.1f} before, "
          f"{os.getloadavg()[0]:.1f} after (other users' work included)")
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
    if mixed:
        ((latencies, errors, elapsed), statuses), distinct = mixed
        report("mixed", f"every kind of read while {args.posts} texts of "
               f"{args.post_bytes:,} bytes are posted at once", latencies, errors, elapsed,
               args.clients, distinct)
        tally = sorted(Counter(statuses).items(), key=str)
        post_errors = sum(n for status, n in tally if status not in (200, 503))
        print(f"  posts: {', '.join(f'{n} × {status}' for status, n in tally)}"
              f" (503: the coding queue was full, documented); "
              f"{errors + post_errors} errors in all other than 503")


if __name__ == "__main__":
    main()
