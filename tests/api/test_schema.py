"""The OpenAPI schema describes every endpoint, and the API keeps to it (checked with schemathesis)."""

import pytest
import schemathesis
from django.contrib.staticfiles import finders
from django.core.signals import request_finished, request_started
from django.db import close_old_connections
from hypothesis import HealthCheck, given, settings
from schemathesis.checks import (
    content_type_conformance,
    not_a_server_error,
    response_schema_conformance,
    status_code_conformance,
)

from archive.services import api_token_issue
from tests.factories import UserFactory

EXPECTED_PATHS = {
    "/api/v1/articles/",
    "/api/v1/articles/{id}/",
    "/api/v1/articles/{id}/extract/",
    "/api/v1/articles/{id}/mentions/",
    "/api/v1/mentions/{id}/",
    "/api/v1/entities/",
    "/api/v1/entities/{id}/",
    "/api/v1/entities/{id}/merge/",
    "/api/v1/tags/",
    "/api/v1/search/",
    "/api/v1/export/tags.csv",
    "/api/v1/export/tags.jsonl",
}


@pytest.mark.django_db
def test_schema_lists_every_endpoint_with_its_errors(api):
    response = api.get("/api/schema/", HTTP_ACCEPT="application/json")
    assert response.status_code == 200
    schema = response.json()
    assert schema["openapi"].startswith("3.")
    assert set(schema["paths"]) == EXPECTED_PATHS
    for path, operations in schema["paths"].items():
        for method, operation in operations.items():
            codes = set(operation["responses"])
            assert {"401", "403", "429"} <= codes, (method, path)
            if method != "get":
                assert {"400", "413", "415"} <= codes, (method, path)
            if "{id}" in path:
                assert "404" in codes, (method, path)
    assert schema["components"]["securitySchemes"]["tokenAuth"]["name"] == "Authorization"
    feed_parameters = {p["name"] for p in schema["paths"]["/api/v1/tags/"]["get"]["parameters"]}
    assert {"cursor", "page_size", "article", "entity"} <= feed_parameters
    article_parameters = {p["name"] for p in schema["paths"]["/api/v1/articles/"]["get"]["parameters"]}
    assert {
        "source",
        "language",
        "status",
        "entity",
        "kind",
        "published_after",
        "published_before",
        "updated_after",
        "updated_before",
        "page",
        "page_size",
    } <= article_parameters


@pytest.mark.django_db
def test_docs_ui_uses_local_assets(api):
    response = api.get("/api/docs/")
    assert response.status_code == 200
    html = response.content.decode()
    assert "/static/drf_spectacular_sidecar/swagger-ui-dist/swagger-ui-bundle.js" in html
    assert "//cdn" not in html and "unpkg" not in html and "jsdelivr" not in html
    assert finders.find("drf_spectacular_sidecar/swagger-ui-dist/swagger-ui-bundle.js")


# --- schemathesis: generated requests against the WSGI application --------------------------------


@pytest.fixture
def api_schema(db):
    from config.wsgi import application

    # As Django's test client does: a finished request must not close the test's database connection.
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    try:
        yield schemathesis.openapi.from_wsgi("/api/schema/", application)
    finally:
        request_started.connect(close_old_connections)
        request_finished.connect(close_old_connections)


@pytest.fixture
def editor_key(db):
    _token, key = api_token_issue(user=UserFactory(username="schema-editor", editor=True))
    return key


CHECKS = [not_a_server_error, response_schema_conformance, status_code_conformance, content_type_conformance]
EXAMPLES_PER_OPERATION = 15


def test_generated_requests_conform(api_schema, editor_key, tagged_articles):
    """Every operation, with generated valid and invalid input, as an editor: no 5xx, no answer off-schema."""
    headers = {"Authorization": f"Token {editor_key}"}
    operations = [result.ok() for result in api_schema.get_all_operations()]
    assert len(operations) >= 19

    for operation in operations:
        # One hypothesis run per operation (schemathesis' own pytest plugin does not run on this pytest).
        @given(case=operation.as_strategy())
        @settings(
            max_examples=EXAMPLES_PER_OPERATION,
            deadline=None,
            database=None,
            derandomize=True,
            suppress_health_check=list(HealthCheck),
        )
        def call(case):
            case.call_and_validate(headers=headers, checks=CHECKS)

        call()
