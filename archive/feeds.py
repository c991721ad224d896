"""Atom feeds for readers: the newest articles about an entity, its variants included."""

from __future__ import annotations

from dataclasses import dataclass

from django.contrib.syndication.views import Feed
from django.http import Http404
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed
from django.utils.text import Truncator

from .models import Article, Entity
from .selectors_reader import EntityFamily, entity_family, family_feed_articles, reader_entity

FEED_SIZE = 50
SUMMARY_WORDS = 60


@dataclass(frozen=True)
class FeedSubject:
    entity: Entity
    family: EntityFamily


class EntityFeed(Feed):
    """``entities/<slug>/feed/``: three queries whatever the number of articles."""

    feed_type = Atom1Feed

    def get_object(self, request, slug: str) -> FeedSubject:
        try:
            entity = reader_entity(slug=slug)
        except Entity.DoesNotExist as exc:
            raise Http404("No such entity.") from exc
        return FeedSubject(entity=entity, family=entity_family(entity))

    def title(self, obj: FeedSubject) -> str:
        return f"{obj.entity.name} · Defense news archive"

    def link(self, obj: FeedSubject) -> str:
        return obj.entity.get_absolute_url()

    def feed_url(self, obj: FeedSubject) -> str:
        return reverse("archive:entity-feed", args=[obj.entity.slug])

    def subtitle(self, obj: FeedSubject) -> str:
        variants = obj.family.variant_count
        scope = ""
        if variants:
            scope = " or its variant" if variants == 1 else f" or one of its {variants} variants"
        return f"Newest articles tagged with {obj.entity.name}{scope}."

    def items(self, obj: FeedSubject) -> list[Article]:
        return family_feed_articles(entity_ids=obj.family.ids, limit=FEED_SIZE)

    def item_title(self, item: Article) -> str:
        return item.title

    def item_description(self, item: Article) -> str:
        # Plain text: the feed generator escapes it, so nothing in an article body becomes markup.
        return Truncator(" ".join(item.lead.split())).words(SUMMARY_WORDS)

    def item_link(self, item: Article) -> str:
        return item.get_absolute_url()

    def item_pubdate(self, item: Article):
        return item.published_at or item.created_at

    def item_updateddate(self, item: Article):
        return item.updated_at

    def item_author_name(self, item: Article) -> str | None:
        return item.author or (item.source.name if item.source else None)
