"""Unicode normalisation that remembers where every character came from.

Matching runs on the normalised text; mentions must point into the original
text, so each normalised character keeps the original span that produced it.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

_DASHES = "\u2010\u2011\u2012\u2013\u2014\u2015\u2212\u2043\ufe58\ufe63\uff0d"
_SINGLE_QUOTES = "\u2018\u2019\u201a\u201b\u2032\u02bc"
_DOUBLE_QUOTES = "\u201c\u201d\u201e\u201f\u00ab\u00bb\u2033"
_DROPPED = "\u00ad\u200b\u200c\u200d\u2060\ufeff"  # soft hyphen and zero-width marks
_REPLACEMENTS = {
    **dict.fromkeys(_DASHES, "-"),
    **dict.fromkeys(_SINGLE_QUOTES, "'"),
    **dict.fromkeys(_DOUBLE_QUOTES, '"'),
    **dict.fromkeys(_DROPPED, ""),
}


@dataclass(frozen=True)
class NormalizedText:
    """``text`` plus, for each of its characters, the original span it came from."""

    original: str
    text: str
    starts: tuple[int, ...]
    ends: tuple[int, ...]

    def original_span(self, start: int, end: int) -> tuple[int, int]:
        """Map a span of the normalised text to the original text."""
        if start >= end:
            anchor = self.starts[start] if start < len(self.starts) else len(self.original)
            return anchor, anchor
        return self.starts[start], self.ends[end - 1]


def _clusters(text: str):
    """Yield (start, end) of each base character with its combining marks."""
    i, n = 0, len(text)
    while i < n:
        j = i + 1
        while j < n and unicodedata.combining(text[j]):
            j += 1
        yield i, j
        i = j


def _normalize_cluster(cluster: str) -> str:
    if cluster in _REPLACEMENTS:
        return _REPLACEMENTS[cluster]
    out = unicodedata.normalize("NFKC", cluster)
    if out.isspace():
        return " "
    return "".join(_REPLACEMENTS.get(ch, ch) for ch in out)


# ASCII never changes under NFKC and holds no replaced character: only the rest needs work.
_NON_ASCII = re.compile(r"[^\x00-\x7f]+")


def _normalize_segment(text: str, a: int, b: int, chars: list[str], starts: list[int], ends: list[int]):
    for ca, cb in _clusters(text[a:b]):
        for ch in _normalize_cluster(text[a + ca : a + cb]):
            chars.append(ch)
            starts.append(a + ca)
            ends.append(a + cb)


def normalize(text: str) -> NormalizedText:
    """NFKC, one dash and one quote of each kind, invisible marks dropped."""
    chars: list[str] = []
    starts: list[int] = []
    ends: list[int] = []
    done = 0
    for m in _NON_ASCII.finditer(text):
        a, b = m.span()
        if unicodedata.combining(text[a]) and a > done:
            a -= 1  # a combining mark belongs with the letter before it
        chars.append(text[done:a])
        starts.extend(range(done, a))
        ends.extend(range(done + 1, a + 1))
        _normalize_segment(text, a, b, chars, starts, ends)
        done = b
    chars.append(text[done:])
    starts.extend(range(done, len(text)))
    ends.extend(range(done + 1, len(text) + 1))
    return NormalizedText(text, "".join(chars), tuple(starts), tuple(ends))
