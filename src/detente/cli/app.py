"""The Typer application that every command module adds its commands to."""

from __future__ import annotations

import typer

app = typer.Typer(help="News text in, political event data out.", no_args_is_help=True,
                  add_completion=False)
evaluation = typer.Typer(help="Score the pipeline against labelled data.", no_args_is_help=True)
app.add_typer(evaluation, name="eval")

