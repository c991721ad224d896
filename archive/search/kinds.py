"""Entity kinds as bits, so one small integer per article answers kind filters and facets."""

from __future__ import annotations

from archive.models.entity import EntityKind

KIND_BITS: dict[str, int] = {kind: 1 << position for position, kind in enumerate(EntityKind.values)}
KIND_LABELS: dict[str, str] = dict(EntityKind.choices)


def kinds_mask(kinds) -> int:
    mask = 0
    for kind in kinds:
        mask |= KIND_BITS.get(kind, 0)
    return mask
