"""The reader pages follow ARCHIVE_ANONYMOUS_READ."""

import pytest
from django.urls import reverse

from .conftest import tagged_article

pytestmark = pytest.mark.django_db


@pytest.fixture
def reader_urls(mi24_family):
    article = tagged_article([(mi24_family["Mi-35M"], "Mi-35M")])
    return [
        reverse("archive:home"),
        reverse("archive:article-detail", args=[article.pk]),
        reverse("archive:entity-detail", args=["weapon-mi-24"]),
        reverse("archive:entity-feed", args=["weapon-mi-24"]),
    ]


def test_anonymous_visitors_read_by_default(client, reader_urls):
    for url in reader_urls:
        assert client.get(url).status_code == 200, url


def test_anonymous_visitors_are_sent_to_log_in_when_reading_is_closed(settings, client, reader_urls):
    settings.ARCHIVE_ANONYMOUS_READ = False
    for url in reader_urls:
        response = client.get(url)
        assert response.status_code == 302, url
        assert response["Location"].startswith(reverse("login")), url


def test_logged_in_readers_still_read_when_reading_is_closed(settings, reader_client, reader_urls):
    settings.ARCHIVE_ANONYMOUS_READ = False
    for url in reader_urls:
        assert reader_client.get(url).status_code == 200, url
