"""Duplicate detection: an exact content hash and a MinHash signature with LSH bands.

The database stores ``content_hash`` (unique) and the 16 band hashes (indexed): two articles
share at least one band with probability 1 - (1 - s^8)^16, which is 99.99% at Jaccard
similarity s = 0.9 and 6% at s = 0.5, so candidates come from an index lookup and are then
confirmed with ``similarity``.
"""

import hashlib
import re
import struct
import unicodedata
from dataclasses import dataclass

import numpy as np
from datasketch import MinHash

NUM_PERMUTATIONS = 128
NUM_BANDS = 16
ROWS_PER_BAND = NUM_PERMUTATIONS // NUM_BANDS
SHINGLE_WORDS = 3
NEAR_DUPLICATE_THRESHOLD = 0.9
# Fixed so signatures stored in the database stay comparable across processes and releases.
_MINHASH_SEED = 20240305
_WHITESPACE = re.compile(r"\s+")
_WORD = re.compile(r"\w+")
_SIGNED_63_BIT_MASK = (1 << 63) - 1


@dataclass(frozen=True)
class Fingerprint:
    content_hash: str
    minhash: tuple[int, ...]
    bands: tuple[int, ...]


def normalise_for_hash(text: str) -> str:
    """NFKC, case-folded, every whitespace run collapsed to one space; punctuation kept."""
    return _WHITESPACE.sub(" ", unicodedata.normalize("NFKC", text).casefold()).strip()


def fingerprint(text: str) -> Fingerprint:
    normalised = normalise_for_hash(text)
    signature = _minhash(normalised)
    return Fingerprint(
        content_hash=hashlib.sha256(normalised.encode("utf-8", "surrogatepass")).hexdigest(),
        minhash=signature,
        bands=band_hashes(signature),
    )


def similarity(minhash_a: tuple[int, ...] | list[int], minhash_b: tuple[int, ...] | list[int]) -> float:
    """Estimated Jaccard similarity of the two texts' word 3-shingle sets."""
    if len(minhash_a) != len(minhash_b) or not minhash_a:
        raise ValueError("MinHash signatures must be non-empty and of the same length")
    return float(np.count_nonzero(np.asarray(minhash_a) == np.asarray(minhash_b))) / len(minhash_a)


def is_near_duplicate(a: Fingerprint, b: Fingerprint) -> bool:
    return a.content_hash == b.content_hash or similarity(a.minhash, b.minhash) >= NEAR_DUPLICATE_THRESHOLD


def band_hashes(signature: tuple[int, ...]) -> tuple[int, ...]:
    """One non-negative 63-bit hash per band (fits a signed BigIntegerField).

    The band number is hashed in, so equal rows in different bands do not collide and one
    indexed column can hold every band.
    """
    hashes = []
    for band in range(NUM_BANDS):
        rows = signature[band * ROWS_PER_BAND : (band + 1) * ROWS_PER_BAND]
        payload = struct.pack(f">H{ROWS_PER_BAND}Q", band, *rows)
        digest = hashlib.blake2b(payload, digest_size=8).digest()
        hashes.append(int.from_bytes(digest, "big") & _SIGNED_63_BIT_MASK)
    return tuple(hashes)


def _minhash(normalised: str) -> tuple[int, ...]:
    words = _WORD.findall(normalised)
    if len(words) >= SHINGLE_WORDS:
        shingles = {" ".join(words[i : i + SHINGLE_WORDS]) for i in range(len(words) - SHINGLE_WORDS + 1)}
    else:
        shingles = {" ".join(words)} if words else set()
    minhash = MinHash(num_perm=NUM_PERMUTATIONS, seed=_MINHASH_SEED)
    minhash.update_batch([shingle.encode("utf-8", "surrogatepass") for shingle in shingles])
    return tuple(int(value) for value in minhash.hashvalues)
