"""The working record shared by the stages, before it becomes a Mention."""

from __future__ import annotations

from dataclasses import dataclass

ORIGIN_RANK = {"gazetteer": 0, "pattern": 1, "model": 2}


@dataclass
class Candidate:
    start: int
    end: int
    kind: str
    entity: str
    confidence: float
    origin: str
    in_kb: bool
    # The words around it say what it is ("the landing ship Orsk"): beats a dictionary
    # match of the same span (the town of Orsk).
    context: bool = False

    @property
    def length(self) -> int:
        return self.end - self.start

    def overlaps(self, other: Candidate) -> bool:
        return self.start < other.end and other.start < self.end
