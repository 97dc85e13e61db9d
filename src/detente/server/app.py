"""The web application: JSON API, pages and static assets over one DuckDB file.

``create_app`` wires the parts together and sets the limits a public-facing
reader needs: request body size, per-query time, page size (in ``params``), and
a read-only store unless the server was started ``writable``. Answers to GET
requests are kept until the store changes (``responses``)."""

from __future__ import annotations

from collections.abc import AsyncIterator, Iterable
from contextlib import asynccontextmanager
from pathlib import Path
from types import FrameType

import uvicorn
from fastapi import FastAPI, Request
from fastapi.exception_handlers import request_validation_exception_handler
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, Response
from fastapi.staticfiles import StaticFiles
from starlette.exceptions import HTTPException
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from detente import __version__
from detente.server import api, downloads, pages
from detente.server.coding import Coder
from detente.server.database import Database, QueryTimeout
from detente.server.responses import ResponseCache
from detente.settings import ServerSettings, settings

HERE = Path(__file__).parent
LOOPBACK_NAMES = ("127.0.0.1", "localhost", "::1")
SECURITY_HEADERS = [
    (b"content-security-policy",
     b"default-src 'self'; img-src 'self' data:; frame-ancestors 'none'; form-action 'self'"),
    (b"x-content-type-options", b"nosniff"),
    (b"referrer-policy", b"no-referrer"),
]


class BodyLimit:
    """Refuse request bodies over ``limit`` bytes with 413, before any handler reads
    them: by the declared length, or by counting a body streamed without one."""

    def __init__(self, app: ASGIApp, limit: int) -> None:
        self.app, self.limit = app, limit

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        declared = dict(scope["headers"]).get(b"content-length")
        if declared is not None and (not declared.isdigit() or int(declared) > self.limit):
            await self.refuse(scope, receive, send)
            return
        chunks: list[Message] = []
        size = 0
        while True:
            message = await receive()
            chunks.append(message)
            size += len(message.get("body", b""))
            if size > self.limit:
                await self.refuse(scope, receive, send)
                return
            if not message.get("more_body", False):
                break

        async def replay() -> Message:
            return chunks.pop(0) if chunks else await receive()

        await self.app(scope, replay, send)

    async def refuse(self, scope: Scope, receive: Receive, send: Send) -> None:
        response = JSONResponse(
            {"detail": f"request body larger than {self.limit:,} bytes"}, status_code=413)
        await response(scope, receive, send)


class AllowedHosts:
    """Answer only requests addressed to one of ``names`` (the Host header, any port),
    400 otherwise. A page on another site can make a browser send requests here by
    pointing its own name at 127.0.0.1 (DNS rebinding); such requests carry that
    name, so they are refused before they reach the app."""

    def __init__(self, app: ASGIApp, names: Iterable[str]) -> None:
        self.app = app
        self.names = frozenset(name.lower().strip("[]") for name in names)

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        host = dict(scope["headers"]).get(b"host", b"").decode("latin-1")
        if host_name(host) not in self.names:
            response = JSONResponse(
                {"detail": f"this server does not answer for host {host!r}: start it "
                           f"with --allow-host NAME to serve a name of its own"},
                status_code=400)
            await response(scope, receive, send)
            return
        await self.app(scope, receive, send)


def host_name(host: str) -> str:
    """The name in a Host header, without its port: ``[::1]:8000`` → ``::1``."""
    if host.startswith("["):
        return host[1:].partition("]")[0].lower()
    return host.rpartition(":")[0].lower() if ":" in host else host.lower()


