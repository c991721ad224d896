"""What an article contributes to the index beyond its own columns: its entities.

An article is indexed with every entity it is tagged with *and their ancestors* (Mi-35M brings
Mi-24), so a filter or facet on a family covers its variants without a recursive query at
search time. The names and aliases of those entities are indexed too, with a weight between
title and body: an article tagged Mi-24 ranks above one that only says "Hind" in passing.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from archive.models import Alias, Entity, Tag

from .kinds import kinds_mask

# Deep enough for family -> variant -> sub-variant chains; stops a parent cycle made in the admin.
MAX_ANCESTRY = 8


@dataclass(frozen=True)
class EntityData:
    entity_ids: tuple[int, ...] = ()
    kinds: int = 0
    text: str = ""


def _ancestry(entity_ids: Iterable[int]) -> dict[int, tuple[str, str, int | None]]:
    """id -> (name, kind, parent id) for the entities and all their ancestors."""
    known: dict[int, tuple[str, str, int | None]] = {}
    wanted = set(entity_ids)
    for _ in range(MAX_ANCESTRY):
        wanted -= known.keys()
        if not wanted:
            break
        rows = Entity.objects.filter(pk__in=wanted).values_list("pk", "name", "kind", "parent_id")
        for pk, name, kind, parent_id in rows:
            known[pk] = (name, kind, parent_id)
        wanted = {parent for _, _, parent in known.values() if parent is not None}
    return known


def _lineage(entity_id: int, entities: dict[int, tuple[str, str, int | None]]) -> list[int]:
    """The entity, its parent, the parent's parent...; a cycle made in the admin ends the walk."""
    chain: list[int] = []
    current: int | None = entity_id
    while current is not None and current in entities and current not in chain:
        chain.append(current)
        current = entities[current][2]
    return chain


def entity_data(article_ids: Sequence[int]) -> dict[int, EntityData]:
    """Entity ids (with ancestors), kind bits and searchable names per article."""
    tagged: dict[int, set[int]] = {}
    for article_id, entity_id in Tag.objects.filter(article_id__in=article_ids).values_list(
        "article_id", "entity_id"
    ):
        tagged.setdefault(article_id, set()).add(entity_id)
    if not tagged:
        return {}
    entities = _ancestry(set().union(*tagged.values()))
    aliases: dict[int, list[str]] = {}
    for entity_id, text in Alias.objects.filter(entity_id__in=entities).values_list("entity_id", "text"):
        aliases.setdefault(entity_id, []).append(text)

    result = {}
    for article_id, direct in tagged.items():
        family: list[int] = []
        for entity_id in sorted(direct):
            family.extend(ancestor for ancestor in _lineage(entity_id, entities) if ancestor not in family)
        names: list[str] = []
        for entity_id in family:
            names.append(entities[entity_id][0])
            names.extend(aliases.get(entity_id, ()))
        result[article_id] = EntityData(
            entity_ids=tuple(sorted(family)),
            kinds=kinds_mask(entities[entity_id][1] for entity_id in direct if entity_id in entities),
            text=" ; ".join(dict.fromkeys(names)),
        )
    return result
