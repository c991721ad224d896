"""The selector's contract: validation, a fixed number of queries, consistency with the services."""

import pytest
from django.db import connection, transaction

from archive.models import Entity, Mention
from archive.search import search_articles
from archive.services import article_create, mention_add, mention_review
from tests.factories import UserFactory

from .corpus import article, entity

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("arguments", "message"),
    [
        ({"date_from": "2024-13-01"}, "date_from must be a date written YYYY-MM-DD"),
        ({"date_to": "yesterday"}, "date_to must be a date written YYYY-MM-DD"),
        ({"date_from": "2024-05-02", "date_to": "2024-05-01"}, "is after date_to"),
        ({"kind": "ship"}, "Unknown kind 'ship'"),
        ({"sort": "popular"}, "Unknown sort 'popular'"),
        ({"page": 0}, "page must be at least 1"),
        ({"page": "two"}, "page must be a whole number"),
        ({"page_size": 1000}, "page_size must be at most 100"),
        ({"source": "Reuters"}, "source must be a whole number"),
        ({"entity": "no-such-entity"}, "Unknown entity 'no-such-entity'"),
        ({"language": "<script>"}, "Unknown language code"),
        ({"query": "x" * 501}, "longer than 500 characters"),
    ],
)
def test_bad_input_is_a_value_error_with_a_clear_message(arguments, message):
    with pytest.raises(ValueError, match=message.replace("(", r"\(")):
        search_articles(**{"query": "tank", **arguments})


def test_exclusions_alone_find_nothing():
    article("Tanks", "Tank news.")
    page = search_articles(query="-tank")
    assert (
        page.count == 0
        and page.results == []
        and set(page.facets) == {"kind", "entity", "source", "language"}
    )


@pytest.mark.parametrize("page_size", [2, 10])
def test_a_search_runs_a_fixed_number_of_queries_whatever_the_page_size(page_size, django_assert_num_queries):
    nato, mi24 = entity("NATO", kind="org"), entity("Mi-24")
    for number in range(12):
        article(
            f"Helicopters {number}",
            f"Helicopters report {number}.",
            entities=[nato, mi24],
            source_name=f"Wire {number % 3}",
        )
    # Hits, facets (with the total), the hits' articles with their source, the hits' tags and
    # their entities; on PostgreSQL also the two SET LOCALs that keep the planner off sequential
    # scans, then (with few matches) off the newest-first walk.
    base = 5 + 2 * (connection.vendor == "postgresql")
    with django_assert_num_queries(base):
        page = search_articles(query="helicopters", page_size=page_size)
    assert len(page.results) == page_size and all(len(hit.tags) == 2 for hit in page.results)
    # Filtering on an entity by slug adds its lookup; without facets the count replaces them.
    with django_assert_num_queries(base + 1):
        search_articles(query="helicopters", entity=nato.slug, page_size=page_size)
    with django_assert_num_queries(base):
        search_articles(query="helicopters", facets=False, page_size=page_size)


@pytest.mark.django_db(transaction=True)
def test_changes_made_through_the_services_are_searchable_once_committed():
    editor = UserFactory(username="searcher", editor=True)
    with transaction.atomic():
        created = article_create(
            title="Corvette launched",
            body="The yard launched a new corvette for the navy.",
            source="Naval Wire",
            created_by=editor,
        )
    assert [hit.article_id for hit in search_articles(query="corvette").results] == [created.pk]

    # An editor's mention creates a tag: the entity filter and its family find the article at once.
    family = Entity.objects.create(kind="weapon", name="Gowind", slug="weapon-gowind", curated=True)
    variant = Entity.objects.create(
        kind="weapon", name="Gowind 2500", slug="weapon-gowind-2500", parent=family, curated=True
    )
    start = created.body.index("corvette")
    mention = mention_add(
        article_id=created.pk, start=start, end=start + 8, entity_id=variant.pk, reviewer=editor
    )
    assert search_articles(query="", entity=family.pk).count == 1
    assert search_articles(query="Gowind").count == 1  # the entity's name is indexed with the article

    # Rejecting the mention removes the tag, and the article leaves the entity's results.
    mention_review(mention_id=mention.pk, status="rejected", reviewer=editor)
    assert Mention.objects.get(pk=mention.pk).status == "rejected"
    assert search_articles(query="", entity=family.pk).count == 0


@pytest.mark.django_db(transaction=True)
def test_a_rolled_back_write_leaves_no_trace_in_the_index():
    with pytest.raises(RuntimeError), transaction.atomic():
        article_create(title="Never published", body="A frigate that never was.")
        assert search_articles(query="frigate").count == 1  # visible inside its own transaction
        raise RuntimeError("abort")
    assert search_articles(query="frigate").count == 0
    with connection.cursor() as cursor:
        cursor.execute("SELECT count(*) FROM archive_searchdocument")
        assert cursor.fetchone()[0] == 0


def test_a_parent_cycle_made_in_the_admin_does_not_hang_indexing():
    first = entity("Loop A")
    second = entity("Loop B", parent=first)
    Entity.objects.filter(pk=first.pk).update(parent=second)
    tagged = article("Looping", "A loop of variants.", entities=[second])
    assert [hit.article_id for hit in search_articles(query="", entity=first.pk).results] == [tagged.pk]


@pytest.mark.django_db
@pytest.mark.parametrize("params", [{"query": "tank\x00s"}, {"query": "", "entity": "weapon-x\x00"}])
def test_nul_characters_are_refused_with_a_clear_error(params):
    with pytest.raises(ValueError, match="NUL"):
        search_articles(**params)


@pytest.mark.django_db
def test_search_page_answers_nul_characters_with_a_client_error(client):
    response = client.get("/search/", {"q": "tank", "entity": "x\x00"})
    assert response.status_code == 400
