from __future__ import annotations

from rest_framework import serializers

from archive.models import Alias, Entity, EntityKind

from .common import EntityRefSerializer, StrictSerializer


class AliasSerializer(serializers.ModelSerializer):
    class Meta:
        model = Alias
        fields = ("text", "language")
        read_only_fields = fields


class EntityListSerializer(serializers.ModelSerializer):
    article_count = serializers.IntegerField(read_only=True, help_text="Articles tagged with this entity.")

    class Meta:
        model = Entity
        fields = ("id", "kind", "name", "slug", "parent", "category", "country", "curated", "article_count")
        read_only_fields = fields


class EntityDetailSerializer(serializers.ModelSerializer):
    article_count = serializers.IntegerField(read_only=True)
    parent = EntityRefSerializer(read_only=True, allow_null=True)
    variants = EntityRefSerializer(many=True, read_only=True)
    aliases = AliasSerializer(many=True, read_only=True)

    class Meta:
        model = Entity
        fields = (
            "id",
            "kind",
            "name",
            "slug",
            "description",
            "parent",
            "variants",
            "aliases",
            "category",
            "country",
            "wikidata",
            "curated",
            "article_count",
            "created_at",
            "updated_at",
        )
        read_only_fields = fields


class EntityWriteSerializer(StrictSerializer):
    kind = serializers.ChoiceField(choices=EntityKind.choices)
    name = serializers.CharField(max_length=300)
    description = serializers.CharField(required=False, allow_blank=True, max_length=20000)
    parent = serializers.IntegerField(
        required=False,
        allow_null=True,
        min_value=1,
        max_value=2**63 - 1,
        help_text="Id of the family this entity is a variant of.",
    )
    category = serializers.CharField(required=False, allow_blank=True, max_length=40)
    country = serializers.CharField(
        required=False, allow_blank=True, max_length=2, min_length=2, help_text="ISO 3166-1 alpha-2 code"
    )
    wikidata = serializers.RegexField(r"^Q[0-9]{1,18}$", required=False, allow_blank=True, max_length=20)
    curated = serializers.BooleanField(required=False, default=True)
    aliases = serializers.ListField(
        child=serializers.CharField(max_length=300),
        required=False,
        max_length=500,
        help_text="Other written forms; on update, the full list replaces the old one.",
    )

    def validate_kind(self, value):
        if self.instance is not None and value != self.instance.kind:
            raise serializers.ValidationError("The kind of an entity cannot change; merge it instead.")
        return value


class EntityMergeSerializer(StrictSerializer):
    target = serializers.IntegerField(
        min_value=1, max_value=2**63 - 1, help_text="Id of the entity that absorbs this one."
    )


class EntityMergeResultSerializer(serializers.Serializer):
    merged = serializers.IntegerField(help_text="Id of the entity merged away (now a redirect).")
    mentions_moved = serializers.IntegerField()
    aliases_moved = serializers.IntegerField()
    target = EntityDetailSerializer()
