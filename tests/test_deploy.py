import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def test_production_settings_pass_the_deploy_check(tmp_path):
    env = {
        k: v
        for k, v in os.environ.items()
        if k
        not in {"DEBUG", "PYTEST_CURRENT_TEST", "TESTING", "DJANGO_ALLOW_ASYNC_UNSAFE"}
    }
    env.update(
        DEBUG="0",
        SECRET_KEY="x" * 10 + "a-long-random-production-key-for-the-check-0123456789",
        ALLOWED_HOSTS="shop.example.com",
        SITE_URL="https://shop.example.com",
        # No real gateway ships with the shop: the check passes as a declared demo.
        SHOP_DEMO_PAYMENTS="1",
        VAR_DIR=str(tmp_path),
    )
    result = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_no_secret_key_is_committed():
    settings_text = (ROOT / "config" / "settings.py").read_text()
    assert (
        'SECRET_KEY = "' not in settings_text and "SECRET_KEY = '" not in settings_text
    )
    ignored = (ROOT / ".gitignore").read_text()
    assert "var/" in ignored  # the generated development key lives there
