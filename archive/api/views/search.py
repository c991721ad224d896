"""Full-text search with facets (``archive.search.search_articles``)."""

from __future__ import annotations

from dataclasses import asdict

from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema, inline_serializer
from rest_framework import serializers
from rest_framework.exceptions import ValidationError
from rest_framework.response import Response
from rest_framework.views import APIView

from archive.models import EntityKind

HIT = inline_serializer(
    name="SearchHit",
    fields={
        "article_id": serializers.IntegerField(),
        "title": serializers.CharField(),
        "snippet": serializers.CharField(help_text="Escaped HTML with the hits in <mark>."),
        "score": serializers.FloatField(),
        "published_at": serializers.DateTimeField(allow_null=True),
        "source_name": serializers.CharField(),
        "tags": serializers.ListField(
            child=inline_serializer(
                name="SearchHitTag",
                fields={
                    "entity_id": serializers.IntegerField(),
                    "name": serializers.CharField(),
                    "kind": serializers.CharField(),
                    "slug": serializers.CharField(),
                },
            )
        ),
    },
)
FACET_VALUE = inline_serializer(
    name="FacetValue",
    fields={
        "value": serializers.CharField(help_text="What the matching filter takes."),
        "label": serializers.CharField(),
        "count": serializers.IntegerField(),
        "kind": serializers.CharField(),
        "slug": serializers.CharField(),
    },
)
SEARCH_PAGE = inline_serializer(
    name="SearchPage",
    fields={
        "count": serializers.IntegerField(),
        "count_exact": serializers.BooleanField(
            help_text="False when more articles match than were counted: count is then a lower bound."
        ),
        "next": serializers.URLField(allow_null=True),
        "previous": serializers.URLField(allow_null=True),
        "results": serializers.ListField(child=HIT),
        "facets": serializers.DictField(
            child=serializers.ListField(child=FACET_VALUE),
            help_text="By facet name: kind, entity, source, language.",
        ),
    },
)
PARAMETERS = [
    OpenApiParameter("q", OpenApiTypes.STR, description='Words, "phrases", -excluded, a OR b'),
    OpenApiParameter("entity", OpenApiTypes.STR, description="Entity id or slug (its variants included)"),
    OpenApiParameter("kind", OpenApiTypes.STR, enum=EntityKind.values),
    OpenApiParameter("source", OpenApiTypes.INT, description="Source id"),
    OpenApiParameter("language", OpenApiTypes.STR),
    OpenApiParameter("date_from", OpenApiTypes.DATE),
    OpenApiParameter("date_to", OpenApiTypes.DATE),
    OpenApiParameter("sort", OpenApiTypes.STR, enum=["relevance", "date"]),
    OpenApiParameter("page", OpenApiTypes.INT),
    OpenApiParameter("page_size", OpenApiTypes.INT),
    OpenApiParameter("facets", OpenApiTypes.BOOL, description="Include facet counts (default true)"),
]
ARGUMENTS = ("entity", "kind", "source", "language", "date_from", "date_to", "sort", "page", "page_size")


class SearchView(APIView):
    @extend_schema(
        summary="Search articles (full text, filters, facets)", parameters=PARAMETERS, responses=SEARCH_PAGE
    )
    def get(self, request):
        from archive.search import search_articles

        params = request.query_params
        bad = sorted(name for name, values in params.lists() if any("\x00" in value for value in values))
        if bad:
            raise ValidationError({name: ["Null characters are not allowed."] for name in bad})
        facets = params.get("facets", "true").lower() not in ("0", "false", "no", "off")
        try:
            found = search_articles(
                query=params.get("q", ""),
                facets=facets,
                **{name: params[name] for name in ARGUMENTS if params.get(name, "") != ""},
            )
        except ValueError as exc:
            raise ValidationError({"non_field_errors": [str(exc)]}) from exc
        return Response(
            {
                "count": found.count,
                "count_exact": found.count_exact,
                "next": self._page_link(request, found.page + 1) if found.has_next else None,
                "previous": self._page_link(request, found.page - 1) if found.has_previous else None,
                "results": [asdict(hit) for hit in found.results],
                "facets": {name: [asdict(v) for v in values] for name, values in found.facets.items()},
            }
        )

    @staticmethod
    def _page_link(request, page: int) -> str:
        query = request.query_params.copy()
        query["page"] = str(page)
        return request.build_absolute_uri(f"{request.path}?{query.urlencode()}")
