"""Serve the production shape with gunicorn and load two pages with wrk on loopback.

    .venv/bin/python benchmarks/serve_pages.py [--duration 15] [--connections 16]

Needs PostgreSQL and Redis (make services) and wrk (apt-get install wrk). Uses its
own database (because_bench_pages) and Redis db 3, seeds the demo catalog there
once, then prints requests/s and p50/p99 latency for the product page (anonymous
visitor) and the added-to-cart page (a visitor with a cart in their session).
"""

from __future__ import annotations

import argparse
import http.cookiejar
import os
import re
import shutil
import signal
import subprocess
import sys
import time
import urllib.parse
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PY = str(ROOT / ".venv" / "bin" / "python")
PORT = 8123
BASE = f"http://127.0.0.1:{PORT}"


def bench_env() -> dict[str, str]:
    env = dict(os.environ)
    env.update(
        DATABASE_URL="postgres://postgres@127.0.0.1:5432/because_bench_pages",
        REDIS_URL="redis://127.0.0.1:6379/3",
        DEBUG="0",
        SECURE_COOKIES="0",
        SECRET_KEY="benchmark-only-secret-key-not-used-anywhere-else-0123456789",
        ALLOWED_HOSTS="127.0.0.1,localhost",
        SITE_URL=BASE,
        SHOP_DEMO_PAYMENTS="1",  # the test gateway, with DEBUG off
        LOG_LEVEL="WARNING",
        VAR_DIR=str(ROOT / "var" / "bench-pages"),
    )
    return env


def run(cmd: list[str], env: dict[str, str]) -> None:
    subprocess.run(cmd, cwd=ROOT, env=env, check=True)


def prepare(env: dict[str, str]) -> None:
    exists = subprocess.run(
        [
            "psql",
            "-h",
            "127.0.0.1",
            "-U",
            "postgres",
            "-tAc",
            "select 1 from pg_database where datname='because_bench_pages'",
        ],
        capture_output=True,
        text=True,
        check=True,
    ).stdout.strip()
    if not exists:
        run(
            ["createdb", "-h", "127.0.0.1", "-U", "postgres", "because_bench_pages"],
            env,
        )
    run([PY, "manage.py", "migrate", "--noinput", "-v0"], env)
    # The catalog and orders only, as before the demo's one command.
    run(
        [
            PY,
            "manage.py",
            "seed_demo",
            "--if-empty",
            "--skip",
            "crosssells",
            "notes",
            "sets",
        ],
        env,
    )
    run([PY, "manage.py", "collectstatic", "--noinput", "-v0"], env)


def wait_until_up() -> None:
    for _ in range(100):
        try:
            urllib.request.urlopen(f"{BASE}/healthz/", timeout=1).read()
            return
        except OSError:
            time.sleep(0.1)
    raise SystemExit("gunicorn did not come up")


def cart_cookie(slug: str) -> str:
    """A visitor who added the product: their session and CSRF cookies."""
    jar = http.cookiejar.CookieJar()
    opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar))
    page = opener.open(f"{BASE}/products/{slug}/").read().decode()
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page).group(1)
    variant = re.search(r'name="variant"[^>]*value="(\d+)"', page) or re.search(
        r'value="(\d+)"[^>]*name="variant"', page
    )
    data = urllib.parse.urlencode(
        {"csrfmiddlewaretoken": token, "variant": variant.group(1), "quantity": 1}
    ).encode()
    request = urllib.request.Request(
        f"{BASE}/cart/add/", data=data, headers={"Referer": f"{BASE}/"}
    )
    opener.open(request).read()
    return "; ".join(f"{cookie.name}={cookie.value}" for cookie in jar)


def wrk(
    url: str, *, duration: int, connections: int, cookie: str | None = None
) -> dict[str, float]:
    cmd = ["wrk", "-t2", f"-c{connections}", f"-d{duration}s", "--latency", url]
    if cookie:
        cmd[1:1] = ["-H", f"Cookie: {cookie}"]
    out = subprocess.run(cmd, capture_output=True, text=True, check=True).stdout

    def ms(label: str) -> float:
        value, unit = re.search(rf"{label}%\s+([\d.]+)(us|ms|s)", out).groups()
        return float(value) * {"us": 0.001, "ms": 1.0, "s": 1000.0}[unit]

    non_2xx = re.search(r"Non-2xx or 3xx responses: (\d+)", out)
    return {
        "rps": float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1)),
        "p50": ms("50"),
        "p99": ms("99"),
        "errors": int(non_2xx.group(1)) if non_2xx else 0,
    }


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--duration", type=int, default=15)
    parser.add_argument("--connections", type=int, default=16)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--threads", type=int, default=2)
    parser.add_argument("--slug", default="goodnight-moon")
    args = parser.parse_args()
    if not shutil.which("wrk"):
        raise SystemExit("wrk is missing: apt-get install -y wrk")
    env = bench_env()
    prepare(env)
    server = subprocess.Popen(
        [
            str(ROOT / ".venv" / "bin" / "gunicorn"),
            "config.wsgi",
            "--bind",
            f"127.0.0.1:{PORT}",
            "--workers",
            str(args.workers),
            "--threads",
            str(args.threads),
            "--worker-class",
            "gthread",
            "--keep-alive",
            "5",
            "--log-level",
            "warning",
        ],
        cwd=ROOT,
        env=env,
    )
    try:
        wait_until_up()
        product_url = f"{BASE}/products/{args.slug}/"
        urllib.request.urlopen(product_url).read()  # warm the page cache
        cookie = cart_cookie(args.slug)
        added_url = f"{BASE}/cart/added/{args.slug}/"
        rows = [
            (
                "healthz (no template, no query)",
                wrk(
                    f"{BASE}/healthz/",
                    duration=args.duration,
                    connections=args.connections,
                ),
            ),
            (
                "product page (anonymous)",
                wrk(product_url, duration=args.duration, connections=args.connections),
            ),
            (
                "added-to-cart page (with cart)",
                wrk(
                    added_url,
                    duration=args.duration,
                    connections=args.connections,
                    cookie=cookie,
                ),
            ),
        ]
    finally:
        server.send_signal(signal.SIGTERM)
        server.wait(10)
    print(
        f"gunicorn gthread {args.workers}x{args.threads}, wrk -t2 -c{args.connections} -d{args.duration}s, 2 cores shared"
    )
    print(f"{'page':34} {'req/s':>8} {'p50 ms':>8} {'p99 ms':>8} {'non-2xx':>8}")
    for name, row in rows:
        print(
            f"{name:34} {row['rps']:8.0f} {row['p50']:8.2f} {row['p99']:8.2f} {row['errors']:8d}"
        )
    sys.stdout.flush()


if __name__ == "__main__":
    main()
