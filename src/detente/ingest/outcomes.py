"""What ingest says about an input besides an article: it failed, or it was read
with a caveat. Both name the input (a file, ``file:line``, ``file#record``)."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class IngestFailure:
    """An input that gives no article, and why, in one line."""

    path: str
    message: str

    def __str__(self) -> str:
        return f"{self.path}: {self.message}"


@dataclass(frozen=True)
class IngestWarning:
    """An input read into an article with part of it left out (a date that is not
    one), and what, in one line; the article itself follows."""

    path: str
    message: str

    def __str__(self) -> str:
        return f"{self.path}: {self.message}"
