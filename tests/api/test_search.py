import pytest

from archive.search import index_articles
from tests.factories import ArticleFactory

pytestmark = pytest.mark.django_db


def test_search_finds_articles(api):
    hit = ArticleFactory(title="Frigate launched", body="The shipyard launched a new frigate for the navy.")
    ArticleFactory(title="Tanks", body="Armoured brigades trained with tanks near the border.")
    index_articles(article_ids=[hit.pk])
    index_articles(
        article_ids=list(ArticleFactory._meta.model.objects.exclude(pk=hit.pk).values_list("pk", flat=True))
    )
    data = api.get("/api/v1/search/", {"q": "frigate"}).json()
    assert data["count"] == 1
    assert data["results"][0]["article_id"] == hit.pk
    assert "<mark>" in data["results"][0]["snippet"]
    assert set(data) == {"count", "count_exact", "next", "previous", "results", "facets"}
    assert data["count_exact"] is True


@pytest.mark.parametrize("params", [{"page": "x"}, {"date_from": "soon"}, {"kind": "tank"}, {"sort": "best"}])
def test_bad_search_parameters_are_400(api, params):
    response = api.get("/api/v1/search/", params)
    assert response.status_code == 400
    assert response.json()["detail"]


def test_null_characters_are_400(api):
    response = api.get("/api/v1/search/", {"entity": "x\x00y"})
    assert response.status_code == 400
    assert "entity" in response.json()["errors"]
