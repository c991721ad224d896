"""Re-extraction of the whole archive as a chunked, resumable, cancellable job."""

from __future__ import annotations

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from archive.models import Article, JobStatus, ReextractionJob

from .extraction import extraction_run_many


class JobAlreadyRunning(Exception):
    def __init__(self, job: ReextractionJob):
        super().__init__(f"re-extraction job {job.pk} is still running")
        self.job = job


def reextraction_job_create(*, created_by=None) -> ReextractionJob:
    """Start a job over every article; refuses while another one is active."""
    with transaction.atomic():
        active = (
            ReextractionJob.objects.select_for_update()
            .filter(status__in=[JobStatus.PENDING, JobStatus.RUNNING])
            .first()
        )
        if active:
            raise JobAlreadyRunning(active)
        return ReextractionJob.objects.create(
            status=JobStatus.RUNNING,
            total=Article.objects.count(),
            started_at=timezone.now(),
            created_by=created_by if getattr(created_by, "is_authenticated", False) else None,
        )


def reextraction_job_start(*, created_by=None) -> ReextractionJob:
    """Create a job and hand its first chunk to the workers."""
    with transaction.atomic():
        job = reextraction_job_create(created_by=created_by)

        def send() -> None:
            from archive.tasks import reextract_chunk

            reextract_chunk.delay(job.pk)

        transaction.on_commit(send)
    return job


def reextraction_job_step(*, job_id: int, chunk: int | None = None) -> bool:
    """Extract the next chunk of articles; True while there is more to do."""
    job = ReextractionJob.objects.filter(pk=job_id).first()
    if job is None or job.status not in (JobStatus.PENDING, JobStatus.RUNNING):
        return False
    if job.cancel_requested:
        _finish(job, JobStatus.CANCELLED)
        return False
    ids = list(
        Article.objects.filter(pk__gt=job.last_article_id)
        .order_by("pk")
        .values_list("pk", flat=True)[: chunk or settings.ARCHIVE_REEXTRACT_CHUNK]
    )
    if not ids:
        _finish(job, JobStatus.DONE)
        return False
    _stored, failed = extraction_run_many(article_ids=ids)
    with transaction.atomic():
        job = ReextractionJob.objects.select_for_update().get(pk=job_id)
        job.last_article_id = ids[-1]
        job.processed += len(ids)
        job.failed += failed
        job.total = max(job.total, job.processed)
        job.status = JobStatus.RUNNING
        job.save(update_fields=["last_article_id", "processed", "failed", "total", "status", "updated_at"])
    return True


def reextraction_job_cancel(*, job_id: int) -> ReextractionJob:
    """Ask a job to stop; it stops before its next chunk."""
    with transaction.atomic():
        job = ReextractionJob.objects.select_for_update().get(pk=job_id)
        if job.active:
            job.cancel_requested = True
            if job.status == JobStatus.PENDING:
                job.status, job.finished_at = JobStatus.CANCELLED, timezone.now()
            job.save(update_fields=["cancel_requested", "status", "finished_at", "updated_at"])
    return job


def _finish(job: ReextractionJob, status: str) -> None:
    ReextractionJob.objects.filter(pk=job.pk).update(
        status=status, finished_at=timezone.now(), updated_at=timezone.now()
    )
