from django.db import models
from django.db.models.functions import Lower


class Source(models.Model):
    """A publisher of articles (news agency, outlet, ministry site)."""

    name = models.CharField(max_length=200)
    homepage = models.URLField(max_length=500, blank=True)
    country = models.CharField(max_length=2, blank=True, help_text="ISO 3166-1 alpha-2 code")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(Lower("name"), name="source_name_unique_ci"),
            models.CheckConstraint(condition=~models.Q(name=""), name="source_name_not_empty"),
        ]

    def __str__(self) -> str:
        return self.name
