"""Read paths of the reader pages: home, article, entity and its feed.

Every function runs a fixed number of queries, whatever the number of articles, mentions or
tags, so the pages stay constant in queries (pinned by the tests). Rejected tags and mentions
are never shown to readers.

An entity *family* is the entity plus its variants below it (Mi-24 -> Mi-35 -> ...); the
article list, timeline, co-mentions and feed of an entity cover the whole family.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from itertools import pairwise

from django.db.models import Count, Exists, F, OuterRef, Prefetch, Q, QuerySet, Sum, Window
from django.db.models.functions import Coalesce, RowNumber, Substr, TruncMonth
from django.urls import reverse
from django.utils import timezone

from .models import Alias, Article, Entity, EntityKind, Mention, MentionStatus, Tag

# Levels of variants followed below an entity and of parents above it. Deep enough for
# family -> variant -> sub-variant chains, and a bound that stops a parent cycle made in the admin.
FAMILY_DEPTH = 4
KIND_LABELS: dict[str, str] = dict(EntityKind.choices)
# A blank line separates paragraphs in the plain-text bodies the intake produces.
PARAGRAPH_BREAK = re.compile(r"\n[ \t\r\f\v]*\n\s*")


@dataclass(frozen=True)
class EntityRef:
    id: int
    name: str
    slug: str
    kind: str
    url: str

    @property
    def kind_label(self) -> str:
        return KIND_LABELS.get(self.kind, self.kind)


def entity_ref(entity_id: int, name: str, slug: str, kind: str) -> EntityRef:
    return EntityRef(entity_id, name, slug, kind, reverse("archive:entity-detail", args=[slug]))


def _tagged_entity(row: dict) -> EntityRef:
    """The entity of a ``values()`` row over tags."""
    return entity_ref(row["entity_id"], row["entity__name"], row["entity__slug"], row["entity__kind"])


@dataclass(frozen=True)
class EntityCount:
    entity: EntityRef
    articles: int


@dataclass(frozen=True)
class FamilyNode:
    entity: EntityRef
    children: list[FamilyNode] = field(default_factory=list)


@dataclass(frozen=True)
class EntityFamily:
    """An entity's place in its family: the parents above it and the variants below it."""

    ancestors: list[EntityRef]  # the root family first, the direct parent last
    variants: list[FamilyNode]  # the tree below the entity
    ids: tuple[int, ...]  # the entity and every variant below it

    @property
    def variant_count(self) -> int:
        return len(self.ids) - 1

    @property
    def all_variants(self) -> list[EntityRef]:
        """Every variant below the entity, depth first."""
        found: list[EntityRef] = []
        stack = list(reversed(self.variants))
        while stack:
            node = stack.pop()
            found.append(node.entity)
            stack.extend(reversed(node.children))
        return found


@dataclass(frozen=True)
class MonthCount:
    month: date
    articles: int
    mentions: int

    # Formatted here once: the template's date filter is slow over a decade of months.
    @property
    def label(self) -> str:
        return self.month.strftime("%b %Y")

    @property
    def iso(self) -> str:
        return self.month.strftime("%Y-%m")


@dataclass(frozen=True)
class MentionSpan:
    start: int
    end: int
    entity: EntityRef


@dataclass(frozen=True)
class BodySegment:
    """A run of body text; inside a mention when ``mention`` is set (the innermost one)."""

    text: str
    start: int
    end: int
    mention: MentionSpan | None = None
    within: tuple[MentionSpan, ...] = ()  # the outer mentions this run also belongs to


# --- Home ----------------------------------------------------------------------------------


def reader_latest_articles(*, limit: int = 12) -> list[Article]:
    """The newest articles by publication date (undated ones last), without their bodies."""
    return list(
        Article.objects.select_related("source")
        .defer("body", "minhash")
        .order_by(F("published_at").desc(nulls_last=True), "-id")[:limit]
    )


