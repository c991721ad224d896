"""Storing extraction results, status handling, the sweeper and re-extraction (in process)."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from archive.kb import KBEntry, KnowledgeBase
from archive.models import (
    Article,
    ArticleStatus,
    Entity,
    JobStatus,
    Mention,
    MentionStatus,
    ReextractionJob,
    Tag,
)
from archive.services import (
    article_create,
    article_mark_failed,
    extraction_run,
    kb_load,
    mention_review,
    reextraction_job_cancel,
    reextraction_job_create,
    reextraction_job_step,
    stuck_articles_requeue,
)
from tests.test_commands import run

pytestmark = pytest.mark.django_db

BODY = (
    "Belarus received Mi-35M helicopters and Su-30SM2 fighters from Russia. "
    "The Mi-35M is a variant of the Mi-24. Rostec delivered the Su-30SM2 on schedule."
)


@pytest.fixture
def small_kb():
    kb = KnowledgeBase(
        [
            KBEntry(kind="weapon", name="Mi-24", aliases=("Hind",)),
            KBEntry(kind="weapon", name="Mi-35M", parent="Mi-24"),
            KBEntry(kind="weapon", name="Su-30SM2", aliases=("Су-30СМ2",)),
            KBEntry(kind="org", name="Rostec"),
            KBEntry(kind="place", name="Belarus"),
            KBEntry(kind="place", name="Russia"),
        ]
    )
    kb_load(kb=kb)
    return kb


def rows(article_id):
    return (
        list(Mention.objects.filter(article_id=article_id).order_by("pk").values()),
        list(Tag.objects.filter(article_id=article_id).order_by("pk").values()),
    )


def test_extraction_stores_mentions_tags_and_version(small_kb):
    article = article_create(title="Deliveries", body=BODY)
    assert article.status == ArticleStatus.QUEUED
    extraction_run(article_id=article.pk)
    article.refresh_from_db()
    assert article.status == ArticleStatus.DONE and article.extractor_version
    names = set(Tag.objects.filter(article=article).values_list("entity__name", flat=True))
    assert {"Mi-35M", "Su-30SM2", "Mi-24", "Rostec", "Belarus", "Russia"} <= names
    mi35 = Tag.objects.get(article=article, entity__name="Mi-35M")
    assert mi35.mention_count == 2 and 0 < mi35.salience <= 1
    for mention in Mention.objects.filter(article=article):
        assert article.body[mention.start : mention.end] == mention.text
        assert mention.status == MentionStatus.SUGGESTED


def test_running_twice_gives_identical_rows(small_kb):
    article = article_create(title="Deliveries", body=BODY)
    extraction_run(article_id=article.pk)
    first = rows(article.pk)
    extraction_run(article_id=article.pk)
    assert rows(article.pk) == first


def test_editor_decisions_are_kept_and_rejections_not_suggested_again(small_kb, editor):
    article = article_create(title="Deliveries", body=BODY)
    extraction_run(article_id=article.pk)
    su30 = Mention.objects.filter(article=article, entity__name="Su-30SM2").order_by("start")
    mi35 = Mention.objects.filter(article=article, entity__name="Mi-35M").order_by("start").first()
    mention_review(mention_id=su30.first().pk, status=MentionStatus.REJECTED, reviewer=editor)
    mention_review(mention_id=mi35.pk, status=MentionStatus.CONFIRMED, reviewer=editor)
    extraction_run(article_id=article.pk)
    # Both Su-30SM2 occurrences: the rejected one stays rejected, the other is not suggested again.
    assert list(su30.values_list("status", flat=True)) == [MentionStatus.REJECTED]
    assert not Tag.objects.filter(article=article, entity__name="Su-30SM2").exists()
    mi35.refresh_from_db()
    assert mi35.status == MentionStatus.CONFIRMED and mi35.reviewer == editor
    assert Tag.objects.get(article=article, entity__name="Mi-35M").status == MentionStatus.CONFIRMED
    assert mi35.history.first().history_user == editor


def test_unknown_names_become_candidate_entities(small_kb):
    article = article_create(
        title="Visit", body="General Petro Kovalenko visited the Kharkiv plant on Monday."
    )
    extraction_run(article_id=article.pk)
    candidates = Entity.objects.filter(curated=False, tags__article=article)
    assert candidates.filter(kind="person").exists()


def test_the_sweeper_requeues_only_stuck_articles(small_kb, django_capture_on_commit_callbacks):
    old = article_create(title="Old", body="Lost in a dead worker.")
    fresh = article_create(title="Fresh", body="Still in the queue.")
    done = article_create(title="Done", body="Finished long ago.")
    long_ago = timezone.now() - timedelta(hours=2)
    Article.objects.filter(pk=old.pk).update(status=ArticleStatus.RUNNING, status_changed_at=long_ago)
    Article.objects.filter(pk=done.pk).update(status=ArticleStatus.DONE, status_changed_at=long_ago)
    with django_capture_on_commit_callbacks() as callbacks:
        requeued = stuck_articles_requeue(older_than_seconds=600)
    assert requeued == [old.pk]
    assert len(callbacks) == 1
    old.refresh_from_db()
    assert old.status == ArticleStatus.QUEUED and old.status_changed_at > long_ago
    assert Article.objects.get(pk=fresh.pk).status == ArticleStatus.QUEUED


def test_failed_article_shows_its_error_and_a_retry_button(editor_client, django_capture_on_commit_callbacks):
    article = article_create(title="Broken", body="Text that failed.")
    article_mark_failed(article_id=article.pk, error="ValueError: model crashed")
    page = editor_client.get(article.get_absolute_url()).content.decode()
    assert "ValueError: model crashed" in page and "Retry" in page
    with django_capture_on_commit_callbacks() as callbacks:
        response = editor_client.post(
            reverse("archive:article-extract", args=[article.pk]), HTTP_HX_REQUEST="true"
        )
    assert response.status_code == 200 and len(callbacks) == 1
    article.refresh_from_db()
    assert article.status == ArticleStatus.QUEUED and not article.status_error
    assert 'hx-trigger="every 2s"' in response.content.decode()  # polls until it is done


def test_status_polling_stops_once_done(editor_client, small_kb):
    article = article_create(title="Deliveries", body=BODY)
    url = reverse("archive:article-status", args=[article.pk])
    assert "every 2s" in editor_client.get(url).content.decode()
    extraction_run(article_id=article.pk)
    assert "every 2s" not in editor_client.get(url).content.decode()


def test_readers_cannot_retry_or_start_jobs(reader_client):
    article = article_create(title="Broken", body="Text that failed.")
    assert reader_client.post(reverse("archive:article-extract", args=[article.pk])).status_code == 403
    assert reader_client.post(reverse("archive:reextraction")).status_code == 403
    assert not ReextractionJob.objects.exists()


def test_reextraction_job_in_chunks_and_cancel(small_kb):
    ids = [article_create(title=f"A{i}", body=f"{BODY} Item {i}.").pk for i in range(5)]
    job = reextraction_job_create()
    assert job.total == 5
    assert reextraction_job_step(job_id=job.pk, chunk=2)
    job.refresh_from_db()
    assert (job.processed, job.last_article_id) == (2, ids[1])
    reextraction_job_cancel(job_id=job.pk)
    assert not reextraction_job_step(job_id=job.pk, chunk=2)
    job.refresh_from_db()
    assert job.status == JobStatus.CANCELLED and job.processed == 2
    assert Article.objects.filter(status=ArticleStatus.DONE).count() == 2


def test_reextract_command_shows_progress_and_finishes(small_kb):
    for i in range(3):
        article_create(title=f"A{i}", body=f"{BODY} Item {i}.")
    out, err = run("reextract", "--chunk", "2")
    assert "done, 3 articles, 0 failed" in out
    assert "3/3" in err
    assert Article.objects.filter(status=ArticleStatus.DONE).count() == 3


def test_reextraction_page_starts_shows_and_refuses_a_second_job(
    editor_client, django_capture_on_commit_callbacks
):
    url = reverse("archive:reextraction")
    with django_capture_on_commit_callbacks() as callbacks:
        assert editor_client.post(url).status_code == 302
    assert len(callbacks) == 1
    job = ReextractionJob.objects.get()
    page = editor_client.get(url).content.decode()
    assert f"Job {job.pk}" in page and "Cancel" in page
    assert editor_client.post(url).status_code == 409
    assert ReextractionJob.objects.count() == 1
    cancel = editor_client.post(reverse("archive:reextraction-cancel", args=[job.pk]), HTTP_HX_REQUEST="true")
    assert "stopping" in cancel.content.decode()
