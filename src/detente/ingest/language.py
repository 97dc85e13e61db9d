"""Which language a text is in: writing system first, then function words.

The event coder reads English; a page in another language must be skipped
with a reason that names the language rather than miscoded. Two signals,
both cheap and robust on a paragraph or more of prose:

* the script of its letters (``data/scripts.tsv``): Hangul is Korean, kana is
  Japanese, Han characters without kana are Chinese, Greek letters Greek;
* inside a script shared by several languages (Latin, Cyrillic, Arabic), the
  share of words that are that language's function words
  (``data/languages.tsv``): the commonest words of running text, which differ
  from language to language and make up a third or more of any prose.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from functools import cache

from detente.data import read_table, split_list

SAMPLE_CHARS = 6000  # a few paragraphs decide; a long article costs no more
SCRIPT_SAMPLE_CHARS = 2000  # the writing system shows sooner than the language
MIN_SHARE = 0.1  # below this no language's function words account for the text
KANA_FOR_JAPANESE = 0.05  # Japanese mixes kana into Han; Chinese has none
WORD = re.compile(r"\w+")


@dataclass(frozen=True)
class Language:
    code: str  # ISO 639-1
    name: str
    script: str
    function_words: frozenset[str]


@cache
def languages() -> tuple[Language, ...]:
    """Every language the identifier knows, as listed in ``data/languages.tsv``."""
    return tuple(Language(row["code"], row["name"], row["script"],
                          frozenset(row["words"].split()))
                 for row in read_table("languages.tsv"))


def language(code: str) -> Language:
    """The language with this ISO code; raises KeyError for an unknown one."""
    for known in languages():
        if known.code == code:
            return known
    raise KeyError(code)


@cache
def _script_patterns() -> tuple[tuple[str, re.Pattern[str]], ...]:
    """One character class per script, from ``data/scripts.tsv``."""
    patterns = []
    for row in read_table("scripts.tsv"):
        ranges = "".join(f"\\u{low.lower()}-\\u{high.lower()}"
                         for low, high in (item.split("-") for item in split_list(row["ranges"])))
        patterns.append((row["script"], re.compile(f"[{ranges}]")))
    return tuple(patterns)


def dominant_script(text: str) -> str | None:
    """The script most of the letters are written in (Han counts as kana when
    the text has kana: that is Japanese)."""
    counts = Counter({script: len(pattern.findall(text)) for script, pattern in _script_patterns()})
    if counts["Kana"] >= KANA_FOR_JAPANESE * (counts["Han"] + counts["Kana"]) > 0:
        counts["Kana"] += counts.pop("Han")
    script, count = counts.most_common(1)[0]
    return script if count else None


def identify(text: str) -> Language | None:
    """The language of ``text``, or None when it is not one we know."""
    sample = text[:SAMPLE_CHARS]
    script = dominant_script(sample[:SCRIPT_SAMPLE_CHARS])
    candidates = [known for known in languages() if known.script == script]
    if len(candidates) == 1:
        return candidates[0]
    words = WORD.findall(sample.lower())
    if not candidates or not words:
        return None
    counts = Counter(words)
    shares = {known: sum(counts[word] for word in known.function_words) / len(words)
              for known in candidates}
    best = max(shares, key=shares.__getitem__)
    return best if shares[best] >= MIN_SHARE else None
