"""Bytes to text for pages of unknown encoding.

Scraped pages come in UTF-8, in whatever legacy code page their site used, and
sometimes in both at once (a UTF-8 template around cp1252 article text). The
order of trust: a byte-order mark, valid UTF-8, the charset the page declares,
UTF-8 line by line when only some lines are valid (with cp1252 for the others),
a statistical detector (charset_normalizer), and cp1252/latin-1 last. Only data
that looks binary fails."""

from __future__ import annotations

import codecs
import re
from dataclasses import dataclass

from charset_normalizer import from_bytes

BOMS = [  # longest first: the UTF-32 LE mark starts with the UTF-16 LE one
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
]
# <meta charset="x">, <meta http-equiv=... content="text/html; charset=x">, <?xml encoding="x"?>
DECLARED = re.compile(rb"""(?:charset|encoding)\s*=\s*["']?\s*([A-Za-z0-9_.:\-]{2,40})""",
                      re.IGNORECASE)
HEAD_BYTES = 4096  # where a page declares its charset
SNIFF_BYTES = 65536  # what the detector and the binary test look at
MAX_CONTROL_SHARE = 0.05  # more C0 control bytes than this (tab/newline aside) is binary
CONTROL_BYTES = bytes(sorted(set(range(32)) - {9, 10, 12, 13}))
LEGACY = "cp1252"  # the code page of most mislabelled Western pages
# Labels that browsers read as cp1252 (the WHATWG Encoding Standard), because
# pages so labelled use its curly quotes and dashes all the time.
READ_AS = {"iso8859-1": LEGACY, "ascii": LEGACY, "iso8859-9": "cp1254"}


@dataclass(frozen=True)
class Decoded:
    """The text and the encoding it was read with (``utf-8+cp1252`` for mixed lines)."""

    text: str
    encoding: str


class BinaryDataError(ValueError):
    """The bytes are not text in any encoding."""


def decode(data: bytes, declared: str | None = None) -> Decoded:
    """Text from bytes, by the order of trust above; ``declared`` is a charset
    named outside the bytes (an HTTP header), tried before the page's own.
    Raises BinaryDataError."""
    for bom, encoding in BOMS:
        if data.startswith(bom):
            try:
                return Decoded(data.decode(encoding), encoding.removesuffix("-sig"))
            except UnicodeDecodeError:
                break
    if _looks_binary(data[:SNIFF_BYTES]):
        raise BinaryDataError("binary file, not text or HTML")
    try:
        return Decoded(data.decode("utf-8"), "utf-8")
    except UnicodeDecodeError:
        pass
    for charset in (_codec(declared), _declared_charset(data[:HEAD_BYTES])):
        if charset and not charset.startswith("utf"):
            try:
                return Decoded(data.decode(charset), charset)
            except UnicodeDecodeError:
                pass
    return _mixed_lines(data) or _detected(data) or _legacy(data)


def _looks_binary(sample: bytes) -> bool:
    if b"\x00" in sample:
        return True
    controls = len(sample) - len(sample.translate(None, CONTROL_BYTES))
    return bool(sample) and controls / len(sample) > MAX_CONTROL_SHARE


def _declared_charset(head: bytes) -> str | None:
    """The codec named by the page's meta or XML declaration, if Python knows it."""
    match = DECLARED.search(head)
    return _codec(match.group(1).decode("ascii")) if match else None


def _codec(name: str | None) -> str | None:
    """Python's name for a charset label as browsers read it; None if unknown."""
    try:
        found = codecs.lookup(name).name if name else None
    except LookupError:
        return None
    return READ_AS.get(found, found) if found else None


def _mixed_lines(data: bytes) -> Decoded | None:
    """UTF-8 where a line is valid UTF-8, cp1252 where it is not, when some lines
    carry real multi-byte UTF-8 (otherwise the file is simply not UTF-8)."""
    lines = data.splitlines(keepends=True)
    decoded, utf8_non_ascii = [], 0
    for line in lines:
        try:
            text = line.decode("utf-8")
            utf8_non_ascii += not line.isascii()
        except UnicodeDecodeError:
            text = _legacy(line).text
        decoded.append(text)
    if not utf8_non_ascii:
        return None
    return Decoded("".join(decoded), f"utf-8+{LEGACY}")


def _detected(data: bytes) -> Decoded | None:
    """charset_normalizer's best guess, from a sample, checked on the whole.

    On short Western text several code pages tie (cp1250 reads "à" as "ŕ" as
    happily as cp1252 reads it right); a tie goes to cp1252, the commonest."""
    matches = from_bytes(data[:SNIFF_BYTES])
    best = matches.best()
    if best is None:
        return None
    tied = {match.encoding for match in matches
            if (match.chaos, match.coherence) == (best.chaos, best.coherence)}
    encoding = LEGACY if LEGACY in tied else best.encoding
    try:
        return Decoded(data.decode(encoding), encoding)
    except (UnicodeDecodeError, LookupError):
        return None


def _legacy(data: bytes) -> Decoded:
    """cp1252, or latin-1 (which decodes any byte) for the five bytes cp1252 lacks."""
    try:
        return Decoded(data.decode(LEGACY), LEGACY)
    except UnicodeDecodeError:
        return Decoded(data.decode("latin-1"), "latin-1")
