"""The entity page: family, aliases, timeline, co-mentions and articles (variants included)."""

import re
from datetime import UTC, datetime

import pytest
from django.urls import reverse

from archive.models import MentionStatus
from archive.services import tags_refresh
from tests.factories import AliasFactory, ArticleFactory, EntityFactory

from .conftest import mention, tagged_article
from .html import section

pytestmark = pytest.mark.django_db


def page(client, entity, **params):
    response = client.get(reverse("archive:entity-detail", args=[entity.slug]), params)
    assert response.status_code == 200
    return response.content.decode()


def when(year: int, month: int, day: int = 10) -> datetime:
    return datetime(year, month, day, 12, tzinfo=UTC)


def test_family_page_lists_articles_of_every_variant_and_says_so(client, mi24_family):
    def about(name: str, title: str, month: int):
        return tagged_article([(mi24_family[name], "Mi-35M")], title=title, published_at=when(2026, month))

    direct = about("Mi-24", "About the family", 1)
    variant = about("Mi-35", "About a variant", 2)
    deep = about("Mi-35M", "About a sub-variant", 3)
    unrelated = tagged_article([(EntityFactory(name="Ka-52"), "Mi-35M")], title="About another helicopter")

    articles = section(page(client, mi24_family["Mi-24"]), "articles-heading")
    # Newest first, each article once.
    assert articles.index(deep.title) < articles.index(variant.title) < articles.index(direct.title)
    assert unrelated.title not in articles
    assert "(3)" in articles

    html = page(client, mi24_family["Mi-24"])
    assert "include its 3 variants" in html
    # On a variant's page, only that variant and what is below it.
    variant_articles = section(page(client, mi24_family["Mi-35"]), "articles-heading")
    assert deep.title in variant_articles and variant.title in variant_articles
    assert direct.title not in variant_articles


def test_family_tree_shows_parents_above_and_variants_below(client, mi24_family):
    family = section(page(client, mi24_family["Mi-35"]), "family-heading")
    assert family.index("Mi-24") < family.index('aria-current="page">Mi-35<') < family.index("Mi-35M")
    assert "Mi-24P" not in family  # a sibling is on the family's own page

    top = section(page(client, mi24_family["Mi-24"]), "family-heading")
    for name in ("Mi-24P", "Mi-35", "Mi-35M"):
        assert f">{name}</a>" in top
    # Mi-35M sits inside the list under Mi-35.
    assert re.search(r">Mi-35</a>\s*<ul class=\"tree\">\s*<li><a [^>]*>Mi-35M</a>", top)


def test_aliases_in_every_script(client, mi24_family):
    for text, language in (("Hind", ""), ("Крокодил", "ru"), ("Крокодил-М", "uk")):
        AliasFactory(entity=mi24_family["Mi-24"], text=text, language=language)
    aliases = section(page(client, mi24_family["Mi-24"]), "aliases-heading")
    order = [aliases.index(text) for text in ("Latin", "Hind", "Cyrillic", "Крокодил")]
    assert order == sorted(order)
    assert '<li lang="ru">Крокодил</li>' in aliases


def test_timeline_svg_has_a_bar_per_month_with_counts_and_a_table(client, mi24_family):
    for month in (1, 1, 3):
        tagged_article([(mi24_family["Mi-35M"], "Mi-35M")], published_at=when(2026, month))
    article = ArticleFactory(published_at=when(2026, 3, 20))
    mention(article, mi24_family["Mi-24"], "Mi-35M")
    mention(article, mi24_family["Mi-35"], "Mi-35")
    tags_refresh(article=article)

    timeline = section(page(client, mi24_family["Mi-24"]), "timeline-heading")
    svg = timeline[timeline.index("<svg") : timeline.index("</svg>")]
    bars = re.findall(r'<rect class="bar"[^>]*><title>([^<]*)</title>', svg)
    assert bars == ["Jan 2026: 2 mentions in 2 articles", "Feb 2026: 0 mentions in 0 articles",
                    "Mar 2026: 3 mentions in 2 articles"]
    assert 'role="img"' in svg and "<desc" in svg
    assert "5 mentions in 4 articles" in timeline
    row = r"<tr><th scope=\"row\"><time[^>]*>([^<]*)</time></th><td>(\d+)</td><td>(\d+)</td></tr>"
    rows = re.findall(row, timeline)
    assert rows == [("Jan 2026", "2", "2"), ("Feb 2026", "0", "0"), ("Mar 2026", "2", "3")]


def test_co_mentions_rank_entities_by_shared_articles(client, mi24_family, belarus):
    serbia = EntityFactory(name="Serbia", kind="place", slug="place-serbia")
    body = "Mi-35M crews from Belarus and Serbia met."
    tagged_article([(mi24_family["Mi-35M"], "Mi-35M"), (belarus, "Belarus"), (serbia, "Serbia")], body=body)
    tagged_article([(mi24_family["Mi-24"], "Mi-35M"), (belarus, "Belarus")], body=body + " Again.")
    rejected = ArticleFactory(body=body + " Once more.")
    mention(rejected, mi24_family["Mi-24"], "Mi-35M")
    mention(rejected, serbia, "Serbia", status=MentionStatus.REJECTED)
    tags_refresh(article=rejected)

    together = section(page(client, mi24_family["Mi-24"]), "co-heading")
    assert together.index("Belarus") < together.index("Serbia")
    assert "2 articles" in together and "1 article<" in together
    assert "Mi-35M</a>" not in together  # the family itself is not its own neighbour


def test_articles_are_paginated(client, mi24_family):
    for day in range(1, 28):
        tagged_article(
            [(mi24_family["Mi-35M"], "Mi-35M")], title=f"Day {day:02d}", published_at=when(2026, 1, day)
        )
    first = section(page(client, mi24_family["Mi-24"]), "articles-heading")
    assert "Day 27" in first and "Day 03" in first and "Day 02" not in first
    second = section(page(client, mi24_family["Mi-24"], page=2), "articles-heading")
    assert "Day 02" in second and "Day 01" in second and "Day 27" not in second


def test_unknown_entity_is_404(client):
    assert client.get(reverse("archive:entity-detail", args=["no-such-thing"])).status_code == 404


@pytest.mark.parametrize("articles", [1, 15])
def test_entity_page_queries_do_not_grow_with_articles(
    client, django_assert_num_queries, mi24_family, belarus, articles
):
    for n in range(articles):
        variant = mi24_family["Mi-35M"] if n % 2 else mi24_family["Mi-24P"]
        tagged_article([(variant, "Mi-35M"), (belarus, "Belarus")], published_at=when(2025, 1 + n % 12))
    AliasFactory(entity=mi24_family["Mi-24"], text="Hind")

    # Entity with parents, variants, timeline (which also gives the article count), page of
    # articles, their family tags, co-mentions ranked then named, aliases.
    with django_assert_num_queries(8):
        html = page(client, mi24_family["Mi-24"])
    assert f"({articles})" in html
