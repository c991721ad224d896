import datetime as dt

import pytest
from django.utils import timezone

from archive.models import Article, ArticleStatus, Mention, Tag, TagChange, TagChangeAction
from tests.factories import ArticleFactory, SourceFactory

pytestmark = pytest.mark.django_db

BODY = "The 50th Mixed Aviation Base received two Su-30SM2 fighters at Baranovichi, the ministry said."


def test_list_has_tags_and_never_bodies(api, tagged_articles):
    response = api.get("/api/v1/articles/")
    assert response.status_code == 200
    data = response.json()
    assert set(data) == {"count", "next", "previous", "results"}
    assert data["count"] == 3
    for item in data["results"]:
        assert "body" not in item
        assert {tag["entity"]["name"] for tag in item["tags"]} in (
            {"Mi-24", "Belarus"},
            {"Mi-35M", "Belarus"},
        )
    assert b"reports on the Mi-35M helicopters" not in response.content


def test_list_filters(api, tagged_articles):
    articles, family, variant = (
        tagged_articles["articles"],
        tagged_articles["family"],
        tagged_articles["variant"],
    )
    ids = lambda response: sorted(item["id"] for item in response.json()["results"])  # noqa: E731
    assert ids(api.get("/api/v1/articles/", {"language": "ru"})) == [articles[2].pk]
    assert ids(api.get("/api/v1/articles/", {"source": articles[0].source_id})) == [articles[0].pk]
    # An entity includes its variants; a variant alone does not include its family.
    assert ids(api.get("/api/v1/articles/", {"entity": family.pk})) == sorted(a.pk for a in articles)
    assert ids(api.get("/api/v1/articles/", {"entity": variant.pk})) == sorted(a.pk for a in articles[1:])
    assert ids(api.get("/api/v1/articles/", {"kind": "place"})) == sorted(a.pk for a in articles)
    assert ids(api.get("/api/v1/articles/", {"kind": "person"})) == []
    assert ids(api.get("/api/v1/articles/", {"status": "done"})) == []
    Article.objects.filter(pk=articles[0].pk).update(published_at=dt.datetime(2024, 3, 1, tzinfo=dt.UTC))
    Article.objects.filter(pk=articles[1].pk).update(published_at=dt.datetime(2025, 3, 1, tzinfo=dt.UTC))
    assert ids(api.get("/api/v1/articles/", {"published_after": "2025-01-01T00:00:00Z"})) == [articles[1].pk]
    assert ids(api.get("/api/v1/articles/", {"published_before": "2025-01-01T00:00:00Z"})) == [articles[0].pk]
    later = (timezone.now() + dt.timedelta(hours=1)).isoformat()
    assert ids(api.get("/api/v1/articles/", {"updated_after": later})) == []
    assert len(ids(api.get("/api/v1/articles/", {"updated_before": later}))) == 3


@pytest.mark.parametrize(
    "params",
    [
        {"entity": "abc"},
        {"entity": "1.5"},
        {"entity": str(2**70)},
        {"kind": "tank"},
        {"status": "x"},
        {"published_after": "yesterday"},
        {"page": "0"},
        {"page": "99"},
        {"page_size": "x"},
        {"language": "e\x00n"},
    ],
)
def test_bad_filters_are_client_errors(api, tagged_articles, params):
    response = api.get("/api/v1/articles/", params)
    assert 400 <= response.status_code < 500
    assert "detail" in response.json()


def test_detail_has_body_and_tags(api, tagged_articles):
    article = tagged_articles["articles"][1]
    data = api.get(f"/api/v1/articles/{article.pk}/").json()
    assert data["body"] == article.body
    assert {tag["entity"]["name"] for tag in data["tags"]} == {"Mi-35M", "Belarus"}
    assert api.get("/api/v1/articles/999999/").status_code == 404


def test_editor_creates_article(editor_api, editor, django_capture_on_commit_callbacks):
    payload = {
        "title": "Fighters delivered",
        "body": BODY,
        "url": "https://example.org/a",
        "source": "Example",
        "author": "A. Writer",
        "published_at": "2025-05-01T10:00:00Z",
        "language": "en",
    }
    with django_capture_on_commit_callbacks() as callbacks:
        response = editor_api.post("/api/v1/articles/", payload, format="json")
    assert response.status_code == 201, response.json()
    article = Article.objects.get(pk=response.json()["id"])
    assert response.json()["status"] == ArticleStatus.QUEUED
    assert (article.title, article.source.name, article.created_by) == (
        "Fighters delivered",
        "Example",
        editor,
    )
    assert len(callbacks) == 1  # extraction is enqueued once the article is committed


