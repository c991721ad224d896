"""Read paths shared by pages and the API."""

from django.db.models import Prefetch, QuerySet

from .models import Article, Tag

LIST_FIELDS = ("id", "title", "published_at", "language", "status", "is_demo", "source__name", "created_at")


def article_list() -> QuerySet[Article]:
    """Articles newest first, without their bodies."""
    return Article.objects.select_related("source").defer("body", "minhash").order_by("-published_at", "-id")


def latest_articles(*, limit: int = 20) -> QuerySet[Article]:
    return article_list().order_by("-created_at", "-id")[:limit]


def article_with_tags() -> QuerySet[Article]:
    tags = Tag.objects.select_related("entity").order_by("entity__kind", "-salience", "entity__name")
    return Article.objects.select_related("source", "near_duplicate_of").prefetch_related(
        Prefetch("tags", queryset=tags)
    )
