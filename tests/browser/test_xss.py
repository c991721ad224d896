"""Hostile text in an article and in an entity name stays inert text on every page showing it."""

from __future__ import annotations

import pytest
from django.urls import reverse

from archive.models import MentionStatus
from archive.services import mention_add, mention_review
from tests.browser.conftest import log_in
from tests.factories import ArticleFactory, EntityFactory, MentionFactory

pytestmark = [pytest.mark.browser, pytest.mark.worker, pytest.mark.django_db(transaction=True)]

HOSTILE_NAME = "<img src=x onerror=alert(1)>"
HOSTILE_BODY = (
    "Officials said <script>alert('body')</script> the drone flew over Kursk.\n\n"
    "Witnesses described <img src=x onerror=alert(2)> near the depot."
)


def test_hostile_text_renders_as_text_everywhere(live_server, page, browser_editor):
    entity = EntityFactory(kind="org", name=HOSTILE_NAME, slug="org-hostile", curated=False)
    # Made directly (no extraction is queued): mention_add refreshes its tags and search entry.
    article = ArticleFactory(title="<script>alert('title')</script> drone report", body=HOSTILE_BODY)
    start = HOSTILE_BODY.index("<script>")
    mention_add(
        article_id=article.pk,
        start=start,
        end=start + len("<script>"),
        entity_id=entity.pk,
        reviewer=browser_editor,
    )
    start = HOSTILE_BODY.index("<img")
    suggestion = MentionFactory(article=article, entity=entity, start=start, end=start + 4)
    mention_review(mention_id=suggestion.pk, status=MentionStatus.SUGGESTED, reviewer=browser_editor)

    dialogs: list[str] = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    log_in(page, live_server, browser_editor)
    pages = {
        "article": reverse("archive:article-detail", args=[article.pk]),
        "annotation": reverse("archive:annotate", args=[article.pk]),
        "entity": reverse("archive:entity-detail", args=[entity.slug]),
        "curation": reverse("archive:entity-curate", args=[entity.pk]),
        "search": "/search/?q=drone",
        "review queue": reverse("archive:review-queue"),
        "article history": reverse("archive:article-history", args=[article.pk]),
        "entity history": reverse("archive:entity-history", args=[entity.pk]),
    }
    for name, path in pages.items():
        page.goto(f"{live_server.url}{path}")
        page.wait_for_load_state("load")
        main = page.locator("main")
        assert main.locator("script").count() == 0, name
        assert main.locator("img").count() == 0, name
        text = main.inner_text()
        if name in ("article", "annotation", "search", "review queue", "article history"):
            assert "<script>alert('title')</script>" in text, name
        if name not in ("search", "review queue", "article history"):
            assert HOSTILE_NAME in text, name
        if name in ("article", "annotation"):
            assert "<script>alert('body')</script>" in text and "<img src=x onerror=alert(2)>" in text, name
    page.goto(f"{live_server.url}{pages['annotation']}")
    page.click("#annotate-body mark[data-mention]")
    page.wait_for_selector("#mention-panel .mention-panel")
    assert HOSTILE_NAME in page.locator("#mention-panel").inner_text()
    page.wait_for_timeout(300)  # an injected handler would fire on load or on the swap
    assert dialogs == []
