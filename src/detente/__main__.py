"""``python -m detente``: the same command line as ``detente``."""

from detente.cli import app

app(prog_name="detente")
