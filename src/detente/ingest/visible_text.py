"""The whole visible page as plain text: what a reader would get by selecting
everything in a browser and pasting it into a text file.

Crawls often keep only such dumps (the seeds in ``../shared/seeds/`` are two),
so the dump cleaner is measured on dumps made this way from the HTML pages of
an extraction benchmark. Every visible text node is kept, furniture included;
each block-level element starts a new line and inline elements join their
block's line, so a line is a paragraph, a heading, a menu item or a caption.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from lxml import etree, html

# Elements whose text a reader never sees.
INVISIBLE = frozenset(
    """script style noscript template head title meta link svg math iframe object embed
    canvas audio video source track map param datalist""".split()
)
# Elements that start a line of their own (CSS display: block, list-item, table-row...).
BLOCK = frozenset(
    """address article aside blockquote body center dd details dialog dir div dl dt
    fieldset figcaption figure footer form frameset h1 h2 h3 h4 h5 h6 header hgroup hr
    html legend li main menu nav ol p pre section summary table tbody thead tfoot tr td
    th caption ul option select textarea button label""".split()
)
# Utility classes that hide an element by convention (Bootstrap, WordPress, Tailwind).
HIDDEN_CLASSES = frozenset(
    "hidden sr-only visually-hidden screen-reader-text d-none is-hidden".split())
HIDDEN_STYLE = re.compile(r"display\s*:\s*none|visibility\s*:\s*hidden", re.IGNORECASE)
XML_DECLARATION = re.compile(r"^\s*<\?xml[^>]*\?>", re.IGNORECASE)
WHITESPACE = re.compile(r"\s+")
BREAK, PRE_END = 0, 1  # markers on the walk's work stack


def visible_text(page: str) -> str:
    """Plain-text dump of an HTML page: one block per line, hidden text left out."""
    root = _parse(page)
    if root is None:
        return ""
    lines = (WHITESPACE.sub(" ", line).strip() for line in _block_lines(root))
    return "\n".join(line for line in lines if line)


def _parse(page: str) -> etree._Element | None:
    """lxml refuses str input that declares its own encoding, so drop the declaration."""
    page = XML_DECLARATION.sub("", page, count=1)
    if not page.strip():
        return None
    try:
        return html.document_fromstring(page)
    except (etree.ParserError, ValueError):
        return None


def is_hidden(element: etree._Element) -> bool:
    """Hidden by markup (``hidden``, ``type=hidden``), by a conventional utility
    class or by an inline style. (``aria-hidden`` hides from screen readers only.)"""
    attrib = element.attrib
    if "hidden" in attrib or attrib.get("type", "").lower() == "hidden":
        return True
    classes = attrib.get("class")
    if classes and not HIDDEN_CLASSES.isdisjoint(classes.lower().split()):
        return True
    style = attrib.get("style")
    return bool(style and HIDDEN_STYLE.search(style))


def _block_lines(root: etree._Element) -> Iterator[str]:
    """Walk the tree iteratively (pages can nest deeper than Python's recursion
    limit), collecting inline text into the current line and breaking it at the
    start and end of every block element and at ``<br>``; inside ``<pre>`` the
    text's own line breaks are kept."""
    parts: list[str] = []
    pre_depth = 0
    # Work items: an element to open, a text to add, or a marker (BREAK, PRE_END).
    stack: list[etree._Element | str | int] = [root]
    while stack:
        item = stack.pop()
        if isinstance(item, str):
            if pre_depth and "\n" in item:
                first, *rest = item.split("\n")
                parts.append(first)
                for piece in rest:
                    yield "".join(parts)
                    parts = [piece]
            else:
                parts.append(item)
            continue
        if isinstance(item, int):
            if item == PRE_END:
                pre_depth -= 1
            if parts:
                yield "".join(parts)
                parts = []
            continue
        tag = item.tag.rsplit("}", 1)[-1].lower() if isinstance(item.tag, str) else ""
        if item.tail:
            stack.append(item.tail)
        if not tag or tag in INVISIBLE or is_hidden(item):
            continue  # comments, processing instructions, invisible elements: tail only
        if tag == "br":
            stack.append(BREAK)
            continue
        block = tag in BLOCK
        if block:
            stack.append(PRE_END if tag == "pre" else BREAK)
        stack.extend(reversed(item))
        if item.text:
            stack.append(item.text)
        if block:
            stack.append(BREAK)
        if tag == "pre":
            pre_depth += 1
    if parts:
        yield "".join(parts)
