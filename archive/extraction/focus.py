"""Which parts of a text the statistical model still needs to read.

The NER model is by far the costliest stage. It can only add a mention where the
dictionary and the rules found nothing, and the names it finds are capitalised. So
a sentence whose capitalised words are all inside dictionary or rule matches, or
are ordinary sentence openers, titles, months and adjectives of origin, is left
out; the remaining sentences are merged into windows (neighbours stay together,
which keeps some context for the model).
"""

from __future__ import annotations

import functools
import re
from collections.abc import Sequence

from .demonyms import is_demonym
from .patterns import NOT_NAME, TITLES, UPPER

# A sentence ends at ., ! or ? (and closing quotes/brackets) before whitespace, or at a line break.
_SENTENCE_END = re.compile(r"[.!?][\"'”’)\]]*\s+|\n\s*")
# Latin capitals only: the English model has nothing to add on Russian or Ukrainian text.
_LATIN_UPPER = UPPER[: UPPER.index("А")]
# A capitalised word up to a hyphen or an apostrophe ("Russia" in "Russia's", "ISIL" in "ISIL-held").
_CAPITALISED = re.compile(rf"(?<![\w'’-])[{_LATIN_UPPER}]\w*")
_LOWER_WORD = re.compile(r"(?<![\w'’-])[a-z]+\b")
_FIRST_WORD = re.compile(r"[\s\"'“‘(\[*•-]*")
# Capitalised at the start of a sentence or in a headline, but never a name on their own.
_ORDINARY = frozenset(
    """a about above according across after afterwards again against ago ahead all almost along
    already also although always among an and another any anyone anything are around as at back
    be because been before being below beside besides between beyond both but by can could
    despite did do does during each earlier either else even ever every except few first five
    following for four from further had has have having he her here hers him his how however i
    if in including inside instead into is it its itself just last later latest least less like
    many may meanwhile might more moreover most much must my near nearly neither never nevertheless
    new next nine no none nor not nothing now of off on once one only onto or other others our out
    outside over own per perhaps photo please previously rather read second seven several she
    should similarly since six so some still subscribe such ten than that the their them then there
    therefore these they third this those though three through thus to today together too toward
    towards two under unlike until up upon us video was watch we were what whatever when where
    whether which while who whom whose why will with within without would yesterday yet you your
    january february march april may june july august september october november december
    monday tuesday wednesday thursday friday saturday sunday
    jan feb mar apr jun jul aug sep sept oct nov dec mon tue wed thu fri sat sun""".split()
)


@functools.cache
def _ordinary() -> frozenset[str]:
    """The words above and spaCy's English stop words (imported only when the model runs)."""
    from spacy.lang.en.stop_words import STOP_WORDS

    return _ORDINARY | STOP_WORDS


def _is_trigger(word: str, first_in_sentence: bool, lower_words: set[str]) -> bool:
    """A capitalised word the model might turn into a mention.

    A sentence's first word is capitalised anyway: it counts only when the text never
    uses it in lower case ("Coalition forces ..." next to "the coalition").
    """
    folded = word.casefold()
    if len(word) < 2 or folded in _ordinary() or folded in TITLES or folded in NOT_NAME:
        return False
    if first_in_sentence and folded in lower_words:
        return False
    return not is_demonym(word)


def _sentences(text: str) -> list[tuple[int, int]]:
    out, start = [], 0
    for m in _SENTENCE_END.finditer(text):
        if m.end() > start:
            out.append((start, m.end()))
        start = m.end()
    if start < len(text):
        out.append((start, len(text)))
    return out


def model_windows(text: str, covered: Sequence[tuple[int, int]]) -> list[tuple[int, int]]:
    """Spans of ``text`` (runs of whole sentences) that hold an uncovered capitalised word."""
    inside = bytearray(len(text))
    for start, end in covered:
        inside[start:end] = b"\x01" * (end - start)
    lower_words = set(_LOWER_WORD.findall(text))
    windows: list[tuple[int, int]] = []
    for a, b in _sentences(text):
        first = _FIRST_WORD.match(text, a)
        if not any(
            0 in inside[m.start() : m.end()]
            and _is_trigger(m.group(), first is not None and m.start() == first.end(), lower_words)
            for m in _CAPITALISED.finditer(text, a, b)
        ):
            continue
        if windows and windows[-1][1] == a:
            windows[-1] = (windows[-1][0], b)
        else:
            windows.append((a, b))
    return windows
