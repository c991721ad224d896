"""The home page: search box, latest articles, most-mentioned entities of the last 30 days."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from archive.models import MentionStatus
from archive.services import tags_refresh
from tests.factories import ArticleFactory, EntityFactory

from .conftest import mention, tagged_article
from .html import section

pytestmark = pytest.mark.django_db


def home(client) -> str:
    response = client.get(reverse("archive:home"))
    assert response.status_code == 200
    return response.content.decode()


def test_search_box_sends_q_to_the_search_page(client):
    html = home(client)
    form = html[html.index('<form class="search-box"') : html.index("</form>")]
    assert 'role="search"' in form and 'method="get"' in form and 'action="/search/"' in form
    assert 'name="q"' in form and '<label for="home-q">' in form


def test_latest_articles_newest_published_first(client):
    now = timezone.now()
    ArticleFactory(title="Older", published_at=now - timedelta(days=3))
    ArticleFactory(title="Newer", published_at=now - timedelta(days=1))
    ArticleFactory(title="Undated")
    latest = section(home(client), "latest-heading")
    assert latest.index("Newer") < latest.index("Older") < latest.index("Undated")


def test_most_mentioned_counts_articles_of_the_last_30_days_by_kind(client, mi24_family, belarus):
    now = timezone.now()
    recent = {"published_at": now - timedelta(days=2)}
    serbia = EntityFactory(name="Serbia", kind="place", slug="place-serbia")
    body = "Mi-35M crews from Belarus and Serbia met."
    for n in range(3):
        pairs = [(mi24_family["Mi-35M"], "Mi-35M"), (belarus, "Belarus")]
        tagged_article(pairs, body=f"{n} {body}", **recent)
    tagged_article([(serbia, "Serbia")], body=f"x {body}", **recent)
    # Old articles and rejected tags do not count.
    for n in range(5):
        tagged_article([(serbia, "Serbia")], body=f"old {n} {body}", published_at=now - timedelta(days=40))
    for n in range(5):
        article = ArticleFactory(body=f"rejected {n} {body}", **recent)
        mention(article, serbia, "Serbia", status=MentionStatus.REJECTED)
        tags_refresh(article=article)

    trending = section(home(client), "trending-heading")
    assert trending.index("Weapon system") < trending.index("Mi-35M") < trending.index("Place")
    places = trending[trending.index("Place") :]
    assert places.index("Belarus") < places.index("Serbia")
    assert "3 articles" in places and "1 article<" in places


@pytest.mark.parametrize("articles", [1, 15])
def test_home_queries_do_not_grow(client, django_assert_num_queries, mi24_family, belarus, articles):
    for n in range(articles):
        tagged_article([(mi24_family["Mi-35M"], "Mi-35M"), (belarus, "Belarus")],
                       published_at=timezone.now() - timedelta(days=n % 20))
    with django_assert_num_queries(2):  # latest articles, most-mentioned entities
        html = home(client)
    assert html.count('class="article-row"') == min(articles, 12)


def test_the_search_box_reaches_the_search_page(client):
    html = home(client)
    action = html.split('<form class="search-box"', 1)[1].split('action="', 1)[1].split('"', 1)[0]
    response = client.get(action, {"q": "Mi-35M"})
    assert response.status_code == 200
