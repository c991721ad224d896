"""Creating articles: validation, duplicate detection, storage of the original file."""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import datetime

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.validators import URLValidator
from django.db import IntegrityError, transaction

from archive.ingest import (
    NEAR_DUPLICATE_THRESHOLD,
    Fingerprint,
    IngestError,
    ParsedDocument,
    describe_size,
    fingerprint,
    parse_file,
    parse_text,
    similarity,
)
from archive.models import Article, FingerprintBand, Source
from archive.search import index_articles as search_index_articles

from .extraction import extraction_enqueue

logger = logging.getLogger(__name__)

TITLE_MAX = Article._meta.get_field("title").max_length


class DuplicateArticle(Exception):
    """The normalised body is already in the archive."""

    def __init__(self, existing: Article):
        super().__init__(f"already in the archive as article {existing.pk}: {existing.title}")
        self.existing = existing


@dataclass(frozen=True)
class IntakeResult:
    """What became of one pasted text or uploaded file."""

    filename: str
    article: Article | None = None
    duplicate_of: Article | None = None
    error: str = ""

    @property
    def outcome(self) -> str:
        if self.article is not None:
            return "near-duplicate" if self.article.near_duplicate_of_id else "created"
        return "duplicate" if self.duplicate_of is not None else "error"


def source_get_or_create(*, name: str) -> Source | None:
    name = (name or "").strip()[:200]
    if not name:
        return None
    existing = Source.objects.filter(name__iexact=name).first()
    if existing:
        return existing
    try:
        with transaction.atomic():
            return Source.objects.create(name=name)
    except IntegrityError:  # created concurrently by another request
        return Source.objects.get(name__iexact=name)


def _near_duplicate(fp: Fingerprint) -> tuple[Article | None, float | None]:
    """The most similar existing article sharing an LSH band, if it passes the threshold."""
    candidates = set()
    for band, value in enumerate(fp.bands):
        candidates.update(
            FingerprintBand.objects.filter(band=band, value=value).values_list("article_id", flat=True)[:50]
        )
    best, best_score = None, 0.0
    for article_id, minhash in Article.objects.filter(pk__in=candidates).values_list("pk", "minhash"):
        score = similarity(fp.minhash, minhash)
        if score > best_score:
            best, best_score = article_id, score
    if best is None or best_score < NEAR_DUPLICATE_THRESHOLD:
        return None, None
    return Article.objects.get(pk=best), round(best_score, 4)


def article_fields_validate(*, title: str, body: str, url: str, language: str) -> None:
    errors: dict[str, str] = {}
    if not title.strip():
        errors["title"] = "A title is required."
    elif len(title) > TITLE_MAX:
        errors["title"] = f"The title is longer than {TITLE_MAX} characters."
    if not body.strip():
        errors["body"] = "The article has no text."
    if url:
        try:
            URLValidator(schemes=["http", "https"])(url)
        except ValidationError:
            errors["url"] = "Enter a valid http(s) URL."
    if len(language) > 8:
        errors["language"] = "Use a language code such as en, ru or uk."
    if errors:
        raise ValidationError(errors)


