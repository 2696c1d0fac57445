"""Start-up checks for settings that would otherwise fail silently in production.

With DEBUG off the settings give no local defaults for the secret key, the host
names or the site's address; these checks turn each missing one into an error that
stops ``runserver``, ``migrate`` and ``check --deploy`` and names the environment
variable to set. Registered from ``shop.apps.ShopConfig.ready`` (core imports no app).
"""

from __future__ import annotations

from urllib.parse import urlparse

from django.conf import settings
from django.core.checks import Error, register
from django.core.exceptions import ImproperlyConfigured


def _secret_key_missing() -> bool:
    try:
        return not settings.SECRET_KEY
    except ImproperlyConfigured:  # Django refuses to hand out an empty key
        return True


@register()
def production_settings_check(app_configs=None, **kwargs) -> list[Error]:
    if settings.DEBUG:
        return []
    errors = []
    if _secret_key_missing():
        errors.append(
            Error(
                "SECRET_KEY is not set.",
                hint=(
                    "With DEBUG off the shop needs a secret key from the environment: "
                    "set SECRET_KEY to a long random string (for example the output "
                    "of `python -c 'import secrets; print(secrets.token_urlsafe(50))'`)"
                    " and keep it the same across restarts and machines."
                ),
                id="core.E001",
            )
        )
    if not settings.ALLOWED_HOSTS:
        errors.append(
            Error(
                "ALLOWED_HOSTS is not set.",
                hint=(
                    "With DEBUG off set the ALLOWED_HOSTS environment variable to the "
                    "shop's host names, comma-separated (ALLOWED_HOSTS=shop.example.com)."
                ),
                id="core.E002",
            )
        )
    site_url = getattr(settings, "SITE_URL", "")
    parsed = urlparse(site_url)
    if not site_url:
        errors.append(
            Error(
                "SITE_URL is not set.",
                hint=(
                    "With DEBUG off set the SITE_URL environment variable to the "
                    "shop's public address (SITE_URL=https://shop.example.com): emails "
                    "and share links are built from it."
                ),
                id="core.E003",
            )
        )
    elif parsed.scheme not in {"http", "https"} or not parsed.netloc:
        errors.append(
            Error(
                f"SITE_URL {site_url!r} is not an absolute http(s) address.",
                hint="Set SITE_URL like https://shop.example.com (no path needed).",
                id="core.E004",
            )
        )
    return errors
