"""All tags of a filtered set of articles, streamed as CSV or JSON Lines."""

from __future__ import annotations

import csv
import json
from collections.abc import Iterator

from django.http import StreamingHttpResponse
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework import generics
from rest_framework.renderers import JSONRenderer

from archive import selectors
from archive.api.filters import ArticleFilter
from archive.models import Tag

COLUMNS = (
    "article_id",
    "article_title",
    "article_url",
    "published_at",
    "source",
    "language",
    "entity_id",
    "entity_kind",
    "entity_name",
    "entity_slug",
    "status",
    "mention_count",
    "salience",
)
CHUNK = 2000


class _Echo:
    """A file-like object whose write returns the line, for csv.writer inside a generator."""

    def write(self, value: str) -> str:
        return value


def _rows(article_ids) -> Iterator[tuple]:
    tags = (
        Tag.objects.filter(article_id__in=article_ids)
        .order_by("article_id", "-salience", "entity_id")
        .values_list(
            "article_id",
            "article__title",
            "article__url",
            "article__published_at",
            "article__source__name",
            "article__language",
            "entity_id",
            "entity__kind",
            "entity__name",
            "entity__slug",
            "status",
            "mention_count",
            "salience",
        )
    )
    for row in tags.iterator(chunk_size=CHUNK):
        yield tuple(value.isoformat() if hasattr(value, "isoformat") else value for value in row)


def _csv_lines(rows: Iterator[tuple]) -> Iterator[str]:
    writer = csv.writer(_Echo())
    yield writer.writerow(COLUMNS)
    for row in rows:
        yield writer.writerow(["" if value is None else value for value in row])


def _jsonl_lines(rows: Iterator[tuple]) -> Iterator[str]:
    for row in rows:
        yield json.dumps(dict(zip(COLUMNS, row, strict=True)), ensure_ascii=False) + "\n"


class _ExportView(generics.GenericAPIView):
    filterset_class = ArticleFilter
    pagination_class = None
    content_type = ""
    lines = staticmethod(_csv_lines)
    renderer_classes = [JSONRenderer]

    def perform_content_negotiation(self, request, force=False):
        # The export is streamed, not rendered; JSON is only for errors, whatever the Accept header says.
        renderer = JSONRenderer()
        return renderer, renderer.media_type

    def get_queryset(self):
        return selectors.article_list()

    def get(self, request):
        articles = self.filter_queryset(self.get_queryset()).order_by().values("pk")
        response = StreamingHttpResponse(self.lines(_rows(articles)), content_type=self.content_type)
        response["Content-Disposition"] = f'attachment; filename="tags.{self.extension}"'
        return response


class TagExportCSVView(_ExportView):
    content_type = "text/csv; charset=utf-8"
    extension = "csv"
    lines = staticmethod(_csv_lines)

    @extend_schema(
        summary="Export the tags of the filtered articles as CSV (streamed)",
        filters=True,
        responses={
            (200, "text/csv"): OpenApiResponse(OpenApiTypes.STR, description=f"Columns: {', '.join(COLUMNS)}")
        },
    )
    def get(self, request):
        return super().get(request)


class TagExportJSONLinesView(_ExportView):
    content_type = "application/x-ndjson; charset=utf-8"
    extension = "jsonl"
    lines = staticmethod(_jsonl_lines)

    @extend_schema(
        summary="Export the tags of the filtered articles as JSON Lines (streamed)",
        filters=True,
        responses={
            (200, "application/x-ndjson"): OpenApiResponse(
                OpenApiTypes.STR, description=f"One object per tag with the keys {', '.join(COLUMNS)}"
            )
        },
    )
    def get(self, request):
        return super().get(request)
