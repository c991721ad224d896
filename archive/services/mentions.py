"""Editors' decisions on mentions: confirm, reject, relink, add by offsets."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from archive.models import Article, Entity, Mention, MentionOrigin, MentionStatus

from .tags import tags_refresh


def mention_review(*, mention_id: int, status: str, reviewer, entity_id: int | None = None) -> Mention:
    """Confirm or reject a mention (optionally relinking it); recorded with who and when."""
    if status not in (MentionStatus.CONFIRMED, MentionStatus.REJECTED, MentionStatus.SUGGESTED):
        raise ValidationError({"status": f"Unknown status {status!r}."})
    with transaction.atomic():
        mention = Mention.objects.select_for_update().select_related("article").get(pk=mention_id)
        if entity_id is not None and entity_id != mention.entity_id:
            entity = Entity.objects.get(pk=entity_id)
            mention.entity, mention.kind = entity, entity.kind
        mention.status = status
        mention.reviewer = reviewer
        mention.reviewed_at = timezone.now()
        mention._history_user = reviewer
        mention.save()
        tags_refresh(article=mention.article)
    return mention


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
        mention, _ = Mention.objects.update_or_create(
            article=article,
            start=start,
            end=end,
            entity=entity,
            defaults={
                "text": text[:500],
                "kind": entity.kind,
                "confidence": 1.0,
                "origin": MentionOrigin.EDITOR,
                "status": MentionStatus.CONFIRMED,
                "reviewer": reviewer,
                "reviewed_at": timezone.now(),
            },
        )
        tags_refresh(article=article)
    return mention
