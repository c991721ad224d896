"""Small HTML readers for the page tests (standard library only)."""

from html.parser import HTMLParser


class LinkCollector(HTMLParser):
    """Every ``<a>`` of a class, with its attributes and its text."""

    def __init__(self, css_class: str):
        super().__init__(convert_charrefs=True)
        self.css_class, self.links, self._open = css_class, [], None

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        if tag == "a" and self.css_class in (attributes.get("class") or "").split():
            self._open = {**attributes, "text": ""}
        elif tag == "br" and self._open is not None:
            self._open["text"] += "\n"

    def handle_data(self, data):
        if self._open is not None:
            self._open["text"] += data

    def handle_endtag(self, tag):
        if tag == "a" and self._open is not None:
            self.links.append(self._open)
            self._open = None


class TagCounter(HTMLParser):
    """Counts start tags by name, so a test can say "no <script> element in the body"."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.counts: dict[str, int] = {}

    def handle_starttag(self, tag, attrs):
        self.counts[tag] = self.counts.get(tag, 0) + 1


def mention_links(html: str) -> list[dict]:
    parser = LinkCollector("mention")
    parser.feed(html)
    return parser.links


def start_tags(html: str) -> dict[str, int]:
    parser = TagCounter()
    parser.feed(html)
    return parser.counts


def section(html: str, element_id: str) -> str:
    """The markup from the element with this id to the end of its section (good enough for tests)."""
    start = html.index(f'id="{element_id}"')
    end = html.find("</section>", start)
    return html[start : end if end != -1 else len(html)]


def article_body(html: str) -> str:
    start = html.index('id="article-body"')
    return html[start : html.index("</div>", start)]
