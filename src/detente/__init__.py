"""detente: news text in, political event data out.

The Python API: ``detente.pipeline.extract_text`` codes a string,
``detente.pipeline.Pipeline`` codes many articles, ``detente.store.Store`` keeps
what was coded in DuckDB; the records are the dataclasses of ``detente.model``.
"""

from importlib.metadata import version

from detente.model import Actor, Article, DatePoint, EventMention

__all__ = ["Actor", "Article", "DatePoint", "EventMention", "__version__"]
__version__ = version("detente")  # written once, in pyproject.toml
