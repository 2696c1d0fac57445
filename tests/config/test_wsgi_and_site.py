"""Production start-up refuses a misconfigured server; the site record names the shop."""

import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.contrib.sites.models import Site
from django.core import mail

from shop.services.site import site_sync

ROOT = Path(__file__).resolve().parents[2]


def _import_wsgi(**overrides: str) -> subprocess.CompletedProcess:
    env = {
        key: value
        for key, value in os.environ.items()
        if key not in {"DEBUG", "TESTING", "SECRET_KEY", "SITE_URL", "ALLOWED_HOSTS"}
    }
    env.update(DEBUG="0", **overrides)
    return subprocess.run(
        [sys.executable, "-c", "import config.wsgi"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_gunicorn_refuses_to_load_the_app_with_the_test_gateway():
    result = _import_wsgi(
        SECRET_KEY="x" * 60,
        SITE_URL="https://shop.example.com",
        ALLOWED_HOSTS="shop.example.com",
    )

    assert result.returncode != 0
    assert "Refusing to start" in result.stderr
    assert "shop.E001" in result.stderr


def test_gunicorn_loads_a_configured_demo():
    result = _import_wsgi(
        SECRET_KEY="x" * 60,
        SITE_URL="https://shop.example.com",
        ALLOWED_HOSTS="shop.example.com",
        SHOP_DEMO_PAYMENTS="1",
    )

    assert result.returncode == 0, result.stderr


@pytest.mark.django_db
def test_the_site_record_names_the_shop_after_migrate():
    site = Site.objects.get_current()

    assert site.name == "Because"
    assert site.domain == "127.0.0.1:8000"


@pytest.mark.django_db
def test_the_site_follows_site_url(settings):
    settings.SITE_URL = "https://shop.example.com"
    settings.SHOP_NAME = "Corner Books"

    site_sync()

    assert Site.objects.get_current().domain == "shop.example.com"
    assert Site.objects.get_current().name == "Corner Books"


@pytest.mark.django_db
def test_account_emails_name_the_shop_not_example_com(client):
    client.post(
        "/accounts/signup/",
        {
            "email": "new@example.org",
            "password1": "a-long-pass-phrase-42",
            "first_name": "Ada",
            "last_name": "Lovelace",
        },
    )

    assert mail.outbox, "a confirmation email is sent at sign-up"
    assert "[Because]" in mail.outbox[0].subject
    assert "example.com" not in mail.outbox[0].subject
