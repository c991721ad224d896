"""Article pages for editors: list with live status, upload, original file, re-run extraction."""

from django.conf import settings
from django.core.paginator import Paginator
from django.db import transaction
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_http_methods, require_POST

from archive import selectors
from archive.forms import ArticleUploadForm
from archive.models import Article, ArticleStatus
from archive.roles import is_editor
from archive.services import article_intake_file, article_intake_text, extraction_enqueue

from .common import editor_required

ACTIVE_STATUSES = (ArticleStatus.QUEUED, ArticleStatus.RUNNING)


def article_list(request):
    page = Paginator(selectors.article_list(), 50).get_page(request.GET.get("page"))
    polling = is_editor(request.user) and any(a.status in ACTIVE_STATUSES for a in page.object_list)
    context = {"page": page, "polling": polling}
    if request.htmx and request.htmx.target == "article-rows":
        return render(request, "archive/_article_rows.html", context)
    return render(request, "archive/article_list.html", context)


@editor_required
def article_status(request, pk: int):
    """The extraction status badge; htmx polls it while extraction is under way."""
    article = get_object_or_404(Article.objects.only("pk", "status", "status_error"), pk=pk)
    return render(request, "archive/_article_status.html", {"article": article})


@editor_required
@require_POST
def article_extract(request, pk: int):
    """Queue an article for extraction again (the retry button)."""
    article = get_object_or_404(Article.objects.only("pk"), pk=pk)
    with transaction.atomic():
        extraction_enqueue(article_ids=[article.pk])
    article.refresh_from_db(fields=["status", "status_error"])
    if request.htmx:
        return render(request, "archive/_article_status.html", {"article": article})
    return redirect(article)


@editor_required
def article_original(request, pk: int):
    """The uploaded file, always as a download so a hostile HTML file never renders on our origin."""
    article = get_object_or_404(Article, pk=pk)
    if not article.original_file:
        raise Http404("No original file was kept for this article.")
    return FileResponse(
        article.original_file.open("rb"),
        as_attachment=True,
        filename=article.original_filename or "original",
        content_type="application/octet-stream",
    )


@editor_required
@require_http_methods(["GET", "POST"])
def article_upload(request):
    results = []
    if request.method == "POST":
        form = ArticleUploadForm(request.POST, request.FILES)
        if form.is_valid():
            overrides = form.overrides()
            if (form.cleaned_data.get("text") or "").strip():
                results.append(
                    article_intake_text(
                        text=form.cleaned_data["text"], overrides=overrides, created_by=request.user
                    )
                )
            for upload in form.cleaned_data["files"]:
                # Each file goes in on its own: one bad file never stops the rest of the batch.
                results.append(
                    article_intake_file(
                        filename=upload.name,
                        data=_read_upload(upload),
                        size=upload.size,
                        overrides=overrides,
                        created_by=request.user,
                    )
                )
            if all(result.outcome != "error" for result in results):
                form = ArticleUploadForm()
        status = 400 if not form.is_valid() and not results else 200
    else:
        form, status = ArticleUploadForm(), 200
    return render(request, "archive/article_upload.html", {"form": form, "results": results}, status=status)


def _read_upload(upload) -> bytes:
    # Read one byte past the limit: enough to know the file is too large without holding more.
    return upload.read(settings.ARCHIVE_MAX_UPLOAD_BYTES + 1)
