import pytest
from django.core.cache import cache
from rest_framework.test import APIClient

from archive.api import feed
from archive.services import api_token_issue
from tests.factories import ArticleFactory, EntityFactory, MentionFactory, UserFactory

HIGH_RATES = {"anon": "100000/min", "client": "100000/min"}


@pytest.fixture(autouse=True)
def _api_state(settings):
    """Every test starts with empty throttle counters, generous rates and no remembered feed snapshots."""
    settings.REST_FRAMEWORK = {**settings.REST_FRAMEWORK, "DEFAULT_THROTTLE_RATES": HIGH_RATES}
    cache.clear()
    feed._observations.clear()
    yield
    cache.clear()


@pytest.fixture
def api():
    return APIClient()


def client_with_token(user) -> APIClient:
    _token, key = api_token_issue(user=user, name="tests")
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {key}")
    return client


@pytest.fixture
def editor_api(editor):
    return client_with_token(editor)


@pytest.fixture
def reader_api(reader):
    return client_with_token(reader)


@pytest.fixture
def tagged_articles(db):
    """Three articles, each with two confirmed-or-suggested tags, built through the real tag service."""
    from archive.services import tags_refresh

    family = EntityFactory(name="Mi-24")
    variant = EntityFactory(name="Mi-35M", parent=family)
    place = EntityFactory(name="Belarus", kind="place", slug="place-belarus")
    articles = []
    for n in range(3):
        article = ArticleFactory(language="en" if n < 2 else "ru")
        body = article.body
        MentionFactory(
            article=article,
            entity=variant if n else family,
            start=body.index("Mi-35M"),
            end=body.index("Mi-35M") + 6,
        )
        MentionFactory(
            article=article, entity=place, start=body.index("Belarus"), end=body.index("Belarus") + 7
        )
        tags_refresh(article=article)
        articles.append(article)
    return {"articles": articles, "family": family, "variant": variant, "place": place}


__all__ = ["UserFactory"]
