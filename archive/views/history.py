"""Who changed what, and when: the editorial history of an article and of an entity."""

from __future__ import annotations

from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import render
from django.views.decorators.http import require_GET

from archive import selectors_editor as edit
from archive.models import Article, Entity

from .common import editor_required

HISTORY_PAGE_SIZE = 100


@editor_required
@require_GET
def article_history(request, pk: int):
    article = Article.objects.only("pk", "title").filter(pk=pk).first()
    if article is None:
        raise Http404("No such article.")
    page = Paginator(edit.article_history(article_id=pk), HISTORY_PAGE_SIZE).get_page(request.GET.get("page"))
    return render(
        request, "archive/editor/history.html", {"subject": article, "kind": "article", "page": page}
    )


@editor_required
@require_GET
def entity_history(request, pk: int):
    entity = Entity.objects.only("pk", "name", "slug", "kind").filter(pk=pk).first()
    if entity is None:
        raise Http404("No such entity.")
    page = Paginator(edit.entity_history(entity_id=pk), HISTORY_PAGE_SIZE).get_page(request.GET.get("page"))
    return render(request, "archive/editor/history.html", {"subject": entity, "kind": "entity", "page": page})