def article_create(
    *,
    title: str,
    body: str,
    created_by=None,
    source: Source | str | None = None,
    url: str = "",
    author: str = "",
    published_at: datetime | None = None,
    language: str = "",
    original_filename: str = "",
    original_data: bytes | None = None,
    is_demo: bool = False,
) -> Article:
    """Store one article; raises ``DuplicateArticle`` or ``ValidationError``; nothing half-saved."""
    title, url, author, language = title.strip(), url.strip(), author.strip()[:300], language.strip().lower()
    article_fields_validate(title=title, body=body, url=url, language=language)
    fp = fingerprint(body)
    existing = Article.objects.filter(content_hash=fp.content_hash).first()
    if existing:
        raise DuplicateArticle(existing)
    if isinstance(source, str):
        source = source_get_or_create(name=source)
    stored_name = None
    try:
        with transaction.atomic():
            near, near_score = _near_duplicate(fp)
            article = Article.objects.create(
                title=title,
                body=body,
                url=url,
                source=source,
                author=author,
                published_at=published_at,
                language=language,
                content_hash=fp.content_hash,
                minhash=list(fp.minhash),
                near_duplicate_of=near,
                near_duplicate_score=near_score,
                original_filename=original_filename[:255],
                created_by=created_by if getattr(created_by, "is_authenticated", False) else None,
                is_demo=is_demo,
            )
            FingerprintBand.objects.bulk_create(
                FingerprintBand(article=article, band=band, value=value)
                for band, value in enumerate(fp.bands)
            )
            if original_data is not None and original_filename:
                article.original_file.save(original_filename, ContentFile(original_data), save=True)
                stored_name = article.original_file.name
            search_index_articles(article_ids=[article.pk])
            extraction_enqueue(article_ids=[article.pk])
    except IntegrityError as exc:
        if stored_name:
            Article.original_file.field.storage.delete(stored_name)
        existing = Article.objects.filter(content_hash=fp.content_hash).first()
        if existing:  # another request stored the same text first
            raise DuplicateArticle(existing) from exc
        raise
    except BaseException:
        if stored_name:
            Article.original_file.field.storage.delete(stored_name)
        raise
    logger.info("article %s created (%s)", article.pk, original_filename or "pasted")
    return article


def _create_from_document(
    doc: ParsedDocument, *, original: bytes | None, created_by, is_demo: bool
) -> IntakeResult:
    try:
        article = article_create(
            title=doc.title or doc.filename,
            body=doc.body,
            created_by=created_by,
            source=doc.source_name or None,
            url=doc.url,
            author=doc.author,
            published_at=doc.published_at,
            language=doc.language,
            original_filename=doc.filename if original is not None else "",
            original_data=original,
            is_demo=is_demo,
        )
    except DuplicateArticle as dup:
        return IntakeResult(filename=doc.filename, duplicate_of=dup.existing)
    except ValidationError as exc:
        reasons = "; ".join(f"{field}: {' '.join(msgs)}" for field, msgs in exc.message_dict.items())
        return IntakeResult(filename=doc.filename, error=f"{doc.filename}: {reasons}")
    return IntakeResult(filename=doc.filename, article=article)


def article_intake_file(
    *, filename: str, data: bytes, size: int | None = None, overrides: dict | None = None, created_by=None
) -> IntakeResult:
    """Parse one uploaded file and store it; bad input becomes an error naming the file.

    ``size`` is the full size of an upload of which only the first bytes were read.
    """
    limit = settings.ARCHIVE_MAX_UPLOAD_BYTES
    if size is not None and size > limit:
        return IntakeResult(
            filename=filename,
            error=str(
                IngestError(
                    filename, f"the file is {describe_size(size)}, over the {describe_size(limit)} size limit"
                )
            ),
        )
    try:
        doc = parse_file(filename, data, max_bytes=settings.ARCHIVE_MAX_UPLOAD_BYTES)
    except IngestError as exc:
        return IntakeResult(filename=filename, error=str(exc))
    doc = doc.with_overrides(**(overrides or {}))
    return _create_from_document(doc, original=data, created_by=created_by, is_demo=False)


def article_intake_text(*, text: str, overrides: dict | None = None, created_by=None) -> IntakeResult:
    """Store pasted text."""
    overrides = overrides or {}
    try:
        doc = parse_text(text, title=overrides.get("title", ""), max_bytes=settings.ARCHIVE_MAX_UPLOAD_BYTES)
    except IngestError as exc:
        return IntakeResult(filename="pasted text", error=str(exc))
    return _create_from_document(
        doc.with_overrides(**overrides), original=None, created_by=created_by, is_demo=False
    )


def article_intake_document(*, doc: ParsedDocument, created_by=None, is_demo: bool = False) -> IntakeResult:
    """Store a document already parsed (bulk import, demo content)."""
    return _create_from_document(doc, original=None, created_by=created_by, is_demo=is_demo)
