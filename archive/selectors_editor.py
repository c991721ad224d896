"""Read paths of the editor pages: annotation, review queue, entity autocomplete.

Each function runs a fixed number of queries whatever the size of the article or the archive.
The annotation body reuses the reader's ``body_paragraphs``: the same cutting at mention edges,
with every mention (rejected ones too) and what an editor needs to act on it.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Count, Exists, F, OuterRef, Q, QuerySet

from .extraction.keys import key_of
from .models import Alias, Article, Entity, EntityKind, Mention, MentionStatus, Tag
from .selectors_reader import KIND_LABELS, BodySegment, EntityRef, MentionSpan, body_paragraphs, entity_ref

REVIEW_SORTS = {
    "date": (F("published_at").desc(nulls_last=True), "-id"),
    "open": ("-open_suggestions", F("published_at").desc(nulls_last=True), "-id"),
}
AUTOCOMPLETE_LIMIT = 12


@dataclass(frozen=True)
class AnnotatedSpan(MentionSpan):
    """A mention as the annotation page shows it: the reader's span plus the editor's facts."""

    mention_id: int
    status: str
    origin: str
    confidence: float
    curated: bool

    @property
    def kind_label(self) -> str:
        return KIND_LABELS.get(self.entity.kind, self.entity.kind)


def annotation_article(*, pk: int) -> Article:
    """The article with its source; raises ``Article.DoesNotExist``."""
    return Article.objects.select_related("source").defer("minhash").get(pk=pk)


def annotation_spans(*, article_id: int) -> list[AnnotatedSpan]:
    """Every mention of the article, rejected ones included, in reading order (one query)."""
    rows = (
        Mention.objects.filter(article_id=article_id)
        .order_by("start", "-end", "entity_id")
        .values_list(
            "pk",
            "start",
            "end",
            "status",
            "origin",
            "confidence",
            "entity_id",
            "entity__name",
            "entity__slug",
            "entity__kind",
            "entity__curated",
        )
    )
    refs: dict[int, EntityRef] = {}
    spans = []
    for pk, start, end, status, origin, confidence, entity_id, name, slug, kind, curated in rows:
        if entity_id not in refs:
            refs[entity_id] = entity_ref(entity_id, name, slug, kind)
        spans.append(AnnotatedSpan(start, end, refs[entity_id], pk, status, origin, confidence, curated))
    return spans


@dataclass(frozen=True)
class AnnotationBody:
    paragraphs: list[list[BodySegment]]
    mention_count: int
    open_count: int
    rejected_count: int


def annotation_body(body: str, spans: list[AnnotatedSpan]) -> AnnotationBody:
    return AnnotationBody(
        paragraphs=body_paragraphs(body, list(spans)),
        mention_count=len(spans),
        open_count=sum(span.status == MentionStatus.SUGGESTED for span in spans),
        rejected_count=sum(span.status == MentionStatus.REJECTED for span in spans),
    )


@dataclass(frozen=True)
class TagRow:
    entity: EntityRef
    status: str
    mention_count: int
    open_suggestions: int
    curated: bool


def annotation_tags(*, article_id: int, spans: list[AnnotatedSpan]) -> list[tuple[str, list[TagRow]]]:
    """The article's tags grouped by kind, each with its open suggestions (one query)."""
    open_by_entity: dict[int, int] = {}
    for span in spans:
        if span.status == MentionStatus.SUGGESTED:
            open_by_entity[span.entity.id] = open_by_entity.get(span.entity.id, 0) + 1
    rows = (
        Tag.objects.filter(article_id=article_id)
        .order_by("entity__kind", "-salience", "entity__name")
        .values_list(
            "entity_id",
            "entity__name",
            "entity__slug",
            "entity__kind",
            "entity__curated",
            "status",
            "mention_count",
        )
    )
    grouped: dict[str, list[TagRow]] = {}
    for entity_id, name, slug, kind, curated, status, count in rows:
        grouped.setdefault(kind, []).append(
            TagRow(
                entity_ref(entity_id, name, slug, kind),
                status,
                count,
                open_by_entity.get(entity_id, 0),
                curated,
            )
        )
    return [(KIND_LABELS[kind], grouped[kind]) for kind in EntityKind.values if kind in grouped]


