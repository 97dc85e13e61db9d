"""``detente serve``: the HTTP API and the web dashboard over a store."""

from __future__ import annotations

from typing import Annotated

import typer

from detente.cli.app import app
from detente.cli.common import DEFAULT_DB, err, fail


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
        help="Seconds one database query may take before it is interrupted.", min=0.1)] = 5.0,
    max_body: Annotated[int, typer.Option(
        help="Largest request body accepted, in bytes.", min=1)] = 100_000,
) -> None:
    """Serve the JSON API (/api, schema at /docs) and the dashboard in a browser."""
    import uvicorn

    from detente.server.app import Limits, create_app
    from detente.store import StoreError

    try:
        application = create_app(db, writable=writable,
                                 limits=Limits(max_body_bytes=max_body,
                                               query_timeout_s=query_timeout))
    except StoreError as error:
        raise fail(str(error)) from None
    mode = "read-write" if writable else "read-only"
    err.print(f"serving {db} ({mode}) at http://{host}:{port}/", highlight=False)
    uvicorn.run(application, host=host, port=port, log_level="warning")
