"""Editors' decisions on mentions: confirm, reject, relink, change kind, add by offsets.

Every decision is saved through the model, so the editorial history records who made it and
when. Confirming a mention (or adding one) teaches the knowledge base its surface: the surface
becomes an alias of the entity, and ``current_extractor`` picks it up on the next extraction.
"""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone

from archive.models import Alias, Article, Entity, EntityKind, Mention, MentionOrigin, MentionStatus

from .entities import alias_key, entity_slug
from .tags import tags_refresh

# Surfaces shorter than this (as match keys) are too ambiguous to become aliases on their own.
ALIAS_MIN_KEY_CHARS = 2


def _learn_alias(*, entity: Entity, surface: str, changed_by) -> Alias | None:
    """Make ``surface`` an alias of ``entity`` unless it already is one (or is too short to be useful)."""
    text = " ".join(surface.split())[:300]
    key = alias_key(text)[:300] if text else ""
    if len(key) < ALIAS_MIN_KEY_CHARS or Alias.objects.filter(entity=entity, key=key).exists():
        return None
    alias = Alias(entity=entity, text=text, key=key)
    alias._history_user = changed_by
    try:
        with transaction.atomic():  # a savepoint: another editor may add the same alias at once
            alias.save()
    except IntegrityError:
        return None
    return alias


def mention_review(*, mention_id: int, status: str, reviewer, entity_id: int | None = None) -> Mention:
    """Confirm or reject a mention (optionally relinking it); recorded with who and when.

    A confirmed mention's surface becomes an alias of its entity.
    """
    if status not in (MentionStatus.CONFIRMED, MentionStatus.REJECTED, MentionStatus.SUGGESTED):
        raise ValidationError({"status": f"Unknown status {status!r}."})
    with transaction.atomic():
        mention = Mention.objects.select_for_update().select_related("article", "entity").get(pk=mention_id)
        if entity_id is not None and entity_id != mention.entity_id:
            entity = Entity.objects.get(pk=entity_id)
            if Mention.objects.filter(article_id=mention.article_id, start=mention.start, end=mention.end,
                                      entity=entity).exclude(pk=mention.pk).exists():
                raise ValidationError({"entity": f"This text is already a mention of {entity.name}."})
            mention.entity, mention.kind = entity, entity.kind
        mention.status = status
        mention.reviewer = reviewer
        mention.reviewed_at = timezone.now()
        mention._history_user = reviewer
        mention.save()
        if status == MentionStatus.CONFIRMED:
            _learn_alias(entity=mention.entity, surface=mention.text, changed_by=reviewer)
        tags_refresh(article=mention.article)
    return mention


def mention_confirm_entity(*, article_id: int, entity_id: int, reviewer) -> int:
    """Confirm every suggested mention of one entity in one article; returns how many were confirmed."""
    with transaction.atomic():
        article = Article.objects.select_for_update().only("pk", "body").get(pk=article_id)
        entity = Entity.objects.get(pk=entity_id)
        now = timezone.now()
        mentions = list(
            Mention.objects.select_for_update().filter(
                article=article, entity=entity, status=MentionStatus.SUGGESTED
            )
        )
        for mention in mentions:
            mention.status, mention.reviewer, mention.reviewed_at = MentionStatus.CONFIRMED, reviewer, now
            mention._history_user = reviewer
            mention.save(update_fields=["status", "reviewer", "reviewed_at", "updated_at"])
        for surface in sorted({mention.text for mention in mentions}):
            _learn_alias(entity=entity, surface=surface, changed_by=reviewer)
        if mentions:
            tags_refresh(article=article)
    return len(mentions)


def mention_kind_change(*, mention_id: int, kind: str, reviewer) -> Mention:
    """Say a mention is of another kind ("Georgia" the person, not the place): it is relinked to the
    entity of that kind with the same name, a new candidate if there is none, and confirmed."""
    if kind not in EntityKind.values:
        raise ValidationError({"kind": f"Choose one of {', '.join(EntityKind.values)}."})
    with transaction.atomic():
        mention = Mention.objects.select_related("entity").get(pk=mention_id)
        if mention.kind == kind:
            return mention_review(mention_id=mention_id, status=MentionStatus.CONFIRMED, reviewer=reviewer)
        name = mention.entity.name
        entity = Entity.objects.filter(kind=kind, name=name).first()
        if entity is None:
            entity = Entity(kind=kind, name=name, curated=False,
                            slug=entity_slug(kind, name, lambda s: Entity.objects.filter(slug=s).exists()))
            entity._history_user = reviewer
            entity.save()
        return mention_review(
            mention_id=mention_id, status=MentionStatus.CONFIRMED, reviewer=reviewer, entity_id=entity.pk
        )


def mention_add(*, article_id: int, start: int, end: int, entity_id: int, reviewer) -> Mention:
    """An editor marks a stretch of the body as a mention of an entity (confirmed at once)."""
    with transaction.atomic():
        article = Article.objects.select_for_update().get(pk=article_id)
        if not (0 <= start < end <= len(article.body)):
            raise ValidationError({"start": f"Offsets must satisfy 0 <= start < end <= {len(article.body)}."})
        text = article.body[start:end]
        if not text.strip():
            raise ValidationError({"start": "The selected text is empty."})
        entity = Entity.objects.get(pk=entity_id)
        mention = Mention.objects.filter(article=article, start=start, end=end, entity=entity).first()
        if mention is None:
            mention = Mention(article=article, start=start, end=end, entity=entity)
        mention.text, mention.kind, mention.confidence, mention.origin = (
            text[:500], entity.kind, 1.0, MentionOrigin.EDITOR
        )
        mention.status, mention.reviewer = MentionStatus.CONFIRMED, reviewer
        mention.reviewed_at = timezone.now()
        mention._history_user = reviewer
        mention.save()
        _learn_alias(entity=entity, surface=text, changed_by=reviewer)
        tags_refresh(article=article)
    return mention
