"""Editors curate entities: create, edit, merge one into another.

Shared by the API and the HTML curation pages. Every change is saved through the model so the
editorial history records who did it; a merge leaves an ``EntityMerge`` record behind.
"""

from __future__ import annotations

from collections.abc import Iterable

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from simple_history.utils import bulk_update_with_history

from archive.api.models import EntityMerge
from archive.models import Alias, Article, Entity, EntityKind, Mention, MentionStatus, Tag

from .entities import alias_key, entity_slug
from .tags import tags_refresh

EDITABLE_FIELDS = ("name", "description", "parent_id", "category", "country", "wikidata", "curated")


def _clean_aliases(texts: Iterable[str]) -> dict[str, str]:
    """Alias texts by their match key (one per key, first spelling wins)."""
    by_key: dict[str, str] = {}
    for text in texts:
        text = (text or "").strip()[:300]
        key = alias_key(text)[:300] if text else ""
        if key and key not in by_key:
            by_key[key] = text
    return by_key


def _check_parent(entity: Entity | None, parent_id: int | None) -> None:
    if parent_id is None:
        return
    parent = Entity.objects.filter(pk=parent_id).values_list("pk", "parent_id").first()
    if parent is None:
        raise ValidationError({"parent": f"No entity {parent_id}."})
    if entity is None:
        return
    # Walk up from the new parent: meeting the entity itself would make a cycle.
    seen, current = set(), parent_id
    while current is not None and current not in seen:
        if current == entity.pk:
            raise ValidationError(
                {"parent": "An entity cannot be a variant of itself or of its own variants."}
            )
        seen.add(current)
        current = Entity.objects.filter(pk=current).values_list("parent_id", flat=True).first()


def _validate_fields(fields: dict) -> None:
    errors = {}
    if "kind" in fields and fields["kind"] not in EntityKind.values:
        errors["kind"] = f"Choose one of {', '.join(EntityKind.values)}."
    if "name" in fields and not (fields["name"] or "").strip():
        errors["name"] = "A name is required."
    if fields.get("country") and len(fields["country"]) != 2:
        errors["country"] = "Use an ISO 3166-1 alpha-2 code such as UA or RU."
    if errors:
        raise ValidationError(errors)


def entity_create(
    *,
    kind: str,
    name: str,
    created_by=None,
    description: str = "",
    parent_id: int | None = None,
    category: str = "",
    country: str = "",
    wikidata: str = "",
    curated: bool = True,
    aliases: Iterable[str] = (),
) -> Entity:
    """A new entity with its name and ``aliases`` as match keys; raises ``ValidationError``."""
    name = (name or "").strip()[:300]
    _validate_fields({"kind": kind, "name": name, "country": country})
    _check_parent(None, parent_id)
    with transaction.atomic():
        if Entity.objects.filter(kind=kind, name=name).exists():
            raise ValidationError({"name": f"A {kind} named {name!r} already exists."})
        slug = entity_slug(kind, name, lambda s: Entity.objects.filter(slug=s).exists())
        entity = Entity(
            kind=kind,
            name=name,
            slug=slug,
            description=description,
            parent_id=parent_id,
            category=category[:40],
            country=country.upper(),
            wikidata=wikidata[:20],
            curated=curated,
        )
        entity._history_user = created_by
        try:
            with transaction.atomic():
                entity.save()
        except IntegrityError as exc:  # the same name created concurrently
            raise ValidationError({"name": f"A {kind} named {name!r} already exists."}) from exc
        _aliases_set(entity, [name, *aliases], changed_by=created_by, remove_others=False)
    return entity


def entity_update(
    *, entity_id: int, changed_by=None, aliases: Iterable[str] | None = None, **fields
) -> Entity:
    """Change the given fields; ``aliases`` (if given) becomes the full alias list besides the name."""
    unknown = set(fields) - set(EDITABLE_FIELDS)
    if unknown:
        raise ValidationError(dict.fromkeys(sorted(unknown), "This field cannot be changed."))
    if "name" in fields:
        fields["name"] = (fields["name"] or "").strip()[:300]
    if "country" in fields:
        fields["country"] = (fields["country"] or "").upper()
    _validate_fields(fields)
    with transaction.atomic():
        entity = Entity.objects.select_for_update().get(pk=entity_id)
        if "parent_id" in fields:
            _check_parent(entity, fields["parent_id"])
        if (
            "name" in fields
            and fields["name"] != entity.name
            and Entity.objects.filter(kind=entity.kind, name=fields["name"]).exclude(pk=entity.pk).exists()
        ):
            raise ValidationError({"name": f"A {entity.kind} named {fields['name']!r} already exists."})
        for field, value in fields.items():
            setattr(entity, field, value)
        entity._history_user = changed_by
        entity.save()
        if aliases is not None:
            _aliases_set(entity, [entity.name, *aliases], changed_by=changed_by, remove_others=True)
        elif "name" in fields:
            _aliases_set(entity, [entity.name], changed_by=changed_by, remove_others=False)
    return entity


def _aliases_set(entity: Entity, texts: list[str], *, changed_by, remove_others: bool) -> None:
    wanted = _clean_aliases(texts)
    existing = {alias.key: alias for alias in Alias.objects.filter(entity=entity)}
    for key, text in wanted.items():
        if key not in existing:
            alias = Alias(entity=entity, text=text, key=key)
            alias._history_user = changed_by
            alias.save()
    if remove_others:
        for key, alias in existing.items():
            if key not in wanted:
                alias._history_user = changed_by
                alias.delete()


