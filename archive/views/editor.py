"""The annotation page and the review queue: editors confirm, reject, relink and add mentions.

Every action answers an htmx request with the re-rendered workspace (body, mention panel, tags),
and a plain form post with a redirect back to the page, so the page also works without script.
"""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import Http404, JsonResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_GET, require_POST

from archive import selectors_editor as edit
from archive.forms_editor import EntityPickForm, MentionAddForm, MentionKindForm, MentionReviewForm, trim_span
from archive.models import Article, Entity, EntityKind, Mention
from archive.services import (
    entity_create,
    mention_add,
    mention_confirm_entity,
    mention_kind_change,
    mention_review,
)

from .common import editor_required

REVIEW_PAGE_SIZE = 25


def _article(pk: int) -> Article:
    try:
        return edit.annotation_article(pk=pk)
    except Article.DoesNotExist as exc:
        raise Http404("No such article.") from exc


def _mention_panel(article: Article, mention_id: int | None) -> dict:
    if mention_id is None:
        return {}
    try:
        mention, overlapping = edit.mention_detail(article_id=article.pk, mention_id=mention_id)
    except Mention.DoesNotExist:
        return {}
    return {
        "mention": mention,
        "overlapping": overlapping,
        "entity_open": edit.open_suggestions_of(article_id=article.pk, entity_id=mention.entity_id),
    }


def _workspace_context(
    article: Article, *, selected: int | None = None, error: str = "", notice: str = ""
) -> dict:
    spans = edit.annotation_spans(article_id=article.pk)
    return {
        "article": article,
        "body": edit.annotation_body(article.body, spans),
        "tag_groups": edit.annotation_tags(article_id=article.pk, spans=spans),
        "kinds": EntityKind.choices,
        "selected": selected,
        "error": error,
        "notice": notice,
        **_mention_panel(article, selected),
    }


def _after_action(request, article: Article, *, selected: int | None, error: str = "", notice: str = ""):
    """The workspace for htmx; otherwise back to the page (or the page with the error, status 400)."""
    context = _workspace_context(article, selected=selected, error=error, notice=notice)
    if request.htmx:
        return render(request, "archive/editor/_workspace.html", context)
    if error:
        return render(request, "archive/editor/annotate.html", context, status=400)
    url = reverse("archive:annotate", args=[article.pk])
    return redirect(f"{url}?mention={selected}" if selected else url)


def _error_text(exc: ValidationError) -> str:
    return " ".join(exc.messages)


def _form_error(form) -> str:
    return " ".join(str(message) for messages in form.errors.values() for message in messages)


def _article_mention(pk: int, mention_id: int) -> tuple[Article, Mention]:
    article = _article(pk)
    mention = Mention.objects.filter(pk=mention_id, article_id=article.pk).only("pk", "entity_id").first()
    if mention is None:
        raise Http404("No such mention in this article.")
    return article, mention


def _selected(request) -> int | None:
    value = request.GET.get("mention") or ""
    return int(value) if value.isdigit() else None


@editor_required
@require_GET
def annotate(request, pk: int):
    article = _article(pk)
    return render(
        request, "archive/editor/annotate.html", _workspace_context(article, selected=_selected(request))
    )


@editor_required
@require_GET
def annotate_mention(request, pk: int, mention_id: int):
    """The panel of one mention: what it is, and the actions on it."""
    article, mention = _article_mention(pk, mention_id)
    context = {"article": article, "kinds": EntityKind.choices, **_mention_panel(article, mention.pk)}
    return render(request, "archive/editor/_mention_panel.html", context)


@editor_required
@require_POST
def mention_review_view(request, pk: int, mention_id: int):
    article, mention = _article_mention(pk, mention_id)
    form = MentionReviewForm(request.POST)
    if not form.is_valid():
        return _after_action(request, article, selected=mention.pk, error=_form_error(form))
    mention_review(mention_id=mention.pk, status=form.cleaned_data["status"], reviewer=request.user)
    return _after_action(request, article, selected=mention.pk)


