"""detente: news text in, political event data out.

The public Python API lives here: ``extract_text`` codes a string, ``Pipeline``
codes many articles, and ``Store`` keeps what was coded in DuckDB.
"""

from detente.model import Actor, Article, DatePoint, EventMention

__all__ = ["Actor", "Article", "DatePoint", "EventMention", "__version__"]
__version__ = "0.1.0"
