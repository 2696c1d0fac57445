"""Publishing a 20-item set, its composite rendered: the time it takes.

    .venv/bin/python benchmarks/set_render.py [--items 20] [--runs 9]

Runs on the embedded default (SQLite, tasks executed eagerly after commit) in its
own var/bench-sets directory, so it needs no services. The first run draws the demo
products and puts them through the real image pipeline (renditions, cut-outs,
colours); later runs reuse them. Each run creates a draft with ``--items`` items
of varied size, rotation, flip and stacking, then times ``set_publish`` until its
after-commit render has stored the 1200×1200 JPEG, the two thumbnails and the
colours; the render alone (``set_render``) is timed again on the same set.
Target: under 300 ms for 20 items.
"""

from __future__ import annotations

import argparse
import io
import os
import random
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
TARGET_MS = 300
SKU_PREFIX = "BENCH-SET-"
COLOURS = [
    (200, 30, 40),
    (37, 99, 235),
    (30, 150, 60),
    (245, 210, 40),
    (28, 40, 92),
    (236, 120, 170),
    (120, 70, 30),
    (20, 20, 20),
]


def setup_django() -> None:
    os.environ.pop("DATABASE_URL", None)
    os.environ.pop("REDIS_URL", None)
    os.environ["VAR_DIR"] = str(ROOT / "var" / "bench-sets")
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    os.environ.setdefault("LOG_LEVEL", "WARNING")
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)


def products(count: int) -> list:
    """``count`` demo products with processed images, made once and then reused."""
    from django.core.files.base import ContentFile

    from demo.drawing import KINDS, draw_product
    from shop.models import Category, Product
    from shop.services.catalog import product_image_add

    existing = list(
        Product.objects.filter(sku__startswith=SKU_PREFIX).order_by("sku")[:count]
    )
    if len(existing) >= count:
        return existing
    category, _ = Category.objects.get_or_create(
        slug="bench-sets", defaults={"name": "Benchmark"}
    )
    made = existing
    missing = count - len(existing)
    started = time.perf_counter()
    for number in range(len(existing), count):
        kind = KINDS[number % len(KINDS)]
        product = Product.objects.create(
            sku=f"{SKU_PREFIX}{number:03d}",
            slug=f"bench-set-{number:03d}",
            title=f"Benchmark {kind} {number}",
            category=category,
            price="10.00",
        )
        picture = draw_product(kind, COLOURS[number % len(COLOURS)], seed=number)
        buffer = io.BytesIO()
        picture.save(buffer, "PNG")
        product_image_add(
            product=product,
            file=ContentFile(buffer.getvalue(), name=f"{kind}.png"),
            process_now=True,
        )
        made.append(product)
    print(
        f"drew and processed {missing} product images "
        f"in {time.perf_counter() - started:.1f} s (once)"
    )
    return made


def draft(owner, items: list, rng: random.Random):
    from sets.services.editing import ItemSpec, set_create

    specs = []
    for product in items:
        size = rng.uniform(0.15, 0.45)
        specs.append(
            ItemSpec(
                product_id=product.pk,
                x=rng.uniform(-size / 2, 1 - size / 2),
                y=rng.uniform(-size / 2, 1 - size / 2),
                width=size,
                height=size,
                rotation=rng.choice([0, 0, 0, 15, -20, 90, 180]),
                flip_h=rng.random() < 0.3,
            )
        )
    return set_create(owner=owner, title="Benchmark set", items=specs)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--items", type=int, default=20)
    parser.add_argument("--runs", type=int, default=9)
    args = parser.parse_args()
    setup_django()

    from django.contrib.auth import get_user_model
    from django.db import connection
    from PIL import features

    from sets.models import Set
    from sets.services.editing import set_delete, set_publish
    from sets.services.picture import set_render

    catalog = products(args.items)
    owner, _ = get_user_model().objects.get_or_create(username="bench-sets")
    rng = random.Random(5)
    publish_ms: list[float] = []
    render_ms: list[float] = []
    for _run in range(args.runs + 1):  # the first run warms caches and is dropped
        board = draft(owner, catalog, rng)
        started = time.perf_counter()
        set_publish(board=board, user=owner)  # eager: the render runs on commit
        publish = (time.perf_counter() - started) * 1000
        board.refresh_from_db()
        assert board.rendered_version == board.version and board.image, "no render"
        Set.objects.filter(pk=board.pk).update(rendered_version=0)
        started = time.perf_counter()
        set_render(set_id=board.pk)
        render = (time.perf_counter() - started) * 1000
        if _run:
            publish_ms.append(publish)
            render_ms.append(render)
        set_delete(board=board, user=owner)

    def line(name: str, values: list[float]) -> str:
        return (
            f"{name:<28} median {statistics.median(values):6.1f} ms   "
            f"min {min(values):6.1f}   max {max(values):6.1f}"
        )

    print(
        f"{args.items}-item set, {args.runs} runs, {connection.vendor}, "
        f"Pillow SIMD/libjpeg-turbo: {features.check_feature('libjpeg_turbo')}"
    )
    print(line("publish → rendered", publish_ms))
    print(line("render alone (set_render)", render_ms))
    verdict = "meets" if statistics.median(publish_ms) < TARGET_MS else "MISSES"
    print(f"{verdict} the {TARGET_MS} ms target")


if __name__ == "__main__":
    main()
