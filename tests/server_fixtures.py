"""Fixtures for the server tests: the demo database built once from the bundled
sample corpus, and real uvicorn servers over it on free loopback ports."""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import AbstractContextManager, contextmanager
from dataclasses import dataclass
from pathlib import Path

import httpx
import pytest
import uvicorn

from detente.cli.extract import run_extract
from detente.data import sample_files
from detente.server import create_app
from detente.store import Store


@dataclass
class LiveServer:
    url: str
    db_path: Path

    def get(self, path: str, **params: object) -> httpx.Response:
        return httpx.get(self.url + path, params=params, timeout=30)

    def post(self, path: str, **kwargs: object) -> httpx.Response:
        return httpx.post(self.url + path, timeout=120, **kwargs)


@contextmanager
def running_server(db_path: Path, writable: bool = False) -> Iterator[LiveServer]:
    """A real uvicorn server over ``db_path`` on a free 127.0.0.1 port, in a thread."""
    listener = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    listener.bind(("127.0.0.1", 0))
    port = listener.getsockname()[1]
    app = create_app(db_path, writable=writable)
    server = uvicorn.Server(uvicorn.Config(app, log_level="warning", lifespan="on"))
    thread = threading.Thread(target=server.run, kwargs={"sockets": [listener]}, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not server.started:
        if time.monotonic() > deadline or not thread.is_alive():
            raise RuntimeError("the test server did not start")
        time.sleep(0.02)
    try:
        yield LiveServer(f"http://127.0.0.1:{port}", db_path)
    finally:
        server.should_exit = True
        thread.join(timeout=20)
        listener.close()


@dataclass
class ServeProcess:
    """A ``detente serve`` process and where it answers."""

    process: subprocess.Popen
    url: str
    db_path: Path

    def stop(self, timeout_s: float = 30) -> float:
        """SIGTERM; the seconds it took to exit (raises TimeoutExpired past ``timeout_s``)."""
        started = time.monotonic()
        self.process.terminate()
        self.process.wait(timeout=timeout_s)
        return time.monotonic() - started


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@contextmanager
def serve_process(db_path: Path, *options: str) -> Iterator[ServeProcess]:
    """`detente serve --db db_path OPTIONS` as a real process on a free loopback port,
    once it answers; killed at the end if it is still running."""
    port = free_port()
    command = [str(Path(sys.executable).parent / "detente"), "serve", "--db", str(db_path),
               "--port", str(port), *options]
    process = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                               env={**os.environ, "PYTHONUNBUFFERED": "1"})
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                httpx.get(url + "/api/summary", timeout=2)
                break
            except httpx.TransportError:
                if process.poll() is not None:
                    raise RuntimeError(process.stderr.read().decode()) from None
                if time.monotonic() > deadline:
                    raise RuntimeError("detente serve did not answer within 60 s") from None
                time.sleep(0.2)
        yield ServeProcess(process, url, db_path)
    finally:
        if process.poll() is None:
            process.kill()
            process.wait()
        process.stdout.close()
        process.stderr.close()


@pytest.fixture
def serve() -> Callable[..., AbstractContextManager[ServeProcess]]:
    """``serve(db_path, *options)``: a real `detente serve` process (see serve_process)."""
    return serve_process


@pytest.fixture(scope="session")
def demo_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The database `detente demo` builds: the bundled sample corpus, really coded."""
    path = tmp_path_factory.mktemp("server") / "demo.duckdb"
    run_extract([str(sample) for sample in sample_files()], str(path), "none")
    with Store(path, read_only=True) as store:
        assert store.counts()["articles"] == len(sample_files())
    return path


@pytest.fixture(scope="session")
def server(demo_db: Path) -> Iterator[LiveServer]:
    """A read-only server over the demo database, shared by the session."""
    with running_server(demo_db) as live:
        yield live


@pytest.fixture
def writable_server(demo_db: Path, tmp_path: Path) -> Iterator[LiveServer]:
    """A ``--writable`` server over a copy of the demo database."""
    copy = tmp_path / "writable.duckdb"
    shutil.copy(demo_db, copy)
    with running_server(copy, writable=True) as live:
        yield live
