import os

from django.core.exceptions import ImproperlyConfigured
from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")

application = get_wsgi_application()


def _refuse_to_serve_when_misconfigured() -> None:
    """gunicorn runs no system checks: run them here, so a production server with
    the test gateway, no SECRET_KEY or no SITE_URL stops instead of serving."""
    from django.conf import settings
    from django.core import checks

    if settings.DEBUG:
        return
    errors = [message for message in checks.run_checks() if message.is_serious()]
    if errors:
        raise ImproperlyConfigured(
            "Refusing to start:\n" + "\n".join(f"  {error}" for error in errors)
        )


_refuse_to_serve_when_misconfigured()