def trending_entities(*, days: int = 30, per_kind: int = 6, now: datetime | None = None) -> dict[str, list]:
    """Per kind, the entities tagged on the most articles published in the last ``days`` days.

    Undated articles count by the day they were added. One query: a window ranks the entities
    within each kind.
    """
    since = (now or timezone.now()) - timedelta(days=days)
    recent = Q(article__published_at__gte=since) | Q(
        article__published_at__isnull=True, article__created_at__gte=since
    )
    rows = (
        Tag.objects.filter(recent)
        .exclude(status=MentionStatus.REJECTED)
        .values("entity_id", "entity__name", "entity__slug", "entity__kind")
        # One tag per (article, entity): counting tags counts articles, without a DISTINCT sort.
        .annotate(articles=Count("article_id"))
        .annotate(
            rank=Window(
                RowNumber(),
                partition_by=[F("entity__kind")],
                order_by=[F("articles").desc(), F("entity__name").asc()],
            )
        )
        .filter(rank__lte=per_kind)
        .order_by("entity__kind", "rank")
    )
    by_kind: dict[str, list[EntityCount]] = {kind: [] for kind in EntityKind.values}
    for row in rows:
        ref = _tagged_entity(row)
        by_kind.setdefault(ref.kind, []).append(EntityCount(entity=ref, articles=row["articles"]))
    return {kind: counts for kind, counts in by_kind.items() if counts}


# --- Article ---------------------------------------------------------------------------------


def reader_article(*, pk: int) -> Article:
    """The article with its source, near-duplicate original and non-rejected tags (two queries)."""
    tags = (
        Tag.objects.exclude(status=MentionStatus.REJECTED)
        .select_related("entity")
        .order_by("entity__kind", "-salience", "entity__name")
    )
    return (
        Article.objects.select_related("source", "near_duplicate_of")
        .defer("minhash", "near_duplicate_of__body", "near_duplicate_of__minhash")
        .prefetch_related(Prefetch("tags", queryset=tags, to_attr="reader_tags"))
        .get(pk=pk)
    )


def tags_by_kind(tags: list[Tag]) -> list[tuple[str, list[Tag]]]:
    """(kind label, tags) in the order of the kinds, for tags already loaded."""
    grouped: dict[str, list[Tag]] = {}
    for tag in tags:
        grouped.setdefault(tag.entity.kind, []).append(tag)
    return [(KIND_LABELS[kind], grouped[kind]) for kind in EntityKind.values if kind in grouped]


def article_mention_spans(*, article_id: int) -> list[MentionSpan]:
    """The article's non-rejected mentions, one per span: an editor's confirmation wins, then confidence."""
    rows = (
        Mention.objects.filter(article_id=article_id)
        .exclude(status=MentionStatus.REJECTED)
        .order_by("start", "end", F("status").asc(), "-confidence", "entity_id")
        .values_list("start", "end", "status", "entity_id", "entity__name", "entity__slug", "entity__kind")
    )
    refs: dict[int, EntityRef] = {}
    chosen: dict[tuple[int, int], tuple[bool, MentionSpan]] = {}
    for start, end, status, entity_id, name, slug, kind in rows:
        if entity_id not in refs:
            refs[entity_id] = entity_ref(entity_id, name, slug, kind)
        confirmed = status == MentionStatus.CONFIRMED
        best = chosen.get((start, end))
        # Rows come by confidence; only a confirmation displaces the first candidate of a span.
        if best is None or (confirmed and not best[0]):
            chosen[(start, end)] = (confirmed, MentionSpan(start=start, end=end, entity=refs[entity_id]))
    return [span for _, span in chosen.values()]


def body_paragraphs(body: str, spans: list[MentionSpan]) -> list[list[BodySegment]]:
    """Cut the body into paragraphs of segments at every mention edge.

    Mentions may nest or overlap. Links cannot nest in HTML, so each run of text points at its
    innermost mention (the one that started last, then the shortest) and remembers the outer
    ones. The segments carry plain text: the template escapes each one.
    """
    length = len(body)
    usable = sorted(
        (span for span in spans if 0 <= span.start < span.end <= length), key=lambda s: (s.start, -s.end)
    )
    boundaries = sorted({0, length, *(s.start for s in usable), *(s.end for s in usable)})
    segments: list[BodySegment] = []
    active: list[MentionSpan] = []
    waiting = iter(usable)
    upcoming = next(waiting, None)
    for left, right in pairwise(boundaries):
        active = [span for span in active if span.end > left]
        while upcoming is not None and upcoming.start <= left:
            active.append(upcoming)
            upcoming = next(waiting, None)
        innermost = max(active, key=lambda s: (s.start, -s.end), default=None)
        outer = tuple(span for span in active if span is not innermost)
        segments.append(BodySegment(body[left:right], left, right, innermost, outer))
    return _split_paragraphs(segments)


