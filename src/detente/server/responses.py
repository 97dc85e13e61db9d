"""Whole answers to GET requests, kept for as long as the store stays as it was.

A dashboard asks for the same pages and series again and again (each reader's
overview, the busiest dyad's page), and each answer costs the server tens of
milliseconds of queries, JSON building or template rendering, most of it holding
Python's lock: under load, answers wait behind one another. So an answer of 200
is kept, whole (status, headers, body), under the request's URL (its scheme,
``Host``, path and query) for the store's *generation* (``Database.generation``):
a write by this server, or a commit by another process, begins a new one and
empties the cache, so new events show at the next request. While an answer is
being made, other requests for the same URL wait for it rather than make it
again (after a commit, every reader asks at once).

Static files (answered cheaply, with conditional and range requests) and answers
that are not 200, streamed past one body or over ``LARGEST_KEPT`` are not kept.
"""

from __future__ import annotations

import asyncio
from collections.abc import Hashable
from dataclasses import dataclass

from starlette.types import ASGIApp, Message, Receive, Scope, Send

from detente.server.database import Database
from detente.settings import settings

NOT_KEPT_PATHS = ("/static/",)
LARGEST_KEPT = settings().server.largest_kept_bytes  # a long CSV download is made again


@dataclass(frozen=True)
class Answer:
    """A response as sent: its status, its headers and its body."""

    status: int
    headers: tuple[tuple[bytes, bytes], ...]
    body: bytes

    def __len__(self) -> int:  # its weight in the cache
        return len(self.body) + sum(len(name) + len(value) for name, value in self.headers)

    async def send(self, send: Send) -> None:
        await send({"type": "http.response.start", "status": self.status,
                    "headers": list(self.headers)})
        await send({"type": "http.response.body", "body": self.body})


def keepable(status: int, headers: list[tuple[bytes, bytes]]) -> bool:
    if status != 200:
        return False
    for name, value in headers:
        name = name.lower()
        if name == b"set-cookie" or (name == b"cache-control" and b"no-store" in value.lower()):
            return False
    return True


class ResponseCache:
    """ASGI middleware: GET answers from ``db.responses`` (see the module's docstring)."""

    def __init__(self, app: ASGIApp, db: Database) -> None:
        self.app = app
        self.db = db
        self._making: dict[tuple[Hashable, int], asyncio.Future[Answer | None]] = {}

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if (scope["type"] != "http" or scope["method"] != "GET"
                or scope["path"].startswith(NOT_KEPT_PATHS)):
            await self.app(scope, receive, send)
            return
        generation = self.db.generation()
        host = dict(scope["headers"]).get(b"host", b"")
        key = (scope["scheme"], host, scope.get("root_path", ""), scope["path"],
               scope["query_string"])
        found, answer = self.db.responses.lookup(key)
        if found:
            await answer.send(send)
            return
        making = self._making.get((key, generation))
        if making is not None:  # another request is making this answer: wait for it
            answer = await asyncio.shield(making)
            if answer is not None:
                await answer.send(send)
            else:  # it was not kept (an error, say): make one of our own
                await self.app(scope, receive, send)
            return
        making = self._making[key, generation] = asyncio.get_running_loop().create_future()
        answer = None
        try:
            answer = await self._make(scope, receive, send, key, generation)
        finally:
            del self._making[key, generation]
            making.set_result(answer)

    async def _make(self, scope: Scope, receive: Receive, send: Send, key: Hashable,
                    generation: int) -> Answer | None:
        """Answer the request from the app, and keep the answer when it may be kept
        (then returned)."""
        status = 0
        headers: list[tuple[bytes, bytes]] = []
        chunks: list[bytes] = []
        whole = False

        async def recording(message: Message) -> None:
            nonlocal status, headers, whole
            if message["type"] == "http.response.start":
                status, headers = message["status"], list(message.get("headers", []))
            elif message["type"] == "http.response.body":
                chunks.append(message.get("body", b""))
                whole = not message.get("more_body", False) and len(chunks) == 1
            await send(message)

        await self.app(scope, receive, recording)
        if not whole or len(chunks[0]) > LARGEST_KEPT or not keepable(status, headers):
            return None
        answer = Answer(status, tuple(headers), chunks[0])
        return answer if self.db.responses.keep(key, answer, generation) else None
