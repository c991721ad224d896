import hashlib
import logging

import pytest
from django.core.management import call_command
from django.test import override_settings
from rest_framework.test import APIClient

from archive.api.models import ApiToken
from archive.models import Article, Entity
from archive.services import api_token_issue
from tests.factories import ArticleFactory, EntityFactory, MentionFactory, UserFactory

pytestmark = pytest.mark.django_db


def test_token_is_stored_only_as_a_digest(editor):
    token, key = api_token_issue(user=editor, name="sync")
    stored = ApiToken.objects.get(pk=token.pk)
    assert stored.key_digest == hashlib.sha256(key.encode()).hexdigest()
    assert key not in {stored.key_digest, stored.prefix, stored.name}
    assert key.startswith(stored.prefix) and len(stored.prefix) == 8


def test_issue_token_prints_a_working_key_last(editor, capsys):
    call_command("issue_token", "ed", "--name", "newsroom")
    key = capsys.readouterr().out.strip().splitlines()[-1]
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {key}")
    response = client.post("/api/v1/articles/", {"title": "T", "body": "A new text."}, format="json")
    assert response.status_code == 201
    assert ApiToken.objects.get().last_used_at is not None


def test_revoked_token_is_refused(editor, capsys):
    token, key = api_token_issue(user=editor)
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {key}")
    assert client.get("/api/v1/articles/").status_code == 200
    call_command("revoke_token", token.prefix)
    assert "Revoked 1 token" in capsys.readouterr().out
    response = client.get("/api/v1/articles/")
    assert response.status_code == 401
    assert response["WWW-Authenticate"] == "Token"


def test_revoke_all_tokens_of_a_user(editor):
    keys = [api_token_issue(user=editor)[1] for _ in range(2)]
    call_command("revoke_token", "--user", "ed")
    for key in keys:
        client = APIClient()
        client.credentials(HTTP_AUTHORIZATION=f"Token {key}")
        assert client.get("/api/v1/articles/").status_code == 401


@pytest.mark.parametrize("header", ["Token", "Token a b", "Token wrong-key", "Token \u00e9t\u00e9"])
def test_malformed_or_unknown_tokens_are_401(header):
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=header.encode("utf-8").decode("latin-1"))
    response = client.get("/api/v1/articles/")
    assert response.status_code == 401
    assert response.json()["detail"]


def test_token_of_inactive_user_is_refused(editor):
    _token, key = api_token_issue(user=editor)
    editor.is_active = False
    editor.save()
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {key}")
    assert client.get("/api/v1/articles/").status_code == 401


class _Collect(logging.Handler):
    def __init__(self):
        super().__init__(level=logging.DEBUG)
        self.lines: list[str] = []

    def emit(self, record):
        self.lines.append(self.format(record))


def test_keys_never_reach_the_logs(editor):
    collected, root = _Collect(), logging.getLogger()
    level = root.level
    root.addHandler(collected)
    root.setLevel(logging.DEBUG)
    try:
        _token, key = api_token_issue(user=editor)
        client = APIClient()
        client.credentials(HTTP_AUTHORIZATION=f"Token {key}")
        client.get("/api/v1/articles/")
        client.credentials(HTTP_AUTHORIZATION=f"Token {key}x")
        client.get("/api/v1/articles/")  # refused: logged as a 401 warning, without the header
    finally:
        root.removeHandler(collected)
        root.setLevel(level)
    assert any("401" in line or "Unauthorized" in line for line in collected.lines)
    assert not any(key in line for line in collected.lines)


@pytest.fixture
def write_targets(db):
    article = ArticleFactory()
    mention = MentionFactory(article=article)
    entity, other = mention.entity, EntityFactory()
    return [
        ("post", "/api/v1/articles/", {"title": "T", "body": "Some new text."}),
        ("patch", f"/api/v1/articles/{article.pk}/", {"title": "New"}),
        ("delete", f"/api/v1/articles/{article.pk}/", None),
        ("post", f"/api/v1/articles/{article.pk}/extract/", None),
        ("post", f"/api/v1/articles/{article.pk}/mentions/", {"start": 0, "end": 7, "entity": entity.pk}),
        ("patch", f"/api/v1/mentions/{mention.pk}/", {"status": "confirmed"}),
        ("post", "/api/v1/entities/", {"kind": "weapon", "name": "New"}),
        ("patch", f"/api/v1/entities/{entity.pk}/", {"name": "Renamed"}),
        ("post", f"/api/v1/entities/{other.pk}/merge/", {"target": entity.pk}),
    ]


def _snapshot():
    return (
        list(Article.objects.values_list("pk", "title", "status")),
        list(Entity.objects.values_list("pk", "name")),
    )


def test_anonymous_and_readers_cannot_write(write_targets, reader_api, reader):
    session_reader = APIClient()
    session_reader.force_login(reader)
    before = _snapshot()
    for method, url, payload in write_targets:
        assert getattr(APIClient(), method)(url, payload, format="json").status_code == 401, url
        assert getattr(reader_api, method)(url, payload, format="json").status_code == 403, url
        assert getattr(session_reader, method)(url, payload, format="json").status_code == 403, url
    assert _snapshot() == before


def test_session_writes_need_the_csrf_token(editor):
    client = APIClient(enforce_csrf_checks=True)
    client.force_login(editor)
    payload = {"title": "T", "body": "Text sent from the browsable API."}
    refused = client.post("/api/v1/articles/", payload, format="json")
    assert refused.status_code == 403
    assert "CSRF" in refused.json()["detail"]
    client.get("/api/v1/articles/", HTTP_ACCEPT="text/html")
    token = client.cookies["csrftoken"].value
    accepted = client.post("/api/v1/articles/", payload, format="json", HTTP_X_CSRFTOKEN=token)
    assert accepted.status_code == 201


def test_superuser_writes(db):
    admin = UserFactory(username="root", is_superuser=True, is_staff=True)
    _token, key = api_token_issue(user=admin)
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {key}")
    assert client.post("/api/v1/entities/", {"kind": "org", "name": "NATO"}, format="json").status_code == 201


@override_settings(ARCHIVE_ANONYMOUS_READ=False)
def test_reading_needs_a_login_when_anonymous_reading_is_off(reader_api):
    assert APIClient().get("/api/v1/entities/").status_code == 401
    assert reader_api.get("/api/v1/entities/").status_code == 200


def test_throttled_clients_get_429_with_retry_after(settings, reader_api):
    settings.REST_FRAMEWORK = {
        **settings.REST_FRAMEWORK,
        "DEFAULT_THROTTLE_RATES": {"anon": "2/min", "client": "3/min"},
    }
    assert [reader_api.get("/api/v1/entities/").status_code for _ in range(3)] == [200] * 3
    response = reader_api.get("/api/v1/entities/")
    assert response.status_code == 429
    assert 0 < int(response["Retry-After"]) <= 60
    assert response.json()["detail"]
    # Clients are counted apart: anonymous visitors have their own budget.
    anonymous = APIClient()
    assert [anonymous.get("/api/v1/entities/").status_code for _ in range(3)] == [200, 200, 429]


def test_issue_token_for_an_unknown_user_fails(db):
    from django.core.management.base import CommandError

    with pytest.raises(CommandError, match="No user named"):
        call_command("issue_token", "nobody")
    with pytest.raises(CommandError, match="No active token"):
        call_command("revoke_token", "abcdefgh")
