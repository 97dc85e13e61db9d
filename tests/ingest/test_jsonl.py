"""JSONL input: one article per line, field names chosen by the user, bad lines
reported one by one while the rest of the file is read."""

from __future__ import annotations

import gzip
import json

from detente.ingest.jsonl import JsonlFields
from detente.ingest.readers import IngestFailure, read_articles

LINES = [
    {"id": "a1", "headline": "Putin in Pyongyang", "published": "2000-07-20T08:00:00Z",
     "link": "https://example.org/a1",
     "body": "Russian President Vladimir Putin arrived in Pyongyang on Wednesday.\n"
             "He met North Korean leader Kim Jong-il at the airport."},
    {"id": "a2", "body": "<html><body><article><p>Japan sent food aid to North Korea on "
                         "Monday, officials in Tokyo said after a cabinet meeting.</p>"
                         "</article></body></html>", "published": "14 March 2001"},
]
FIELDS = JsonlFields(text="body", title="headline", date="published", url="link")


def write(path, lines: list[str]) -> None:
    data = "\n".join(lines) + "\n"
    if path.suffix == ".gz":
        path.write_bytes(gzip.compress(data.encode()))
    else:
        path.write_text(data, encoding="utf-8")


def test_each_line_is_an_article_with_its_fields(tmp_path):
    path = tmp_path / "export.jsonl"
    write(path, [json.dumps(line) for line in LINES])
    first, second = read_articles([path], FIELDS)
    assert first.doc == "export.jsonl:a1" and first.title == "Putin in Pyongyang"
    assert first.pub_date.value == "2000-07-20" and first.url == "https://example.org/a1"
    assert first.paragraphs[1] == "He met North Korean leader Kim Jong-il at the airport."
    assert second.source_format == "html" and second.pub_date.value == "2001-03-14"
    assert second.paragraphs == ["Japan sent food aid to North Korea on Monday, officials in "
                                 "Tokyo said after a cabinet meeting."]


def test_bad_lines_fail_alone(tmp_path):
    path = tmp_path / "export.jsonl.gz"
    write(path, [json.dumps(LINES[0]), "{not json", json.dumps(["a", "list"]),
                 json.dumps({"id": "x", "body": ""}), json.dumps(LINES[1])])
    results = list(read_articles([path], FIELDS))
    failures = [str(r) for r in results if isinstance(r, IngestFailure)]
    assert [r.doc for r in results if not isinstance(r, IngestFailure)] == [
        "export.jsonl.gz:a1", "export.jsonl.gz:a2"]
    assert failures == [
        f"{path}:2: invalid JSON (Expecting property name enclosed in double quotes at column 2)",
        f"{path}:3: a JSON line must be an object",
        f"{path}:4: no text in field 'body'",
    ]


def test_a_truncated_gzip_keeps_what_came_before(tmp_path):
    path = tmp_path / "cut.jsonl.gz"
    lines = [json.dumps({**LINES[0], "id": f"n{i}"}) for i in range(200)]
    data = gzip.compress(("\n".join(lines) + "\n").encode())
    path.write_bytes(data[: len(data) // 2])
    results = list(read_articles([path], FIELDS))
    articles = [r for r in results if not isinstance(r, IngestFailure)]
    [failure] = [r for r in results if isinstance(r, IngestFailure)]
    assert articles and "unreadable from here on" in failure.message
