from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from .models import Alias, Article, Entity, Mention, Source, Tag


@admin.register(Source)
class SourceAdmin(admin.ModelAdmin):
    list_display = ("name", "homepage", "country")
    search_fields = ("name",)


@admin.register(Article)
class ArticleAdmin(SimpleHistoryAdmin):
    list_display = ("title", "source", "published_at", "language", "status", "is_demo", "created_at")
    list_filter = ("status", "language", "is_demo", "source")
    search_fields = ("title", "url")
    date_hierarchy = "published_at"
    raw_id_fields = ("near_duplicate_of", "created_by")
    readonly_fields = (
        "content_hash",
        "near_duplicate_score",
        "status",
        "status_error",
        "extractor_version",
        "created_at",
        "updated_at",
    )
    list_select_related = ("source",)


class AliasInline(admin.TabularInline):
    model = Alias
    extra = 0
    fields = ("text", "key", "language")
    readonly_fields = ("key",)


@admin.register(Entity)
class EntityAdmin(SimpleHistoryAdmin):
    list_display = ("name", "kind", "category", "country", "parent", "curated")
    list_filter = ("kind", "curated", "category")
    search_fields = ("name", "aliases__text", "wikidata")
    prepopulated_fields = {"slug": ("kind", "name")}
    raw_id_fields = ("parent",)
    inlines = [AliasInline]
    list_select_related = ("parent",)


@admin.register(Mention)
class MentionAdmin(SimpleHistoryAdmin):
    list_display = ("text", "entity", "kind", "status", "origin", "confidence", "article")
    list_filter = ("status", "origin", "kind")
    raw_id_fields = ("article", "entity", "reviewer")
    list_select_related = ("entity", "article")


@admin.register(Tag)
class TagAdmin(admin.ModelAdmin):
    list_display = ("article", "entity", "mention_count", "salience", "status", "updated_at")
    list_filter = ("status",)
    raw_id_fields = ("article", "entity")
    list_select_related = ("entity", "article")
