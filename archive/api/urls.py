"""``/api/v1/`` routes."""

from django.urls import include, path, re_path
from rest_framework.routers import DefaultRouter

from . import schema  # noqa: F401  (registers the token scheme with the OpenAPI generator)
from .views.articles import ArticleViewSet
from .views.entities import EntityViewSet
from .views.errors import NotFoundView
from .views.export import TagExportCSVView, TagExportJSONLinesView
from .views.mentions import ArticleMentionsView, MentionViewSet
from .views.search import SearchView
from .views.tags import TagFeedView

app_name = "api"

router = DefaultRouter()
router.register("articles", ArticleViewSet, basename="article")
router.register("mentions", MentionViewSet, basename="mention")
router.register("entities", EntityViewSet, basename="entity")

urlpatterns = [
    path("articles/<int:pk>/mentions/", ArticleMentionsView.as_view(), name="article-mentions"),
    path("tags/", TagFeedView.as_view(), name="tag-feed"),
    path("search/", SearchView.as_view(), name="search"),
    path("export/tags.csv", TagExportCSVView.as_view(), name="export-tags-csv"),
    path("export/tags.jsonl", TagExportJSONLinesView.as_view(), name="export-tags-jsonl"),
    path("", include(router.urls)),
    # Anything else under the API (a mistyped path, a negative id) is a JSON 404 too.
    re_path(r"^.*$", NotFoundView.as_view(), name="not-found"),
]
