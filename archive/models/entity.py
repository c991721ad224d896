from django.db import models
from django.urls import reverse
from simple_history.models import HistoricalRecords


class EntityKind(models.TextChoices):
    WEAPON = "weapon", "Weapon system"
    UNIT = "unit", "Military unit"
    ORG = "org", "Organisation"
    PERSON = "person", "Person"
    PLACE = "place", "Place"


class Entity(models.Model):
    """A canonical real-world thing articles are tagged with."""

    kind = models.CharField(max_length=10, choices=EntityKind.choices, db_index=True)
    name = models.CharField(max_length=300)
    slug = models.SlugField(max_length=340, unique=True)
    description = models.TextField(blank=True)
    parent = models.ForeignKey(
        "self",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="variants",
        help_text="The family this entity is a variant of (Mi-35M -> Mi-24).",
    )
    category = models.CharField(max_length=40, blank=True)
    country = models.CharField(max_length=2, blank=True, help_text="ISO 3166-1 alpha-2 code")
    wikidata = models.CharField(max_length=20, blank=True)
    # Curated: from the shipped knowledge base or confirmed by an editor. Otherwise a candidate
    # the extractor proposed for an unknown name.
    curated = models.BooleanField(default=False, db_index=True)
    # Loaded from the shipped knowledge base (as opposed to added by an editor or the extractor).
    kb_managed = models.BooleanField(default=False, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    history = HistoricalRecords(excluded_fields=["updated_at"])

    class Meta:
        ordering = ["kind", "name"]
        verbose_name_plural = "entities"
        constraints = [
            models.UniqueConstraint(fields=["kind", "name"], name="entity_kind_name_unique"),
            models.CheckConstraint(condition=models.Q(kind__in=EntityKind.values), name="entity_kind_valid"),
            models.CheckConstraint(condition=~models.Q(name=""), name="entity_name_not_empty"),
            models.CheckConstraint(condition=~models.Q(parent=models.F("pk")), name="entity_not_own_parent"),
        ]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("archive:entity-detail", args=[self.slug])


class Alias(models.Model):
    """Another written form of an entity's name; ``key`` is what the extractor matches on."""

    entity = models.ForeignKey(Entity, on_delete=models.CASCADE, related_name="aliases")
    text = models.CharField(max_length=300)
    key = models.CharField(max_length=300, db_index=True)
    language = models.CharField(max_length=8, blank=True, help_text="Language or script, e.g. ru, uk, Latn")
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    history = HistoricalRecords(excluded_fields=["updated_at"])

    class Meta:
        ordering = ["text"]
        verbose_name_plural = "aliases"
        constraints = [
            models.UniqueConstraint(fields=["entity", "key"], name="alias_entity_key_unique"),
            models.CheckConstraint(condition=~models.Q(key=""), name="alias_key_not_empty"),
            models.CheckConstraint(condition=~models.Q(text=""), name="alias_text_not_empty"),
        ]

    def __str__(self) -> str:
        return self.text