def entity_merge(*, source_id: int, target_id: int, merged_by=None) -> EntityMerge:
    """Fold ``source`` into ``target``: its mentions, aliases, tags and variants move; it is deleted.

    Where both entities were found on the same span of an article, the target's row stays and takes
    an editor's decision from the source's row. Tags are recomputed, so the tag feed shows the
    source's tags removed and the target's created or updated.
    """
    if source_id == target_id:
        raise ValidationError({"target": "An entity cannot be merged into itself."})
    with transaction.atomic():
        locked = {e.pk: e for e in Entity.objects.select_for_update().filter(pk__in=[source_id, target_id])}
        if source_id not in locked:
            raise Entity.DoesNotExist(f"No entity {source_id}.")
        if target_id not in locked:
            raise ValidationError({"target": f"No entity {target_id}."})
        source, target = locked[source_id], locked[target_id]
        now = timezone.now()

        article_ids = set(Mention.objects.filter(entity=source).values_list("article_id", flat=True))
        article_ids |= set(Tag.objects.filter(entity=source).values_list("article_id", flat=True))
        mentions_moved = _move_mentions(source, target, now, merged_by)
        aliases_moved = _move_aliases(source, target, merged_by)

        Entity.objects.filter(parent=source).exclude(pk=target.pk).update(parent=target, updated_at=now)
        if target.parent_id == source.pk:
            target.parent_id = source.parent_id if source.parent_id != target.pk else None
        target.curated = target.curated or source.curated
        target._history_user = merged_by
        target.save()
        # Earlier merges into the source now point at the target, so their old links still resolve.
        EntityMerge.objects.filter(target=source).update(target=target)
        record = EntityMerge.objects.create(
            source_id=source.pk,
            source_kind=source.kind,
            source_name=source.name,
            source_slug=source.slug,
            target=target,
            mentions_moved=mentions_moved,
            aliases_moved=aliases_moved,
            merged_by=merged_by if getattr(merged_by, "is_authenticated", False) else None,
        )
        for article in Article.objects.filter(pk__in=article_ids).only("pk", "body"):
            tags_refresh(article=article)
        source._history_user = merged_by
        source.delete()
    return record


def _move_mentions(source: Entity, target: Entity, now, merged_by) -> int:
    """Move the source's mentions to the target, with a history row for each moved or decided one."""
    source_rows = list(Mention.objects.filter(entity=source))
    article_ids = {m.article_id for m in source_rows}
    target_rows = {
        (m.article_id, m.start, m.end): m
        for m in Mention.objects.filter(entity=target, article_id__in=article_ids)
    }
    to_move, to_drop = [], []
    for mention in source_rows:
        twin = target_rows.get((mention.article_id, mention.start, mention.end))
        if twin is None:
            mention.entity, mention.kind, mention.updated_at = target, target.kind, now
            to_move.append(mention)
            continue
        to_drop.append(mention.pk)
        if mention.status != MentionStatus.SUGGESTED and twin.status == MentionStatus.SUGGESTED:
            twin.status, twin.reviewer_id = mention.status, mention.reviewer_id
            twin.reviewed_at = mention.reviewed_at
            twin._history_user = merged_by
            twin.save(update_fields=["status", "reviewer", "reviewed_at", "updated_at"])
    Mention.objects.filter(pk__in=to_drop).delete()
    user = merged_by if getattr(merged_by, "is_authenticated", False) else None
    bulk_update_with_history(
        to_move,
        Mention,
        ["entity", "kind", "updated_at"],
        batch_size=500,
        default_user=user,
        default_change_reason="merge",
    )
    return len(to_move)


def _move_aliases(source: Entity, target: Entity, merged_by) -> int:
    target_keys = set(Alias.objects.filter(entity=target).values_list("key", flat=True))
    moved = 0
    for alias in Alias.objects.filter(entity=source):
        alias._history_user = merged_by
        if alias.key in target_keys:
            alias.delete()
            continue
        alias.entity = target
        alias.save()
        target_keys.add(alias.key)
        moved += 1
    # The source's own name keeps matching, now for the target.
    key = alias_key(source.name)[:300]
    if key and key not in target_keys:
        alias = Alias(entity=target, text=source.name, key=key)
        alias._history_user = merged_by
        alias.save()
        moved += 1
    return moved


def alias_add(*, entity_id: int, text: str, changed_by=None, language: str = "") -> Alias:
    """Add a written form of the entity's name (the existing alias when its key is already there)."""
    text = " ".join((text or "").split())[:300]
    key = alias_key(text)[:300] if text else ""
    if not key:
        raise ValidationError({"text": "An alias needs at least one letter or digit."})
    with transaction.atomic():
        entity = Entity.objects.select_for_update().get(pk=entity_id)
        existing = Alias.objects.filter(entity=entity, key=key).first()
        if existing is not None:
            return existing
        alias = Alias(entity=entity, text=text, key=key, language=(language or "")[:8])
        alias._history_user = changed_by
        alias.save()
    return alias


def alias_remove(*, alias_id: int, changed_by=None) -> Alias:
    """Remove an alias; the entity's own name always matches, so its alias stays."""
    with transaction.atomic():
        alias = Alias.objects.select_related("entity").select_for_update(of=("self",)).get(pk=alias_id)
        if alias.key == alias_key(alias.entity.name)[:300]:
            raise ValidationError({"alias": "The entity's name always matches; rename the entity instead."})
        alias._history_user = changed_by
        alias.delete()
    return alias


def entity_promote(*, entity_id: int, changed_by=None) -> Entity:
    """Make a candidate the extractor proposed a curated entity: from now on it is matched by its
    name and aliases, like the shipped knowledge base."""
    with transaction.atomic():
        entity = entity_update(entity_id=entity_id, changed_by=changed_by, curated=True)
        _aliases_set(entity, [entity.name], changed_by=changed_by, remove_others=False)
    return entity
