"""Screenshots of the main pages at desktop and phone widths, for looking at.

    VAR_DIR=var/demo-check .venv/bin/python scripts/screenshots.py http://127.0.0.1:8011 [out-dir]

Walks home → list → product → add to cart → cart → checkout (with an error) →
order → thank-you, and the account pages; prints console errors it saw.
"""

import sys
from pathlib import Path

from playwright.sync_api import sync_playwright

BASE = sys.argv[1] if len(sys.argv) > 1 else "http://127.0.0.1:8011"
OUT = Path(sys.argv[2] if len(sys.argv) > 2 else "var/screenshots")
ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


def walk(page, prefix: str, errors: list) -> None:
    def shot(name: str) -> None:
        page.wait_for_load_state("networkidle")
        page.evaluate(
            "document.querySelectorAll('img[loading=lazy]').forEach(img => img.loading = 'eager')"
        )
        page.wait_for_timeout(300)
        page.wait_for_load_state("networkidle")
        page.screenshot(path=str(OUT / f"{prefix}-{name}.png"), full_page=True)

    page.goto(f"{BASE}/")
    shot("home")
    page.goto(f"{BASE}/products/?q=moon")
    shot("search")
    page.goto(f"{BASE}/categories/fashion/?color=red")
    shot("category")
    page.goto(f"{BASE}/products/goodnight-moon/")
    shot("product")
    page.get_by_role("button", name="Add to cart").first.click()
    shot("added")
    page.goto(f"{BASE}/products/?category=tops")
    page.locator(".card__link").first.click()
    shot("product-variants")
    page.goto(f"{BASE}/cart/")
    shot("cart")
    page.goto(f"{BASE}/checkout/")
    page.get_by_role("button", name="Place order").click()
    shot("checkout-errors")
    page.get_by_label("Email").fill("kathryn@example.com")
    page.get_by_label("Full name").fill("Kathryn Thompson")
    page.get_by_label("Address", exact=True).fill("1 Elm Street")
    page.get_by_label("City").fill("Springfield")
    page.get_by_label("Postcode / ZIP").fill("12345")
    page.get_by_label("Card number").fill("4242 4242 4242 4242")
    page.get_by_label("Expiry (MM/YY)").fill("12/39")
    page.get_by_label("CVC").fill("123")
    page.get_by_role("button", name="Place order").click()
    page.wait_for_url("**/thanks/")
    shot("thanks")
    page.goto(f"{BASE}/accounts/signup/")
    shot("signup")
    page.goto(f"{BASE}/accounts/login/")
    shot("login")
    page.goto(f"{BASE}/products/no-such-thing/")
    shot("404")


def main() -> None:
    OUT.mkdir(parents=True, exist_ok=True)
    errors: list[str] = []
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path="/usr/bin/chromium", args=ARGS
        )
        for prefix, viewport in (
            ("desktop", {"width": 1280, "height": 900}),
            ("phone", {"width": 390, "height": 844}),
        ):
            context = browser.new_context(viewport=viewport)
            page = context.new_page()
            page.on(
                "console",
                lambda msg: errors.append(msg.text) if msg.type == "error" else None,
            )
            page.on("pageerror", lambda exc: errors.append(str(exc)))
            walk(page, prefix, errors)
            context.close()
        browser.close()
    print(f"screenshots in {OUT}")
    for error in errors:
        print("console:", error)


if __name__ == "__main__":
    main()
