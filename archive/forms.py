from django import forms
from django.conf import settings

from archive.ingest import SUPPORTED_EXTENSIONS


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    """A file field that takes several files at once (the documented Django pattern)."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("widget", MultipleFileInput(attrs={"accept": ",".join(SUPPORTED_EXTENSIONS)}))
        # Empty files reach intake, which names them in its report instead of failing the form.
        kwargs.setdefault("allow_empty_file", True)
        super().__init__(*args, **kwargs)

    def clean(self, data, initial=None):
        single = super().clean
        if isinstance(data, list | tuple):
            return [single(item, initial) for item in data if item]
        return [single(data, initial)] if data else []


class ArticleUploadForm(forms.Form):
    """Paste a text or upload files; the metadata fields override what is detected."""

    text = forms.CharField(
        label="Paste text", required=False, widget=forms.Textarea(attrs={"rows": 8}), strip=False
    )
    files = MultipleFileField(
        label="Or upload files",
        required=False,
        help_text="Text, Markdown, HTML, Word (.docx) or PDF; several at once.",
    )
    title = forms.CharField(
        max_length=500, required=False, help_text="Detected from the document when left empty."
    )
    source = forms.CharField(max_length=200, required=False, label="Source (publisher)")
    url = forms.URLField(max_length=2000, required=False, assume_scheme="https")
    author = forms.CharField(max_length=300, required=False)
    published_at = forms.DateTimeField(
        required=False,
        label="Published",
        help_text="Detected from the document when left empty.",
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}),
    )
    language = forms.CharField(
        max_length=8, required=False, help_text="Detected when left empty (en, ru, uk ...)"
    )

    def clean_files(self):
        files = self.cleaned_data["files"]
        if len(files) > settings.ARCHIVE_MAX_UPLOAD_FILES:
            raise forms.ValidationError(f"Upload at most {settings.ARCHIVE_MAX_UPLOAD_FILES} files at once.")
        return files

    def clean(self):
        cleaned = super().clean()
        if not self.errors and not cleaned.get("files") and not (cleaned.get("text") or "").strip():
            raise forms.ValidationError("Paste a text or choose at least one file.")
        return cleaned

    def overrides(self) -> dict:
        """Metadata the editor typed; empty fields leave the detected values alone."""
        keys = ("title", "url", "author", "published_at", "language")
        values = {key: self.cleaned_data.get(key) for key in keys}
        values["source_name"] = self.cleaned_data.get("source")
        return {key: value for key, value in values.items() if value}
