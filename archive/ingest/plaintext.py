"""Plain text and Markdown -> text.

Markdown is reduced to the text a reader sees: heading marks, emphasis, link targets, images
and raw HTML (including any script) are dropped, so the body stays plain text.
"""

import html
import re
from datetime import date, datetime

import yaml

from .dates import coerce_datetime
from .document import ExtractedText

_FRONT_MATTER = re.compile(r"\A---[ \t]*\n(.*?)\n(?:---|\.\.\.)[ \t]*(?:\n|\Z)", re.DOTALL)
_RAW_HTML_BLOCK = re.compile(
    r"<(script|style|iframe|object|template)\b.*?</\1\s*>", re.IGNORECASE | re.DOTALL
)
_HTML_COMMENT = re.compile(r"<!--.*?-->", re.DOTALL)
_HTML_TAG = re.compile(r"</?[A-Za-z][^>]*>")
_ATX_HEADING = re.compile(r"^[ ]{0,3}#{1,6}[ \t]+(.*?)(?:[ \t]+#+)?[ \t]*$")
_SETEXT_UNDERLINE = re.compile(r"^[ ]{0,3}(?:=+|-+)[ \t]*$")
_RULE = re.compile(r"^[ ]{0,3}(?:(?:\*[ \t]*){3,}|(?:_[ \t]*){3,})$")
_FENCE = re.compile(r"^[ ]{0,3}(?:```|~~~)")
_BLOCKQUOTE = re.compile(r"^[ ]{0,3}>[ ]?")
_IMAGE = re.compile(r"!\[([^\]]*)\]\([^)]*\)")
_LINK = re.compile(r"\[([^\]]+)\]\([^)]*\)")
_REFERENCE_LINK = re.compile(r"\[([^\]]+)\]\[[^\]]*\]")
_LINK_DEFINITION = re.compile(r"^[ ]{0,3}\[[^\]]+\]:[ \t]*\S+.*$")
_AUTOLINK = re.compile(r"<((?:https?|mailto):[^>\s]+)>")
_STRONG = re.compile(r"(\*\*|__)(?=\S)(.+?)(?<=\S)\1")
_EMPHASIS = re.compile(r"(?<![\w*])\*(?=\S)(.+?)(?<=\S)\*(?![\w*])|(?<![\w_])_(?=\S)(.+?)(?<=\S)_(?![\w_])")
_INLINE_CODE = re.compile(r"`+([^`]+)`+")
_STRIKE = re.compile(r"~~(.+?)~~")


def read_plain_text(text: str) -> ExtractedText:
    return ExtractedText(text=text)


def read_markdown(text: str) -> ExtractedText:
    extracted = ExtractedText(text="")
    front_matter = _FRONT_MATTER.match(text)
    if front_matter:
        _apply_front_matter(front_matter.group(1), extracted)
        text = text[front_matter.end() :]
    text = _HTML_COMMENT.sub("", _RAW_HTML_BLOCK.sub("", text))

    lines: list[str] = []
    for line in text.split("\n"):
        if _FENCE.match(line) or _LINK_DEFINITION.match(line) or _RULE.match(line):
            lines.append("")
            continue
        if _SETEXT_UNDERLINE.match(line) and lines and lines[-1].strip():
            extracted.title = extracted.title or _inline_to_text(lines[-1])
            lines.append("")
            continue
        line = _BLOCKQUOTE.sub("", line)
        heading = _ATX_HEADING.match(line)
        if heading:
            line = heading.group(1)
            extracted.title = extracted.title or _inline_to_text(line)
            # A heading is its own paragraph even without blank lines around it.
            lines.extend(["", _inline_to_text(line), ""])
            continue
        lines.append(_inline_to_text(line))
    extracted.text = "\n".join(lines)
    return extracted


def _inline_to_text(line: str) -> str:
    line = _IMAGE.sub("", line)
    line = _LINK.sub(r"\1", line)
    line = _REFERENCE_LINK.sub(r"\1", line)
    line = _AUTOLINK.sub(r"\1", line)
    line = _HTML_TAG.sub("", line)
    line = _INLINE_CODE.sub(r"\1", line)
    line = _STRONG.sub(r"\2", line)
    line = _EMPHASIS.sub(lambda match: match.group(1) or match.group(2), line)
    line = _STRIKE.sub(r"\1", line)
    return html.unescape(line)


def _apply_front_matter(source: str, extracted: ExtractedText) -> None:
    try:
        meta = yaml.safe_load(source)
    except yaml.YAMLError:
        extracted.warnings.append("the Markdown front matter is not valid YAML and was ignored")
        return
    if not isinstance(meta, dict):
        return
    extracted.title = _string(meta.get("title"))
    extracted.author = _string(meta.get("author"))
    extracted.url = _string(meta.get("url") or meta.get("link"))
    extracted.source_name = _string(meta.get("source"))
    when = meta.get("date") or meta.get("published") or meta.get("published_at")
    if isinstance(when, date | datetime | str) and when:
        try:
            extracted.published_at = coerce_datetime(when)
        except ValueError:
            extracted.warnings.append(f"the front matter date {when!r} is not a date and was ignored")


def _string(value: object) -> str:
    if isinstance(value, list):
        return ", ".join(str(item) for item in value)
    return str(value).strip() if value is not None else ""