def mention_detail(*, article_id: int, mention_id: int) -> tuple[Mention, list[Mention]]:
    """One mention with its entity and reviewer, and the other mentions overlapping its text (two queries).

    Raises ``Mention.DoesNotExist`` when the mention is not in this article.
    """
    mention = Mention.objects.select_related("entity", "reviewer").get(pk=mention_id, article_id=article_id)
    overlapping = list(
        Mention.objects.filter(article_id=article_id, start__lt=mention.end, end__gt=mention.start)
        .exclude(pk=mention.pk)
        .select_related("entity")
        .order_by("start", "-end")
    )
    return mention, overlapping


def open_suggestions_of(*, article_id: int, entity_id: int) -> int:
    return Mention.objects.filter(
        article_id=article_id, entity_id=entity_id, status=MentionStatus.SUGGESTED
    ).count()


# --- review queue ------------------------------------------------------------------------------


def review_queue(*, sort: str = "date") -> QuerySet[Article]:
    """Articles with suggestions nobody has reviewed yet, each with ``open_suggestions``."""
    ordering = REVIEW_SORTS.get(sort, REVIEW_SORTS["date"])
    return (
        Article.objects.annotate(open_suggestions=Count("mentions", filter=Q(mentions__status="suggested")))
        .filter(open_suggestions__gt=0)
        .select_related("source")
        .only("pk", "title", "published_at", "created_at", "language", "source__name")
        .order_by(*ordering)
    )


def open_suggestions_total() -> int:
    return Mention.objects.filter(status=MentionStatus.SUGGESTED).count()


# --- entity autocomplete -----------------------------------------------------------------------


@dataclass(frozen=True)
class EntityChoice:
    id: int
    name: str
    kind: str
    slug: str
    curated: bool
    parent_name: str

    @property
    def kind_label(self) -> str:
        return KIND_LABELS.get(self.kind, self.kind)

    def as_json(self) -> dict:
        return {
            "id": self.id,
            "name": self.name,
            "kind": self.kind,
            "slug": self.slug,
            "curated": self.curated,
            "parent": self.parent_name or None,
        }


def entity_choices(
    *, query: str, kind: str | None = None, exclude_id: int | None = None, limit: int = AUTOCOMPLETE_LIMIT
) -> list[EntityChoice]:
    """Entities whose name or an alias matches ``query`` (one query).

    Aliases are compared by match key, so "Су-30СМ2" finds Su-30SM2. Exact names come first, then
    curated entities, then shorter names.
    """
    query = " ".join((query or "").split())[:200]
    if not query:
        return []
    key = key_of(query)
    matches = Q(name__icontains=query)
    if key:
        matches |= Exists(Alias.objects.filter(entity_id=OuterRef("pk"), key__contains=key))
    found = Entity.objects.filter(matches)
    if kind in EntityKind.values:
        found = found.filter(kind=kind)
    if exclude_id is not None:
        found = found.exclude(pk=exclude_id)
    columns = ("pk", "name", "kind", "slug", "curated", "parent__name")
    rows = list(found.order_by("-curated", "name").values_list(*columns)[: limit * 4])
    folded = query.casefold()
    rows.sort(key=lambda row: (row[1].casefold() != folded, not row[4], len(row[1]), row[1]))
    return [
        EntityChoice(pk, name, kind_, slug, curated, parent or "")
        for pk, name, kind_, slug, curated, parent in rows[:limit]
    ]


# --- history -------------------------------------------------------------------------------------


@dataclass(frozen=True)
class FieldChange:
    field: str
    old: str
    new: str


@dataclass(frozen=True)
class HistoryLine:
    """One saved change, readable: who did what to which record, and which fields changed how."""

    when: object  # datetime
    who: str
    subject: str  # "mention “Su-30SM” at 120–127", "alias “Су-30СМ”", "article", "entity"
    action: str  # added, changed, removed
    changes: list[FieldChange]
    reason: str = ""


HISTORY_ACTIONS = {"+": "added", "~": "changed", "-": "removed"}
ARTICLE_FIELDS = (
    "title",
    "body",
    "url",
    "source_id",
    "author",
    "published_at",
    "language",
    "near_duplicate_of_id",
)
MENTION_FIELDS = ("entity_id", "kind", "status", "start", "end", "text", "origin")
ENTITY_FIELDS = (
    "name",
    "kind",
    "slug",
    "description",
    "parent_id",
    "category",
    "country",
    "wikidata",
    "curated",
)
ALIAS_FIELDS = ("text", "entity_id", "language")
FIELD_LABELS = {
    "entity_id": "entity",
    "parent_id": "variant of",
    "source_id": "source",
    "near_duplicate_of_id": "near duplicate of",
    "published_at": "published",
}
SHOWN_CHARS = 80


