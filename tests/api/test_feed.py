import random
import threading
import time
from urllib.parse import parse_qs, urlparse

import pytest
from django.db import connection, transaction
from rest_framework.test import APIClient

from archive.api.feed import FeedCursor
from archive.models import TagChange, TagChangeAction
from archive.services import mention_add, mention_review
from tests.factories import ArticleFactory, EntityFactory, MentionFactory


def follow(client: APIClient, url: str = "/api/v1/tags/", **params):
    """One page of the feed: (results, next url)."""
    response = client.get(url, params or None)
    assert response.status_code == 200, response.content
    data = response.json()
    assert data["previous"] is None and data["next"]
    return data["results"], data["next"]


def drain(client: APIClient, url: str = "/api/v1/tags/", **params) -> tuple[list[dict], str]:
    seen, (page, url) = [], follow(client, url, **params)
    while page:
        seen.extend(page)
        page, url = follow(client, url)
    return seen, url


@pytest.mark.django_db
def test_feed_lists_every_change_in_order_and_resumes(api, tagged_articles, editor):
    changes, next_url = drain(api, page_size=2)
    assert [c["id"] for c in changes] == list(TagChange.objects.order_by("id").values_list("id", flat=True))
    assert len(changes) == 6 and {c["action"] for c in changes} == {"created"}
    first = changes[0]
    assert set(first) == {
        "id",
        "action",
        "article_id",
        "entity_id",
        "entity",
        "status",
        "mention_count",
        "salience",
        "changed_at",
    }
    assert first["entity"]["id"] == first["entity_id"]

    # Nothing new: the stored link gives an empty page, and keeps working afterwards.
    assert follow(api, next_url)[0] == []
    mention = tagged_articles["articles"][0].mentions.first()
    mention_review(mention_id=mention.pk, status="rejected", reviewer=editor)
    later, _ = drain(api, next_url)
    assert [(c["action"], c["entity_id"]) for c in later] == [("removed", mention.entity_id)]


@pytest.mark.django_db
def test_feed_reports_status_changes(api, tagged_articles, editor):
    _all, next_url = drain(api)
    mention = tagged_articles["articles"][1].mentions.first()
    mention_review(mention_id=mention.pk, status="confirmed", reviewer=editor)
    later, _ = drain(api, next_url)
    assert [(c["action"], c["status"]) for c in later] == [(TagChangeAction.UPDATED, "confirmed")]


@pytest.mark.django_db
def test_feed_filters_by_article_and_entity(api, tagged_articles):
    article, place = tagged_articles["articles"][2], tagged_articles["place"]
    by_article, _ = drain(api, article=article.pk)
    assert {c["article_id"] for c in by_article} == {article.pk} and len(by_article) == 2
    by_entity, next_url = drain(api, entity=place.pk, page_size=1)
    assert {c["entity_id"] for c in by_entity} == {place.pk} and len(by_entity) == 3
    assert parse_qs(urlparse(next_url).query)["entity"] == [str(place.pk)]


@pytest.mark.django_db
def test_count_is_what_waits_from_this_position(api, tagged_articles):
    data = api.get("/api/v1/tags/", {"page_size": 4}).json()
    assert (data["count"], len(data["results"])) == (6, 4)
    rest = api.get(data["next"]).json()
    assert (rest["count"], len(rest["results"])) == (2, 2)


@pytest.mark.django_db
@pytest.mark.parametrize("cursor", ["x", "eyJ0ZXN0IjoxfQ", FeedCursor(position=3).encode() + "A", "A" * 5000])
def test_bad_cursors_are_400(api, cursor):
    response = api.get("/api/v1/tags/", {"cursor": cursor})
    assert response.status_code == 400
    assert "cursor" in response.json()["errors"]


@pytest.mark.django_db
@pytest.mark.parametrize("size", ["0", "1001", "ten", "-1"])
def test_bad_page_sizes_are_400(api, size):
    assert api.get("/api/v1/tags/", {"page_size": size}).status_code == 400


# --- concurrency: transactions commit out of id order --------------------------------------------


def _concurrent_fixture(n_articles: int):
    entity = EntityFactory(name="Su-30SM2")
    articles = [ArticleFactory() for _ in range(n_articles)]
    return entity, articles


def _add_mention(article, entity) -> None:
    # "Article number N": a different surface in every article, so no two writers learn the same alias.
    mention_add(
        article_id=article.pk, start=0, end=article.body.index(" reports"), entity_id=entity.pk, reviewer=None
    )


