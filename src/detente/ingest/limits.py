"""How much text one article may be, and the one-line reason when it is more.

A news article is a few kilobytes; a 200 MB "article" is a log, a dump or a
mistake, and reading it whole would stall the batch and fill memory. Files
holding many articles (JSONL, WARC) may be any size: they are streamed, and the
limit applies to each line or record."""

from __future__ import annotations

from detente.settings import settings

MAX_ARTICLE_BYTES = settings().ingest.max_article_bytes  # [ingest] max_article_bytes


def over_limit(size: int | None, limit: int) -> str:
    """``200.0 MB is over the 20 MB limit for one article``; with no ``size`` when
    reading stopped at the limit (a gzip stream, a JSONL line, a WARC record)."""
    reason = f"over the {limit / 1_000_000:g} MB limit for one article"
    return f"{size / 1_000_000:.1f} MB is {reason}" if size is not None else (
        f"{reason} (not read further)")
