from __future__ import annotations

from django.http import QueryDict
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema, inline_serializer
from rest_framework import generics, serializers
from rest_framework.exceptions import ValidationError
from rest_framework.response import Response

from archive.api.feed import BadCursor, FeedCursor, tag_feed_read
from archive.api.filters import TagChangeFilter
from archive.api.serializers import TagChangeSerializer
from archive.models import Entity, TagChange

FEED_PAGE = inline_serializer(
    name="TagFeedPage",
    fields={
        "count": serializers.IntegerField(
            help_text="Changes waiting from the requested position on, this page included."
        ),
        "next": serializers.URLField(
            help_text="Store it and GET it next time: it never skips or repeats a "
            "change. Always present; an empty page means nothing new yet."
        ),
        "previous": serializers.URLField(
            allow_null=True, help_text="Always null: the feed only goes forward."
        ),
        "results": TagChangeSerializer(many=True),
    },
)


class TagFeedView(generics.GenericAPIView):
    """Every tag change (created, updated, removed) in order: the incremental feed clients follow."""

    serializer_class = TagChangeSerializer
    filterset_class = TagChangeFilter
    pagination_class = None
    queryset = TagChange.objects.all()

    @extend_schema(
        summary="The tag change feed",
        filters=True,
        parameters=[
            OpenApiParameter(
                "cursor",
                OpenApiTypes.STR,
                description="From the previous page's next link; leave out to start at the first change.",
            ),
            OpenApiParameter(
                "page_size", OpenApiTypes.INT, description="Changes per page (1-1000, default 200)."
            ),
        ],
        responses=FEED_PAGE,
    )
    def get(self, request):
        cursor = FeedCursor()
        if request.query_params.get("cursor"):
            try:
                cursor = FeedCursor.decode(request.query_params["cursor"])
            except BadCursor as exc:
                raise ValidationError({"cursor": [str(exc)]}) from exc
        limit = _page_size(request.query_params.get("page_size"))
        page = tag_feed_read(cursor=cursor, limit=limit, changes=self.filter_queryset(self.get_queryset()))
        entity_ids = {change.entity_id for change in page.changes}
        entities = {
            row["id"]: row
            for row in Entity.objects.filter(pk__in=entity_ids).values("id", "kind", "name", "slug")
        }
        # Plain dicts in the shape of TagChangeSerializer: feed pages are large and read often.
        results = [tag_change_data(change, entities) for change in page.changes]
        query: QueryDict = request.query_params.copy()
        query["cursor"] = page.cursor.encode()
        return Response(
            {
                "count": page.remaining,
                "next": request.build_absolute_uri(f"{request.path}?{query.urlencode()}"),
                "previous": None,
                "results": results,
            }
        )


def tag_change_data(change: TagChange, entities: dict[int, dict]) -> dict:
    return {
        "id": change.pk,
        "action": change.action,
        "article_id": change.article_id,
        "entity_id": change.entity_id,
        "entity": entities.get(change.entity_id),
        "status": change.status,
        "mention_count": change.mention_count,
        "salience": change.salience,
        "changed_at": serializers.DateTimeField().to_representation(change.changed_at),
    }


def _page_size(value: str | None) -> int:
    if value in (None, ""):
        return 200
    try:
        size = int(value)
    except ValueError as exc:
        raise ValidationError({"page_size": ["Give a whole number."]}) from exc
    if not 1 <= size <= 1000:
        raise ValidationError({"page_size": ["Give a number from 1 to 1000."]})
    return size
