"""The output record of the extractor."""

from __future__ import annotations

from dataclasses import asdict, dataclass

ORIGINS = ("gazetteer", "pattern", "model")


@dataclass(frozen=True)
class Mention:
    """One occurrence of an entity; ``start``/``end`` index the original text.

    ``entity`` is the canonical KB name, or the cleaned surface when ``in_kb`` is
    False (a candidate for editors to confirm).
    """

    start: int
    end: int
    text: str
    kind: str
    entity: str
    confidence: float
    origin: str
    in_kb: bool = True

    def as_dict(self) -> dict:
        return asdict(self)
