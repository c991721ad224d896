"""Server-rendered pages. They validate input, call services/selectors and render."""

from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, render
from django.views.decorators.http import require_http_methods

from . import selectors
from .forms import ArticleUploadForm
from .models import Article, Entity
from .roles import is_editor
from .services import article_intake_file, article_intake_text


def editor_required(view):
    """Editors (and superusers) only: others are sent to log in or refused."""

    def wrapped(request, *args, **kwargs):
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        if not is_editor(request.user):
            raise PermissionDenied("Only editors can do this.")
        return view(request, *args, **kwargs)

    wrapped.__name__ = view.__name__
    wrapped.__doc__ = view.__doc__
    return wrapped


def home(request):
    return render(request, "archive/home.html", {"latest": selectors.latest_articles(limit=20)})


def article_list(request):
    page = Paginator(selectors.article_list(), 50).get_page(request.GET.get("page"))
    return render(request, "archive/article_list.html", {"page": page})


def article_detail(request, pk: int):
    article = get_object_or_404(selectors.article_with_tags(), pk=pk)
    return render(request, "archive/article_detail.html", {"article": article})


@editor_required
def article_original(request, pk: int):
    """The uploaded file, always as a download so a hostile HTML file never renders on our origin."""
    article = get_object_or_404(Article, pk=pk)
    if not article.original_file:
        raise Http404("No original file was kept for this article.")
    return FileResponse(article.original_file.open("rb"), as_attachment=True,
                        filename=article.original_filename or "original", content_type="application/octet-stream")


@editor_required
@require_http_methods(["GET", "POST"])
def article_upload(request):
    results = []
    if request.method == "POST":
        form = ArticleUploadForm(request.POST, request.FILES)
        if form.is_valid():
            overrides = form.overrides()
            if (form.cleaned_data.get("text") or "").strip():
                results.append(article_intake_text(text=form.cleaned_data["text"], overrides=overrides,
                                                   created_by=request.user))
            for upload in form.cleaned_data["files"]:
                # Each file goes in on its own: one bad file never stops the rest of the batch.
                results.append(article_intake_file(filename=upload.name, data=_read_upload(upload), size=upload.size,
                                                   overrides=overrides, created_by=request.user))
            if all(result.outcome != "error" for result in results):
                form = ArticleUploadForm()
        status = 400 if not form.is_valid() and not results else 200
    else:
        form, status = ArticleUploadForm(), 200
    return render(request, "archive/article_upload.html", {"form": form, "results": results}, status=status)


def _read_upload(upload) -> bytes:
    from django.conf import settings

    # Read one byte past the limit: enough to know the file is too large without holding more.
    return upload.read(settings.ARCHIVE_MAX_UPLOAD_BYTES + 1)


def entity_detail(request, slug: str):
    entity = get_object_or_404(Entity.objects.select_related("parent"), slug=slug)
    return render(request, "archive/entity_detail.html", {"entity": entity})
