"""The re-extraction job page: start, watch and cancel."""

from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_http_methods, require_POST

from archive.models import ReextractionJob
from archive.services import JobAlreadyRunning, reextraction_job_cancel, reextraction_job_start

from .common import editor_required


@editor_required
@require_http_methods(["GET", "POST"])
def reextraction(request):
    """Editors start a re-extraction of the whole archive, watch it and cancel it."""
    error = ""
    if request.method == "POST":
        try:
            reextraction_job_start(created_by=request.user)
            return redirect("archive:reextraction")
        except JobAlreadyRunning as exc:
            error = f"A re-extraction is already running (job {exc.job.pk})."
    jobs = list(ReextractionJob.objects.select_related("created_by")[:10])
    return render(
        request,
        "archive/reextraction.html",
        {"jobs": jobs, "error": error, "active": next((j for j in jobs if j.active), None)},
        status=409 if error else 200,
    )


@editor_required
def reextraction_progress(request, pk: int):
    job = get_object_or_404(ReextractionJob, pk=pk)
    return render(request, "archive/_job_progress.html", {"job": job})


@editor_required
@require_POST
def reextraction_cancel(request, pk: int):
    job = reextraction_job_cancel(job_id=get_object_or_404(ReextractionJob.objects.only("pk"), pk=pk).pk)
    if request.htmx:
        return render(request, "archive/_job_progress.html", {"job": job})
    return redirect("archive:reextraction")
