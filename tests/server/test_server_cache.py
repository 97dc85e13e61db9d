"""What the server keeps between requests (``server.responses``, ``ResultCache``):
an answer asked for again comes from memory, made once however many ask at
once, and never outlives the store it was read from: a commit by another
process, or a write by the server itself, shows at the next request."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import TYPE_CHECKING, Any

import httpx
import pytest

from detente.server.database import ResultCache
from detente.store import dashboard

if TYPE_CHECKING:
    from tests.server_fixtures import LiveServer

pytest_plugins = ["tests.server_fixtures"]


def text(server: LiveServer, path: str) -> str:
    """The answer to ``path``, its query included (``LiveServer.get`` replaces it)."""
    answer = httpx.get(server.url + path, timeout=30)
    assert answer.status_code == 200, (path, answer.text)
    return answer.text


@pytest.fixture
def own_server(demo_db: Path, tmp_path: Path):
    """A read-only server of this test's own (nothing kept from other tests), over
    a copy of the demo database that the test may write to from another process."""
    from tests.server_fixtures import running_server

    copy = tmp_path / "news.duckdb"
    shutil.copy(demo_db, copy)
    with running_server(copy) as live:
        yield live


@pytest.fixture
def counted_summaries(monkeypatch: pytest.MonkeyPatch) -> list[float]:
    """Each time the store's counts are read (``/api/summary``), when; the read
    made slow enough for requests to overlap."""
    calls: list[float] = []
    counts = dashboard.counts

    def slow_counts(cursor: Any) -> dict[str, int]:
        calls.append(time.monotonic())
        time.sleep(0.3)
        return counts(cursor)

    monkeypatch.setattr(dashboard, "counts", slow_counts)
    return calls


# -- the result cache ---------------------------------------------------------------

def test_a_result_read_before_the_store_changed_is_not_kept():
    cache = ResultCache(8)
    generation = cache.generation
    cache.clear()  # a commit while the read was running
    assert not cache.keep("summary", {"articles": 1}, generation)
    assert cache.lookup("summary") == (False, None)
    assert cache.keep("summary", {"articles": 2}, cache.generation)
    assert cache.lookup("summary") == (True, {"articles": 2})


def test_get_does_not_keep_what_was_computed_across_a_change():
    cache = ResultCache(8)
    assert cache.get("key", lambda: (cache.clear(), "old")[1]) == "old"
    assert cache.get("key", lambda: "new") == "new"
    assert cache.get("key", lambda: "newer") == "new"


def test_kept_answers_stay_within_their_byte_budget():
    cache = ResultCache(100, max_bytes=10)
    assert not cache.keep("big", b"x" * 11, cache.generation)
    for name in "abcd":
        assert cache.keep(name, b"xxxx", cache.generation)
    assert cache.bytes <= 10
    assert [cache.lookup(name)[0] for name in "abcd"] == [False, False, True, True]
    cache.clear()
    assert cache.bytes == 0 and cache.lookup("d") == (False, None)


# -- whole answers --------------------------------------------------------------------

def test_an_answer_asked_for_again_is_not_read_again(own_server: LiveServer,
                                                     counted_summaries: list[float]):
    first = own_server.get("/api/summary")
    again = own_server.get("/api/summary")
    assert first.status_code == again.status_code == 200
    assert again.content == first.content
    assert again.headers["content-type"] == first.headers["content-type"]
    assert "content-security-policy" in again.headers  # the kept answer's headers, and ours
    assert len(counted_summaries) == 1


def test_many_asking_at_once_wait_for_one_answer(own_server: LiveServer,
                                                 counted_summaries: list[float]):
    with ThreadPoolExecutor(16) as pool:
        answers = list(pool.map(lambda _: own_server.get("/api/summary"), range(16)))
    assert {answer.status_code for answer in answers} == {200}
    assert len({answer.content for answer in answers}) == 1
    assert len(counted_summaries) == 1


def test_errors_are_not_kept(own_server: LiveServer, monkeypatch: pytest.MonkeyPatch):
    calls = []
    found = dashboard.article_with_events

    def counted(cursor: Any, doc_id: str) -> Any:
        calls.append(doc_id)
        return found(cursor, doc_id)

    monkeypatch.setattr(dashboard, "article_with_events", counted)
    assert [own_server.get("/api/articles/0").status_code for _ in range(2)] == [404, 404]
    assert calls == ["0", "0"]


def test_pages_are_kept_for_the_host_they_were_asked_of(own_server: LiveServer):
    port = own_server.url.rsplit(":", 1)[1]
    by_address = httpx.get(own_server.url + "/", timeout=30)
    by_name = httpx.get(own_server.url + "/", headers={"host": f"localhost:{port}"}, timeout=30)
    assert by_address.status_code == by_name.status_code == 200
    assert f"//127.0.0.1:{port}/static/" in by_address.text
    assert f"//localhost:{port}/static/" in by_name.text


# Another process's write: one article's event mentions taken out (under the writer gate).
FORGET = ("import sys; from detente.store import Store; s = Store(sys.argv[1]); "
          "s.connection.execute('DELETE FROM event_mentions WHERE doc_id = "
          "(SELECT min(doc_id) FROM event_mentions)'); ")


def mentions(server: LiveServer) -> int:
    return server.get("/api/summary").json()["event_mentions"]


def test_a_commit_by_another_process_shows_at_the_next_request(own_server: LiveServer):
    paths = ["/api/summary", "/", "/search?q=talks", "/api/events?limit=200"]
    before = {path: text(own_server, path) for path in paths}
    held = mentions(own_server)
    subprocess.run([sys.executable, "-c", FORGET + "s.close()", str(own_server.db_path)],
                   check=True, env={**os.environ}, timeout=120)
    assert mentions(own_server) < held
    for path in paths:
        assert text(own_server, path) != before[path], path


def test_a_writer_holding_the_gate_does_not_hold_up_kept_answers(own_server: LiveServer):
    """While another process writes, what was kept is answered at once; what it
    wrote shows once it lets go of the file."""
    held = mentions(own_server)
    script = FORGET + "print('written', flush=True); time.sleep(2); s.close()"
    writer = subprocess.Popen([sys.executable, "-c", "import time; " + script,
                               str(own_server.db_path)],
                              stdout=subprocess.PIPE, text=True, env={**os.environ})
    try:
        assert writer.stdout is not None and writer.stdout.readline() == "written\n"
        started = time.monotonic()
        assert mentions(own_server) == held
        assert time.monotonic() - started < 1
    finally:
        assert writer.wait(timeout=60) == 0
    assert mentions(own_server) < held


def test_a_write_by_the_server_itself_shows_at_the_next_request(writable_server: LiveServer):
    """Reads racing the server's own write never leave behind an answer from
    before it: once the post is answered, every read shows it."""
    paths = ["/api/summary", "/api/events?dyad=JPN-MNG", "/api/dyads?side=MNG", "/"]
    before = {path: text(writable_server, path) for path in paths}
    assert writable_server.get("/api/events", dyad="JPN-MNG").json()["total"] == 0
    stop = threading.Event()

    def read_on() -> None:
        while not stop.is_set():
            for path in paths:
                text(writable_server, path)

    with ThreadPoolExecutor(4) as pool:
        readers = [pool.submit(read_on) for _ in range(4)]
        try:
            posted = writable_server.post("/api/extract", json={
                "text": "Japanese Prime Minister Yoshiro Mori met Mongolian President "
                        "Natsagiin Bagabandi in Tokyo.", "pub_date": "2001-03-02",
                "store": True})
        finally:
            stop.set()
        for reader in readers:
            reader.result()
    assert posted.status_code == 200 and posted.json()["stored"], posted.text
    assert writable_server.get("/api/events", dyad="JPN-MNG").json()["total"] >= 1
    for path in paths:
        assert text(writable_server, path) != before[path], path
