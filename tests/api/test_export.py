import csv
import io
import json

import pytest
from django.http import StreamingHttpResponse

pytestmark = pytest.mark.django_db


def test_csv_export_streams_every_tag(api, tagged_articles):
    response = api.get("/api/v1/export/tags.csv")
    assert response.status_code == 200
    assert isinstance(response, StreamingHttpResponse)
    assert response["Content-Type"].startswith("text/csv")
    assert 'filename="tags.csv"' in response["Content-Disposition"]
    rows = list(csv.DictReader(io.StringIO(b"".join(response.streaming_content).decode())))
    assert len(rows) == 6
    assert {row["entity_name"] for row in rows} == {"Mi-24", "Mi-35M", "Belarus"}
    assert "body" not in rows[0]


def test_jsonl_export_follows_the_article_filters(api, tagged_articles):
    variant = tagged_articles["variant"]
    response = api.get("/api/v1/export/tags.jsonl", {"entity": variant.pk, "language": "en"})
    assert response["Content-Type"].startswith("application/x-ndjson")
    lines = [json.loads(line) for line in b"".join(response.streaming_content).decode().splitlines()]
    article = tagged_articles["articles"][1]
    assert {line["article_id"] for line in lines} == {article.pk}
    assert {line["entity_name"] for line in lines} == {"Mi-35M", "Belarus"}
    assert all(set(line) >= {"article_title", "status", "salience", "mention_count"} for line in lines)


def test_export_with_bad_filters_is_400(api):
    response = api.get("/api/v1/export/tags.csv", {"entity": "x"})
    assert response.status_code == 400
    assert response.json()["errors"]["entity"]
