"""Editor pages: annotation, review queue, entity curation, history."""

from django.urls import path

from .views import curation, editor, history

urlpatterns = [
    path("review/", editor.review_queue, name="review-queue"),
    path("articles/<int:pk>/annotate/", editor.annotate, name="annotate"),
    path("articles/<int:pk>/annotate/mentions/", editor.mention_create, name="mention-create"),
    path("articles/<int:pk>/annotate/confirm-entity/", editor.entity_confirm_all, name="entity-confirm-all"),
    path(
        "articles/<int:pk>/annotate/mentions/<int:mention_id>/",
        editor.annotate_mention,
        name="annotate-mention",
    ),
    path(
        "articles/<int:pk>/annotate/mentions/<int:mention_id>/review/",
        editor.mention_review_view,
        name="mention-review",
    ),
    path(
        "articles/<int:pk>/annotate/mentions/<int:mention_id>/relink/",
        editor.mention_relink,
        name="mention-relink",
    ),
    path(
        "articles/<int:pk>/annotate/mentions/<int:mention_id>/kind/", editor.mention_kind, name="mention-kind"
    ),
    path("articles/<int:pk>/history/", history.article_history, name="article-history"),
    path("curate/autocomplete/", editor.entity_autocomplete, name="entity-autocomplete"),
    path("curate/entities/<int:pk>/", curation.entity_curate, name="entity-curate"),
    path("curate/entities/<int:pk>/aliases/", curation.alias_create, name="alias-create"),
    path(
        "curate/entities/<int:pk>/aliases/<int:alias_id>/delete/", curation.alias_delete, name="alias-delete"
    ),
    path("curate/entities/<int:pk>/parent/", curation.entity_parent, name="entity-parent"),
    path("curate/entities/<int:pk>/merge/", curation.entity_merge_into, name="entity-merge"),
    path("curate/entities/<int:pk>/promote/", curation.entity_promote_view, name="entity-promote"),
    path("curate/entities/<int:pk>/edit/", curation.entity_edit, name="entity-edit"),
    path("curate/entities/<int:pk>/history/", history.entity_history, name="entity-history"),
]