def test_exact_duplicate_is_409_with_existing_id(editor_api):
    first = editor_api.post("/api/v1/articles/", {"title": "One", "body": BODY}, format="json")
    again = editor_api.post("/api/v1/articles/", {"title": "Two", "body": BODY}, format="json")
    assert again.status_code == 409
    assert again.json()["existing_id"] == first.json()["id"]
    assert Article.objects.count() == 1


@pytest.mark.parametrize(
    ("payload", "field"),
    [
        ({"title": "T"}, "body"),
        ({"title": "", "body": BODY}, "title"),
        ({"title": "T", "body": BODY, "colour": "red"}, "colour"),
        ({"title": ["T"], "body": BODY}, "title"),
        ({"title": "T", "body": BODY, "published_at": "not a date"}, "published_at"),
        ({"title": "T", "body": BODY, "url": "javascript:alert(1)"}, "url"),
        ({"title": "T", "body": "   "}, "body"),
        ({"title": "T", "body": BODY, "language": "english-language"}, "language"),
    ],
)
def test_invalid_article_names_the_field(editor_api, payload, field):
    response = editor_api.post("/api/v1/articles/", payload, format="json")
    assert response.status_code == 400
    assert field in response.json()["errors"]
    assert response.json()["detail"]


@pytest.mark.parametrize("raw", [b"{", b"[1, 2]", b"null", b'"text"', b"\xff\xfe"])
def test_malformed_json_is_400(editor_api, raw):
    response = editor_api.post("/api/v1/articles/", raw, content_type="application/json")
    assert response.status_code == 400
    assert response.json()["detail"]


def test_oversized_body_is_413(editor_api, settings):
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 10_000
    response = editor_api.post("/api/v1/articles/", {"title": "T", "body": "x" * 20_000}, format="json")
    assert response.status_code == 413
    assert response.json()["detail"]


def test_unsupported_media_type_is_415(editor_api):
    response = editor_api.post("/api/v1/articles/", b"title=T", content_type="text/plain")
    assert response.status_code == 415


def test_patch_changes_metadata_and_text(editor_api, tagged_articles, django_capture_on_commit_callbacks):
    article = tagged_articles["articles"][1]
    response = editor_api.patch(
        f"/api/v1/articles/{article.pk}/", {"title": "Renamed", "source": "Other"}, format="json"
    )
    assert response.status_code == 200, response.json()
    article.refresh_from_db()
    assert (article.title, article.source.name) == ("Renamed", "Other")
    assert article.history.first().history_user.username == "ed"

    new_body = "Belarus " + article.body  # every offset moves: mentions are dropped and extraction runs again
    with django_capture_on_commit_callbacks() as callbacks:
        response = editor_api.patch(f"/api/v1/articles/{article.pk}/", {"body": new_body}, format="json")
    assert response.status_code == 200
    assert response.json()["body"] == new_body
    assert not Mention.objects.filter(article=article).exists()
    assert not Tag.objects.filter(article=article).exists()
    assert len(callbacks) == 1


def test_patch_to_a_duplicate_text_is_409(editor_api, tagged_articles):
    first, second = tagged_articles["articles"][:2]
    response = editor_api.patch(f"/api/v1/articles/{second.pk}/", {"body": first.body}, format="json")
    assert response.status_code == 409
    assert response.json()["existing_id"] == first.pk


def test_delete_records_removed_tags(editor_api, tagged_articles):
    article = tagged_articles["articles"][0]
    tag_entities = set(Tag.objects.filter(article=article).values_list("entity_id", flat=True))
    response = editor_api.delete(f"/api/v1/articles/{article.pk}/")
    assert response.status_code == 204
    assert not Article.objects.filter(pk=article.pk).exists()
    removed = TagChange.objects.filter(article_id=article.pk, action=TagChangeAction.REMOVED)
    assert set(removed.values_list("entity_id", flat=True)) == tag_entities
    assert editor_api.delete(f"/api/v1/articles/{article.pk}/").status_code == 404


def test_extract_requeues(editor_api, django_capture_on_commit_callbacks):
    article = ArticleFactory(status=ArticleStatus.DONE)
    with django_capture_on_commit_callbacks() as callbacks:
        response = editor_api.post(f"/api/v1/articles/{article.pk}/extract/")
    assert response.status_code == 202
    assert response.json() == {"id": article.pk, "status": "queued"}
    article.refresh_from_db()
    assert article.status == ArticleStatus.QUEUED
    assert len(callbacks) == 1


def test_source_filter_lists_only_that_source(api):
    source = SourceFactory(name="Only")
    ArticleFactory(source=source)
    ArticleFactory()
    data = api.get("/api/v1/articles/", {"source": source.pk}).json()
    assert [item["source"] for item in data["results"]] == ["Only"]
