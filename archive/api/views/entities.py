from __future__ import annotations

from django.db.models import Count, OuterRef, Prefetch, Subquery
from django.db.models.functions import Coalesce
from django.http import Http404, HttpResponsePermanentRedirect
from django.urls import reverse
from drf_spectacular.utils import OpenApiResponse, extend_schema, extend_schema_view
from rest_framework import mixins, status, viewsets
from rest_framework.decorators import action
from rest_framework.response import Response

from archive.api.filters import EntityFilter
from archive.api.models import EntityMerge
from archive.api.serializers import (
    EntityDetailSerializer,
    EntityListSerializer,
    EntityMergeResultSerializer,
    EntityMergeSerializer,
    EntityWriteSerializer,
)
from archive.models import Alias, Entity, Tag
from archive.services import entity_create, entity_merge, entity_update


def _article_count() -> Coalesce:
    # A correlated count, computed for the rows of the page only (a join and GROUP BY would count the
    # tags of every entity before paginating).
    tags = Tag.objects.filter(entity=OuterRef("pk")).order_by().values("entity").annotate(n=Count("pk"))
    return Coalesce(Subquery(tags.values("n")), 0)


def entity_detail_queryset():
    return (
        Entity.objects.select_related("parent")
        .annotate(article_count=_article_count())
        .prefetch_related(
            Prefetch("aliases", queryset=Alias.objects.order_by("text")),
            Prefetch("variants", queryset=Entity.objects.order_by("name")),
        )
    )


def _fields(data: dict) -> dict:
    fields = dict(data)
    if "parent" in fields:
        fields["parent_id"] = fields.pop("parent")
    return fields


@extend_schema_view(
    list=extend_schema(summary="Find entities by kind, name or alias"),
    retrieve=extend_schema(
        summary="One entity with aliases, parent, variants and article count",
        responses={
            200: EntityDetailSerializer,
            301: OpenApiResponse(description="The entity was merged: Location names the one it became."),
        },
    ),
    create=extend_schema(
        summary="Create an entity (editors)",
        request=EntityWriteSerializer,
        responses={201: EntityDetailSerializer},
    ),
    partial_update=extend_schema(
        summary="Change an entity (editors)",
        request=EntityWriteSerializer(partial=True),
        responses={200: EntityDetailSerializer},
    ),
)
class EntityViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    filterset_class = EntityFilter
    lookup_value_regex = r"[0-9]+"
    http_method_names = ["get", "post", "patch", "head", "options"]

    def get_queryset(self):
        if self.action == "list":
            return Entity.objects.annotate(article_count=_article_count()).order_by("kind", "name", "id")
        return entity_detail_queryset()

    def get_serializer_class(self):
        return EntityListSerializer if self.action == "list" else EntityDetailSerializer

    def retrieve(self, request, *args, **kwargs):
        try:
            return super().retrieve(request, *args, **kwargs)
        except Http404:
            merge = EntityMerge.objects.filter(source_id=int(kwargs["pk"])).first()
            if merge is None:
                raise
            return HttpResponsePermanentRedirect(reverse("api:entity-detail", args=[merge.target_id]))

    def create(self, request):
        incoming = EntityWriteSerializer(data=request.data)
        incoming.is_valid(raise_exception=True)
        entity = entity_create(created_by=request.user, **_fields(incoming.validated_data))
        return Response(
            EntityDetailSerializer(entity_detail_queryset().get(pk=entity.pk)).data,
            status=status.HTTP_201_CREATED,
        )

    def partial_update(self, request, pk=None):
        entity = self.get_object()
        incoming = EntityWriteSerializer(entity, data=request.data, partial=True)
        incoming.is_valid(raise_exception=True)
        fields = _fields(incoming.validated_data)
        fields.pop("kind", None)
        entity_update(entity_id=entity.pk, changed_by=request.user, **fields)
        return Response(EntityDetailSerializer(entity_detail_queryset().get(pk=entity.pk)).data)

    @extend_schema(
        summary="Merge this entity into another (editors)",
        request=EntityMergeSerializer,
        responses={200: EntityMergeResultSerializer},
    )
    @action(detail=True, methods=["post"])
    def merge(self, request, pk=None):
        source = self.get_object()
        incoming = EntityMergeSerializer(data=request.data)
        incoming.is_valid(raise_exception=True)
        record = entity_merge(
            source_id=source.pk, target_id=incoming.validated_data["target"], merged_by=request.user
        )
        target = entity_detail_queryset().get(pk=record.target_id)
        return Response(
            {
                "merged": record.source_id,
                "mentions_moved": record.mentions_moved,
                "aliases_moved": record.aliases_moved,
                "target": EntityDetailSerializer(target).data,
            }
        )
