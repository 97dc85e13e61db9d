"""Main text, title, date, URL and site of an HTML page, by trafilatura (htmldate inside)."""

from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import urlsplit

import trafilatura

from detente.ingest.textdump import ends_like_a_sentence
from detente.model import DatePoint


class NoArticleError(ValueError):
    """The page has no main text worth coding."""


@dataclass(frozen=True)
class HtmlArticle:
    """``main_text`` is the page's main text as extracted (headings and list items
    included: this is what extraction benchmarks score); ``paragraphs`` are its
    lines that read as running text, the ones the event coder gets."""

    title: str | None
    main_text: str
    paragraphs: list[str]
    pub_date: DatePoint
    url: str | None
    site: str | None  # the publisher's name (og:site_name) or, failing that, its host


def site_of(url: str | None) -> str | None:
    """The host of a URL without ``www.``: "https://www.bbc.co.uk/news/x" -> "bbc.co.uk"."""
    host = urlsplit(url).hostname if url else None
    return host.removeprefix("www.") if host else None


def looks_like_html(text: str) -> bool:
    head = text[:2048].lstrip().lower()
    return head.startswith(("<!doctype html", "<html", "<?xml")) or (
        "<body" in head or "<head" in head
    )


def extract_html(html: str) -> HtmlArticle:
    """The article in an HTML page; raises NoArticleError when there is none.

    trafilatura's ``deduplicate`` is left off: it remembers text across calls,
    so a second copy of a wire story (or the same page read again) lost the
    paragraphs seen before."""
    extracted = trafilatura.bare_extraction(
        html,
        with_metadata=True,
        include_comments=False,
        include_tables=False,
        favor_precision=True,
        deduplicate=False,
    )
    text = (getattr(extracted, "text", None) or "").strip() if extracted else ""
    if not text:
        raise NoArticleError("HTML page has no article text")
    lines = [" ".join(line.split()) for line in text.splitlines() if line.strip()]
    paragraphs = [line for line in lines if ends_like_a_sentence(line)]
    if not paragraphs:
        raise NoArticleError("HTML page has no article text")
    published = getattr(extracted, "date", None)
    pub_date = DatePoint(published[:10], "day", "metadata") if published else DatePoint()
    url = getattr(extracted, "url", None)
    return HtmlArticle(
        title=getattr(extracted, "title", None),
        main_text="\n".join(lines),
        paragraphs=paragraphs,
        pub_date=pub_date,
        url=url,
        site=getattr(extracted, "sitename", None) or site_of(url),
    )
