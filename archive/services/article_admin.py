"""Editors change or delete articles after intake."""

from __future__ import annotations

from django.db import transaction
from django.utils import timezone

from archive.ingest import fingerprint
from archive.models import Article, FingerprintBand, Mention, Tag
from archive.search import index_articles as search_index_articles
from archive.search import remove_articles as search_remove_articles

from .articles import DuplicateArticle, article_fields_validate, source_get_or_create
from .extraction import extraction_enqueue
from .tags import tag_changes_record, tags_refresh

EDITABLE_FIELDS = ("title", "body", "url", "source", "author", "published_at", "language")


def article_update(*, article_id: int, changed_by=None, **fields) -> Article:
    """Change an article's metadata or text; a new text is checked for duplicates and extracted again.

    Mentions whose offsets no longer point at the same text are dropped (editor decisions on text
    that is still there are kept); the extractor then suggests afresh.
    """
    unknown = set(fields) - set(EDITABLE_FIELDS)
    if unknown:
        raise ValueError(f"not editable: {', '.join(sorted(unknown))}")
    with transaction.atomic():
        article = Article.objects.select_for_update().get(pk=article_id)
        for name in ("title", "url", "author", "language"):
            if name in fields:
                fields[name] = (fields[name] or "").strip()
        if "language" in fields:
            fields["language"] = fields["language"].lower()
        if "author" in fields:
            fields["author"] = fields["author"][:300]
        article_fields_validate(
            title=fields.get("title", article.title),
            body=fields.get("body", article.body),
            url=fields.get("url", article.url),
            language=fields.get("language", article.language),
        )
        if "source" in fields:
            source = fields.pop("source")
            article.source = source_get_or_create(name=source) if isinstance(source, str) else source
        new_body = fields.pop("body", None)
        for name, value in fields.items():
            setattr(article, name, value)
        body_changed = new_body is not None and new_body != article.body
        if body_changed:
            _replace_body(article, new_body)
        article._history_user = changed_by
        article.save()
        if body_changed:
            stale = [
                m.pk
                for m in Mention.objects.filter(article=article).only("pk", "start", "end", "text")
                if article.body[m.start : m.end] != m.text
            ]
            Mention.objects.filter(pk__in=stale).delete()
            tags_refresh(article=article)
            extraction_enqueue(article_ids=[article.pk])
        search_index_articles(article_ids=[article.pk])
    return article


def _replace_body(article: Article, body: str) -> None:
    fp = fingerprint(body)
    existing = Article.objects.filter(content_hash=fp.content_hash).exclude(pk=article.pk).first()
    if existing:
        raise DuplicateArticle(existing)
    article.body, article.content_hash, article.minhash = body, fp.content_hash, list(fp.minhash)
    FingerprintBand.objects.filter(article=article).delete()
    FingerprintBand.objects.bulk_create(
        FingerprintBand(article=article, band=band, value=value) for band, value in enumerate(fp.bands)
    )


def article_delete(*, article_id: int, deleted_by=None) -> None:
    """Delete an article; its tags leave the feed as ``removed`` changes and it leaves the index."""
    with transaction.atomic():
        article = Article.objects.select_for_update().get(pk=article_id)
        tags = list(Tag.objects.filter(article=article))
        tag_changes_record(removed=tags, at=timezone.now())
        search_remove_articles(article_ids=[article.pk])
        stored = article.original_file.name
        storage = Article.original_file.field.storage
        article._history_user = deleted_by
        article.delete()
        if stored:
            transaction.on_commit(lambda: storage.delete(stored))