@editor_required
@require_POST
def mention_relink(request, pk: int, mention_id: int):
    """Link the mention to another entity (chosen through the autocomplete); confirms it."""
    article, mention = _article_mention(pk, mention_id)
    form = EntityPickForm(request.POST)
    if not form.is_valid():
        return _after_action(request, article, selected=mention.pk, error=_form_error(form))
    if not Entity.objects.filter(pk=form.cleaned_data["entity_id"]).exists():
        return _after_action(request, article, selected=mention.pk, error="That entity no longer exists.")
    try:
        mention_review(
            mention_id=mention.pk,
            status="confirmed",
            reviewer=request.user,
            entity_id=form.cleaned_data["entity_id"],
        )
    except ValidationError as exc:
        return _after_action(request, article, selected=mention.pk, error=_error_text(exc))
    return _after_action(request, article, selected=mention.pk)


@editor_required
@require_POST
def mention_kind(request, pk: int, mention_id: int):
    article, mention = _article_mention(pk, mention_id)
    form = MentionKindForm(request.POST)
    if not form.is_valid():
        return _after_action(request, article, selected=mention.pk, error=_form_error(form))
    mention_kind_change(mention_id=mention.pk, kind=form.cleaned_data["kind"], reviewer=request.user)
    return _after_action(request, article, selected=mention.pk)


@editor_required
@require_POST
def entity_confirm_all(request, pk: int):
    """Confirm every suggestion of one entity in this article."""
    article = _article(pk)
    form = EntityPickForm(request.POST)
    selected = request.POST.get("selected")
    selected = int(selected) if selected and selected.isdigit() else None
    if not form.is_valid():
        return _after_action(request, article, selected=selected, error=_form_error(form))
    try:
        count = mention_confirm_entity(
            article_id=article.pk, entity_id=form.cleaned_data["entity_id"], reviewer=request.user
        )
    except Entity.DoesNotExist:
        return _after_action(request, article, selected=selected, error="That entity no longer exists.")
    return _after_action(
        request,
        article,
        selected=selected,
        notice=f"Confirmed {count} suggestion{'s' if count != 1 else ''}.",
    )


@editor_required
@require_POST
def mention_create(request, pk: int):
    """A mention the extractor missed: the selected text, linked to an entity or to a new one."""
    article = _article(pk)
    form = MentionAddForm(request.POST)
    if not form.is_valid():
        return _after_action(request, article, selected=None, error=_form_error(form))
    data = form.cleaned_data
    start, end = trim_span(article.body, data["start"], data["end"])
    try:
        entity_id = data.get("entity_id")
        if not entity_id:
            existing = Entity.objects.filter(kind=data["new_kind"], name=data["new_name"]).first()
            entity_id = (
                existing
                or entity_create(kind=data["new_kind"], name=data["new_name"], created_by=request.user)
            ).pk
        elif not Entity.objects.filter(pk=entity_id).exists():
            return _after_action(request, article, selected=None, error="That entity no longer exists.")
        mention = mention_add(
            article_id=article.pk, start=start, end=end, entity_id=entity_id, reviewer=request.user
        )
    except ValidationError as exc:
        return _after_action(request, article, selected=None, error=_error_text(exc))
    return _after_action(request, article, selected=mention.pk, notice=f"Added “{mention.text}”.")


@editor_required
@require_GET
def entity_autocomplete(request):
    """Entities matching ``q`` by name or alias, optionally of one ``kind``: radio buttons for a form
    (htmx) or JSON (``Accept: application/json`` or ``format=json``)."""
    kind = request.GET.get("kind") or None
    exclude = request.GET.get("exclude") or ""
    choices = edit.entity_choices(
        query=request.GET.get("q", ""), kind=kind, exclude_id=int(exclude) if exclude.isdigit() else None
    )
    if request.GET.get("format") == "json" or "application/json" in request.headers.get("Accept", ""):
        return JsonResponse({"results": [choice.as_json() for choice in choices]})
    field = request.GET.get("field") or "entity_id"
    if field not in ("entity_id",):
        field = "entity_id"
    return render(
        request,
        "archive/editor/_entity_choices.html",
        {"choices": choices, "field": field, "query": request.GET.get("q", "")},
    )


@editor_required
@require_GET
def review_queue(request):
    sort = request.GET.get("sort") if request.GET.get("sort") in edit.REVIEW_SORTS else "date"
    page = Paginator(edit.review_queue(sort=sort), REVIEW_PAGE_SIZE).get_page(request.GET.get("page"))
    context = {"page": page, "sort": sort, "total_open": edit.open_suggestions_total()}
    return render(request, "archive/editor/review_queue.html", context)
