"""Entity curation for editors: aliases, variants, merges, promotion, description and ids.

Each action re-renders the curation panel for htmx, or redirects back to the page for a plain
form post; a merge always goes on to the surviving entity.
"""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_GET, require_POST

from archive.forms_editor import AliasForm, EntityEditForm, EntityPickForm, ParentForm
from archive.models import Alias, Entity, Mention, MentionStatus, Tag
from archive.selectors_reader import entity_alias_groups
from archive.services import alias_add, alias_key, alias_remove, entity_merge, entity_promote, entity_update

from .common import editor_required


def _entity(pk: int) -> Entity:
    entity = Entity.objects.select_related("parent").filter(pk=pk).first()
    if entity is None:
        raise Http404("No such entity.")
    return entity


def _context(entity: Entity, *, error: str = "", notice: str = "", edit_form=None) -> dict:
    return {
        "entity": entity,
        "alias_groups": entity_alias_groups(entity_id=entity.pk),
        "name_key": alias_key(entity.name)[:300],
        "variants": list(Entity.objects.filter(parent=entity).order_by("name").only("name", "slug", "kind")),
        "articles": Tag.objects.filter(entity=entity).exclude(status=MentionStatus.REJECTED).count(),
        "open_suggestions": Mention.objects.filter(entity=entity, status=MentionStatus.SUGGESTED).count(),
        "alias_form": AliasForm(),
        "edit_form": edit_form
        or EntityEditForm(
            initial={
                "description": entity.description,
                "wikidata": entity.wikidata,
                "country": entity.country,
                "category": entity.category,
            }
        ),
        "error": error,
        "notice": notice,
    }


def _after_action(request, entity_id: int, *, error: str = "", notice: str = "", edit_form=None):
    entity = _entity(entity_id)
    context = _context(entity, error=error, notice=notice, edit_form=edit_form)
    if request.htmx:
        return render(request, "archive/editor/_curation.html", context)
    if error:
        return render(request, "archive/editor/curate.html", context, status=400)
    return redirect("archive:entity-curate", pk=entity.pk)


def _errors(form) -> str:
    return " ".join(str(message) for messages in form.errors.values() for message in messages)


@editor_required
@require_GET
def entity_curate(request, pk: int):
    return render(request, "archive/editor/curate.html", _context(_entity(pk)))


@editor_required
@require_POST
def alias_create(request, pk: int):
    entity = _entity(pk)
    form = AliasForm(request.POST)
    if not form.is_valid():
        return _after_action(request, entity.pk, error=_errors(form))
    try:
        alias = alias_add(
            entity_id=entity.pk,
            text=form.cleaned_data["text"],
            changed_by=request.user,
            language=form.cleaned_data["language"],
        )
    except ValidationError as exc:
        return _after_action(request, entity.pk, error=" ".join(exc.messages))
    return _after_action(request, entity.pk, notice=f"“{alias.text}” is an alias now.")


@editor_required
@require_POST
def alias_delete(request, pk: int, alias_id: int):
    entity = _entity(pk)
    if not Alias.objects.filter(pk=alias_id, entity=entity).exists():
        raise Http404("No such alias of this entity.")
    try:
        alias = alias_remove(alias_id=alias_id, changed_by=request.user)
    except ValidationError as exc:
        return _after_action(request, entity.pk, error=" ".join(exc.messages))
    return _after_action(request, entity.pk, notice=f"Removed the alias “{alias.text}”.")


@editor_required
@require_POST
def entity_parent(request, pk: int):
    """Set the family this entity is a variant of (or none)."""
    entity = _entity(pk)
    form = ParentForm(request.POST)
    if not form.is_valid():
        return _after_action(request, entity.pk, error=_errors(form))
    try:
        entity_update(entity_id=entity.pk, changed_by=request.user, parent_id=form.cleaned_data["entity_id"])
    except ValidationError as exc:
        return _after_action(request, entity.pk, error=" ".join(exc.messages))
    return _after_action(request, entity.pk, notice="Family updated.")


@editor_required
@require_POST
def entity_merge_into(request, pk: int):
    """Merge this entity into the chosen one; the old address then redirects there."""
    entity = _entity(pk)
    form = EntityPickForm(request.POST)
    if not form.is_valid():
        return _after_action(request, entity.pk, error=_errors(form))
    try:
        record = entity_merge(
            source_id=entity.pk, target_id=form.cleaned_data["entity_id"], merged_by=request.user
        )
    except ValidationError as exc:
        return _after_action(request, entity.pk, error=" ".join(exc.messages))
    url = reverse("archive:entity-curate", args=[record.target_id])
    if request.htmx:
        response = HttpResponse(status=204)
        response["HX-Redirect"] = url
        return response
    return redirect(url)


@editor_required
@require_POST
def entity_promote_view(request, pk: int):
    entity = _entity(pk)
    entity_promote(entity_id=entity.pk, changed_by=request.user)
    return _after_action(
        request, entity.pk, notice="Curated: the extractor now matches its name and aliases."
    )


@editor_required
@require_POST
def entity_edit(request, pk: int):
    """Description and external ids."""
    entity = _entity(pk)
    form = EntityEditForm(request.POST)
    if not form.is_valid():
        return _after_action(request, entity.pk, error=_errors(form), edit_form=form)
    try:
        entity_update(entity_id=entity.pk, changed_by=request.user, **form.cleaned_data)
    except ValidationError as exc:
        return _after_action(request, entity.pk, error=" ".join(exc.messages), edit_form=form)
    return _after_action(request, entity.pk, notice="Saved.")
