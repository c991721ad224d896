"""Running the extractor on an article and storing its suggestions.

``extraction_apply`` is the one place where automatic suggestions are written. In one
transaction it brings the article's suggested mentions to exactly what the extractor found
(unchanged rows are kept as they are), never touches an editor's decision, never suggests again
what an editor rejected, refreshes the article's tags and records the extractor version.
Running it twice gives identical rows.
"""

from __future__ import annotations

import hashlib
import logging
import threading
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from django.conf import settings
from django.db import transaction
from django.db.models import Count, Max, Q
from django.utils import timezone
from django.utils.text import slugify

from archive.kb import KBEntry, KnowledgeBase
from archive.models import Alias, Article, ArticleStatus, Entity, Mention, MentionOrigin, MentionStatus

from .tags import tags_refresh

logger = logging.getLogger(__name__)

ERROR_MAX = 2000


# --- the extractor, built from the database so editors' aliases count without a restart -------


@dataclass
class _CachedExtractor:
    version: tuple
    extractor: object


_cache: _CachedExtractor | None = None
_cache_lock = threading.Lock()


def knowledge_version() -> tuple:
    """Changes whenever a curated entity or an alias is added, edited or removed."""
    entities = Entity.objects.filter(curated=True).aggregate(n=Count("id"), at=Max("updated_at"))
    aliases = Alias.objects.aggregate(n=Count("id"), at=Max("updated_at"))
    return entities["n"], entities["at"], aliases["n"], aliases["at"]


def knowledge_base_from_database() -> KnowledgeBase:
    """Curated entities and their aliases as the extractor's knowledge base."""
    aliases: dict[int, list[str]] = {}
    for entity_id, text in Alias.objects.filter(entity__curated=True).values_list("entity_id", "text"):
        aliases.setdefault(entity_id, []).append(text)
    rows = list(
        Entity.objects.filter(curated=True).values_list(
            "pk", "kind", "name", "parent__name", "parent__curated", "category", "country"
        )
    )
    return KnowledgeBase(
        KBEntry(
            kind=kind,
            name=name,
            aliases=tuple(t for t in aliases.get(pk, ()) if t != name),
            parent=parent if parent_curated else None,
            category=category,
            country=country,
        )
        for pk, kind, name, parent, parent_curated, category, country in rows
    )


def current_extractor():
    """The extractor for the knowledge base as it is in the database now (rebuilt when it changes)."""
    global _cache
    from archive.extraction import Extractor

    version = knowledge_version()
    with _cache_lock:
        if _cache is None or _cache.version != version:
            _cache = _CachedExtractor(version, Extractor(knowledge_base_from_database()))
        return _cache.extractor


def extractor_version() -> str:
    from archive.extraction import EXTRACTOR_VERSION

    return EXTRACTOR_VERSION


# --- status ------------------------------------------------------------------------------------


def extraction_enqueue(*, article_ids: Sequence[int]) -> None:
    """Mark articles queued and send one task each once the transaction commits."""
    if not article_ids:
        return
    ids = list(article_ids)
    Article.objects.filter(pk__in=ids).update(
        status=ArticleStatus.QUEUED, status_error="", status_changed_at=timezone.now()
    )

    def send() -> None:
        from archive.tasks import extract_article

        for article_id in ids:
            extract_article.delay(article_id)

    transaction.on_commit(send)


def article_mark_running(*, article_id: int) -> bool:
    """Claim an article for extraction; False when it no longer exists."""
    return bool(
        Article.objects.filter(pk=article_id).update(
            status=ArticleStatus.RUNNING, status_changed_at=timezone.now()
        )
    )


def article_mark_failed(*, article_id: int, error: str) -> None:
    Article.objects.filter(pk=article_id).update(
        status=ArticleStatus.FAILED, status_error=error[:ERROR_MAX], status_changed_at=timezone.now()
    )


