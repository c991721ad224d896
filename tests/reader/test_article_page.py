"""The article page for readers: highlighted body, tags by kind, related articles."""

import io

import pytest
from django.test import Client
from django.urls import reverse

from archive.models import MentionStatus
from archive.services import tags_refresh
from tests.factories import ArticleFactory, EntityFactory

from .conftest import mention, tagged_article
from .html import article_body, mention_links, section, start_tags

pytestmark = pytest.mark.django_db


def page(client, article):
    response = client.get(reverse("archive:article-detail", args=[article.pk]))
    assert response.status_code == 200
    return response.content.decode()


def test_hostile_text_and_entity_names_render_inert(client):
    body = 'Before <script>alert("x")</script> the <img src=x onerror=alert(1)> launcher & "Mi-35M" fired.'
    hostile = EntityFactory(name="<img src=x onerror=alert(1)>", slug="weapon-hostile")
    article = ArticleFactory(title="<b>Bold</b> title", body=body)
    mention(article, hostile, "<img src=x onerror=alert(1)>")
    mention(article, EntityFactory(name="Mi-35M"), "Mi-35M")
    tags_refresh(article=article)

    html = page(client, article)
    body_html = article_body(html)
    assert "script" not in start_tags(body_html) and "img" not in start_tags(body_html)
    assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;" in body_html
    assert "&amp; &quot;" in body_html
    assert "<img" not in html and "<script>alert" not in html and "<b>Bold" not in html
    links = mention_links(body_html)
    assert [link["text"] for link in links] == ["<img src=x onerror=alert(1)>", "Mi-35M"]
    assert links[0]["title"] == "Weapon system: <img src=x onerror=alert(1)>"
    assert links[0]["href"] == "/entities/weapon-hostile/"


def test_every_highlight_covers_exactly_its_offsets(client, mi24_family, belarus):
    article = ArticleFactory(body="First line.\n\nThe Mi-35M flew over Belarus, then a second Mi-35M.\nEnd.")
    mention(article, mi24_family["Mi-35M"], "Mi-35M")
    mention(article, mi24_family["Mi-35M"], "Mi-35M", occurrence=1)
    mention(article, mi24_family["Mi-35"], "Mi-35")  # nested inside the first Mi-35M
    mention(article, belarus, "Belarus")
    tags_refresh(article=article)

    links = mention_links(article_body(page(client, article)))
    assert [(link["text"], link["href"]) for link in links] == [
        ("Mi-35", "/entities/weapon-mi-35/"),
        ("M", "/entities/weapon-mi-35m/"),
        ("Belarus", "/entities/place-belarus/"),
        ("Mi-35M", "/entities/weapon-mi-35m/"),
    ]
    for link in links:
        assert article.body[int(link["data-start"]) : int(link["data-end"])] == link["text"]
    assert "nested" in links[0]["class"].split()


def test_rejected_mentions_and_tags_are_not_shown(client, belarus):
    article = ArticleFactory()
    mention(article, belarus, "Belarus", status=MentionStatus.REJECTED)
    tags_refresh(article=article)

    html = page(client, article)
    assert mention_links(article_body(html)) == []
    assert "place-belarus" not in html


def test_tags_are_grouped_by_kind(client, mi24_family, belarus):
    article = tagged_article([(mi24_family["Mi-35M"], "Mi-35M"), (belarus, "Belarus")])
    tags = section(page(client, article), "tags-heading")
    assert tags.index("Weapon system") < tags.index("Mi-35M") < tags.index("Place") < tags.index("Belarus")


def test_related_articles_share_the_most_entities(client, mi24_family, belarus):
    article = tagged_article([(mi24_family["Mi-35M"], "Mi-35M"), (belarus, "Belarus")], title="The one")
    both = tagged_article([(mi24_family["Mi-35M"], "Mi-35M"), (belarus, "Belarus")], title="Shares both")
    one = tagged_article([(belarus, "Belarus")], title="Shares one")
    tagged_article([(mi24_family["Mi-24"], "Mi-35M")], title="Shares none")
    rejected = ArticleFactory(title="Shares a rejected tag")
    mention(rejected, belarus, "Belarus", status=MentionStatus.REJECTED)
    tags_refresh(article=rejected)

    related = section(page(client, article), "related-heading")
    assert related.index(both.title) < related.index(one.title)
    assert "2 shared entities" in related and "1 shared entity" in related
    for absent in ("Shares none", "Shares a rejected tag", "The one"):
        assert absent not in related


def test_editors_keep_status_original_and_near_duplicate(editor_client):
    original = ArticleFactory(title="Original story")
    copy = ArticleFactory(near_duplicate_of=original, near_duplicate_score=0.93, original_filename="copy.txt")
    copy.original_file.save("copy.txt", io.BytesIO(b"text"), save=True)

    editor_html = page(editor_client, copy)
    assert f'id="status-{copy.pk}"' in editor_html
    assert reverse("archive:article-original", args=[copy.pk]) in editor_html
    assert "Near duplicate (0.93)" in editor_html and "Original story" in editor_html

    reader_html = page(Client(), copy)
    assert f'id="status-{copy.pk}"' not in reader_html
    assert "original/" not in reader_html and "Near duplicate" not in reader_html


def test_unknown_article_is_404(client):
    assert client.get(reverse("archive:article-detail", args=[987654])).status_code == 404


@pytest.mark.parametrize("entities", [1, 12])
def test_article_page_queries_do_not_grow_with_mentions_and_tags(client, django_assert_num_queries, entities):
    words = [f"W{n}x" for n in range(entities)]
    article = ArticleFactory(body=" ".join(words * 3) + " end.")
    others = [ArticleFactory(body=f"Other {n} " + " ".join(words)) for n in range(entities)]
    for n, word in enumerate(words):
        entity = EntityFactory(name=word, kind=["weapon", "unit", "org", "person", "place"][n % 5])
        for occurrence in range(3):
            mention(article, entity, word, occurrence=occurrence)
        mention(others[n], entity, word)
    for each in [article, *others]:
        tags_refresh(article=each)

    # The article with its source, its tags, its mentions, the related articles ranked, then loaded.
    with django_assert_num_queries(5):
        html = page(client, article)
    assert len(mention_links(article_body(html))) == 3 * entities
