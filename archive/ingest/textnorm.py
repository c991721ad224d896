"""Plain-text normalisation shared by every format.

The body is what mention offsets point into, so it must be stable and clean: NFC, ``\\n``
newlines, paragraphs separated by exactly one blank line, no control characters (PostgreSQL
refuses NUL, and stray C1 controls from mis-decoded files break rendering), no trailing spaces.
"""

import re
import unicodedata

MAX_TITLE_CHARS = 300

_LINE_BREAKS = re.compile(r"\r\n|[\r\x0b\x0c\x85\u2028]")
_PARAGRAPH_SEPARATOR = "\u2029"
# C0/C1 controls (tab and newline are handled before this runs), lone surrogates, and invisible
# format characters that only split words: zero-width space, BOM, soft hyphen, word joiner.
_INVISIBLE = re.compile("[\x00-\x08\x0e-\x1f\x7f-\x9f\ud800-\udfff\ufeff\u200b\u00ad\u2060\ufffe\uffff]")
_HORIZONTAL_SPACE_RUN = re.compile(r"[ \t]+")
_WHITESPACE_RUN = re.compile(r"\s+")


def normalise_body(text: str, *, paragraph_per_line: bool | None = None) -> str:
    """Return ``text`` as clean plain text with blank-line separated paragraphs.

    ``paragraph_per_line``: ``True`` makes every non-empty line a paragraph (extractors that emit
    one block per line); ``None`` decides from the text: pasted text without any blank line is
    usually one paragraph per line, while text with blank lines keeps its soft line breaks.
    """
    text = unicodedata.normalize("NFC", text)
    text = text.replace(_PARAGRAPH_SEPARATOR, "\n\n")
    text = _LINE_BREAKS.sub("\n", text)
    text = _INVISIBLE.sub("", text)
    lines = [_HORIZONTAL_SPACE_RUN.sub(" ", line).strip() for line in text.split("\n")]
    if paragraph_per_line is None:
        paragraph_per_line = not _has_blank_line_between_text(lines)

    paragraphs: list[str] = []
    current: list[str] = []
    for line in lines:
        if not line:
            if current:
                paragraphs.append("\n".join(current))
                current = []
        elif paragraph_per_line:
            paragraphs.append(line)
        else:
            current.append(line)
    if current:
        paragraphs.append("\n".join(current))
    return "\n\n".join(paragraphs)


def _has_blank_line_between_text(lines: list[str]) -> bool:
    seen_text = False
    pending_blank = False
    for line in lines:
        if line:
            if seen_text and pending_blank:
                return True
            seen_text = True
            pending_blank = False
        else:
            pending_blank = True
    return False


def clip_title(title: str) -> str:
    """One line of at most ``MAX_TITLE_CHARS``, cut at a word boundary with an ellipsis."""
    title = _WHITESPACE_RUN.sub(" ", _INVISIBLE.sub("", unicodedata.normalize("NFC", title))).strip()
    if len(title) <= MAX_TITLE_CHARS:
        return title
    cut = title[: MAX_TITLE_CHARS - 1]
    if " " in cut[MAX_TITLE_CHARS // 2 :]:
        cut = cut[: cut.rindex(" ")]
    return cut.rstrip(" ,;:-") + "…"


def first_line_title(body: str) -> str:
    """The first non-empty line of a normalised body, clipped to a title."""
    for line in body.split("\n"):
        if line.strip():
            return clip_title(line)
    return ""
