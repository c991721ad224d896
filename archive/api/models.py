"""Models the API needs: client tokens and the record of entity merges."""

from __future__ import annotations

from django.conf import settings
from django.db import models


class ApiToken(models.Model):
    """A client's token. Only a SHA-256 digest of the key is stored; the key is shown once."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="api_tokens")
    name = models.CharField(max_length=100, blank=True, help_text="What the token is for, e.g. newsroom-sync")
    # The first characters of the key, kept to tell tokens apart and to revoke one; not a secret on its own.
    prefix = models.CharField(max_length=12, db_index=True)
    key_digest = models.CharField(max_length=64, unique=True, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)
    last_used_at = models.DateTimeField(null=True, blank=True)
    revoked_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"{self.prefix}… ({self.user})"

    @property
    def active(self) -> bool:
        return self.revoked_at is None


class EntityMerge(models.Model):
    """An entity merged into another. Keeps the old id and slug so links to it can be redirected."""

    source_id = models.BigIntegerField(unique=True)
    source_kind = models.CharField(max_length=10)
    source_name = models.CharField(max_length=300)
    source_slug = models.CharField(max_length=340, db_index=True)
    target = models.ForeignKey("archive.Entity", on_delete=models.CASCADE, related_name="merged_from")
    mentions_moved = models.PositiveIntegerField(default=0)
    aliases_moved = models.PositiveIntegerField(default=0)
    merged_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    merged_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-merged_at"]

    def __str__(self) -> str:
        return f"{self.source_name} -> {self.target_id}"
