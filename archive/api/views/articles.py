from __future__ import annotations

from django.db import transaction
from django.db.models import Prefetch
from drf_spectacular.utils import OpenApiResponse, extend_schema, extend_schema_view
from rest_framework import mixins, status, viewsets
from rest_framework.decorators import action
from rest_framework.response import Response

from archive import selectors
from archive.api.filters import ArticleFilter
from archive.api.serializers import (
    ArticleCreateSerializer,
    ArticleDetailSerializer,
    ArticleListSerializer,
    ArticleUpdateSerializer,
    CreatedArticleSerializer,
    DuplicateSerializer,
    ExtractionQueuedSerializer,
)
from archive.models import Tag
from archive.services import (
    DuplicateArticle,
    article_create,
    article_delete,
    article_update,
    extraction_enqueue,
)

DUPLICATE = OpenApiResponse(DuplicateSerializer, description="The same text is already in the archive.")


def _tags_prefetch() -> Prefetch:
    return Prefetch("tags", queryset=Tag.objects.select_related("entity").order_by("-salience", "entity_id"))


def _duplicate_response(dup: DuplicateArticle) -> Response:
    return Response(
        {
            "detail": f"This text is already in the archive as article {dup.existing.pk}.",
            "existing_id": dup.existing.pk,
        },
        status=status.HTTP_409_CONFLICT,
    )


@extend_schema_view(
    list=extend_schema(summary="List articles (without bodies), with their tags"),
    retrieve=extend_schema(summary="One article with its body and tags"),
    create=extend_schema(
        summary="Add an article (editors)",
        request=ArticleCreateSerializer,
        responses={201: CreatedArticleSerializer, 409: DUPLICATE},
    ),
    partial_update=extend_schema(
        summary="Change an article (editors)",
        request=ArticleUpdateSerializer,
        responses={200: ArticleDetailSerializer, 409: DUPLICATE},
    ),
    destroy=extend_schema(
        summary="Delete an article (editors); its tags leave the feed as removed", responses={204: None}
    ),
)
class ArticleViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    filterset_class = ArticleFilter
    lookup_value_regex = r"[0-9]+"
    http_method_names = ["get", "post", "patch", "delete", "head", "options"]

    def get_queryset(self):
        if self.action == "list":
            return selectors.article_list().prefetch_related(_tags_prefetch())
        return selectors.article_with_tags()

    def get_serializer_class(self):
        return ArticleListSerializer if self.action == "list" else ArticleDetailSerializer

    def paginate_queryset(self, queryset):
        # Page through ids first (an index-only scan, even deep into the list), then load the rows of
        # that page: an OFFSET over full rows reads every row it skips.
        page_ids = super().paginate_queryset(queryset.values_list("pk", flat=True))
        if page_ids is None:
            return None
        rows = {article.pk: article for article in queryset.order_by().filter(pk__in=page_ids)}
        return [rows[pk] for pk in page_ids if pk in rows]

    def create(self, request):
        incoming = ArticleCreateSerializer(data=request.data)
        incoming.is_valid(raise_exception=True)
        try:
            article = article_create(created_by=request.user, **incoming.validated_data)
        except DuplicateArticle as dup:
            return _duplicate_response(dup)
        return Response(CreatedArticleSerializer(article).data, status=status.HTTP_201_CREATED)

    def partial_update(self, request, pk=None):
        self.get_object()
        incoming = ArticleUpdateSerializer(data=request.data)
        incoming.is_valid(raise_exception=True)
        try:
            article_update(article_id=int(pk), changed_by=request.user, **incoming.validated_data)
        except DuplicateArticle as dup:
            return _duplicate_response(dup)
        return Response(ArticleDetailSerializer(self.get_object()).data)

    def destroy(self, request, pk=None):
        article = self.get_object()
        article_delete(article_id=article.pk, deleted_by=request.user)
        return Response(status=status.HTTP_204_NO_CONTENT)

    @extend_schema(
        summary="Run extraction again (editors)", request=None, responses={202: ExtractionQueuedSerializer}
    )
    @action(detail=True, methods=["post"])
    def extract(self, request, pk=None):
        article = self.get_object()
        with transaction.atomic():
            extraction_enqueue(article_ids=[article.pk])
        return Response({"id": article.pk, "status": "queued"}, status=status.HTTP_202_ACCEPTED)