def _shown(field: str, value, names: dict[int, str]) -> str:
    if value is None or value == "":
        return "—"
    if field in ("entity_id", "parent_id"):
        return names.get(value, f"entity #{value}")
    if field == "body":
        return f"{len(value)} characters"
    if field == "curated":
        return "curated" if value else "candidate"
    text = str(value)
    return text if len(text) <= SHOWN_CHARS else text[: SHOWN_CHARS - 1] + "…"


def _lines(
    records, fields: tuple[str, ...], subject, names: dict[int, str], shown_on_add: tuple[str, ...] = ()
) -> list[HistoryLine]:
    """Diff each record against the previous record of the same object (records come oldest first)."""
    previous: dict[int, object] = {}
    lines = []
    for record in records:
        before = previous.get(record.id)
        previous[record.id] = record
        action = HISTORY_ACTIONS.get(record.history_type, record.history_type)
        if record.history_type == "~" and before is not None:
            changes = [
                FieldChange(
                    FIELD_LABELS.get(f, f),
                    _shown(f, getattr(before, f), names),
                    _shown(f, getattr(record, f), names),
                )
                for f in fields
                if getattr(before, f) != getattr(record, f)
            ]
            if not changes:
                continue
        elif record.history_type == "+":
            changes = [
                FieldChange(FIELD_LABELS.get(f, f), "", _shown(f, getattr(record, f), names))
                for f in shown_on_add or fields
                if getattr(record, f) not in (None, "")
            ]
        else:
            changes = []
        user = record.history_user
        lines.append(
            HistoryLine(
                record.history_date,
                user.get_username() if user else "system",
                subject(record),
                action,
                changes,
                record.history_change_reason or "",
            )
        )
    return lines


def _entity_names(ids: set[int]) -> dict[int, str]:
    """Names of entities, including ones merged away or deleted since (from their last history row)."""
    from archive.api.models import EntityMerge

    names = dict(Entity.objects.filter(pk__in=ids).values_list("pk", "name"))
    missing = ids - names.keys()
    if missing:
        merged = EntityMerge.objects.filter(source_id__in=missing)
        names.update(merged.values_list("source_id", "source_name"))
    return names


def _history_rows(model, **lookup) -> list:
    """A model's history records matching ``lookup``, oldest first, with their authors (one query)."""
    return list(
        model.history.filter(**lookup).select_related("history_user").order_by("history_date", "history_id")
    )


def article_history(*, article_id: int) -> list[HistoryLine]:
    """Changes to the article and to its mentions, newest first (three queries)."""
    articles = _history_rows(Article, id=article_id)
    mentions = _history_rows(Mention, article_id=article_id)
    names = _entity_names({m.entity_id for m in mentions})
    lines = _lines(articles, ARTICLE_FIELDS, lambda r: "article", names)
    lines += _lines(
        mentions,
        MENTION_FIELDS,
        lambda r: f"mention “{r.text}” at {r.start}–{r.end}",
        names,
        shown_on_add=("entity_id", "status", "origin"),
    )
    return sorted(lines, key=lambda line: line.when, reverse=True)


def entity_history(*, entity_id: int) -> list[HistoryLine]:
    """Changes to the entity, its aliases and the entities merged into it, newest first (four queries)."""
    from archive.api.models import EntityMerge

    entities = _history_rows(Entity, id=entity_id)
    aliases = _history_rows(Alias, entity_id=entity_id)
    merges = list(EntityMerge.objects.filter(target_id=entity_id).select_related("merged_by"))
    names = _entity_names({e.parent_id for e in entities if e.parent_id} | {entity_id})
    lines = _lines(entities, ENTITY_FIELDS, lambda r: "entity", names)
    lines += _lines(aliases, ("text", "language"), lambda r: f"alias “{r.text}”", names)
    lines += [
        HistoryLine(
            m.merged_at,
            m.merged_by.get_username() if m.merged_by else "system",
            f"entity “{m.source_name}” ({m.source_kind})",
            "merged in",
            [
                FieldChange("mentions moved", "", str(m.mentions_moved)),
                FieldChange("aliases moved", "", str(m.aliases_moved)),
            ],
        )
        for m in merges
    ]
    return sorted(lines, key=lambda line: line.when, reverse=True)
