"""Near-duplicate articles: the same wire story printed by many sites.

A Reuters or AP story reappears on dozens of sites with another headline, a
byline, a sentence trimmed or added. Coding every copy would count one event
many times and every source as a separate witness; storing it once with all
its sources and URLs keeps the counts right.

Method (Broder's MinHash with LSH banding):

* shingles: the set of word 5-grams of the clean text, lower-cased, words
  being runs of letters and digits (punctuation and spacing don't count);
* signature: for each of ``NUM_PERM`` seeded hash functions
  ``(a·h + b) mod p`` over the shingles' 32-bit hashes, the minimum. Two
  signatures agree at a position with probability equal to the Jaccard
  similarity of the shingle sets. Shingle hashes come from BLAKE2b, and the
  ``a, b`` from a fixed seed, so signatures are the same in every process and
  on every machine (Python's ``hash()`` is salted per process) and can be
  stored;
* index: signatures cut into ``BANDS`` bands; documents sharing any whole band
  are candidates, and a candidate is a duplicate when the estimated Jaccard
  similarity reaches the threshold. With 128 hashes in 32 bands of 4, a pair
  at similarity 0.7 becomes a candidate with probability 0.9998, one at 0.2
  with probability 0.05.

``NearDuplicateIndex`` holds signatures in memory (tests, and the few articles
of a run not stored yet); the store keeps its index on disk as one row per
(band bucket, document), ``band_buckets`` giving each band's bucket number.
"""

from __future__ import annotations

import hashlib
import re
from collections import defaultdict

import numpy as np

from detente.settings import settings

SHINGLE_WORDS = 5
NUM_PERM = 128
BANDS = 32
THRESHOLD = settings().ingest.near_duplicate_threshold  # [ingest] near_duplicate_threshold
SEED = 20001023
MERSENNE = (1 << 61) - 1  # a prime above every 32-bit hash: (a·h + b) mod p permutes
MAX_HASH = (1 << 32) - 1
WORD = re.compile(r"\w+")


def _permutations(num_perm: int) -> tuple[np.ndarray, np.ndarray]:
    """The fixed ``a`` and ``b`` of each hash function (a ≥ 1, both below 2^32,
    so ``a·h + b`` stays inside 64 bits)."""
    generator = np.random.Generator(np.random.PCG64(SEED))
    a = generator.integers(1, MAX_HASH, size=num_perm, dtype=np.uint64)
    b = generator.integers(0, MAX_HASH, size=num_perm, dtype=np.uint64)
    return a, b


_A, _B = _permutations(NUM_PERM)


def shingles(text: str, size: int = SHINGLE_WORDS) -> set[str]:
    """Word ``size``-grams of the text (a text shorter than that is one shingle)."""
    words = WORD.findall(text.lower())
    if len(words) <= size:
        return {" ".join(words)} if words else set()
    return {" ".join(words[i:i + size]) for i in range(len(words) - size + 1)}


def signature(text: str) -> np.ndarray:
    """The MinHash signature of a text: ``NUM_PERM`` unsigned 32-bit integers.
    An empty text has the all-maximum signature, similar to nothing."""
    grams = shingles(text)
    if not grams:
        return np.full(NUM_PERM, MAX_HASH, dtype=np.uint32)
    hashes = np.fromiter(
        (int.from_bytes(hashlib.blake2b(gram.encode(), digest_size=4).digest(), "little")
         for gram in grams),
        dtype=np.uint64, count=len(grams))
    permuted = (np.outer(hashes, _A) + _B) % MERSENNE & MAX_HASH
    return permuted.min(axis=0).astype(np.uint32)


def to_bytes(sig: np.ndarray) -> bytes:
    """A signature as 512 bytes (little-endian), for a BLOB column."""
    return sig.astype("<u4").tobytes()


def from_bytes(data: bytes) -> np.ndarray:
    """A signature back from ``to_bytes``; raises ValueError on a wrong length."""
    if len(data) != NUM_PERM * 4:
        raise ValueError(f"a signature is {NUM_PERM * 4} bytes, not {len(data)}")
    return np.frombuffer(data, dtype="<u4").astype(np.uint32)


