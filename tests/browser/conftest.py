"""Playwright driving Debian's Chromium (its own browser download does not work here)."""

import os
from pathlib import Path

import pytest

from .helpers import new_page

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


def browser_required() -> bool:
    """CI sets BROWSER_REQUIRED: a missing Chromium fails there instead of skipping."""
    return os.environ.get("BROWSER_REQUIRED", "").lower() in {"1", "true", "yes"}


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


@pytest.fixture
def page(browser, live_server):
    page = new_page(browser, live_server, viewport={"width": 1280, "height": 900})
    yield page
    page.context.close()
