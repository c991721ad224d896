"""Small hand-made articles for the search tests, indexed the way the services index them."""

from __future__ import annotations

from datetime import UTC, datetime

from archive.ingest import fingerprint
from archive.models import Article, Entity, Source, Tag
from archive.search import index_articles
from tests.factories import ArticleFactory, EntityFactory


def entity(name: str, *, kind: str = "weapon", parent: Entity | None = None) -> Entity:
    return EntityFactory(name=name, kind=kind, parent=parent, slug=f"{kind}-{name}".lower().replace(" ", "-"))


def source(name: str) -> Source:
    return Source.objects.get_or_create(name=name)[0]


def article(
    title: str,
    body: str,
    *,
    entities=(),
    source_name: str | None = "Default Wire",
    published: str | None = "2024-05-01",
    language: str = "en",
) -> Article:
    """An article tagged with ``entities`` and indexed, as a write path would leave it."""
    created = ArticleFactory(
        title=title,
        body=body,
        content_hash=fingerprint(body).content_hash,
        source=source(source_name) if source_name else None,
        published_at=datetime.fromisoformat(published).replace(tzinfo=UTC) if published else None,
        language=language,
    )
    for position, tagged in enumerate(entities):
        Tag.objects.create(article=created, entity=tagged, mention_count=1, salience=0.5 - position / 100)
    index_articles(article_ids=[created.pk])
    return created