def _tag_article(article, entity, *, hold: float = 0.0) -> None:
    """What an editor's action does: mentions and tags written, the change recorded, then a commit."""
    with transaction.atomic():
        _add_mention(article, entity)
        if hold:
            time.sleep(hold)


@pytest.mark.django_db(transaction=True)
def test_reader_following_concurrent_writers_misses_and_repeats_nothing():
    entity, articles = _concurrent_fixture(40)
    rng = random.Random(7)  # noqa: S311  (test timing jitter, not security)
    errors: list[BaseException] = []

    def writer(batch):
        try:
            for article in batch:
                _tag_article(article, entity, hold=rng.uniform(0, 0.03))
        except BaseException as exc:  # reported by the main thread
            errors.append(exc)
        finally:
            connection.close()

    threads = [threading.Thread(target=writer, args=(articles[i::4],)) for i in range(4)]
    client, received, url = APIClient(), [], "/api/v1/tags/?page_size=3"
    for thread in threads:
        thread.start()
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        writing = any(thread.is_alive() for thread in threads)
        page, url = follow(client, url)
        received.extend(change["id"] for change in page)
        if not writing and not page and len(received) >= len(articles):
            break
        time.sleep(0.005)
    for thread in threads:
        thread.join()
    assert not errors, errors
    committed = list(TagChange.objects.order_by("id").values_list("id", flat=True))
    assert len(committed) == len(articles)
    assert received == committed  # every committed change, once, in id order


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_a_lower_id_committed_late_is_not_skipped():
    if connection.vendor != "postgresql":
        pytest.skip("SQLite lets one writer at a time in, so ids are taken in commit order there")
    entity, (slow_article, fast_article) = _concurrent_fixture(2)
    inserted, release, errors = threading.Event(), threading.Event(), []

    def slow_writer():
        try:
            with transaction.atomic():
                _add_mention(slow_article, entity)
                inserted.set()
                release.wait(10)
        except BaseException as exc:
            errors.append(exc)
        finally:
            connection.close()

    client = APIClient()
    _nothing, url = drain(client)
    thread = threading.Thread(target=slow_writer)
    thread.start()
    assert inserted.wait(10)
    _tag_article(fast_article, entity)  # a higher id, committed first
    assert list(TagChange.objects.values_list("article_id", flat=True)) == [fast_article.pk]
    page, url = follow(client, url)
    assert page == []  # the visible change waits behind the open transaction's lower id
    release.set()
    thread.join()
    assert not errors, errors
    received: list[dict] = []
    for _ in range(3):
        page, url = follow(client, url)
        received.extend(page)
    assert [c["article_id"] for c in received] == [slow_article.pk, fast_article.pk]


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_the_feed_moves_past_a_rolled_back_id():
    if connection.vendor != "postgresql":
        pytest.skip("SQLite lets one writer at a time in, so ids are taken in commit order there")
    entity, (lost_article, kept_article) = _concurrent_fixture(2)
    inserted, release = threading.Event(), threading.Event()

    def doomed_writer():
        try:
            with transaction.atomic():
                _add_mention(lost_article, entity)
                inserted.set()
                release.wait(10)
                raise RuntimeError("rolled back")
        except RuntimeError:
            pass
        finally:
            connection.close()

    client = APIClient()
    _nothing, url = drain(client)
    thread = threading.Thread(target=doomed_writer)
    thread.start()
    assert inserted.wait(10)
    _tag_article(kept_article, entity)
    assert follow(client, url)[0] == []
    release.set()
    thread.join()
    received: list[dict] = []
    for _ in range(3):
        page, url = follow(client, url)
        received.extend(page)
    assert [c["article_id"] for c in received] == [kept_article.pk]


@pytest.mark.django_db
def test_deleted_entities_still_appear_by_id(api, tagged_articles, editor):
    article = ArticleFactory()
    entity = EntityFactory(name="Short-lived")
    mention = MentionFactory(article=article, entity=entity)
    mention_review(mention_id=mention.pk, status="confirmed", reviewer=editor)
    entity_id = entity.pk
    article.delete()
    entity.delete()
    data = api.get("/api/v1/tags/", {"entity": entity_id}).json()
    assert data["results"]
    assert all(c["entity"] is None and c["entity_id"] == entity_id for c in data["results"])
