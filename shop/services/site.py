"""The sites framework's one record, kept equal to the shop's settings."""

from __future__ import annotations

from urllib.parse import urlsplit

from django.conf import settings
from django.contrib.sites.models import Site


def site_sync(*, using: str = "default") -> Site:
    """Name the current site after ``SITE_URL`` and ``SHOP_NAME``.

    allauth writes the site's name into every account email's subject and its
    domain into their links; left at Django's "example.com" the confirmation mail
    a new shopper gets reads like phishing.
    """
    domain = urlsplit(settings.SITE_URL).netloc or "127.0.0.1:8000"
    site, _ = Site.objects.using(using).update_or_create(
        pk=settings.SITE_ID,
        defaults={"domain": domain[:100], "name": settings.SHOP_NAME[:50]},
    )
    Site.objects.clear_cache()
    return site
