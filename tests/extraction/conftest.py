"""A small knowledge base built in the tests, so stage tests do not depend on the shipped data."""

from __future__ import annotations

import pytest

from archive.extraction import Extractor
from archive.kb.schema import KBEntry, KnowledgeBase

ENTRIES = [
    KBEntry("weapon", "Su-30SM", ("Су-30СМ",)),
    KBEntry("weapon", "Su-30SM2", ("Су-30СМ2", "Su-30SM-2"), parent="Su-30SM"),
    KBEntry("weapon", "Su-30MK2", ()),
    KBEntry("weapon", "Su-57", ("Felon", "Су-57")),
    KBEntry("weapon", "Su-35", ()),
    KBEntry("weapon", "Mi-24", ("Ми-24", "Hind")),
    KBEntry("weapon", "Mi-35M", ("Ми-35М",), parent="Mi-24"),
    KBEntry("weapon", "Oreshnik", ("Орешник",)),
    KBEntry("weapon", "Buk", ("Бук",)),
    KBEntry("weapon", "M2 Bradley", ("Bradley",)),
    KBEntry("weapon", "Tejas Mk1A", ("Tejas Mk 1A",)),
    KBEntry("weapon", "Rafale", ()),
    KBEntry("org", "NATO", ("North Atlantic Treaty Organization", "НАТО")),
    KBEntry("org", "UK Ministry of Defence", ("MoD",)),
    KBEntry("org", "United Aircraft Corporation", ()),
    KBEntry("unit", "Black Sea Fleet", ("Черноморский флот",)),
    KBEntry("person", "Sergei Shoigu", ("Shoigu", "Сергей Шойгу")),
    KBEntry("place", "Belarus", ("Беларусь", "Belorussia")),
    KBEntry("place", "Moscow", ("Москва",)),
    KBEntry("place", "Minsk", ("Минск",)),
    KBEntry("place", "United States", ("US", "U.S.", "USA")),
    KBEntry("place", "Hawaii", ()),
    KBEntry("place", "Ukraine", ("Украина", "Україна")),
]


@pytest.fixture(scope="session")
def small_kb() -> KnowledgeBase:
    return KnowledgeBase(ENTRIES)


@pytest.fixture(scope="session")
def rules_extractor(small_kb) -> Extractor:
    """Dictionary and rules only: fast, and deterministic whatever the model does."""
    return Extractor(small_kb, use_model=False)


def spans(mentions) -> list[tuple[str, str, str]]:
    return [(m.text, m.kind, m.entity) for m in mentions]