def article_mark_retrying(*, article_id: int, error: str) -> None:
    """Back in the queue after a transient error; the error stays visible until it succeeds."""
    Article.objects.filter(pk=article_id).update(
        status=ArticleStatus.QUEUED,
        status_error=f"Retrying: {error}"[:ERROR_MAX],
        status_changed_at=timezone.now(),
    )


def stuck_articles_requeue(*, older_than_seconds: int | None = None, limit: int | None = None) -> list[int]:
    """Enqueue again articles left queued or running too long (lost message, dead worker)."""
    age = older_than_seconds if older_than_seconds is not None else settings.ARCHIVE_STUCK_AFTER_SECONDS
    cutoff = timezone.now() - timezone.timedelta(seconds=age)
    stuck = Article.objects.filter(status__in=[ArticleStatus.QUEUED, ArticleStatus.RUNNING]).filter(
        Q(status_changed_at__lt=cutoff) | Q(status_changed_at__isnull=True)
    )
    ids = list(
        stuck.order_by("status_changed_at", "pk").values_list("pk", flat=True)[
            : limit or settings.ARCHIVE_SWEEP_BATCH
        ]
    )
    with transaction.atomic():
        extraction_enqueue(article_ids=ids)
    if ids:
        logger.warning("re-queued %d stuck articles", len(ids))
    return ids


# --- applying the extractor's output -----------------------------------------------------------


def extraction_run(*, article_id: int) -> Article | None:
    """Extract one article and store the result; None when the article is gone."""
    if not article_mark_running(article_id=article_id):
        return None
    body = Article.objects.filter(pk=article_id).values_list("body", flat=True).first()
    if body is None:
        return None
    mentions = current_extractor().extract(body)
    return extraction_apply(article_id=article_id, mentions=mentions, version=extractor_version())


def extraction_run_many(*, article_ids: Sequence[int]) -> tuple[int, int]:
    """Extract several articles with one batched model call; returns (stored, failed).

    An article whose extraction fails is marked failed with its error; the others still go in.
    """
    bodies = dict(Article.objects.filter(pk__in=article_ids).values_list("pk", "body"))
    ids = [pk for pk in article_ids if pk in bodies]
    if not ids:
        return 0, 0
    Article.objects.filter(pk__in=ids).update(status=ArticleStatus.RUNNING, status_changed_at=timezone.now())
    extractor, version = current_extractor(), extractor_version()
    try:
        results = extractor.extract_many([bodies[pk] for pk in ids])
    except Exception:  # one bad text must not sink the batch: retry one by one below
        logger.exception("batched extraction failed; extracting one by one")
        results = [None] * len(ids)
    stored = failed = 0
    for pk, mentions in zip(ids, results, strict=True):
        try:
            if mentions is None:
                mentions = extractor.extract(bodies[pk])
            extraction_apply(article_id=pk, mentions=mentions, version=version)
            stored += 1
        except Exception as exc:  # recorded on the article for editors to see and retry
            logger.exception("extraction of article %s failed", pk)
            article_mark_failed(article_id=pk, error=f"{type(exc).__name__}: {exc}")
            failed += 1
    return stored, failed


def _candidate_slug(kind: str, name: str) -> str:
    # Deterministic per (kind, name), so two workers creating the same candidate collide only on
    # the (kind, name) constraint, never on a slug shared by two different names.
    digest = hashlib.sha1(f"{kind}\x00{name}".encode(), usedforsecurity=False).hexdigest()[:8]
    return f"{slugify(f'{kind}-{name}')[:300] or kind}-{digest}"


NAME_MAX = Entity._meta.get_field("name").max_length


def _entity_key(mention) -> tuple[str, str]:
    """(kind, name) of the entity a mention links to, clipped as the database stores names."""
    return mention.kind, mention.entity[:NAME_MAX]


