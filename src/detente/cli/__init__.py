"""The ``detente`` command line: thin commands over the library.

Each module of this package adds its commands to the one Typer ``app``; importing
them here is what makes the commands exist."""

from detente.cli import (  # noqa: F401  (commands register on import)
    actors,
    evaluate,
    extract,
    relations,
    serve,
)
from detente.cli.app import app

__all__ = ["app"]
