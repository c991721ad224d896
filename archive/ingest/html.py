"""HTML pages -> main text and metadata.

trafilatura isolates the article and drops navigation, scripts, styles and comments; its text
output never carries markup, attributes or link targets, so event handlers and ``javascript:``
URLs cannot reach the body. Fragments too small for trafilatura fall back to the page's
visible text, with the same elements dropped.
"""

import re
from datetime import datetime

import htmldate
import lxml.html
import trafilatura
from lxml import etree

from .dates import is_plausible_publication_date, to_utc
from .decoding import decode_text
from .document import ExtractedText
from .errors import IngestError

_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9._:-]+)""", re.IGNORECASE)
_XML_DECLARATION = re.compile(r"^\s*<\?xml[^>]*\?>")
_TABLE_ROW = re.compile(r"^\|(.*)\|\s*$")
# Elements whose content is never article text.
_INVISIBLE_TAGS = (
    "script", "style", "noscript", "template", "head", "svg", "math", "iframe", "object",
    "embed", "canvas", "button", "select", "textarea", "form", "nav", "footer",
)
_BLOCK_TAGS = (
    "p", "div", "section", "article", "main", "header", "aside", "h1", "h2", "h3", "h4", "h5",
    "h6", "li", "dt", "dd", "blockquote", "pre", "tr", "table", "figcaption", "address", "br", "hr",
)
_HTMLDATE_FORMAT = "%Y-%m-%dT%H:%M:%S%z"


def read_html(data: bytes, filename: str) -> ExtractedText:
    """Decode an HTML file (honouring a correct ``<meta charset>``) and extract its article."""
    declared = _META_CHARSET.search(data[:4096])
    declared_encoding = declared.group(1).decode("ascii") if declared else None
    text, warnings = decode_text(data, filename, declared_encoding=declared_encoding)
    extracted = read_html_text(text, filename)
    extracted.warnings[:0] = warnings
    return extracted


def read_html_text(html: str, filename: str) -> ExtractedText:
    # lxml refuses str input that still carries an XML encoding declaration (XHTML pages).
    html = _XML_DECLARATION.sub("", html, count=1)
    try:
        result = trafilatura.bare_extraction(
            html,
            with_metadata=True,
            include_comments=False,
            include_tables=True,
            include_images=False,
            include_links=False,
            include_formatting=False,
        )
    except (ValueError, etree.LxmlError):
        result = None
    warnings: list[str] = []
    main_text = _plain_table_rows(result.text) if result is not None and result.text else ""
    if not main_text.strip():
        main_text = visible_text(html, filename)
        if main_text.strip():
            warnings.append("the main text could not be isolated; all visible text was kept")
    return ExtractedText(
        text=main_text,
        title=(result.title or "") if result is not None else "",
        author=(result.author or "") if result is not None else "",
        url=(result.url or "") if result is not None else "",
        source_name=((result.sitename or result.hostname or "") if result is not None else ""),
        published_at=_publication_date(html, result.date if result is not None else None),
        paragraph_per_line=True,
        warnings=warnings,
    )


def visible_text(html: str, filename: str) -> str:
    """All text a browser would show, one block per line, without scripts, styles or forms."""
    if not html.strip():
        return ""
    try:
        tree = lxml.html.document_fromstring(html)
    except (ValueError, etree.LxmlError) as error:
        raise IngestError(filename, "the HTML could not be parsed") from error
    for element in list(tree.iter(*_INVISIBLE_TAGS)):
        element.drop_tree()
    for element in tree.iter(*_BLOCK_TAGS):
        element.tail = "\n" + (element.tail or "")
        if element.tag != "br":
            element.text = "\n" + (element.text or "")
    return tree.text_content()


def _plain_table_rows(text: str) -> str:
    # trafilatura's text output draws table rows as "| a | b |"; keep the cells, drop the frame.
    lines = text.split("\n")
    for index, line in enumerate(lines):
        row = _TABLE_ROW.match(line)
        if row:
            lines[index] = " | ".join(cell.strip() for cell in row.group(1).split("|"))
    return "\n".join(lines)


def _publication_date(html: str, trafilatura_date: str | None) -> datetime | None:
    # htmldate with the original-date preference reads article:published_time, JSON-LD
    # datePublished, <time> elements ... and keeps the time of day; trafilatura's own date
    # (day only, from a wider search) is the fallback.
    candidates: list[str] = []
    try:
        found = htmldate.find_date(
            html, outputformat=_HTMLDATE_FORMAT, original_date=True, extensive_search=False
        )
    except (ValueError, etree.LxmlError):
        found = None
    if found:
        candidates.append(found)
    if trafilatura_date:
        candidates.append(trafilatura_date)
    for candidate in candidates:
        try:
            moment = to_utc(datetime.fromisoformat(candidate))
        except ValueError:
            continue
        if is_plausible_publication_date(moment):
            return moment
    return None