def _split_paragraphs(segments: list[BodySegment]) -> list[list[BodySegment]]:
    paragraphs: list[list[BodySegment]] = [[]]
    for segment in segments:
        position = 0
        for brk in PARAGRAPH_BREAK.finditer(segment.text):
            _append_piece(paragraphs[-1], segment, position, brk.start())
            paragraphs.append([])
            position = brk.end()
        _append_piece(paragraphs[-1], segment, position, len(segment.text))
    return [paragraph for paragraph in paragraphs if paragraph]


def _append_piece(paragraph: list[BodySegment], segment: BodySegment, begin: int, finish: int) -> None:
    if begin >= finish:
        return
    paragraph.append(
        BodySegment(
            segment.text[begin:finish],
            segment.start + begin,
            segment.start + finish,
            segment.mention,
            segment.within,
        )
    )


def related_articles(*, article_id: int, entity_ids: list[int], limit: int = 6) -> list[dict]:
    """Articles sharing the most entities with this one (ties: the more salient, then the newest).

    Two queries: the ranking runs over the tag index alone; titles are fetched for the winners only.
    """
    if not entity_ids:
        return []
    ranked = list(
        Tag.objects.filter(entity_id__in=entity_ids)
        .exclude(article_id=article_id)
        .exclude(status=MentionStatus.REJECTED)
        .values("article_id")
        .annotate(shared=Count("entity_id"), weight=Sum("salience"))
        .order_by("-shared", "-weight", "-article_id")[:limit]
    )
    articles = Article.objects.select_related("source").only("title", "published_at", "source__name")
    found = articles.in_bulk([row["article_id"] for row in ranked])
    return [{**row, "article": found[row["article_id"]]} for row in ranked if row["article_id"] in found]


# --- Entity ------------------------------------------------------------------------------------


def reader_entity(*, slug: str) -> Entity:
    """The entity with its parent chain (one query); raises ``Entity.DoesNotExist``."""
    chain = "__".join(["parent"] * FAMILY_DEPTH)
    return Entity.objects.select_related(chain).get(slug=slug)


@dataclass(frozen=True)
class AliasGroup:
    script: str  # "Latin", "Cyrillic", ...
    aliases: list[Alias]


def entity_alias_groups(*, entity_id: int) -> list[AliasGroup]:
    """The entity's aliases grouped by writing system, Latin first (one query)."""
    groups: dict[str, list[Alias]] = {}
    for alias in Alias.objects.filter(entity_id=entity_id).order_by("text").only("text", "language"):
        groups.setdefault(script_of(alias.text), []).append(alias)
    order = sorted(groups, key=lambda script: (script != "Latin", script))
    return [AliasGroup(script=script, aliases=groups[script]) for script in order]


def script_of(text: str) -> str:
    """The writing system of the first letter: "Latin", "Cyrillic", "Arabic", "CJK", ..."""
    for char in text:
        if char.isalpha():
            name = unicodedata.name(char, "")
            return name.split(" ", 1)[0].title() if name else "Other"
    return "Latin"


def entity_family(entity: Entity) -> EntityFamily:
    """Parents above (already loaded with ``reader_entity``) and variants below (one query)."""
    ancestors: list[EntityRef] = []
    seen = {entity.pk}
    parent = entity.parent if entity.parent_id else None
    for _ in range(FAMILY_DEPTH):
        if parent is None or parent.pk in seen:
            break
        seen.add(parent.pk)
        ancestors.insert(0, entity_ref(parent.pk, parent.name, parent.slug, parent.kind))
        parent = parent.parent if parent.parent_id else None

    below = Q(parent_id=entity.pk)
    for depth in range(2, FAMILY_DEPTH + 1):
        below |= Q(**{"__".join(["parent"] * depth) + "_id": entity.pk})
    rows = list(
        Entity.objects.filter(below)
        .exclude(pk=entity.pk)
        .order_by("name")
        .values_list("pk", "name", "slug", "kind", "parent_id")
    )
    nodes = {row[0]: FamilyNode(entity_ref(*row[:4])) for row in rows}
    top: list[FamilyNode] = []
    for pk, *_, parent_id in rows:
        if parent_id == entity.pk:
            top.append(nodes[pk])
        elif parent_id in nodes:
            nodes[parent_id].children.append(nodes[pk])
    return EntityFamily(ancestors=ancestors, variants=top, ids=(entity.pk, *nodes))


