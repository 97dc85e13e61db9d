"""``detente serve``: the HTTP API and the web dashboard over a store."""

from __future__ import annotations

from dataclasses import replace
from typing import Annotated

import typer

from detente.cli.app import app
from detente.cli.common import DEFAULT_DB, err, fail
from detente.extras import missing_extra
from detente.settings import AT_LEAST, settings

SERVER = settings().server  # the defaults of the limits below ([server])
WILDCARDS = ("0.0.0.0", "::", "")  # every address: no name of its own


@app.command()
def serve(
    db: Annotated[str, typer.Option("--db", help="DuckDB file to serve.")] = DEFAULT_DB,
    host: Annotated[str, typer.Option(help="Address to listen on (loopback by default).")]
        = "127.0.0.1",
    port: Annotated[int, typer.Option(help="Port to listen on.", min=1, max=65535)] = 8000,
    writable: Annotated[bool, typer.Option(
        "--writable", help="Let POST /api/extract store what it codes (read-only otherwise).")]
        = False,
    query_timeout: Annotated[float, typer.Option(
        help="Seconds one database query may take before it is interrupted.",
        min=AT_LEAST["query_seconds"])] = SERVER.query_seconds,
    max_body: Annotated[int, typer.Option(
        help="Largest request body accepted, in bytes.", min=1)] = SERVER.max_body_bytes,
    extract_queue: Annotated[int, typer.Option(
        help="Posted texts that may wait to be coded behind the one being coded; "
             "more get 503 with Retry-After.", min=AT_LEAST["extract_waiting"])]
        = SERVER.extract_waiting,
    extract_timeout: Annotated[float, typer.Option(
        help="Seconds coding one posted text may take before it is stopped.",
        min=AT_LEAST["extract_seconds"])] = SERVER.extract_seconds,
    allow_host: Annotated[list[str] | None, typer.Option(
        "--allow-host", help="A name this server answers for besides 127.0.0.1, localhost "
                             "and ::1 (and --host's address); repeat for more. Requests "
                             "for any other Host are refused (400).")] = None,
) -> None:
    """Serve the JSON API (/api, schema at /docs) and the dashboard in a browser."""
    from detente.store import StoreError

    try:
        from detente.server.app import create_app, run_server
    except ModuleNotFoundError as error:
        missing = missing_extra(error, "server", "detente serve")
        if missing is None:
            raise
        raise fail(missing) from None

    try:
        names = [*(allow_host or []), *([host] if host not in WILDCARDS else [])]
        application = create_app(db, writable=writable, allowed_hosts=names,
                                 limits=replace(SERVER, max_body_bytes=max_body,
                                                query_seconds=query_timeout,
                                                extract_waiting=extract_queue,
                                                extract_seconds=extract_timeout))
    except StoreError as error:
        raise fail(str(error)) from None
    mode = "read-write" if writable else "read-only"
    err.print(f"serving {db} ({mode}) at http://{host}:{port}/", highlight=False)
    run_server(application, host, port)
