"""The search page's form: the readers' GET parameters, shared with the feed."""

from __future__ import annotations

from django import forms

from archive.models import EntityKind

from .query import MAX_QUERY_CHARS


class SearchForm(forms.Form):
    q = forms.CharField(
        label="Search the archive",
        required=False,
        max_length=MAX_QUERY_CHARS,
        widget=forms.TextInput(
            attrs={"type": "search", "autocomplete": "off", "aria-describedby": "search-help"}
        ),
    )
    entity = forms.CharField(required=False, widget=forms.HiddenInput)
    kind = forms.ChoiceField(label="Kind", required=False, choices=[("", "Any kind"), *EntityKind.choices])
    source = forms.IntegerField(required=False, min_value=1, widget=forms.HiddenInput)
    language = forms.CharField(required=False, max_length=8, widget=forms.HiddenInput)
    date_from = forms.DateField(label="From", required=False, widget=forms.DateInput(attrs={"type": "date"}))
    date_to = forms.DateField(label="To", required=False, widget=forms.DateInput(attrs={"type": "date"}))
    sort = forms.ChoiceField(
        label="Sort by",
        required=False,
        initial="relevance",
        choices=[("relevance", "Relevance"), ("date", "Newest first")],
    )
    page = forms.IntegerField(required=False, min_value=1, widget=forms.HiddenInput)

    def search_arguments(self) -> dict:
        """Keyword arguments for ``search_articles`` (the form must be valid)."""
        data = self.cleaned_data
        return {
            "query": data["q"],
            "entity": data["entity"] or None,
            "kind": data["kind"] or None,
            "source": data["source"],
            "language": data["language"] or None,
            "date_from": data["date_from"],
            "date_to": data["date_to"],
            "sort": data["sort"] or "relevance",
            "page": data["page"] or 1,
        }