def _family_tags(entity_ids: tuple[int, ...]) -> QuerySet[Tag]:
    return Tag.objects.filter(entity_id__in=entity_ids).exclude(status=MentionStatus.REJECTED)


def family_articles(*, entity_ids: tuple[int, ...]) -> QuerySet[Article]:
    """Articles tagged with any entity of the family, newest first, each once, without bodies."""
    tagged = _family_tags(entity_ids).filter(article_id=OuterRef("pk"))
    return (
        Article.objects.filter(Exists(tagged))
        .select_related("source")
        .defer("body", "minhash")
        .order_by(F("published_at").desc(nulls_last=True), "-id")
    )


def family_tags_of(*, entity_ids: tuple[int, ...], article_ids: list[int]) -> dict[int, list[EntityRef]]:
    """For each listed article, which members of the family it is tagged with."""
    found: dict[int, list[EntityRef]] = {}
    rows = (
        _family_tags(entity_ids)
        .filter(article_id__in=article_ids)
        .order_by("entity__name")
        .values_list("article_id", "entity_id", "entity__name", "entity__slug", "entity__kind")
    )
    for article_id, entity_id, name, slug, kind in rows:
        found.setdefault(article_id, []).append(entity_ref(entity_id, name, slug, kind))
    return found


def family_timeline(*, entity_ids: tuple[int, ...]) -> list[MonthCount]:
    """Articles and mentions per month, every month from the first to the last (gaps as zero)."""
    month = TruncMonth(Coalesce("article__published_at", "article__created_at"))
    rows = (
        _family_tags(entity_ids)
        .annotate(month=month)
        .values("month")
        .annotate(articles=Count("article_id", distinct=True), mentions=Sum("mention_count"))
        .order_by("month")
    )
    counts = {_as_date(row["month"]): (row["articles"], row["mentions"] or 0) for row in rows}
    if not counts:
        return []
    first, last = min(counts), max(counts)
    months: list[MonthCount] = []
    current = first
    while current <= last:
        articles, mentions = counts.get(current, (0, 0))
        months.append(MonthCount(month=current, articles=articles, mentions=mentions))
        current = date(current.year + current.month // 12, current.month % 12 + 1, 1)
    return months


def _as_date(value: date | datetime) -> date:
    return date(value.year, value.month, 1)


def co_mentioned(*, entity_ids: tuple[int, ...], limit: int = 12) -> list[EntityCount]:
    """Entities outside the family tagged most often on the family's articles.

    Two queries: the counting groups by entity id only; names are fetched for the winners only.
    """
    family_article_ids = _family_tags(entity_ids).values("article_id")
    ranked = list(
        Tag.objects.filter(article_id__in=family_article_ids)
        .exclude(entity_id__in=entity_ids)
        .exclude(status=MentionStatus.REJECTED)
        .values_list("entity_id")
        .annotate(articles=Count("article_id"))  # one tag per (article, entity)
        .order_by("-articles", "entity_id")[:limit]
    )
    entities = Entity.objects.only("name", "slug", "kind").in_bulk([entity_id for entity_id, _ in ranked])
    counts = [
        EntityCount(entity=entity_ref(e.pk, e.name, e.slug, e.kind), articles=articles)
        for entity_id, articles in ranked
        if (e := entities.get(entity_id)) is not None
    ]
    return sorted(counts, key=lambda count: (-count.articles, count.entity.name))


def family_feed_articles(
    *, entity_ids: tuple[int, ...], limit: int = 50, lead_chars: int = 600
) -> list[Article]:
    """The newest articles of the family for a feed, each with ``lead``: the start of its body."""
    return list(family_articles(entity_ids=entity_ids).annotate(lead=Substr("body", 1, lead_chars))[:limit])