def _entity_ids(pairs: Iterable[tuple[str, str]]) -> dict[tuple[str, str], int]:
    query = Q()
    for kind, name in pairs:
        query |= Q(kind=kind, name=name)
    return {(k, n): pk for pk, k, n in Entity.objects.filter(query).values_list("pk", "kind", "name")}


def _entities_for(mentions: Iterable) -> dict[tuple[str, str], int]:
    """Entity ids for every (kind, name) the mentions link to, creating candidates as needed."""
    wanted = {_entity_key(m) for m in mentions}
    if not wanted:
        return {}
    found = _entity_ids(wanted)
    missing = wanted - found.keys()
    if missing:
        Entity.objects.bulk_create(
            [Entity(kind=k, name=n, slug=_candidate_slug(k, n), curated=False) for k, n in sorted(missing)],
            ignore_conflicts=True,
        )
        found.update(_entity_ids(missing))
    return found


def _surface_key(text: str) -> str:
    return " ".join(text.casefold().split())


def extraction_apply(*, article_id: int, mentions: Sequence, version: str) -> Article | None:
    """Store the extractor's mentions for one article (see the module docstring)."""
    with transaction.atomic():
        article = Article.objects.select_for_update().filter(pk=article_id).first()
        if article is None:
            return None
        body = article.body
        # Only mentions whose offsets still fit the body (it may have been edited meanwhile).
        mentions = [
            m for m in mentions if 0 <= m.start < m.end <= len(body) and body[m.start : m.end] == m.text
        ]
        entity_ids = _entities_for(mentions)
        existing = list(Mention.objects.filter(article_id=article_id))
        decided = [
            m for m in existing if m.status != MentionStatus.SUGGESTED or m.origin == MentionOrigin.EDITOR
        ]
        rejected = {
            (m.entity_id, _surface_key(m.text)) for m in decided if m.status == MentionStatus.REJECTED
        }
        decided_spans = [(m.start, m.end) for m in decided]
        decided_keys = {(m.start, m.end, m.entity_id) for m in decided}

        wanted: dict[tuple[int, int, int], object] = {}
        for m in mentions:
            entity_id = entity_ids[_entity_key(m)]
            key = (m.start, m.end, entity_id)
            if key in decided_keys or (entity_id, _surface_key(m.text)) in rejected:
                continue
            if any(s < m.end and m.start < e for s, e in decided_spans):
                continue  # an editor already decided what this stretch of text is
            wanted[key] = m

        current = {(m.start, m.end, m.entity_id): m for m in existing if m not in decided}
        stale = [m.pk for key, m in current.items() if key not in wanted]
        if stale:
            Mention.objects.filter(pk__in=stale).delete()
        to_update, to_create = [], []
        for key, m in wanted.items():
            row = current.get(key)
            confidence = round(max(0.0, min(1.0, float(m.confidence))), 4)
            if row is None:
                to_create.append(
                    Mention(
                        article_id=article_id,
                        entity_id=key[2],
                        start=m.start,
                        end=m.end,
                        text=m.text[:500],
                        kind=m.kind,
                        confidence=confidence,
                        origin=m.origin,
                        extractor_version=version,
                    )
                )
            elif (row.confidence, row.origin, row.kind, row.extractor_version) != (
                confidence,
                m.origin,
                m.kind,
                version,
            ):
                row.confidence, row.origin, row.kind, row.extractor_version = (
                    confidence,
                    m.origin,
                    m.kind,
                    version,
                )
                row.updated_at = timezone.now()  # bulk_update skips auto_now
                to_update.append(row)
        Mention.objects.bulk_create(to_create)
        Mention.objects.bulk_update(
            to_update, ["confidence", "origin", "kind", "extractor_version", "updated_at"]
        )
        tags_refresh(article=article)
        Article.objects.filter(pk=article_id).update(
            status=ArticleStatus.DONE,
            status_error="",
            extractor_version=version,
            status_changed_at=timezone.now(),
        )
    article.status, article.extractor_version = ArticleStatus.DONE, version
    return article