class SecurityHeaders:
    """Every response says: nothing from elsewhere (no CDN, no inline script), no
    framing, no content sniffing, no referrer sent on."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        async def with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                message["headers"] = [*message.get("headers", []), *SECURITY_HEADERS]
            await send(message)

        await self.app(scope, receive, with_headers if scope["type"] == "http" else send)


def is_api(request: Request) -> bool:
    """Whether an error should be answered in JSON (the API) or as a page."""
    return request.url.path.startswith("/api") or request.url.path == "/extract"


def create_app(db_path: str | Path, writable: bool = False,
               limits: ServerSettings | None = None,
               allowed_hosts: Iterable[str] = ()) -> FastAPI:
    """The app over the DuckDB file at ``db_path`` (opened read-only unless ``writable``),
    answering requests addressed to a loopback name or one of ``allowed_hosts``.
    ``limits``: what one request may cost, what the app keeps and how it stops (the
    ``[server]`` settings in force unless given; ``detente serve``'s options change
    four). The request parameters' bounds (page sizes, search lengths) are those in
    force when the server modules are imported.

    Raises StoreError when the file is missing or cannot be opened."""
    limits = limits or settings().server
    db = Database(db_path, writable=writable, timeout_s=limits.query_seconds,
                  cache_entries=limits.cache_entries, response_bytes=limits.cache_bytes)

    coder = Coder(limits.extract_waiting, limits.extract_seconds)

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        yield
        await coder.close()
        db.close()

    # /docs is our own page (pages.docs): FastAPI's would load Swagger UI from a CDN.
    app = FastAPI(title="detente", version=__version__, lifespan=lifespan, docs_url=None,
                  redoc_url=None, description="Political events coded from news text, "
                                              "with the sentences behind them.")
    app.state.db = db
    app.state.limits = limits
    app.state.coder = coder
    app.include_router(api.router)
    # POST /extract, where the issue and other tools expect it, beside /api/extract.
    app.add_api_route("/extract", api.extract, methods=["POST"], tags=["api"],
                      response_model=api.ExtractOut, responses=api.EXTRACT_RESPONSES)
    app.include_router(pages.router)
    app.include_router(downloads.router)
    app.mount("/static", StaticFiles(directory=HERE / "static"), name="static")

    @app.exception_handler(QueryTimeout)
    async def timed_out(request: Request, error: QueryTimeout) -> Response:
        if is_api(request):
            return JSONResponse({"detail": str(error)}, status_code=503)
        return pages.error_page(request, 503, str(error))

    @app.exception_handler(HTTPException)
    async def http_error(request: Request, error: HTTPException) -> Response:
        if is_api(request) or request.url.path.startswith("/static"):
            return JSONResponse({"detail": error.detail}, status_code=error.status_code,
                                headers=error.headers)
        return pages.error_page(request, error.status_code, str(error.detail))

    @app.exception_handler(RequestValidationError)
    async def invalid(request: Request, error: RequestValidationError) -> Response:
        if is_api(request):
            return await request_validation_exception_handler(request, error)
        problems = "; ".join(f"{'.'.join(map(str, e['loc'][1:]))}: {e['msg']}"
                             for e in error.errors())
        return pages.error_page(request, 422, problems)

    app.add_middleware(ResponseCache, db=db)  # innermost: hosts and bodies checked first
    app.add_middleware(BodyLimit, limit=limits.max_body_bytes)
    app.add_middleware(AllowedHosts, names=[*LOOPBACK_NAMES, *allowed_hosts])
    app.add_middleware(SecurityHeaders)
    return app


class StoppingServer(uvicorn.Server):
    """uvicorn's server, which on SIGTERM or Ctrl-C also stops the app's coder at
    once: posts being coded or waiting are answered 503 rather than waited for."""

    def handle_exit(self, sig: int, frame: FrameType | None) -> None:
        app: FastAPI = self.config.app  # type: ignore[assignment]  # run_server passes one
        app.state.coder.stop()
        super().handle_exit(sig, frame)


def run_server(app: FastAPI, host: str, port: int) -> None:
    """Serve ``app`` until SIGTERM or Ctrl-C; requests still running a few seconds
    after it are cancelled, so the server always stops promptly."""
    StoppingServer(uvicorn.Config(
        app, host=host, port=port, log_level="warning",
        timeout_graceful_shutdown=app.state.limits.shutdown_seconds)).run()
