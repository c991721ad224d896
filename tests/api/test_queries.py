"""List endpoints run the same number of queries whatever the page size."""

import pytest

from archive.services import tags_refresh
from tests.factories import ArticleFactory, EntityFactory, MentionFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def archive_rows(db):
    entities = [EntityFactory(name=f"Entity {n}") for n in range(3)]
    for n in range(10):
        EntityFactory(name=f"Untagged {n}")
    for _ in range(12):
        article = ArticleFactory()
        for entity in entities:
            MentionFactory(article=article, entity=entity, start=0, end=7)
        tags_refresh(article=article)
    return entities


def count_queries(django_assert_num_queries, client, url, params, expected):
    with django_assert_num_queries(expected):
        response = client.get(url, params)
    assert response.status_code == 200, response.content
    return response.json()


LISTS = [
    # anonymous: count, the page's ids, their rows, prefetched tags with their entities
    ("/api/v1/articles/", {}, 4),
    ("/api/v1/entities/", {}, 2),
    # the feed on SQLite: frontier, page, count (page full), entities
    ("/api/v1/tags/", {}, None),
]


@pytest.mark.parametrize(("url", "params", "expected"), LISTS)
def test_list_queries_do_not_grow_with_the_page(
    api, archive_rows, django_assert_num_queries, url, params, expected
):
    from django.db import connection

    if expected is None:  # the feed: two more statements on PostgreSQL to find the frontier
        expected = 6 if connection.vendor == "postgresql" else 4
    small = count_queries(django_assert_num_queries, api, url, {**params, "page_size": 2}, expected)
    large = count_queries(django_assert_num_queries, api, url, {**params, "page_size": 10}, expected)
    assert len(small["results"]) == 2 and len(large["results"]) == 10


def test_mention_list_queries(api, archive_rows, django_assert_num_queries):
    article_id = archive_rows[0].mentions.first().article_id
    for size in (1, 3):
        # article exists, count, page (with entity and reviewer joined)
        data = count_queries(
            django_assert_num_queries, api, f"/api/v1/articles/{article_id}/mentions/", {"page_size": size}, 3
        )
        assert len(data["results"]) == size


def test_token_clients_add_one_lookup(reader_api, archive_rows, django_assert_num_queries):
    reader_api.get(
        "/api/v1/articles/"
    )  # the first use records last_used_at; later ones within a minute do not
    # the token with its user, then the same four queries as anonymous
    count_queries(django_assert_num_queries, reader_api, "/api/v1/articles/", {"page_size": 5}, 5)
