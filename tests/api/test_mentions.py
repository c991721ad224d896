import pytest

from archive.models import Mention, MentionOrigin, MentionStatus, Tag, TagChange
from tests.factories import ArticleFactory, EntityFactory, MentionFactory

pytestmark = pytest.mark.django_db


def test_article_mentions_are_listed_in_text_order(api, tagged_articles):
    article = tagged_articles["articles"][0]
    data = api.get(f"/api/v1/articles/{article.pk}/mentions/").json()
    assert data["count"] == 2
    starts = [m["start"] for m in data["results"]]
    assert starts == sorted(starts)
    first = data["results"][0]
    assert article.body[first["start"] : first["end"]] == first["text"]
    assert first["entity"]["name"] == "Mi-24"
    filtered = api.get(f"/api/v1/articles/{article.pk}/mentions/", {"entity": tagged_articles["place"].pk})
    assert [m["text"] for m in filtered.json()["results"]] == ["Belarus"]
    assert api.get("/api/v1/articles/999999/mentions/").status_code == 404


def test_editor_adds_a_mention_by_offsets(editor_api, editor):
    article = ArticleFactory(body="Colonel Sergei Frolov commands the base.")
    person = EntityFactory(kind="person", name="Sergei Frolov", slug="person-sergei-frolov")
    response = editor_api.post(
        f"/api/v1/articles/{article.pk}/mentions/",
        {"start": 8, "end": 21, "entity": person.pk},
        format="json",
    )
    assert response.status_code == 201, response.json()
    data = response.json()
    assert (data["text"], data["status"], data["origin"], data["reviewer"]) == (
        "Sergei Frolov",
        "confirmed",
        "editor",
        "ed",
    )
    tag = Tag.objects.get(article=article, entity=person)
    assert tag.status == MentionStatus.CONFIRMED
    assert TagChange.objects.filter(article_id=article.pk, entity_id=person.pk, action="created").exists()


@pytest.mark.parametrize(
    ("payload", "field"),
    [
        ({"start": 5, "end": 5, "entity": 1}, "end"),
        ({"start": 0, "end": 500, "entity": None}, "entity"),
        ({"start": -1, "end": 4, "entity": 1}, "start"),
        ({"start": "a", "end": 4, "entity": 1}, "start"),
        ({"start": 0, "end": 4}, "entity"),
        ({"start": 0, "end": 4, "entity": 1, "confidence": 1}, "confidence"),
    ],
)
def test_bad_mentions_name_the_field(editor_api, payload, field):
    article = ArticleFactory()
    response = editor_api.post(f"/api/v1/articles/{article.pk}/mentions/", payload, format="json")
    assert response.status_code == 400
    assert field in response.json()["errors"]


def test_offsets_outside_the_body_and_unknown_entities_are_400(editor_api):
    article = ArticleFactory(body="Short text.")
    entity = EntityFactory()
    outside = editor_api.post(
        f"/api/v1/articles/{article.pk}/mentions/",
        {"start": 0, "end": 500, "entity": entity.pk},
        format="json",
    )
    assert outside.status_code == 400 and "start" in outside.json()["errors"]
    unknown = editor_api.post(
        f"/api/v1/articles/{article.pk}/mentions/", {"start": 0, "end": 5, "entity": 10**9}, format="json"
    )
    assert unknown.status_code == 400 and "entity" in unknown.json()["errors"]
    assert not Mention.objects.exists()


def test_confirm_reject_and_relink(editor_api, tagged_articles):
    article = tagged_articles["articles"][0]
    mention = article.mentions.get(entity=tagged_articles["family"])
    url = f"/api/v1/mentions/{mention.pk}/"

    confirmed = editor_api.patch(url, {"status": "confirmed"}, format="json")
    assert confirmed.status_code == 200 and confirmed.json()["status"] == "confirmed"
    assert confirmed.json()["reviewer"] == "ed"

    relinked = editor_api.patch(url, {"entity": tagged_articles["variant"].pk}, format="json")
    assert relinked.json()["entity"]["name"] == "Mi-35M" and relinked.json()["status"] == "confirmed"
    assert set(Tag.objects.filter(article=article).values_list("entity__name", flat=True)) == {
        "Mi-35M",
        "Belarus",
    }

    rejected = editor_api.patch(url, {"status": "rejected"}, format="json")
    assert rejected.json()["status"] == "rejected"
    assert set(Tag.objects.filter(article=article).values_list("entity__name", flat=True)) == {"Belarus"}


@pytest.mark.parametrize(
    "payload", [{}, {"status": "maybe"}, {"entity": "x"}, {"status": "confirmed", "x": 1}, {"entity": 10**9}]
)
def test_bad_reviews_are_400(editor_api, payload):
    mention = MentionFactory()
    response = editor_api.patch(f"/api/v1/mentions/{mention.pk}/", payload, format="json")
    assert response.status_code == 400
    mention.refresh_from_db()
    assert mention.status == MentionStatus.SUGGESTED and mention.origin == MentionOrigin.GAZETTEER


def test_mention_detail(api):
    mention = MentionFactory()
    assert api.get(f"/api/v1/mentions/{mention.pk}/").json()["id"] == mention.pk
    assert api.get("/api/v1/mentions/999999/").status_code == 404
