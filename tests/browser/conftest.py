"""Playwright driving Debian's chromium against a live server, with a real Redis and worker.

Missing chromium fails the run where services are required (``CI``/``ARCHIVE_REQUIRE_SERVICES``)
and skips it elsewhere, like the other service-backed tests.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.pipeline.conftest import (  # noqa: F401  (fixtures shared with the pipeline tests)
    SERVICES_REQUIRED,
    clean_queue,
    redis_client,
    start_worker,
    weapons_and_orgs_kb,
)

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking"]
PASSWORD = "correct-horse-battery"


@pytest.fixture(scope="session")
def browser():
    if not CHROMIUM.exists():
        message = f"{CHROMIUM} is missing: install Debian's chromium for the browser tests"
        if SERVICES_REQUIRED:
            pytest.fail(f"{message} (services are required here)")
        pytest.skip(message)
    from playwright.sync_api import sync_playwright

    # Playwright's sync API keeps an event loop in the test thread; the ORM calls the tests make
    # between browser steps are still plain synchronous calls. Only while the browser is open.
    with pytest.MonkeyPatch.context() as patch, sync_playwright() as playwright:
        patch.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def page(browser):
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    context.set_default_timeout(15_000)
    page = context.new_page()
    yield page
    context.close()


@pytest.fixture
def browser_editor(transactional_db):
    from tests.factories import UserFactory

    return UserFactory(username="browser-editor", editor=True)


def log_in(page, live_server, user) -> None:
    page.goto(f"{live_server.url}/accounts/login/")
    page.fill("input[name=username]", user.username)
    page.fill("input[name=password]", PASSWORD)
    page.click("main button[type=submit]")
    page.wait_for_url(lambda url: "/accounts/login/" not in url)
