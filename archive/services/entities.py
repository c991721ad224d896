"""Entities and aliases: loading the shipped knowledge base into the database."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass

from django.db import transaction
from django.utils import timezone
from django.utils.text import slugify

from archive.extraction.keys import key_of
from archive.kb import KBEntry, KnowledgeBase, default_kb
from archive.models import Alias, Entity

BATCH = 2000


def alias_key(text: str) -> str:
    """The key the extractor matches on; stored so the database finds aliases the same way."""
    return key_of(text)


def entity_slug(kind: str, name: str, taken: Callable[[str], bool]) -> str:
    base = slugify(f"{kind}-{name}", allow_unicode=False)[:320] or f"{kind}-entity"
    slug, n = base, 2
    while taken(slug):
        slug, n = f"{base}-{n}", n + 1
    return slug


@dataclass(frozen=True)
class KBLoadResult:
    created: int
    updated: int
    aliases_added: int
    total: int
    retired: int = 0


def kb_load(
    *, kb: KnowledgeBase | None = None, progress: Callable[[int], None] | None = None
) -> KBLoadResult:
    """Copy the knowledge base into Entity/Alias rows.

    Idempotent: entries are matched on (kind, name); fields from the knowledge base are refreshed,
    aliases only ever added, and entities or aliases editors created are left alone. An entity an
    earlier load brought in that the knowledge base no longer has (renamed or withdrawn) becomes a
    candidate: its mentions keep pointing at it, but the extractor no longer links to it.
    """
    kb = kb or default_kb()
    entries = list(kb.entries)
    with transaction.atomic():
        existing = {(e.kind, e.name): e for e in Entity.objects.all()}
        slugs = set(Entity.objects.values_list("slug", flat=True))
        to_create, to_update = [], []
        for entry in entries:
            current = existing.get((entry.kind, entry.name))
            if current is None:
                slug = entity_slug(entry.kind, entry.name, slugs.__contains__)
                slugs.add(slug)
                to_create.append(
                    Entity(
                        kind=entry.kind,
                        name=entry.name,
                        slug=slug,
                        curated=True,
                        kb_managed=True,
                        **_kb_fields(entry),
                    )
                )
            elif _changed(current, entry):
                for field, value in _kb_fields(entry).items():
                    setattr(current, field, value)
                current.curated = current.kb_managed = True
                to_update.append(current)
        Entity.objects.bulk_create(to_create, batch_size=BATCH)
        Entity.objects.bulk_update(
            to_update,
            ["description", "category", "country", "wikidata", "curated", "kb_managed"],
            batch_size=BATCH,
        )
        names = {(entry.kind, entry.name) for entry in entries}
        retired = [e.pk for key, e in existing.items() if e.kb_managed and key not in names]
        Entity.objects.filter(pk__in=retired).update(
            curated=False, kb_managed=False, updated_at=timezone.now()
        )
        ids = {(kind, name): pk for pk, kind, name in Entity.objects.values_list("pk", "kind", "name")}
        _link_parents(entries, ids)
        added = _add_aliases(entries, ids, progress)
    return KBLoadResult(
        created=len(to_create),
        updated=len(to_update),
        aliases_added=added,
        total=len(entries),
        retired=len(retired),
    )


def _kb_fields(entry: KBEntry) -> dict:
    return {
        "description": entry.description,
        "category": entry.category,
        "country": entry.country,
        "wikidata": entry.wikidata,
    }


def _changed(entity: Entity, entry: KBEntry) -> bool:
    return not (entity.curated and entity.kb_managed) or any(
        getattr(entity, f) != v for f, v in _kb_fields(entry).items()
    )


def _link_parents(entries: Iterable[KBEntry], ids: dict) -> None:
    wanted = {ids[(e.kind, e.name)]: ids[(e.kind, e.parent)] for e in entries if e.parent}
    current = dict(Entity.objects.filter(pk__in=wanted).values_list("pk", "parent_id"))
    stale = [Entity(pk=pk, parent_id=parent) for pk, parent in wanted.items() if current.get(pk) != parent]
    Entity.objects.bulk_update(stale, ["parent"], batch_size=BATCH)


def _add_aliases(entries: list[KBEntry], ids: dict, progress) -> int:
    have = set(Alias.objects.values_list("entity_id", "key"))
    new = []
    for done, entry in enumerate(entries, 1):
        entity_id = ids[(entry.kind, entry.name)]
        for text in entry.surfaces:
            key = alias_key(text)
            if key and (entity_id, key) not in have:
                have.add((entity_id, key))
                new.append(Alias(entity_id=entity_id, text=text[:300], key=key[:300]))
        if progress and done % 500 == 0:
            progress(done)
    Alias.objects.bulk_create(new, batch_size=BATCH)
    return len(new)
