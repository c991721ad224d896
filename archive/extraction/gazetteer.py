"""One-pass dictionary matching of every KB alias (Aho-Corasick over match keys)."""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass

import ahocorasick

from archive.kb.schema import KBEntry, KnowledgeBase

from .keys import Token, key_of

_WORD_CHARS = re.compile(r"\w", re.UNICODE)
_KIND_ORDER = {"weapon": 0, "unit": 1, "org": 2, "person": 3, "place": 4}


@dataclass(frozen=True)
class Alias:
    entry: KBEntry
    surface: str
    acronym: bool  # short all-caps forms ("US", "MoD") match case-sensitively
    needs_capital: bool  # a name written with a capital needs one in the text too
    plural: bool = False  # generated "Rafales"/"Su-57s" form of a weapon alias


def is_acronym(surface: str) -> bool:
    letters = re.sub(r"[\W\d_]", "", surface)
    return (
        " " not in surface.strip()
        and not any(ch.isdigit() for ch in surface)
        and 2 <= len(letters) <= 6
        and sum(ch.isupper() for ch in letters) >= 2
        and (letters.isupper() or len(letters) <= 4)
    )


def _letters(text: str) -> str:
    return "".join(ch for ch in text if ch.isalnum())


@dataclass(frozen=True)
class GazetteerMatch:
    start: int
    end: int
    alias: Alias
    stemmed: bool


def _preference(alias: Alias) -> tuple:
    """Which entity a key shared by several entries should mean."""
    entry = alias.entry
    return (
        alias.plural,
        alias.surface != entry.name,  # an entity's own name beats another's alias
        "generated" in entry.source,  # curated data beats package-derived places
        _KIND_ORDER.get(entry.kind, 9),
        entry.name,
    )


class Gazetteer:
    def __init__(self, kb: KnowledgeBase):
        by_key: dict[str, list[Alias]] = defaultdict(list)
        for entry in kb.entries:
            for surface in entry.surfaces:
                key = key_of(surface)
                if not key or not any(ch.isalnum() for ch in key):
                    continue
                alias = Alias(entry, surface, is_acronym(surface), any(ch.isupper() for ch in surface))
                by_key[key].append(alias)
        # Plural forms of weapon names ("Su-57s", "Rafales"), unless the key is taken.
        plurals: dict[str, list[Alias]] = defaultdict(list)
        for entry in kb.entries:
            if entry.kind != "weapon":
                continue
            for surface in entry.surfaces:
                last = surface[-1:]
                if last.isdigit() or (last.isalpha() and len(surface) >= 4 and not is_acronym(surface)):
                    plural_key = key_of(surface) + (" s" if last.isdigit() else "s")
                    if plural_key not in by_key:
                        plurals[plural_key].append(Alias(entry, surface, False, True, plural=True))
        by_key.update(plurals)
        self.aliases: dict[str, list[Alias]] = {
            key: sorted(al, key=_preference) for key, al in by_key.items()
        }
        self.automaton = ahocorasick.Automaton()
        for key in self.aliases:
            self.automaton.add_word(key, key)
        if self.aliases:
            self.automaton.make_automaton()

    def lookup(self, key: str) -> list[Alias]:
        return self.aliases.get(key, [])

    def collisions(self, *, same_spelling: bool = False) -> dict[str, list[Alias]]:
        """Keys shared by aliases of different entities.

        ``same_spelling`` keeps only aliases written alike (letters and digits, any case),
        leaving out keys shared only through Cyrillic stems ("Артемовск"/"Артемовский").
        """
        out = {}
        for key, aliases in self.aliases.items():
            groups: dict[str, set] = defaultdict(set)
            for a in aliases:
                if not a.plural:
                    groups[_letters(a.surface).casefold() if same_spelling else ""].add(
                        (a.entry.kind, a.entry.name)
                    )
            if any(len(entities) > 1 for entities in groups.values()):
                out[key] = aliases
        return out

    def find(self, text: str, tokens: list[Token]) -> list[GazetteerMatch]:
        """All word-bounded alias matches (overlapping ones included)."""
        if not tokens or not self.aliases:
            return []
        key_text_parts = []
        token_at_start: dict[int, int] = {}
        token_at_end: dict[int, int] = {}
        pos = 0
        for i, token in enumerate(tokens):
            token_at_start[pos] = i
            key_text_parts.append(token.key)
            pos += len(token.key)
            token_at_end[pos] = i
            pos += 1
        key_text = " ".join(key_text_parts)
        matches = []
        for last_char, key in self.automaton.iter(key_text):
            first = token_at_start.get(last_char - len(key) + 1)
            last = token_at_end.get(last_char + 1)
            if first is None or last is None:
                continue
            start, end = tokens[first].start, tokens[last].end
            if (start > 0 and text[start - 1].isalnum()) or (end < len(text) and text[end].isalnum()):
                continue
            surface = text[start:end]
            for alias in self.aliases[key]:
                if self.accepts(alias, surface):
                    stemmed = _letters(surface).casefold() != _letters(alias.surface).casefold()
                    matches.append(GazetteerMatch(start, end, alias, stemmed))
                    break
        return matches

    @staticmethod
    def accepts(alias: Alias, surface: str) -> bool:
        """Case rules: acronyms exactly, capitalised names need a capital."""
        if alias.acronym:
            letters, alias_letters = _letters(surface), _letters(alias.surface)
            return letters == alias_letters or (
                # Weapon names made of initials are often written as words ("Caesar", "Himars").
                alias.entry.kind == "weapon"
                and len(alias_letters) >= 4
                and alias_letters.isupper()
                and letters[0].isupper()
                and letters[1:].islower()
                and letters.casefold() == alias_letters.casefold()
            )
        if alias.plural and not surface.endswith("s"):
            return False
        if alias.needs_capital and not any(ch.isupper() for ch in surface):
            return False
        return True
