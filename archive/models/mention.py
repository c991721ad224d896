from django.conf import settings
from django.db import models
from django.utils import timezone
from simple_history.models import HistoricalRecords

from .entity import EntityKind


class MentionStatus(models.TextChoices):
    SUGGESTED = "suggested", "Suggested"
    CONFIRMED = "confirmed", "Confirmed"
    REJECTED = "rejected", "Rejected"


class MentionOrigin(models.TextChoices):
    GAZETTEER = "gazetteer", "Knowledge base"
    PATTERN = "pattern", "Pattern"
    MODEL = "model", "Statistical model"
    EDITOR = "editor", "Editor"


class Mention(models.Model):
    """One occurrence of an entity in an article body, by character offsets."""

    article = models.ForeignKey("archive.Article", on_delete=models.CASCADE, related_name="mentions")
    entity = models.ForeignKey("archive.Entity", on_delete=models.PROTECT, related_name="mentions")
    start = models.PositiveIntegerField()
    end = models.PositiveIntegerField()
    text = models.CharField(max_length=500)
    kind = models.CharField(max_length=10, choices=EntityKind.choices)
    confidence = models.FloatField(default=1.0)
    origin = models.CharField(max_length=10, choices=MentionOrigin.choices)
    status = models.CharField(max_length=10, choices=MentionStatus.choices, default=MentionStatus.SUGGESTED)
    reviewer = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="mentions_reviewed",
    )
    reviewed_at = models.DateTimeField(null=True, blank=True)
    extractor_version = models.CharField(max_length=40, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    history = HistoricalRecords(excluded_fields=["updated_at"])

    class Meta:
        ordering = ["article", "start", "end"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(start__lt=models.F("end")), name="mention_start_before_end"
            ),
            models.CheckConstraint(
                condition=models.Q(confidence__gte=0, confidence__lte=1), name="mention_confidence_range"
            ),
            models.CheckConstraint(
                condition=models.Q(status__in=MentionStatus.values), name="mention_status_valid"
            ),
            models.CheckConstraint(
                condition=models.Q(origin__in=MentionOrigin.values), name="mention_origin_valid"
            ),
            models.CheckConstraint(condition=models.Q(kind__in=EntityKind.values), name="mention_kind_valid"),
            models.UniqueConstraint(
                fields=["article", "start", "end", "entity"], name="mention_span_entity_unique"
            ),
        ]
        indexes = [models.Index(fields=["entity", "status"], name="mention_entity_status")]

    def __str__(self) -> str:
        return f"{self.text} [{self.start}:{self.end}]"


class Tag(models.Model):
    """Article-level aggregate of an entity's mentions: what readers facet on and clients pull."""

    article = models.ForeignKey("archive.Article", on_delete=models.CASCADE, related_name="tags")
    entity = models.ForeignKey("archive.Entity", on_delete=models.CASCADE, related_name="tags")
    mention_count = models.PositiveIntegerField(default=0)
    salience = models.FloatField(default=0.0)
    status = models.CharField(max_length=10, choices=MentionStatus.choices, default=MentionStatus.SUGGESTED)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True, db_index=True)

    class Meta:
        ordering = ["article", "-salience"]
        constraints = [
            models.UniqueConstraint(fields=["article", "entity"], name="tag_article_entity_unique"),
            models.CheckConstraint(
                condition=models.Q(salience__gte=0, salience__lte=1), name="tag_salience_range"
            ),
            models.CheckConstraint(
                condition=models.Q(status__in=MentionStatus.values), name="tag_status_valid"
            ),
        ]
        indexes = [models.Index(fields=["entity", "status"], name="tag_entity_status")]

    def __str__(self) -> str:
        return f"{self.article_id} -> {self.entity_id}"


class TagChangeAction(models.TextChoices):
    CREATED = "created", "Created"
    UPDATED = "updated", "Updated"
    REMOVED = "removed", "Removed"


class TagChange(models.Model):
    """An append-only log of tag changes, in order: the incremental feed API clients follow.

    Plain ids instead of foreign keys, so the record of a removal outlives the article or entity.
    """

    article_id = models.BigIntegerField(db_index=True)
    entity_id = models.BigIntegerField()
    action = models.CharField(max_length=8, choices=TagChangeAction.choices)
    status = models.CharField(max_length=10, choices=MentionStatus.choices)
    mention_count = models.PositiveIntegerField(default=0)
    salience = models.FloatField(default=0.0)
    changed_at = models.DateTimeField(default=timezone.now, db_index=True)

    class Meta:
        ordering = ["id"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(action__in=TagChangeAction.values), name="tag_change_action_valid"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.action} {self.article_id}/{self.entity_id}"
