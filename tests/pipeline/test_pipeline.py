"""The asynchronous extraction pipeline with a real Redis and real worker processes."""

from __future__ import annotations

import pytest

from archive.models import Article, ArticleStatus, Entity, Mention, MentionStatus, Tag
from archive.services import article_create, current_extractor, mention_add, mention_review
from archive.tasks import extract_article
from tests.pipeline.conftest import done_count, synthetic_articles, wait_until

pytestmark = [
    pytest.mark.worker,
    pytest.mark.redis,
    pytest.mark.slow,
    pytest.mark.django_db(transaction=True),
]


def upload(kb, count: int, *, seed: int = 7) -> list[int]:
    return [
        article_create(title=title, body=body).pk for title, body in synthetic_articles(kb, count, seed=seed)
    ]


def expected_tags(article_ids) -> dict[int, set[tuple[str, str]]]:
    """What the extractor finds in each article, computed here in the test process."""
    extractor = current_extractor()
    bodies = dict(Article.objects.filter(pk__in=article_ids).values_list("pk", "body"))
    return {pk: {(m.kind, m.entity) for m in extractor.extract(body)} for pk, body in bodies.items()}


def stored_tags(article_ids) -> dict[int, set[tuple[str, str]]]:
    tags: dict[int, set] = {pk: set() for pk in article_ids}
    for article_id, kind, name in Tag.objects.filter(article_id__in=article_ids).values_list(
        "article_id", "entity__kind", "entity__name"
    ):
        tags[article_id].add((kind, name))
    return tags


def snapshot(article_id: int) -> list[tuple]:
    mentions = (
        Mention.objects.filter(article_id=article_id)
        .order_by("pk")
        .values_list(
            "pk",
            "entity_id",
            "start",
            "end",
            "status",
            "confidence",
            "origin",
            "extractor_version",
            "updated_at",
        )
    )
    tags = (
        Tag.objects.filter(article_id=article_id)
        .order_by("pk")
        .values_list("pk", "entity_id", "mention_count", "salience", "status", "updated_at")
    )
    return [*mentions, *tags]


def assert_no_duplicate_mentions():
    rows = list(Mention.objects.values_list("article_id", "start", "end", "entity_id"))
    assert len(rows) == len(set(rows))


def test_200_uploaded_articles_all_end_done_with_correct_tags(weapons_and_orgs_kb, start_worker):
    ids = upload(weapons_and_orgs_kb, 200)
    start_worker(concurrency=2)
    wait_until(lambda: done_count() == 200, timeout=300, what="200 articles done")
    expected = expected_tags(ids)
    assert stored_tags(ids) == expected
    assert sum(len(tags) for tags in expected.values()) >= 400  # every article names several entities
    some = Article.objects.get(pk=ids[0])
    assert some.extractor_version and some.status_error == ""
    assert_no_duplicate_mentions()


def test_worker_killed_mid_batch_loses_and_duplicates_nothing(weapons_and_orgs_kb, start_worker):
    ids = upload(weapons_and_orgs_kb, 120, seed=11)
    worker = start_worker(archive_broker_visibility_timeout=8)
    wait_until(lambda: done_count() >= 15, timeout=180, what="the first articles")
    worker.kill()
    assert done_count() < 120, "the worker finished before it could be killed"
    start_worker(archive_broker_visibility_timeout=8)
    wait_until(lambda: done_count() == 120, timeout=300, what="every article done after the restart")
    assert stored_tags(ids) == expected_tags(ids)
    assert_no_duplicate_mentions()


def test_redis_flushed_mid_batch_the_sweeper_brings_every_article_to_done(
    weapons_and_orgs_kb, start_worker, redis_client
):
    ids = upload(weapons_and_orgs_kb, 120, seed=13)
    start_worker(beat=True, archive_stuck_after_seconds=6, archive_sweep_interval_seconds=3)
    wait_until(lambda: done_count() >= 10, timeout=180, what="the first articles")
    redis_client.flushdb()  # every queued message is gone
    assert done_count() < 120
    wait_until(lambda: done_count() == 120, timeout=300, what="the sweeper to recover every article")
    assert stored_tags(ids) == expected_tags(ids)
    assert_no_duplicate_mentions()


def test_the_task_run_twice_gives_identical_rows(weapons_and_orgs_kb, start_worker, redis_client):
    [article_id] = upload(weapons_and_orgs_kb, 1, seed=17)
    start_worker()
    wait_until(lambda: done_count() == 1, timeout=120, what="the first run")
    first = snapshot(article_id)
    assert first
    Article.objects.filter(pk=article_id).update(status=ArticleStatus.QUEUED)
    extract_article.delay(article_id)
    extract_article.delay(article_id)
    # Late acknowledgement: a task leaves the queue and the unacked set only once it has finished.
    wait_until(
        lambda: done_count() == 1 and not redis_client.llen("celery") and not redis_client.hlen("unacked"),
        timeout=120,
        what="both repeated runs to finish",
    )
    assert snapshot(article_id) == first


def test_editor_decisions_survive_re_extraction(weapons_and_orgs_kb, start_worker, editor):
    [article_id] = upload(weapons_and_orgs_kb, 1, seed=19)
    start_worker()
    wait_until(lambda: done_count() == 1, timeout=120, what="extraction")
    mentions = list(Mention.objects.filter(article_id=article_id).order_by("start"))
    assert len(mentions) >= 3
    confirmed, rejected = mentions[0], mentions[1]
    mention_review(mention_id=confirmed.pk, status=MentionStatus.CONFIRMED, reviewer=editor)
    mention_review(mention_id=rejected.pk, status=MentionStatus.REJECTED, reviewer=editor)
    body = Article.objects.get(pk=article_id).body
    start = body.index("officials")
    place = Entity.objects.create(
        kind="place", name="Officials Town", slug="place-officials-town", curated=True
    )
    added = mention_add(
        article_id=article_id, start=start, end=start + len("officials"), entity_id=place.pk, reviewer=editor
    )

    Article.objects.filter(pk=article_id).update(status=ArticleStatus.QUEUED)
    extract_article.delay(article_id)
    wait_until(lambda: done_count() == 1, timeout=120, what="re-extraction")

    confirmed.refresh_from_db()
    rejected.refresh_from_db()
    assert confirmed.status == MentionStatus.CONFIRMED and confirmed.reviewer == editor
    assert rejected.status == MentionStatus.REJECTED
    # The rejected suggestion is not suggested again, at that span or anywhere else in the article.
    again = Mention.objects.filter(article_id=article_id, entity_id=rejected.entity_id, text=rejected.text)
    assert list(again.values_list("status", flat=True)) == [MentionStatus.REJECTED]
    assert Mention.objects.get(pk=added.pk).status == MentionStatus.CONFIRMED
    tag_status = dict(Tag.objects.filter(article_id=article_id).values_list("entity_id", "status"))
    assert tag_status[confirmed.entity_id] == MentionStatus.CONFIRMED
    assert tag_status[place.pk] == MentionStatus.CONFIRMED
