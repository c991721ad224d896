"""Pages for readers: home, article, entity."""

from django.shortcuts import get_object_or_404, render

from archive import selectors
from archive.models import Entity


def home(request):
    return render(request, "archive/home.html", {"latest": selectors.latest_articles(limit=20)})


def article_detail(request, pk: int):
    article = get_object_or_404(selectors.article_with_tags(), pk=pk)
    return render(request, "archive/article_detail.html", {"article": article})


def entity_detail(request, slug: str):
    entity = get_object_or_404(Entity.objects.select_related("parent"), slug=slug)
    return render(request, "archive/entity_detail.html", {"entity": entity})
