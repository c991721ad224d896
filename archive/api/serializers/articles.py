from __future__ import annotations

from django.conf import settings
from rest_framework import serializers

from archive.models import Article, ArticleStatus

from .common import StrictSerializer
from .tags import TagSerializer


class ArticleListSerializer(serializers.ModelSerializer):
    """An article without its body: lists stay small whatever the articles' length."""

    source = serializers.CharField(source="source.name", default=None, allow_null=True)
    source_id = serializers.IntegerField(allow_null=True)
    url = serializers.CharField(help_text="Where the article was published; empty when unknown.")
    tags = TagSerializer(many=True, read_only=True)

    class Meta:
        model = Article
        fields = (
            "id",
            "title",
            "url",
            "source",
            "source_id",
            "author",
            "published_at",
            "language",
            "status",
            "is_demo",
            "near_duplicate_of",
            "created_at",
            "updated_at",
            "tags",
        )
        read_only_fields = fields


class ArticleDetailSerializer(ArticleListSerializer):
    class Meta(ArticleListSerializer.Meta):
        fields = (
            *ArticleListSerializer.Meta.fields,
            "body",
            "status_error",
            "extractor_version",
            "near_duplicate_score",
        )
        read_only_fields = fields


def _body_field(required: bool) -> serializers.CharField:
    return serializers.CharField(
        required=required,
        trim_whitespace=False,
        max_length=settings.ARCHIVE_MAX_UPLOAD_BYTES,
        help_text="Plain text; mention offsets refer to it.",
    )


class ArticleWriteFields(StrictSerializer):
    title = serializers.CharField(max_length=Article._meta.get_field("title").max_length)
    body = _body_field(required=True)
    url = serializers.URLField(max_length=2000, required=False, allow_blank=True)
    source = serializers.CharField(
        max_length=200,
        required=False,
        allow_blank=True,
        allow_null=True,
        help_text="Publisher name; created when new.",
    )
    author = serializers.CharField(max_length=300, required=False, allow_blank=True)
    published_at = serializers.DateTimeField(required=False, allow_null=True)
    language = serializers.CharField(
        max_length=8, required=False, allow_blank=True, help_text="Language code such as en, ru or uk."
    )


class ArticleCreateSerializer(ArticleWriteFields):
    pass


class ArticleUpdateSerializer(ArticleWriteFields):
    title = serializers.CharField(max_length=Article._meta.get_field("title").max_length, required=False)
    body = _body_field(required=False)


class CreatedArticleSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    status = serializers.ChoiceField(choices=ArticleStatus.choices)
    near_duplicate_of = serializers.IntegerField(allow_null=True, source="near_duplicate_of_id")


class DuplicateSerializer(serializers.Serializer):
    detail = serializers.CharField()
    existing_id = serializers.IntegerField(help_text="The article already in the archive with the same text.")


class ExtractionQueuedSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    status = serializers.ChoiceField(choices=ArticleStatus.choices)
