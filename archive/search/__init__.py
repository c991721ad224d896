"""Full-text search over the archive: one interface, a PostgreSQL and a SQLite backend.

Write paths call ``index_articles`` inside their transaction, so a change is searchable as soon
as it is committed; readers and the API call ``search_articles``. See ``docs/search.md``.
"""

from __future__ import annotations

from collections.abc import Sequence

from .backends import SearchBackend as SearchBackend
from .backends import get_backend as get_backend
from .selectors import Hit as Hit
from .selectors import SearchPage as SearchPage
from .selectors import search_articles as search_articles
from .types import FacetValue as FacetValue


def index_articles(*, article_ids: Sequence[int]) -> None:
    """Bring the search index of these articles up to date (called inside the writing transaction)."""
    get_backend().index(article_ids)


def remove_articles(*, article_ids: Sequence[int]) -> None:
    """Drop these articles from the search index."""
    get_backend().remove(article_ids)
