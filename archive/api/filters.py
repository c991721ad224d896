"""FilterSets shared by the API and the HTML lists."""

from __future__ import annotations

import django_filters
from django.db.models import Exists, OuterRef, Q

from archive.models import (
    Alias,
    Article,
    ArticleStatus,
    Entity,
    EntityKind,
    Mention,
    MentionOrigin,
    MentionStatus,
    Tag,
    TagChange,
)
from archive.services import alias_key

MAX_ID = 2**63 - 1


class IdFilter(django_filters.NumberFilter):
    """An id: an integer within the database's range (larger values are input errors, not crashes)."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("min_value", 1)
        kwargs.setdefault("max_value", MAX_ID)
        kwargs.setdefault("decimal_places", 0)
        super().__init__(*args, **kwargs)


class ArticleFilter(django_filters.FilterSet):
    source = IdFilter(field_name="source_id", help_text="Source id")
    language = django_filters.CharFilter(field_name="language", max_length=8)
    status = django_filters.ChoiceFilter(choices=ArticleStatus.choices, help_text="Extraction status")
    entity = IdFilter(method="filter_entity", help_text="Tagged with this entity or one of its variants")
    kind = django_filters.ChoiceFilter(
        choices=EntityKind.choices, method="filter_kind", help_text="Tagged with an entity of this kind"
    )
    published_after = django_filters.IsoDateTimeFilter(field_name="published_at", lookup_expr="gte")
    published_before = django_filters.IsoDateTimeFilter(field_name="published_at", lookup_expr="lt")
    updated_after = django_filters.IsoDateTimeFilter(field_name="updated_at", lookup_expr="gte")
    updated_before = django_filters.IsoDateTimeFilter(field_name="updated_at", lookup_expr="lt")

    class Meta:
        model = Article
        fields: list[str] = []

    def filter_entity(self, queryset, name, value):
        family = Entity.objects.filter(Q(pk=int(value)) | Q(parent_id=int(value))).values("pk")
        # A semi-join from the tags of those entities: an article tagged with a family and a variant is
        # listed once, and the planner starts from the (few) tags rather than from every article.
        return queryset.filter(pk__in=Tag.objects.filter(entity_id__in=family).values("article_id"))

    def filter_kind(self, queryset, name, value):
        return queryset.filter(pk__in=Tag.objects.filter(entity__kind=value).values("article_id"))


class EntityFilter(django_filters.FilterSet):
    kind = django_filters.ChoiceFilter(choices=EntityKind.choices)
    q = django_filters.CharFilter(
        method="filter_q",
        max_length=300,
        help_text="Part of the name or of an alias (any script or spelling variant)",
    )
    parent = IdFilter(field_name="parent_id", help_text="Variants of this entity")
    curated = django_filters.BooleanFilter()

    class Meta:
        model = Entity
        fields: list[str] = []

    def filter_q(self, queryset, name, value):
        value = value.strip()
        if not value:
            return queryset
        aliases = Alias.objects.filter(entity=OuterRef("pk")).filter(
            Q(text__icontains=value) | Q(key=alias_key(value)[:300])
        )
        return queryset.filter(Q(name__icontains=value) | Exists(aliases))


class MentionFilter(django_filters.FilterSet):
    status = django_filters.ChoiceFilter(choices=MentionStatus.choices)
    origin = django_filters.ChoiceFilter(choices=MentionOrigin.choices)
    entity = IdFilter(field_name="entity_id")

    class Meta:
        model = Mention
        fields: list[str] = []


class TagChangeFilter(django_filters.FilterSet):
    article = IdFilter(field_name="article_id", help_text="Changes of this article's tags only")
    entity = IdFilter(field_name="entity_id", help_text="Changes of this entity's tags only")

    class Meta:
        model = TagChange
        fields: list[str] = []
