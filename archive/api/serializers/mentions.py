from __future__ import annotations

from rest_framework import serializers

from archive.models import Mention, MentionStatus

from .common import EntityRefSerializer, StrictSerializer


class MentionSerializer(serializers.ModelSerializer):
    entity = EntityRefSerializer(read_only=True)
    article = serializers.IntegerField(source="article_id", read_only=True)
    reviewer = serializers.CharField(
        source="reviewer.username", default=None, allow_null=True, read_only=True
    )

    class Meta:
        model = Mention
        fields = (
            "id",
            "article",
            "entity",
            "start",
            "end",
            "text",
            "kind",
            "confidence",
            "origin",
            "status",
            "reviewer",
            "reviewed_at",
            "extractor_version",
            "created_at",
            "updated_at",
        )
        read_only_fields = fields


class MentionCreateSerializer(StrictSerializer):
    start = serializers.IntegerField(min_value=0, max_value=2**31 - 1)
    end = serializers.IntegerField(min_value=1, max_value=2**31 - 1)
    entity = serializers.IntegerField(
        min_value=1, max_value=2**63 - 1, help_text="Id of the entity mentioned."
    )

    def validate(self, attrs):
        if attrs["start"] >= attrs["end"]:
            raise serializers.ValidationError({"end": ["end must be greater than start."]})
        return attrs


class MentionReviewSerializer(StrictSerializer):
    status = serializers.ChoiceField(
        choices=MentionStatus.choices,
        required=False,
        help_text="confirmed or rejected (suggested undoes a decision).",
    )
    entity = serializers.IntegerField(
        min_value=1, max_value=2**63 - 1, required=False, help_text="Relink the mention to this entity."
    )

    def validate(self, attrs):
        if not attrs:
            raise serializers.ValidationError("Send a status, an entity or both.")
        return attrs