def band_buckets(sig: np.ndarray, bands: int = BANDS) -> list[int]:
    """One signed 64-bit bucket number per band (its position and its hashes
    together), for an index table: documents sharing a bucket share that band.
    A collision of two different bands only adds a candidate that the
    similarity check then drops."""
    rows = NUM_PERM // bands
    return [int.from_bytes(hashlib.blake2b(band.to_bytes(1, "little")
                                           + sig[band * rows:(band + 1) * rows]
                                           .astype("<u4").tobytes(),
                                           digest_size=8).digest(), "little", signed=True)
            for band in range(bands)]


def similarity(first: np.ndarray, second: np.ndarray) -> float:
    """Estimated Jaccard similarity of the two texts' shingle sets."""
    empty = np.full(NUM_PERM, MAX_HASH, dtype=np.uint32)
    if np.array_equal(first, empty) or np.array_equal(second, empty):
        return 0.0
    return float(np.mean(first == second))


class NearDuplicateIndex:
    """Signatures of the documents seen so far, banded for fast look-up.

    ``add`` and ``find`` take a text or a signature (one read back from the
    store, say), so an index can be rebuilt without the texts."""

    def __init__(self, threshold: float = THRESHOLD, bands: int = BANDS) -> None:
        if NUM_PERM % bands:
            raise ValueError(f"bands must divide {NUM_PERM}, {bands} does not")
        self.threshold = threshold
        self.bands = bands
        self._rows = NUM_PERM // bands
        self._buckets: list[defaultdict[bytes, list[str]]] = [
            defaultdict(list) for _ in range(bands)]
        self._signatures: dict[str, np.ndarray] = {}

    def __len__(self) -> int:
        return len(self._signatures)

    def __contains__(self, doc_id: object) -> bool:
        return doc_id in self._signatures

    def add(self, doc_id: str, text_or_signature: str | np.ndarray) -> np.ndarray:
        """Index a document; returns its signature (to store). Adding an id again
        replaces nothing: the first signature stays."""
        if doc_id in self._signatures:
            return self._signatures[doc_id]
        sig = _as_signature(text_or_signature)
        self._signatures[doc_id] = sig
        for band, key in enumerate(self._band_keys(sig)):
            self._buckets[band][key].append(doc_id)
        return sig

    def remove(self, doc_id: str) -> None:
        """Forget a document (one that was never stored, say)."""
        sig = self._signatures.pop(doc_id, None)
        if sig is None:
            return
        for band, key in enumerate(self._band_keys(sig)):
            bucket = self._buckets[band].get(key)
            if bucket and doc_id in bucket:
                bucket.remove(doc_id)
                if not bucket:
                    del self._buckets[band][key]

    def signature_of(self, doc_id: str) -> np.ndarray | None:
        return self._signatures.get(doc_id)

    def matches(self, text_or_signature: str | np.ndarray) -> list[tuple[str, float]]:
        """Every indexed document at or above the threshold, most similar first
        (ties in the order they were added)."""
        sig = _as_signature(text_or_signature)
        candidates: dict[str, None] = {}
        for band, key in enumerate(self._band_keys(sig)):
            candidates.update(dict.fromkeys(self._buckets[band].get(key, ())))
        scored = [(doc_id, similarity(sig, self._signatures[doc_id])) for doc_id in candidates]
        found = [(doc_id, score) for doc_id, score in scored if score >= self.threshold]
        return sorted(found, key=lambda pair: -pair[1])

    def find(self, text_or_signature: str | np.ndarray) -> str | None:
        """The id of the most similar indexed document at or above the threshold."""
        found = self.matches(text_or_signature)
        return found[0][0] if found else None

    def _band_keys(self, sig: np.ndarray) -> list[bytes]:
        rows = self._rows
        return [sig[band * rows:(band + 1) * rows].tobytes() for band in range(self.bands)]


def _as_signature(value: str | np.ndarray) -> np.ndarray:
    return signature(value) if isinstance(value, str) else value
