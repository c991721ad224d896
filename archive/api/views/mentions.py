from __future__ import annotations

from django.shortcuts import get_object_or_404
from drf_spectacular.utils import extend_schema, extend_schema_view
from rest_framework import generics, mixins, serializers, status, viewsets
from rest_framework.response import Response

from archive.api.filters import MentionFilter
from archive.api.serializers import MentionCreateSerializer, MentionReviewSerializer, MentionSerializer
from archive.models import Article, Entity, Mention
from archive.services import mention_add, mention_review


def _mentions():
    return Mention.objects.select_related("entity", "reviewer")


def _require_entity(entity_id: int) -> None:
    if not Entity.objects.filter(pk=entity_id).exists():
        raise serializers.ValidationError({"entity": [f"No entity {entity_id}."]})


@extend_schema_view(
    get=extend_schema(summary="The mentions found in an article"),
    post=extend_schema(
        summary="Mark a stretch of the body as a mention of an entity (editors; confirmed at once)",
        request=MentionCreateSerializer,
        responses={201: MentionSerializer},
    ),
)
class ArticleMentionsView(generics.ListAPIView):
    serializer_class = MentionSerializer
    filterset_class = MentionFilter

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):  # schema generation: no request, no article
            return Mention.objects.none()
        return _mentions().filter(article_id=self.kwargs["pk"]).order_by("start", "end", "id")

    def list(self, request, *args, **kwargs):
        get_object_or_404(Article.objects.only("pk"), pk=kwargs["pk"])
        return super().list(request, *args, **kwargs)

    def post(self, request, pk: int):
        article = get_object_or_404(Article.objects.only("pk"), pk=pk)
        incoming = MentionCreateSerializer(data=request.data)
        incoming.is_valid(raise_exception=True)
        data = incoming.validated_data
        _require_entity(data["entity"])
        mention = mention_add(
            article_id=article.pk,
            start=data["start"],
            end=data["end"],
            entity_id=data["entity"],
            reviewer=request.user,
        )
        return Response(
            MentionSerializer(_mentions().get(pk=mention.pk)).data, status=status.HTTP_201_CREATED
        )


@extend_schema_view(
    retrieve=extend_schema(summary="One mention"),
    partial_update=extend_schema(
        summary="Confirm, reject or relink a mention (editors)",
        request=MentionReviewSerializer,
        responses={200: MentionSerializer},
    ),
)
class MentionViewSet(mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    serializer_class = MentionSerializer
    lookup_value_regex = r"[0-9]+"
    http_method_names = ["get", "patch", "head", "options"]

    def get_queryset(self):
        return _mentions()

    def partial_update(self, request, pk=None):
        mention = self.get_object()
        incoming = MentionReviewSerializer(data=request.data)
        incoming.is_valid(raise_exception=True)
        data = incoming.validated_data
        if "entity" in data:
            _require_entity(data["entity"])
        mention_review(
            mention_id=mention.pk,
            status=data.get("status", mention.status),
            reviewer=request.user,
            entity_id=data.get("entity"),
        )
        return Response(MentionSerializer(_mentions().get(pk=mention.pk)).data)
