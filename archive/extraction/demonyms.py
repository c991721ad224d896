"""Adjectives of origin ("Ukrainian", "Slovak", "Chinese"): not mentions under the annotation rules.

A capitalised word is a demonym when it is a country or continent name with a demonym
ending ("Syrian", "Korean", "Israeli", "Japanese") or the stem of one ("Ukrainian" from
"Ukraine", "Swedish" from "Sweden"); the irregular ones are listed.
"""

from __future__ import annotations

import functools
import re

from archive.kb.places import country_short_names

_IRREGULAR = frozenset(
    """afghan british czech danish dutch english filipino french greek irish kazakh kyrgyz
    polish saudi scottish slovak swiss tajik thai turkmen uzbek welsh emirati kiwi lao norwegian
    peruvian belgian finnish spanish burmese argentine argentinian
    arab arabic persian kurdish baltic nordic scandinavian slavic soviet yankee""".split()
)
_REGIONS = ("europe", "africa", "asia", "america", "crimea", "caucasus", "balkans", "arabia", "siberia")
# Ending after the full name ("Syria"+"n", "Israel"+"i") or after a stem ("Ukrain"+"ian").
_ENDINGS = ("ians", "ian", "ean", "ese", "ish", "ans", "ns", "an", "ic", "n", "i", "is", "s")
_MIN_STEM = 4
_WORD = re.compile(r"[A-Z][a-z]+")


@functools.cache
def _place_words() -> frozenset[str]:
    words = set(_REGIONS)
    for name in country_short_names():
        words.update(w.casefold() for w in re.findall(r"[^\W\d_]+", name) if len(w) >= _MIN_STEM)
    # Adjectives inside country names ("American Samoa", "Dominican Republic") stay demonyms.
    return frozenset(w for w in words if not _derived_from(w, words - {w}))


def _derived_from(folded: str, places: frozenset[str] | set[str]) -> bool:
    for ending in _ENDINGS:
        if not folded.endswith(ending):
            continue
        stem = folded[: -len(ending)]
        if len(stem) < _MIN_STEM:
            continue
        if stem in places or any(place.startswith(stem) and len(place) - len(stem) <= 2 for place in places):
            return True
    return False


@functools.cache
def is_demonym(word: str) -> bool:
    """``word`` is an adjective (or plural noun) of national origin."""
    if not _WORD.fullmatch(word):
        return False
    folded = word.casefold()
    if folded in _IRREGULAR:
        return True
    places = _place_words()
    return folded not in places and _derived_from(folded, places)
