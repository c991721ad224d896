from __future__ import annotations

from rest_framework import serializers

from archive.models import Entity


class StrictSerializer(serializers.Serializer):
    """Refuses fields it does not know, so a misspelt field is an error instead of being ignored."""

    def to_internal_value(self, data):
        if isinstance(data, dict):
            unknown = sorted(set(data) - {name for name, f in self.fields.items() if not f.read_only})
            if unknown:
                raise serializers.ValidationError({name: ["Unknown field."] for name in unknown})
        return super().to_internal_value(data)


class EntityRefSerializer(serializers.ModelSerializer):
    class Meta:
        model = Entity
        fields = ("id", "kind", "name", "slug")
        read_only_fields = fields


class ErrorSerializer(serializers.Serializer):
    detail = serializers.CharField(help_text="What went wrong, in a sentence.")
    errors = serializers.DictField(
        required=False,
        child=serializers.JSONField(),
        help_text="For invalid input: messages by field name (non_field_errors for the whole request).",
    )
    existing_id = serializers.IntegerField(
        required=False, help_text="For a duplicate: the article already stored."
    )
