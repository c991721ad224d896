"""Forms of the editor pages: they validate what editors send before a service acts on it."""

from __future__ import annotations

import re

from django import forms

from archive.models import EntityKind, MentionStatus

WIKIDATA_ID = re.compile(r"^Q[1-9][0-9]*$")


class MentionReviewForm(forms.Form):
    status = forms.ChoiceField(choices=MentionStatus.choices)


class EntityPickForm(forms.Form):
    """An entity chosen through the autocomplete (its radio buttons are named ``entity_id``)."""

    entity_id = forms.IntegerField(min_value=1, error_messages={"required": "Choose an entity first."})


class MentionKindForm(forms.Form):
    kind = forms.ChoiceField(choices=EntityKind.choices)


class MentionAddForm(forms.Form):
    """A stretch of the body (offsets in code points) linked to an existing entity or to a new one."""

    start = forms.IntegerField(min_value=0)
    end = forms.IntegerField(min_value=1)
    entity_id = forms.IntegerField(min_value=1, required=False)
    new_name = forms.CharField(max_length=300, required=False, strip=True)
    new_kind = forms.ChoiceField(choices=[("", "—"), *EntityKind.choices], required=False)

    def clean(self):
        data = super().clean()
        if self.errors:
            return data
        if data["start"] >= data["end"]:
            raise forms.ValidationError("Select some text in the article first.")
        if not data.get("entity_id") and not (data.get("new_name") and data.get("new_kind")):
            raise forms.ValidationError("Choose an entity, or give the new entity a name and a kind.")
        return data


def trim_span(body: str, start: int, end: int) -> tuple[int, int]:
    """The span without the spaces a mouse selection often takes along at either end.

    Offsets outside the body are left as they are, for the service to refuse.
    """
    if not 0 <= start < end <= len(body):
        return start, end
    while start < end and body[start].isspace():
        start += 1
    while end > start and body[end - 1].isspace():
        end -= 1
    return start, end


class AliasForm(forms.Form):
    text = forms.CharField(label="New alias", max_length=300, strip=True)
    language = forms.CharField(label="Language or script", max_length=8, required=False, strip=True)


class ParentForm(forms.Form):
    """The family an entity is a variant of; empty to detach it."""

    entity_id = forms.IntegerField(min_value=1, required=False)


class EntityEditForm(forms.Form):
    description = forms.CharField(widget=forms.Textarea(attrs={"rows": 4}), required=False, max_length=5000)
    wikidata = forms.CharField(
        label="Wikidata id", max_length=20, required=False, strip=True, help_text="e.g. Q192574"
    )
    country = forms.CharField(label="Country (ISO code)", max_length=2, required=False, strip=True)
    category = forms.CharField(max_length=40, required=False, strip=True)

    def clean_wikidata(self) -> str:
        value = self.cleaned_data["wikidata"].upper()
        if value and not WIKIDATA_ID.match(value):
            raise forms.ValidationError("A Wikidata id is Q followed by digits, e.g. Q192574.")
        return value

    def clean_country(self) -> str:
        value = self.cleaned_data["country"].upper()
        if value and not re.fullmatch(r"[A-Z]{2}", value):
            raise forms.ValidationError("Use a two-letter ISO 3166-1 code such as UA.")
        return value
