"""Re-extract the whole archive in chunks, with a progress bar (or hand the job to the workers)."""

from django.core.management.base import BaseCommand, CommandError
from tqdm import tqdm

from archive.models import JobStatus, ReextractionJob
from archive.services import (
    JobAlreadyRunning,
    reextraction_job_create,
    reextraction_job_start,
    reextraction_job_step,
)


class Command(BaseCommand):
    help = "Run the extractor again over every article (editors' decisions are kept)."

    def add_arguments(self, parser):
        parser.add_argument(
            "--async",
            dest="in_background",
            action="store_true",
            help="Hand the job to the Celery workers and return at once.",
        )
        parser.add_argument("--chunk", type=int, default=None, help="Articles per chunk.")
        parser.add_argument("--no-progress", action="store_true")

    def handle(self, *args, in_background=False, chunk=None, no_progress=False, **options):
        try:
            if in_background:
                job = reextraction_job_start()
                self.stdout.write(f"Re-extraction job {job.pk} queued for {job.total} articles.")
                return
            job = reextraction_job_create()
        except JobAlreadyRunning as exc:
            raise CommandError(f"{exc}; cancel it on the re-extraction page first.") from exc
        bar = tqdm(total=job.total, unit="article", disable=no_progress, file=self.stderr._out)
        done = 0
        try:
            while reextraction_job_step(job_id=job.pk, chunk=chunk):
                job.refresh_from_db()
                bar.total = job.total
                bar.update(job.processed - done)
                done = job.processed
        except KeyboardInterrupt:
            ReextractionJob.objects.filter(pk=job.pk).update(status=JobStatus.CANCELLED)
            raise CommandError(f"Interrupted; job {job.pk} cancelled after {done} articles.") from None
        finally:
            bar.close()
        job.refresh_from_db()
        self.stdout.write(
            f"Re-extraction job {job.pk}: {job.get_status_display().lower()}, "
            f"{job.processed} articles, {job.failed} failed."
        )
