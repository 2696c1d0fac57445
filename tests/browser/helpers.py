"""Browser test helpers: a page on the live server, a shopper's forms."""

import re

from playwright.sync_api import expect

PASSWORD = "a-good-password-1"  # UserFactory's


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


def fill_checkout(page, *, card: str) -> None:
    """A shopper types their details, as they would: found by the labels they read."""
    page.get_by_label("Email").fill("kathryn@example.com")
    page.get_by_label("Full name").fill("Kathryn Thompson")
    page.get_by_label("Address", exact=True).fill("1 Elm Street")
    page.get_by_label("City").fill("Springfield")
    page.get_by_label("Postcode / ZIP").fill("12345")
    page.get_by_label("Card number").fill(card)
    page.get_by_label("Expiry (MM/YY)").fill("12/39")
    page.get_by_label("CVC").fill("123")


def sign_in_through(page, path: str, user) -> None:
    """Open an editor page as a guest: log in on the page it sends you to, come back."""
    page.goto(path)
    expect(page).to_have_url(re.compile(r"/accounts/login/\?next="))
    page.get_by_label("Email").fill(user.email)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()
    expect(page).to_have_url(re.compile(re.escape(path) + "$"))
