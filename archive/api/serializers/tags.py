from __future__ import annotations

from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from archive.models import Tag, TagChange

from .common import EntityRefSerializer


class TagSerializer(serializers.ModelSerializer):
    entity = EntityRefSerializer(read_only=True)

    class Meta:
        model = Tag
        fields = ("entity", "status", "mention_count", "salience", "updated_at")
        read_only_fields = fields


class TagChangeSerializer(serializers.ModelSerializer):
    entity = serializers.SerializerMethodField(
        help_text="The entity as it is now; null when it was deleted or merged away (see entity_id)."
    )

    class Meta:
        model = TagChange
        fields = (
            "id",
            "action",
            "article_id",
            "entity_id",
            "entity",
            "status",
            "mention_count",
            "salience",
            "changed_at",
        )
        read_only_fields = fields

    @extend_schema_field(EntityRefSerializer(allow_null=True))
    def get_entity(self, change: TagChange) -> dict | None:
        entity = self.context.get("entities", {}).get(change.entity_id)
        return EntityRefSerializer(entity).data if entity is not None else None
