"""An editor's session in a real browser: upload, review, add a mention by selection, merge, search."""

from __future__ import annotations

import os
import re
from pathlib import Path

import pytest
from django.urls import reverse

from archive.models import Article, ArticleStatus, Entity, Mention, MentionOrigin, MentionStatus
from tests.browser.conftest import log_in
from tests.factories import EntityFactory
from tests.pipeline.conftest import wait_until

pytestmark = [
    pytest.mark.browser,
    pytest.mark.worker,
    pytest.mark.redis,
    pytest.mark.slow,
    pytest.mark.django_db(transaction=True),
]

TITLE = "Northern grouping receives fighters"
# An astral character before the selection, a Cyrillic name broken over two lines: the offsets
# read in the browser must still be the Python offsets of the stored body.
ADDED = "Группа войск\nСевер"
BODY = (
    "🛰 Satellite images show Su-34 bombers and Su-30SM2 fighters at a northern airfield.\n"
    "Commanders of the " + ADDED + " said the Tor-M2 systems arrived as well.\n\n"
    "The Su-34 crews trained with the Tor-M2 crews for two weeks, officials said."
)
SELECT_TEXT = """(needle) => {
  const root = document.getElementById("annotate-body");
  const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
  const nodes = [];
  let text = "";
  while (walker.nextNode()) {
    nodes.push([walker.currentNode, text.length]);
    text += walker.currentNode.data;
  }
  const at = text.indexOf(needle);
  if (at < 0) { throw new Error("text not found: " + needle); }
  const locate = (position) => {
    for (const [node, offset] of nodes) {
      if (position <= offset + node.data.length) { return [node, position - offset]; }
    }
  };
  const range = document.createRange();
  range.setStart(...locate(at));
  range.setEnd(...locate(at + needle.length));
  const selection = window.getSelection();
  selection.removeAllRanges();
  selection.addRange(range);
}"""


def _shot(page, name: str) -> None:
    folder = os.environ.get("ARCHIVE_SCREENSHOT_DIR")
    if folder:
        Path(folder).mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(Path(folder) / f"{name}.png"), full_page=True)


def _wait_status(page, mention: Mention, status: str) -> None:
    page.wait_for_selector(f'#annotate-body mark[data-mention="{mention.pk}"].status-{status}')


def test_editor_reviews_adds_merges_and_finds_the_article(
    live_server, page, browser_editor, weapons_and_orgs_kb, start_worker
):
    target = EntityFactory(kind="unit", name="Grouping of Forces North", slug="unit-grouping-of-forces-north")
    start_worker()
    log_in(page, live_server, browser_editor)

    # upload by pasting the text
    page.goto(f"{live_server.url}{reverse('archive:article-upload')}")
    page.fill("textarea[name=text]", BODY)
    page.fill("input[name=title]", TITLE)
    page.click("main form button[type=submit]")
    article = wait_until(lambda: Article.objects.filter(title=TITLE).first(), timeout=30, what="the upload")
    wait_until(
        lambda: Article.objects.filter(pk=article.pk, status=ArticleStatus.DONE).exists(),
        timeout=180,
        what="the extraction",
    )
    article.refresh_from_db()
    suggested = list(
        Mention.objects.filter(article=article, status=MentionStatus.SUGGESTED).order_by("start")
    )
    assert len(suggested) >= 2, [m.text for m in suggested]
    first, second = suggested[0], suggested[-1]

    # confirm the first mention from the keyboard (j selects it), reject another one
    page.goto(f"{live_server.url}{reverse('archive:annotate', args=[article.pk])}")
    page.wait_for_selector("#annotate-body mark[data-mention]")
    page.click("h1")
    page.keyboard.press("j")
    page.wait_for_selector(f'#mention-panel .mention-panel[data-mention="{first.pk}"]')
    page.keyboard.press("c")
    _wait_status(page, first, "confirmed")
    page.click(f'#annotate-body mark[data-mention="{second.pk}"]')
    page.wait_for_selector(f'#mention-panel .mention-panel[data-mention="{second.pk}"]')
    page.keyboard.press("r")
    _wait_status(page, second, "rejected")
    first.refresh_from_db()
    second.refresh_from_db()
    assert (first.status, first.reviewer) == (MentionStatus.CONFIRMED, browser_editor)
    assert (second.status, second.reviewer) == (MentionStatus.REJECTED, browser_editor)

    # add a missed mention by selecting its text, as a new entity
    page.evaluate(SELECT_TEXT, ADDED)
    page.wait_for_function("document.getElementById('add-start').value !== ''")
    page.keyboard.press("n")
    page.fill("#add-new-name", "Группа войск Север")
    page.select_option("#add-new-kind", "unit")
    page.click("#add-submit")
    page.wait_for_selector("#workspace .notice")
    _shot(page, "annotate")
    added = Mention.objects.get(article=article, origin=MentionOrigin.EDITOR)
    start = article.body.index(ADDED)
    assert (added.start, added.end, added.text) == (start, start + len(ADDED), ADDED)
    assert added.entity.name == "Группа войск Север" and added.reviewer == browser_editor
    new_entity = added.entity

    # merge the new entity into the one the archive already had
    page.on("dialog", lambda dialog: dialog.accept())
    page.goto(f"{live_server.url}{reverse('archive:entity-curate', args=[new_entity.pk])}")
    page.fill("#merge-q", "Grouping of Forces North")
    page.check(f'#merge-choices input[value="{target.pk}"]')
    page.click("#merge-submit")
    page.wait_for_url(re.compile(re.escape(reverse("archive:entity-curate", args=[target.pk])) + "$"))
    _shot(page, "curate")
    assert not Entity.objects.filter(pk=new_entity.pk).exists()
    assert Mention.objects.get(pk=added.pk).entity_id == target.pk

    # the old address leads to the surviving entity; search finds the article by it
    page.goto(f"{live_server.url}{reverse('archive:entity-detail', args=[new_entity.slug])}")
    assert page.url.endswith(target.get_absolute_url())
    page.goto(f"{live_server.url}/search/?q=airfield&entity={target.slug}")
    assert page.get_by_role("link", name=TITLE).count() >= 1
    _shot(page, "search")

    # the review queue and the history tell what happened
    page.goto(f"{live_server.url}{reverse('archive:article-history', args=[article.pk])}")
    assert page.get_by_text("browser-editor", exact=True).count() >= 3
    _shot(page, "history")
