"""Tags: the article-level aggregate of mentions that readers facet on and clients pull."""

from __future__ import annotations

from django.utils import timezone

from archive.models import Article, Mention, MentionStatus, Tag, TagChange, TagChangeAction
from archive.search import index_articles as search_index_articles


def _salience(count: int, most: int, first_start: int, length: int) -> float:
    # Named often, and early, means the article is about it.
    frequency = count / most if most else 0.0
    earliness = 1.0 - (first_start / length) if length else 0.0
    return round(min(1.0, 0.6 * frequency + 0.4 * earliness), 4)


def tags_refresh(*, article: Article) -> None:
    """Bring the article's tags in line with its mentions; unchanged tags keep their ``updated_at``."""
    stats: dict[int, list] = {}  # entity -> [count, confirmed?, first start]
    rows = Mention.objects.filter(article_id=article.pk).exclude(status=MentionStatus.REJECTED)
    for entity_id, status, start in rows.values_list("entity_id", "status", "start"):
        entry = stats.setdefault(entity_id, [0, False, start])
        entry[0] += 1
        entry[1] = entry[1] or status == MentionStatus.CONFIRMED
        entry[2] = min(entry[2], start)
    most = max((s[0] for s in stats.values()), default=0)
    length = len(article.body)
    wanted = {
        entity_id: (
            count,
            _salience(count, most, first, length),
            MentionStatus.CONFIRMED if confirmed else MentionStatus.SUGGESTED,
        )
        for entity_id, (count, confirmed, first) in stats.items()
    }
    existing = {tag.entity_id: tag for tag in Tag.objects.filter(article_id=article.pk)}
    gone = [tag for entity_id, tag in existing.items() if entity_id not in wanted]
    if gone:
        Tag.objects.filter(pk__in=[tag.pk for tag in gone]).delete()
    now = timezone.now()
    to_create, to_update = [], []
    for entity_id, (count, salience, status) in wanted.items():
        tag = existing.get(entity_id)
        if tag is None:
            to_create.append(
                Tag(
                    article_id=article.pk,
                    entity_id=entity_id,
                    mention_count=count,
                    salience=salience,
                    status=status,
                )
            )
        elif (tag.mention_count, tag.salience, tag.status) != (count, salience, status):
            tag.mention_count, tag.salience, tag.status, tag.updated_at = count, salience, status, now
            to_update.append(tag)
    Tag.objects.bulk_create(to_create)
    Tag.objects.bulk_update(to_update, ["mention_count", "salience", "status", "updated_at"])
    tag_changes_record(created=to_create, updated=to_update, removed=gone, at=now)
    search_index_articles(article_ids=[article.pk])


def tag_changes_record(*, created=(), updated=(), removed=(), at=None) -> None:
    """Append the changes to the tag feed, in the same transaction as the changes themselves."""
    at = at or timezone.now()
    changes = [
        TagChange(
            article_id=tag.article_id,
            entity_id=tag.entity_id,
            action=action,
            status=tag.status,
            mention_count=tag.mention_count,
            salience=tag.salience,
            changed_at=at,
        )
        for action, tags in (
            (TagChangeAction.CREATED, created),
            (TagChangeAction.UPDATED, updated),
            (TagChangeAction.REMOVED, removed),
        )
        for tag in tags
    ]
    TagChange.objects.bulk_create(changes)
