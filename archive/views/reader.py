"""Pages for readers: home, article, entity. Each renders in a fixed number of queries."""

import pycountry
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import redirect, render

from archive import charts
from archive import selectors_reader as read
from archive.models import Article, Entity, EntityMerge

ENTITY_PAGE_SIZE = 25


def home(request):
    trending = read.trending_entities(days=30)
    top = max((count.articles for counts in trending.values() for count in counts), default=0)
    context = {
        "latest": read.reader_latest_articles(limit=12),
        "trending": [
            (read.KIND_LABELS[kind], [(count, charts.bar_svg(count.articles, top)) for count in counts])
            for kind, counts in trending.items()
        ],
    }
    return render(request, "archive/home.html", context)


def article_detail(request, pk: int):
    try:
        article = read.reader_article(pk=pk)
    except Article.DoesNotExist as exc:
        raise Http404("No such article.") from exc
    spans = read.article_mention_spans(article_id=article.pk)
    context = {
        "article": article,
        "paragraphs": read.body_paragraphs(article.body, spans),
        "tag_groups": read.tags_by_kind(article.reader_tags),
        "related": read.related_articles(
            article_id=article.pk, entity_ids=[tag.entity_id for tag in article.reader_tags]
        ),
    }
    return render(request, "archive/article_detail.html", context)


def entity_detail(request, slug: str):
    try:
        entity = read.reader_entity(slug=slug)
    except Entity.DoesNotExist as exc:
        merges = EntityMerge.objects.filter(source_slug=slug).select_related("target")
        merged = merges.order_by("-merged_at").first()
        if merged is not None:  # the entity was merged into another: its old address leads there
            return redirect(merged.target, permanent=True)
        raise Http404("No such entity.") from exc
    family = read.entity_family(entity)
    months = read.family_timeline(entity_ids=family.ids)
    paginator = Paginator(read.family_articles(entity_ids=family.ids), ENTITY_PAGE_SIZE)
    # Every article falls in exactly one month of the timeline, so its counts add up to the
    # number of articles: no separate COUNT over the family.
    paginator.count = sum(month.articles for month in months)
    page = paginator.get_page(request.GET.get("page"))
    articles = list(page.object_list)
    tagged_as = read.family_tags_of(entity_ids=family.ids, article_ids=[a.pk for a in articles])
    co_mentions = read.co_mentioned(entity_ids=family.ids)
    top = max((count.articles for count in co_mentions), default=0)
    context = {
        "entity": entity,
        "country_name": country_name(entity.country),
        "family": family,
        "aliases": read.entity_alias_groups(entity_id=entity.pk),
        "page": page,
        "articles": [(article, tagged_as.get(article.pk, [])) for article in articles],
        "months": months,
        "timeline": charts.timeline_svg(months, chart_id="timeline", subject=entity.name),
        "timeline_summary": charts.timeline_summary(months) if months else "",
        "co_mentions": [(count, charts.bar_svg(count.articles, top)) for count in co_mentions],
    }
    return render(request, "archive/entity_detail.html", context)


def country_name(code: str) -> str:
    country = pycountry.countries.get(alpha_2=code) if code else None
    return getattr(country, "common_name", None) or (country.name if country else code)
