"""Entity extraction: text in, linked mentions out. Pure Python, no Django.

from archive.extraction import extract, extract_many, Extractor
"""

from __future__ import annotations

from archive.kb.schema import KnowledgeBase

from .extractor import Extractor as Extractor
from .mention import Mention as Mention

# Bump when the output for the same text and KB can change.
EXTRACTOR_VERSION = "1.1.0"

_default: Extractor | None = None


def default_extractor() -> Extractor:
    global _default
    if _default is None:
        _default = Extractor()
    return _default


def extract(text: str) -> list[Mention]:
    return default_extractor().extract(text)


def extract_many(texts: list[str]) -> list[list[Mention]]:
    return default_extractor().extract_many(texts)


__all__ = ["EXTRACTOR_VERSION", "Extractor", "KnowledgeBase", "Mention", "extract", "extract_many"]
