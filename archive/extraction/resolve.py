"""Overlap resolution: gazetteer > pattern > model, longer spans first."""

from __future__ import annotations

from .candidates import ORIGIN_RANK, Candidate


def _accept_greedy(candidates: list[Candidate], accepted: list[Candidate]) -> None:
    for cand in candidates:
        if not any(cand.overlaps(a) for a in accepted):
            accepted.append(cand)


def resolve(candidates: list[Candidate]) -> list[Candidate]:
    """Keep a set of non-overlapping candidates.

    Dictionary and rule matches compete by length (a ship name "USS Hawaii" found
    by a rule beats the place "Hawaii" inside it), the dictionary winning ties.
    The statistical model only fills the gaps they leave.
    """
    ruled = sorted(
        (c for c in candidates if c.origin != "model"),
        key=lambda c: (-c.length, -1 if c.context else ORIGIN_RANK[c.origin], c.start),
    )
    accepted: list[Candidate] = []
    _accept_greedy(ruled, accepted)
    modelled = sorted((c for c in candidates if c.origin == "model"), key=lambda c: (-c.length, c.start))
    _accept_greedy(modelled, accepted)
    return sorted(accepted, key=lambda c: c.start)
