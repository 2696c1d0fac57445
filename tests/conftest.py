import shutil

import pytest
from django.conf import settings

from sets.signals import set_published


def pytest_collection_modifyitems(config, items):
    if settings.IS_POSTGRES:
        return
    skip = pytest.mark.skip(
        reason="needs PostgreSQL row locks; runs in the PostgreSQL pass"
    )
    for item in items:
        if "postgres" in item.keywords:
            item.add_marker(skip)


@pytest.fixture(autouse=True)
def _media_and_cache(settings, tmp_path_factory):
    settings.MEDIA_ROOT = str(tmp_path_factory.getbasetemp() / "media")
    settings.SECURE_SSL_REDIRECT = False
    from django.core.cache import cache

    cache.clear()
    yield
    cache.clear()


@pytest.fixture(scope="session", autouse=True)
def _clean_media(tmp_path_factory):
    yield
    shutil.rmtree(tmp_path_factory.getbasetemp() / "media", ignore_errors=True)


@pytest.fixture
def published_signals():
    """Every set_published sent while the test runs, as (sender, set) pairs."""
    received = []

    def receiver(sender, set, **kwargs):
        received.append((sender, set))

    set_published.connect(receiver, dispatch_uid="tests-sets-published")
    yield received
    set_published.disconnect(dispatch_uid="tests-sets-published")


# A Redis nobody listens on, set up as production's is: django-redis swallowing its
# errors, so a dead cache reads as a miss. For tests of what fails open or closed.
DEAD_REDIS = {
    "default": {
        "BACKEND": "django_redis.cache.RedisCache",
        "LOCATION": "redis://127.0.0.1:1/0",
        "OPTIONS": {
            "CLIENT_CLASS": "django_redis.client.DefaultClient",
            "SOCKET_CONNECT_TIMEOUT": 0.2,
            "SOCKET_TIMEOUT": 0.2,
            "IGNORE_EXCEPTIONS": True,
        },
    }
}


@pytest.fixture
def cache_down(settings):
    """The shared cache is unreachable for the rest of the test."""
    settings.CACHES = DEAD_REDIS
