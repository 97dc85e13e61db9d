"""The ``detente`` command line: thin commands over the library.

Each module of this package adds its commands to the one Typer ``app``; importing
them here is what makes the commands exist."""

import detente.settings as tuning
from detente.cli.common import say

try:  # a settings file that does not parse stops every command with one line
    tuning.settings()
except tuning.SettingsError as error:
    say("error", str(error))
    raise SystemExit(2) from None

from detente.cli import (  # noqa: F401  (commands register on import)
    actors,
    evaluate,
    extract,
    relations,
    serve,
    settings,
)
from detente.cli.app import app

__all__ = ["app"]
