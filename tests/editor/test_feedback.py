"""Editors' decisions reach the extractor: new aliases without a restart, rejections stay rejected."""

import pytest
from django.urls import reverse

from archive.models import Mention, MentionStatus
from archive.services import alias_add, extraction_run
from tests.factories import ArticleFactory, EntityFactory

pytestmark = pytest.mark.django_db


def _linked(article, entity) -> list[str]:
    return [article.body[m.start : m.end] for m in Mention.objects.filter(article=article, entity=entity)]


def test_alias_added_by_an_editor_is_used_by_the_next_extraction(editor):
    entity = EntityFactory(kind="weapon", name="Geran-2", slug="weapon-geran-2")
    alias_add(entity_id=entity.pk, text="Geran-2")
    first = ArticleFactory(body="Air defence shot down a Shahed-136 drone near the border on Monday.")
    extraction_run(article_id=first.pk)
    assert _linked(first, entity) == []

    alias_add(entity_id=entity.pk, text="Shahed-136", changed_by=editor)
    second = ArticleFactory(body="Another Shahed-136 drone was seen over the river on Tuesday.")
    extraction_run(article_id=second.pk)
    assert _linked(second, entity) == ["Shahed-136"]


def test_alias_confirmed_in_the_annotation_page_is_used_by_the_next_extraction(editor_client):
    entity = EntityFactory(kind="weapon", name="Lancet-3", slug="weapon-lancet-3")
    alias_add(entity_id=entity.pk, text="Lancet-3")
    article = ArticleFactory(body="Footage showed a Izdeliye-52 loitering munition striking a howitzer.")
    extraction_run(article_id=article.pk)
    start = article.body.index("Izdeliye-52")
    existing = Mention.objects.filter(article=article, start=start, end=start + 11).first()
    if existing is None:  # the extractor missed it: the editor adds it
        response = editor_client.post(
            reverse("archive:mention-create", args=[article.pk]),
            {"start": start, "end": start + 11, "entity_id": entity.pk},
        )
    else:  # the extractor proposed something else: the editor relinks it
        response = editor_client.post(
            reverse("archive:mention-relink", args=[article.pk, existing.pk]), {"entity_id": entity.pk}
        )
    assert response.status_code == 302
    assert _linked(article, entity) == ["Izdeliye-52"]

    later = ArticleFactory(body="An Izdeliye-52 hit the radar station, the ministry said.")
    extraction_run(article_id=later.pk)
    assert _linked(later, entity) == ["Izdeliye-52"]


def test_rejected_through_the_page_is_never_suggested_again(editor_client):
    entity = EntityFactory(kind="weapon", name="Kh-101", slug="weapon-kh-101")
    alias_add(entity_id=entity.pk, text="Kh-101")
    article = ArticleFactory(body="Bombers launched Kh-101 missiles at dawn, the air force said.")
    extraction_run(article_id=article.pk)
    mention = Mention.objects.get(article=article, entity=entity)
    response = editor_client.post(
        reverse("archive:mention-review", args=[article.pk, mention.pk]),
        {"status": "rejected"},
        HTTP_HX_REQUEST="true",
    )
    assert response.status_code == 200
    extraction_run(article_id=article.pk)
    extraction_run(article_id=article.pk)
    rows = Mention.objects.filter(article=article, entity=entity)
    assert [(row.pk, row.status) for row in rows] == [(mention.pk, MentionStatus.REJECTED)]
