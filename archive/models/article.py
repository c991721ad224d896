from django.conf import settings
from django.db import models
from django.urls import reverse
from simple_history.models import HistoricalRecords


class ArticleStatus(models.TextChoices):
    QUEUED = "queued", "Queued"
    RUNNING = "running", "Running"
    DONE = "done", "Done"
    FAILED = "failed", "Failed"


class Article(models.Model):
    """One news article. ``body`` is plain text; mention offsets refer to it."""

    title = models.CharField(max_length=500)
    body = models.TextField()
    original_file = models.FileField(upload_to="originals/%Y/%m/", blank=True)
    original_filename = models.CharField(max_length=255, blank=True)
    url = models.URLField(max_length=2000, blank=True)
    source = models.ForeignKey(
        "archive.Source", null=True, blank=True, on_delete=models.SET_NULL, related_name="articles"
    )
    author = models.CharField(max_length=300, blank=True)
    published_at = models.DateTimeField(null=True, blank=True, db_index=True)
    language = models.CharField(max_length=8, blank=True, db_index=True)
    is_demo = models.BooleanField(default=False, help_text="Fictional text shipped for demonstration.")

    # Exact duplicates are refused by this unique hash of the normalised body.
    content_hash = models.CharField(max_length=64, unique=True, editable=False)
    # MinHash signature; near duplicates are found through FingerprintBand rows.
    minhash = models.JSONField(default=list, blank=True, editable=False)
    near_duplicate_of = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.SET_NULL, related_name="near_duplicates"
    )
    near_duplicate_score = models.FloatField(null=True, blank=True)

    status = models.CharField(
        max_length=10, choices=ArticleStatus.choices, default=ArticleStatus.QUEUED, db_index=True
    )
    status_error = models.TextField(blank=True)
    status_changed_at = models.DateTimeField(null=True, blank=True)
    extractor_version = models.CharField(max_length=40, blank=True)
    extraction_attempts = models.PositiveSmallIntegerField(default=0)

    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="articles_created",
    )
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)
    updated_at = models.DateTimeField(auto_now=True)

    history = HistoricalRecords(
        excluded_fields=[
            "minhash",
            "status",
            "status_error",
            "status_changed_at",
            "extractor_version",
            "extraction_attempts",
            "updated_at",
        ]
    )

    class Meta:
        ordering = ["-published_at", "-id"]
        constraints = [
            models.CheckConstraint(condition=~models.Q(title=""), name="article_title_not_empty"),
            models.CheckConstraint(condition=~models.Q(body=""), name="article_body_not_empty"),
            models.CheckConstraint(
                condition=models.Q(status__in=ArticleStatus.values), name="article_status_valid"
            ),
            models.CheckConstraint(
                condition=models.Q(near_duplicate_score__isnull=True)
                | models.Q(near_duplicate_score__gte=0, near_duplicate_score__lte=1),
                name="article_near_duplicate_score_range",
            ),
        ]
        indexes = [models.Index(fields=["status", "status_changed_at"], name="article_status_age")]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("archive:article-detail", args=[self.pk])


class FingerprintBand(models.Model):
    """One LSH band of an article's MinHash: articles sharing a band are near-duplicate candidates."""

    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="fingerprint_bands")
    band = models.PositiveSmallIntegerField()
    value = models.BigIntegerField()

    class Meta:
        constraints = [models.UniqueConstraint(fields=["article", "band"], name="fingerprint_band_unique")]
        indexes = [models.Index(fields=["band", "value"], name="fingerprint_band_lookup")]

    def __str__(self) -> str:
        return f"article {self.article_id} band {self.band}"
