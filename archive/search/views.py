"""The readers' search page and its Atom feed. They validate, call ``search_articles`` and render."""

from __future__ import annotations

from django.contrib.syndication.views import Feed
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed

from archive.models import Entity

from .forms import SearchForm
from .links import facet_links
from .selectors import Hit, search_articles

FEED_SIZE = 50


def _search(form: SearchForm, **overrides):
    """(page, error): the search of a valid form, or the reason it cannot run."""
    if not form.is_valid():
        return None, " ".join(
            f"{form.fields[name].label or name}: {' '.join(errors)}" for name, errors in form.errors.items()
        )
    try:
        return search_articles(**{**form.search_arguments(), **overrides}), ""
    except ValueError as exc:
        return None, str(exc)


def search(request: HttpRequest) -> HttpResponse:
    form = SearchForm(request.GET)
    page, error = _search(form) if request.GET else (None, "")
    entity = _active_entity(form.cleaned_data.get("entity")) if page is not None else None
    context = {
        "form": form,
        "page": page,
        "error": error,
        "entity": entity,
        "facets": facet_links(request.GET, page.facets) if page else [],
        "feed_query": request.GET.urlencode(),
    }
    template = "archive/search.html"
    if request.htmx and request.htmx.target == "search-body":
        # The result count lives outside the swapped part, in a live region that stays in the
        # page, so screen readers announce each new count; htmx updates it out of band.
        template, context["oob_count"] = "archive/_search_body.html", True
    return render(request, template, context, status=400 if error else 200)


def _active_entity(value: str | None) -> Entity | None:
    """The entity the results are filtered on, to name it on the page."""
    if not value:
        return None
    return Entity.objects.filter(**({"pk": int(value)} if value.isdigit() else {"slug": value})).first()


class SearchFeed(Feed):
    """The newest matches of any search, as Atom: ``/search/feed/?<the search page's parameters>``."""

    feed_type = Atom1Feed
    description_template = None

    def get_object(self, request: HttpRequest, *args, **kwargs):
        form = SearchForm(request.GET)
        page, error = _search(form, sort="date", page=1)
        if page is None:
            raise Http404(error)
        query = form.cleaned_data["q"]
        return {"query": query, "hits": page.results[:FEED_SIZE], "params": request.GET.urlencode()}

    def title(self, obj) -> str:
        return f"Defense news archive: {obj['query']}" if obj["query"] else "Defense news archive: search"

    def subtitle(self, obj) -> str:
        return "The newest articles matching a search of the archive."

    def link(self, obj) -> str:
        return reverse("archive:search:page") + (f"?{obj['params']}" if obj["params"] else "")

    def items(self, obj) -> list[Hit]:
        return obj["hits"]

    def item_title(self, item: Hit) -> str:
        return item.title

    def item_description(self, item: Hit) -> str:
        return item.snippet

    def item_link(self, item: Hit) -> str:
        return reverse("archive:article-detail", args=[item.article_id])

    def item_pubdate(self, item: Hit):
        return item.published_at

    def item_categories(self, item: Hit) -> list[str]:
        return [tag["name"] for tag in item.tags]
