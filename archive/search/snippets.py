"""Snippets are escaped first and marked second, so article text can never inject markup.

Backends wrap hits in two control characters that cannot survive in stored text (they are
stripped from the text before the backend sees it); here the snippet is HTML-escaped and only
then are those characters turned into ``<mark>`` elements.
"""

from __future__ import annotations

import re

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

HIT_START = "\x02"
HIT_STOP = "\x03"
LEAD_CHARS = 240

_SPACES = re.compile(r"\s+")


def render_snippet(marked: str) -> SafeString:
    """Escaped snippet text with the backend's hit markers as ``<mark>`` elements."""
    text = _SPACES.sub(" ", marked or "").strip()
    html = escape(text).replace(HIT_START, "<mark>").replace(HIT_STOP, "</mark>")
    return mark_safe(html)  # noqa: S308 - every character of the text was escaped above


def lead_snippet(body_start: str) -> SafeString:
    """The opening words of an article, for results found without words to highlight."""
    text = _SPACES.sub(" ", (body_start or "").replace(HIT_START, "").replace(HIT_STOP, "")).strip()
    if len(text) > LEAD_CHARS:
        text = text[:LEAD_CHARS].rsplit(" ", 1)[0] + " …"
    return render_snippet(text)
