"""The server's coding process: ``python -m detente.server.coding_worker``.

Reads texts to code from stdin and writes what it coded to stdout, one framed
pickle each way (see ``server.coding``); the server starts it, and ends it when
it shuts down or when a text runs past its time limit. It says ``ready`` once
spaCy has loaded, then codes one text at a time until stdin closes. It runs at a
lower priority than the server, so that reads stay quick while it codes."""

from __future__ import annotations

import os
import pickle
import struct
import sys
from typing import IO, TYPE_CHECKING, Any

from detente.ingest.html import NoArticleError, looks_like_html
from detente.ingest.readers import article_from_clean_text, article_from_text
from detente.model import DatePoint

if TYPE_CHECKING:
    from detente.pipeline import CodedArticle, Pipeline

FRAME = struct.Struct(">Q")  # each message: its length, then its pickle
# Below the server's priority (10, nice(1)'s own step): when both want the CPU, reads
# come first and coding takes what is left. Not a setting: any lower priority will do.
WORKER_NICENESS = 10


def write_message(stream: IO[bytes], message: Any) -> None:
    body = pickle.dumps(message, protocol=pickle.HIGHEST_PROTOCOL)
    stream.write(FRAME.pack(len(body)) + body)
    stream.flush()


def read_message(stream: IO[bytes]) -> Any | None:
    """The next message, or None when the server has closed the pipe."""
    head = stream.read(FRAME.size)
    if len(head) < FRAME.size:
        return None
    return pickle.loads(stream.read(FRAME.unpack(head)[0]))


def code_text(pipeline: Pipeline, text: str, pub_date: str | None,
              doc: str = "posted") -> CodedArticle:
    """The article in ``text`` (an HTML page, or clean text with one paragraph per
    line), coded; ``pub_date`` (YYYY-MM-DD) anchors relative dates. Raises
    NoArticleError when the text holds no article."""
    article = (article_from_text(doc, text) if looks_like_html(text)
               else article_from_clean_text(doc, text))
    if pub_date:
        article.pub_date = DatePoint(pub_date, "day", "given")
    return pipeline.code(article)


def main() -> None:
    os.nice(WORKER_NICENESS)
    # The pipe to the server is the real stdout; anything a library prints goes to stderr.
    replies = os.fdopen(os.dup(sys.stdout.fileno()), "wb")
    os.dup2(sys.stderr.fileno(), sys.stdout.fileno())
    requests = sys.stdin.buffer
    from detente.pipeline import Pipeline

    pipeline = Pipeline()
    write_message(replies, ("ready",))
    while (request := read_message(requests)) is not None:
        text, pub_date = request
        try:
            write_message(replies, ("coded", code_text(pipeline, text, pub_date)))
        except NoArticleError as error:
            write_message(replies, ("no article", str(error)))
        except Exception as error:  # a fault in coding one text ends that text, not the worker
            write_message(replies, ("failed", f"{type(error).__name__}: {error}"))


if __name__ == "__main__":
    main()
