import pytest
from django.contrib.auth.models import Group
from django.urls import reverse

from tests.factories import ArticleFactory

pytestmark = pytest.mark.django_db


def test_anonymous_visitors_read_by_default(client):
    article = ArticleFactory()
    assert client.get(reverse("archive:home")).status_code == 200
    assert client.get(article.get_absolute_url()).status_code == 200


def test_anonymous_reading_can_be_turned_off(client, reader, settings):
    settings.ARCHIVE_ANONYMOUS_READ = False
    article = ArticleFactory()
    response = client.get(article.get_absolute_url())
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))
    assert client.get(reverse("login")).status_code == 200
    client.force_login(reader)
    assert client.get(article.get_absolute_url()).status_code == 200


def test_only_editors_reach_the_upload_form(client, reader, editor):
    url = reverse("archive:article-upload")
    assert client.get(url).status_code == 302
    client.force_login(reader)
    assert client.get(url).status_code == 403
    assert client.post(url, {"text": "A reader tries to add an article."}).status_code == 403
    client.force_login(editor)
    assert client.get(url).status_code == 200


def test_editors_group_has_write_permissions_on_archive_models(editor):
    group = Group.objects.get(name="editors")
    codenames = set(group.permissions.values_list("codename", flat=True))
    assert {"add_article", "change_mention", "change_entity", "add_alias", "delete_alias"} <= codenames
    assert editor.has_perm("archive.change_mention")


def test_original_file_downloads_only_for_editors_and_never_inline(editor_client):
    from django.test import Client

    client = Client()
    upload = reverse("archive:article-upload")
    from django.core.files.uploadedfile import SimpleUploadedFile

    page = (
        b"<html><body><article><p>"
        + b"Original HTML kept for editors to download. " * 5
        + b"</p></article></body></html>"
    )
    editor_client.post(upload, {"files": [SimpleUploadedFile("page.html", page, "text/html")]})
    from archive.models import Article

    article = Article.objects.get()
    url = reverse("archive:article-original", args=[article.pk])
    assert client.get(url).status_code == 302
    response = editor_client.get(url)
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith("attachment")
    assert response["Content-Type"] == "application/octet-stream"


def test_failed_logins_are_throttled(client, reader, settings):
    login = reverse("login")
    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        response = client.post(login, {"username": "reader", "password": "wrong"})
        assert response.status_code == 200
    assert client.post(login, {"username": "reader", "password": "wrong"}).status_code == 429
    # Locked out now, even with the right password.
    response = client.post(login, {"username": "reader", "password": "correct-horse-battery"})
    assert response.status_code == 429
    assert b"Too many failed logins" in response.content


def test_login_and_logout_pages_work(client, reader):
    response = client.post(reverse("login"), {"username": "reader", "password": "correct-horse-battery"})
    assert response.status_code == 302
    assert client.get(reverse("archive:home")).context["user"].is_authenticated
    client.post(reverse("logout"))
    assert not client.get(reverse("archive:home")).context["user"].is_authenticated
