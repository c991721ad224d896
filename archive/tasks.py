"""Thin Celery tasks: they take ids and call services."""

from __future__ import annotations

import logging

from celery import Task, shared_task
from django.conf import settings
from django.db import DatabaseError, InterfaceError, OperationalError

from . import services

logger = logging.getLogger(__name__)

# Errors worth trying again: the database or broker was briefly unavailable or locked.
TRANSIENT_ERRORS = (OperationalError, InterfaceError, ConnectionError, TimeoutError)


class ExtractionTask(Task):
    def on_retry(self, exc, task_id, args, kwargs, einfo):
        article_id = args[0] if args else kwargs.get("article_id")
        if article_id is not None:
            services.article_mark_retrying(article_id=article_id, error=f"{type(exc).__name__}: {exc}")

    def on_failure(self, exc, task_id, args, kwargs, einfo):
        article_id = args[0] if args else kwargs.get("article_id")
        if article_id is not None:
            services.article_mark_failed(article_id=article_id, error=f"{type(exc).__name__}: {exc}")


@shared_task(
    bind=True,
    base=ExtractionTask,
    autoretry_for=TRANSIENT_ERRORS,
    retry_backoff=2,
    retry_backoff_max=300,
    retry_jitter=True,
    max_retries=settings.ARCHIVE_EXTRACTION_MAX_RETRIES,
)
def extract_article(self, article_id: int) -> None:
    services.extraction_run(article_id=article_id)


@shared_task
def sweep_stuck_articles() -> int:
    return len(services.stuck_articles_requeue())


@shared_task(
    bind=True,
    autoretry_for=(DatabaseError, *TRANSIENT_ERRORS),
    retry_backoff=2,
    retry_jitter=True,
    max_retries=settings.ARCHIVE_EXTRACTION_MAX_RETRIES,
)
def reextract_chunk(self, job_id: int) -> None:
    """Work one chunk of a re-extraction job, then hand the next chunk to the queue."""
    if services.reextraction_job_step(job_id=job_id):
        reextract_chunk.delay(job_id)
