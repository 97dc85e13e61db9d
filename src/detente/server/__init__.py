"""The HTTP API and the web dashboard (``detente serve``).

``create_app(db_path)`` builds the FastAPI application over a DuckDB store,
read-only unless asked otherwise."""

from detente.server.app import create_app

__all__ = ["create_app"]
