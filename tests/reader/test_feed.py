"""The Atom feed of an entity, its variants included."""

import xml.etree.ElementTree as ET
from datetime import UTC, datetime

import pytest
from django.urls import reverse

from archive.models import MentionStatus
from archive.services import tags_refresh
from tests.factories import ArticleFactory

from .conftest import mention, tagged_article

pytestmark = pytest.mark.django_db
ATOM = "{http://www.w3.org/2005/Atom}"


def feed(client, entity) -> ET.Element:
    response = client.get(reverse("archive:entity-feed", args=[entity.slug]))
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/atom+xml")
    return feed_root(response.content)


def feed_root(content: bytes) -> ET.Element:
    return ET.fromstring(content)  # noqa: S314 - the app's own output, in a test


def test_feed_is_valid_atom_with_the_variants_articles(client, mi24_family):
    old = tagged_article([(mi24_family["Mi-24"], "Mi-35M")], title="Family story",
                         published_at=datetime(2026, 1, 5, tzinfo=UTC))
    new = tagged_article([(mi24_family["Mi-35M"], "Mi-35M")], title="Variant story",
                         published_at=datetime(2026, 2, 5, tzinfo=UTC))
    hidden = ArticleFactory(title="Rejected story")
    mention(hidden, mi24_family["Mi-35M"], "Mi-35M", status=MentionStatus.REJECTED)
    tags_refresh(article=hidden)

    root = feed(client, mi24_family["Mi-24"])
    assert root.tag == f"{ATOM}feed"
    for required in ("id", "title", "updated"):
        assert root.find(f"{ATOM}{required}").text
    assert "Mi-24" in root.find(f"{ATOM}title").text
    assert "3 variants" in root.find(f"{ATOM}subtitle").text
    self_link = root.find(f"{ATOM}link[@rel='self']")
    assert self_link.get("href").endswith("/entities/weapon-mi-24/feed/")

    entries = root.findall(f"{ATOM}entry")
    assert [e.find(f"{ATOM}title").text for e in entries] == ["Variant story", "Family story"]
    for entry, article in zip(entries, [new, old], strict=True):
        assert entry.find(f"{ATOM}id").text
        assert entry.find(f"{ATOM}updated").text
        assert entry.find(f"{ATOM}link").get("href").endswith(f"/articles/{article.pk}/")
        assert entry.find(f"{ATOM}published").text.startswith(article.published_at.date().isoformat())
        assert entry.find(f"{ATOM}summary").text.startswith("Article number")


def test_feed_summary_is_plain_text(client, mi24_family):
    body = "The Mi-35M <script>alert(1)</script> & <b>more</b>."
    tagged_article([(mi24_family["Mi-35M"], "Mi-35M")], body=body)
    response = client.get(reverse("archive:entity-feed", args=["weapon-mi-35m"]))
    assert b"<script>" not in response.content and b"&lt;script&gt;" in response.content
    summary = feed_root(response.content).find(f"{ATOM}entry/{ATOM}summary")
    assert summary.text == body


def test_unknown_entity_feed_is_404(client):
    assert client.get(reverse("archive:entity-feed", args=["nothing-here"])).status_code == 404


@pytest.mark.parametrize("articles", [1, 10])
def test_feed_queries_do_not_grow_with_articles(client, django_assert_num_queries, mi24_family, articles):
    for _ in range(articles):
        tagged_article([(mi24_family["Mi-35M"], "Mi-35M")])
    with django_assert_num_queries(3):  # the entity with its parents, its variants, the articles
        root = feed(client, mi24_family["Mi-24"])
    assert len(root.findall(f"{ATOM}entry")) == articles


def test_entity_page_announces_its_feed(client, mi24_family):
    html = client.get(reverse("archive:entity-detail", args=["weapon-mi-24"])).content.decode()
    assert '<link rel="alternate" type="application/atom+xml"' in html
    assert 'href="/entities/weapon-mi-24/feed/"' in html
