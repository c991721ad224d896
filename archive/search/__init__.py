"""Full-text search over the archive (backends are added here)."""

from __future__ import annotations

from collections.abc import Sequence


def index_articles(*, article_ids: Sequence[int]) -> None:
    """Bring the search index of these articles up to date (called inside the writing transaction)."""


def remove_articles(*, article_ids: Sequence[int]) -> None:
    """Drop these articles from the search index."""
