"""Link a surface form to a KB entry: alias key, then variant rules, then fuzzy."""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass

from rapidfuzz import fuzz, process

from archive.kb.schema import KBEntry

from .gazetteer import Gazetteer
from .keys import CYRILLIC, compact, key_of, transliterate

# Design-bureau names spelled out in front of a model number ("Sukhoi-57" is the Su-57).
_BUREAUS = {
    "sukhoi": "Su",
    "mikoyan": "MiG",
    "tupolev": "Tu",
    "ilyushin": "Il",
    "antonov": "An",
    "kamov": "Ka",
    "mil": "Mi",
    "yakovlev": "Yak",
    "beriev": "Be",
    "сухой": "Су",
    "туполев": "Ту",
}
_BUREAU = re.compile(r"^(" + "|".join(_BUREAUS) + r")[\s-]*(?=\d)", re.IGNORECASE)
# Latin letters a reader may have typed for the Cyrillic letter of the same shape
# (Cyrillic С is an S): "Su-30C2" was written from "Су-30С2".
_SHAPE_MISREAD = str.maketrans({"c": "s", "p": "r", "h": "n", "b": "v", "x": "h"})
FUZZY_NAME_THRESHOLD = 92
FUZZY_DESIGNATION_THRESHOLD = 88
_DIGITS = re.compile(r"\d+")


@dataclass(frozen=True)
class Link:
    entry: KBEntry | None
    score: float  # 1.0 exact key, lower for rules and fuzzy matches


def designation_name(surface: str) -> str:
    """A readable canonical form for a designation the KB lacks ("Ми-35М" -> "Mi-35M")."""
    name = surface
    m = _BUREAU.match(name)
    if m:
        name = _BUREAUS[m.group(1).casefold()] + "-" + name[m.end() :]
    if CYRILLIC.search(name):
        name = transliterate(name)
    return name


def _is_designation(surface: str) -> bool:
    return any(ch.isdigit() for ch in surface) and any(ch.isalpha() for ch in surface)


class Linker:
    def __init__(self, gazetteer: Gazetteer):
        self.gazetteer = gazetteer
        # The same names recur across a batch; fuzzy matching is the costly part.
        self._links: dict[tuple[str, str], Link] = {}
        self._choices: dict[str, list[str]] = defaultdict(list)
        self._entries: dict[str, list[KBEntry]] = defaultdict(list)
        seen = set()
        for aliases in gazetteer.aliases.values():
            for alias in aliases:
                if alias.plural or alias.acronym:
                    continue
                key = compact(alias.surface)
                if len(key) < 4 or (alias.entry.kind, key, alias.entry.name) in seen:
                    continue
                seen.add((alias.entry.kind, key, alias.entry.name))
                self._choices[alias.entry.kind].append(key)
                self._entries[alias.entry.kind].append(alias.entry)

    def by_key(self, surface: str, kind: str | None) -> KBEntry | None:
        aliases = [a for a in self.gazetteer.lookup(key_of(surface)) if self.gazetteer.accepts(a, surface)]
        if not aliases:
            return None
        for alias in aliases:
            if kind is None or alias.entry.kind == kind:
                return alias.entry
        return aliases[0].entry

    def link(self, surface: str, kind: str) -> Link:
        cached = self._links.get((surface, kind))
        if cached is None:
            cached = self._links[(surface, kind)] = self._link(surface, kind)
        return cached

    def _link(self, surface: str, kind: str) -> Link:
        entry = self.by_key(surface, kind)
        if entry:
            return Link(entry, 1.0)
        for variant in self._variants(surface):
            entry = self.by_key(variant, kind)
            if entry:
                return Link(entry, 0.9)
        return self.fuzzy(surface, kind)

    @staticmethod
    def _variants(surface: str) -> list[str]:
        out = []
        m = _BUREAU.match(surface)
        if m:
            out.append(_BUREAUS[m.group(1).casefold()] + "-" + surface[m.end() :])
        if CYRILLIC.search(surface) and _is_designation(surface):
            out.append(transliterate(surface))
        return out

    def fuzzy(self, surface: str, kind: str) -> Link:
        choices = self._choices.get(kind)
        if not choices:
            return Link(None, 0.0)
        query = compact(designation_name(surface))
        if len(query) < 4:
            return Link(None, 0.0)
        if _is_designation(query):
            return self._fuzzy_designation(query, kind)
        hit = process.extractOne(query, choices, scorer=fuzz.ratio, score_cutoff=FUZZY_NAME_THRESHOLD)
        # "Ministry of Defence" inside "UK Ministry of Defence" is a qualifier, not a misspelling.
        if hit is None or query in hit[0] or hit[0] in query:
            return Link(None, 0.0)
        return Link(self._entries[kind][hit[2]], hit[1] / 100 * 0.9)

    def _fuzzy_designation(self, query: str, kind: str) -> Link:
        """Same model numbers required; letters may differ by a shape misreading."""
        digits = _DIGITS.findall(query)
        best: tuple[float, KBEntry | None] = (0.0, None)
        for variant in {query, query.translate(_SHAPE_MISREAD)}:
            for i, choice in enumerate(self._choices[kind]):
                if _DIGITS.findall(choice) != digits:
                    continue
                # A longer or shorter designation is another variant of the family, not a typo.
                if choice.startswith(variant) or variant.startswith(choice):
                    continue
                score = fuzz.ratio(variant, choice)
                if score >= FUZZY_DESIGNATION_THRESHOLD and score > best[0]:
                    best = (score, self._entries[kind][i])
        return Link(best[1], best[0] / 100 * 0.85) if best[1] else Link(None, 0.0)
