"""Pages in any encoding come out readable: UTF-8 with or without a mark, the
charset a page declares, legacy code pages, and files that mix UTF-8 and
cp1252 line by line. Only binary data fails."""

from __future__ import annotations

from io import BytesIO

import pytest
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from detente.ingest.encoding import BinaryDataError, decode
from detente.ingest.readers import IngestFailure, read_articles

STORY = ("The French minister, José Müller, said the “open door” policy – agreed in "
         "Zürich – would be kept, and that talks à deux would resume in the new year.")


@pytest.mark.parametrize(("data", "encoding"), [
    (STORY.encode("utf-8"), "utf-8"),
    (b"\xef\xbb\xbf" + STORY.encode("utf-8"), "utf-8"),
    (STORY.encode("utf-16"), "utf-16"),
    (STORY.encode("cp1252"), "cp1252"),
])
def test_text_and_the_encoding_it_was_read_with(data, encoding):
    decoded = decode(data)
    assert decoded.text == STORY and decoded.encoding == encoding


def test_the_charset_a_page_declares_is_used():
    page = ('<html><head><meta charset="iso-8859-2"></head><body><p>Zażółć gęślą jaźń'
            "</p></body></html>")
    decoded = decode(page.encode("iso-8859-2"))
    assert "Zażółć gęślą jaźń" in decoded.text and decoded.encoding == "iso8859-2"


def test_a_latin_1_label_is_read_as_cp1252_like_browsers_do():
    page = f'<html><head><meta charset="ISO-8859-1"></head><body><p>{STORY}</p></body></html>'
    assert STORY in decode(page.encode("cp1252")).text


def test_a_charset_from_outside_the_page_comes_before_detection():
    data = "Переговоры продолжились во вторник.".encode("koi8_r")
    assert decode(data, "koi8-r").text == "Переговоры продолжились во вторник."


def test_lines_mixing_utf8_and_cp1252_are_each_read_right():
    data = ("Pjöngjang – the talks, said Mr Müller, go on.\n".encode()
            + "He called it a “new chapter” for the café owners.\n".encode("cp1252"))
    decoded = decode(data)
    assert decoded.text == ("Pjöngjang – the talks, said Mr Müller, go on.\n"
                            "He called it a “new chapter” for the café owners.\n")
    assert decoded.encoding == "utf-8+cp1252"


def test_binary_data_fails():
    with pytest.raises(BinaryDataError, match="binary file"):
        decode(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" * 10)
    with pytest.raises(BinaryDataError):
        decode(bytes(range(1, 32)) * 50)


def test_files_in_legacy_encodings_become_articles(tmp_path):
    text = "\n\n".join([STORY] * 2).replace(STORY, STORY.replace("talks", "negotiations"), 1)
    (tmp_path / "cp1252.txt").write_bytes(text.encode("cp1252"))
    (tmp_path / "utf16.txt").write_bytes(text.encode("utf-16"))
    (tmp_path / "mixed.txt").write_bytes(STORY.encode("utf-8") + b"\n\n"
                                         + STORY.replace("talks", "meetings").encode("cp1252"))
    results = list(read_articles([tmp_path]))
    assert not [r for r in results if isinstance(r, IngestFailure)]
    for article in results:
        assert "José Müller" in article.text and "“open door”" in article.text, article.doc


def test_a_warc_page_in_cp1252_is_read_by_its_header_charset(tmp_path):
    page = (f"<html><head><title>Talks</title></head><body><article><p>{STORY}</p>"
            f"<p>{STORY.replace('talks', 'negotiations')}</p></article></body></html>")
    buffer = BytesIO()
    writer = WARCWriter(buffer, gzip=True)
    headers = StatusAndHeaders("200 OK", [("Content-Type", "text/html; charset=windows-1252")],
                               protocol="HTTP/1.1")
    writer.write_record(writer.create_warc_record(
        "https://example.org/talks", "response", payload=BytesIO(page.encode("cp1252")),
        http_headers=headers))
    path = tmp_path / "crawl.warc.gz"
    path.write_bytes(buffer.getvalue())
    [article] = read_articles([path])
    assert "José Müller" in article.text and "à deux" in article.text


def test_a_jsonl_line_in_cp1252_is_read_and_its_neighbours_too(tmp_path):
    path = tmp_path / "export.jsonl"
    path.write_bytes(b'{"id": "1", "text": "' + STORY.encode("utf-8") + b'"}\n'
                     + b'{"id": "2", "text": "' + STORY.encode("cp1252") + b'"}\n')
    first, second = read_articles([path])
    assert first.text == STORY and second.text == STORY
