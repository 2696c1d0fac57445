"""Playwright driving Debian's Chromium (its own browser download does not work here)."""

import os
from pathlib import Path

import pytest

from tests.conftest import browser_required

CHROMIUM = Path(os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium"))
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-dev-shm-usage",
]

# Playwright's sync API runs an event loop; Django must allow ORM calls beside it.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")


@pytest.fixture(scope="session")
def browser():
    if not CHROMIUM.exists():
        if browser_required():
            pytest.fail(
                f"Chromium is required for browser tests in CI but {CHROMIUM} is missing"
            )
        pytest.skip("Chromium is not installed (make browser installs it)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=str(CHROMIUM), args=CHROMIUM_ARGS, headless=True
        )
        yield browser
        browser.close()


def new_page(browser, live_server, **options):
    """A page in a new context on the live server that collects its console errors
    in ``page.console_errors``; close it with ``page.context.close()``."""
    context = browser.new_context(base_url=live_server.url, **options)
    page = context.new_page()
    page.console_errors = []
    page.on(
        "console",
        lambda msg: (
            page.console_errors.append(msg.text) if msg.type == "error" else None
        ),
    )
    page.on("pageerror", lambda exc: page.console_errors.append(str(exc)))
    return page


@pytest.fixture
def page(browser, live_server):
    page = new_page(browser, live_server, viewport={"width": 1280, "height": 900})
    yield page
    page.context.close()
