"""Production settings fail loudly, and uploads are served only as pictures."""

import importlib
import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.urls import clear_url_caches

ROOT = Path(__file__).resolve().parent.parent.parent

PRODUCTION = {
    "DEBUG": "0",
    "SECRET_KEY": "x" * 10 + "a-long-random-production-key-for-the-check-0123456789",
    "ALLOWED_HOSTS": "shop.example.com",
    "SITE_URL": "https://shop.example.com",
    "SHOP_DEMO_PAYMENTS": "1",
}


def _check_deploy(tmp_path, **overrides) -> subprocess.CompletedProcess:
    env = {
        key: value
        for key, value in os.environ.items()
        if key
        not in {"DEBUG", "PYTEST_CURRENT_TEST", "TESTING", "DJANGO_ALLOW_ASYNC_UNSAFE"}
        and key not in PRODUCTION
    }
    env.update(PRODUCTION, VAR_DIR=str(tmp_path))
    for key, value in overrides.items():
        if value is None:
            env.pop(key, None)
        else:
            env[key] = value
    return subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )


@pytest.mark.parametrize(
    ("missing", "message"),
    [
        ("SECRET_KEY", "core.E001"),
        ("ALLOWED_HOSTS", "core.E002"),
        ("SITE_URL", "core.E003"),
    ],
)
def test_missing_production_setting_stops_the_start(tmp_path, missing, message):
    # given production (DEBUG off) without one of the settings it needs
    # when the deploy check runs
    result = _check_deploy(tmp_path, **{missing: None})

    # then it fails, naming the environment variable to set
    output = result.stdout + result.stderr
    assert result.returncode != 0, output
    assert message in output
    assert f"{missing} is not set." in output
    # and no key was generated into var/ behind the operator's back
    assert not (tmp_path / "secret_key").exists()


def test_test_gateway_without_the_demo_switch_stops_the_start(tmp_path):
    result = _check_deploy(tmp_path, SHOP_DEMO_PAYMENTS=None)

    output = result.stdout + result.stderr
    assert result.returncode != 0, output
    assert "shop.E001" in output
    assert "SHOP_DEMO_PAYMENTS=1" in output


def test_complete_production_settings_pass(tmp_path):
    result = _check_deploy(tmp_path)

    assert result.returncode == 0, result.stdout + result.stderr


def test_proxy_header_is_believed_only_behind_a_declared_proxy(tmp_path):
    script = (
        "from django.conf import settings; "
        "print(repr(getattr(settings, 'SECURE_PROXY_SSL_HEADER', None)))"
    )

    def header(**extra) -> str:
        env = {k: v for k, v in os.environ.items() if k not in {"TESTING"}}
        env.update(PRODUCTION, VAR_DIR=str(tmp_path), **extra)
        env.pop("PYTEST_CURRENT_TEST", None)
        return (
            subprocess.run(
                [sys.executable, "manage.py", "shell", "-c", script],
                cwd=ROOT,
                env=env,
                capture_output=True,
                text=True,
                timeout=120,
            )
            .stdout.strip()
            .splitlines()[-1]
        )

    assert header(TRUSTED_PROXY_COUNT="0") == "None"
    assert header(TRUSTED_PROXY_COUNT="1") == "('HTTP_X_FORWARDED_PROTO', 'https')"


# --- media ------------------------------------------------------------------------

HTML = b"<html><script>alert(document.cookie)</script></html>"


@pytest.fixture
def media_root(settings, tmp_path):
    settings.MEDIA_ROOT = str(tmp_path / "media")
    (tmp_path / "media" / "products").mkdir(parents=True)
    return tmp_path / "media"


def test_html_uploaded_as_png_is_served_as_a_picture(client, media_root):
    # given an upload named x.png whose bytes are HTML
    (media_root / "products" / "x.png").write_bytes(HTML)

    response = client.get("/media/products/x.png")

    assert response.status_code == 200
    assert response["Content-Type"] == "image/png"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert b"".join(response.streaming_content) == HTML


@pytest.mark.parametrize("name", ["x.html", "x.svg", "x.htm", "x.PNG.html", "x"])
def test_media_that_is_not_a_picture_is_404(client, media_root, name):
    (media_root / "products" / name).write_bytes(HTML)

    assert client.get(f"/media/products/{name}").status_code == 404


def test_media_path_cannot_leave_the_media_root(client, media_root):
    (media_root.parent / "secret.png").write_bytes(b"secret")

    assert client.get("/media/../secret.png").status_code == 404
    assert client.get("/media/%2e%2e/secret.png").status_code == 404
    assert client.get("/media/products/missing.png").status_code == 404
    assert client.get("/media/products.png").status_code == 404


@pytest.fixture
def media_not_served(settings):
    import config.urls

    settings.SERVE_MEDIA = False
    importlib.reload(config.urls)
    clear_url_caches()
    yield
    settings.SERVE_MEDIA = True
    importlib.reload(config.urls)
    clear_url_caches()


@pytest.mark.django_db
def test_media_is_not_served_when_serve_media_is_off(
    client, media_root, media_not_served
):
    (media_root / "products" / "x.png").write_bytes(b"\x89PNG")

    assert client.get("/media/products/x.png").status_code == 404
