"""detente: news text in, political event data out.

The Python API: ``detente.pipeline.extract_text`` codes a string,
``detente.pipeline.Pipeline`` codes many articles, ``detente.store.Store`` keeps
what was coded in DuckDB; the records are the dataclasses of ``detente.model``.
"""

from detente.model import Actor, Article, DatePoint, EventMention

__all__ = ["Actor", "Article", "DatePoint", "EventMention", "__version__"]


def __getattr__(name: str) -> str:
    """``detente.__version__``, written once (in pyproject.toml) and read from the
    installed package's metadata when asked for, not at every import."""
    if name == "__version__":
        from importlib.metadata import version

        return version("detente")
    raise AttributeError(f"module 'detente' has no attribute {name!r}")
