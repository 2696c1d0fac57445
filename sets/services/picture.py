"""Rendering a published set's picture and storing it with its colours.

The drawing itself is ``sets.composite`` (pure Pillow); this service reads the set,
hands it the cut-outs and stores the files.

Safe to run twice and in any order: the render reads the set's version and items
together under the set's row lock, draws outside any transaction, and stores its
files only if no render of a newer version got there first.
"""

from __future__ import annotations

import logging
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from decimal import Decimal

from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import transaction
from django.utils import timezone
from PIL import Image

from shop.images import OPEN_FORMATS
from shop.models import ProductImage
from shop.selectors import product_images_prefetch

from .. import composite
from ..models import Set, SetColour, SetItem

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class _Snapshot:
    board: Set
    items: list[SetItem]


def _snapshot(set_id: int) -> _Snapshot | None:
    with transaction.atomic():
        # The row lock waits for an edit in flight, so version and items match.
        board = Set.objects.select_for_update().filter(pk=set_id).first()
        if board is None or not board.render_is_due:
            return None
        items = list(
            SetItem.objects.filter(set_id=set_id)
            .select_related("product")
            .prefetch_related(product_images_prefetch("product__"))
            .order_by("z")
        )
    return _Snapshot(board=board, items=items)


def _picture_name(product_images: list[ProductImage]) -> str:
    """The cut-out of the product's first image with one, else its first picture."""
    for image in product_images:
        if image.cutout:
            return image.cutout.name
    for image in product_images:
        for field in (image.large, image.medium, image.original):
            if field:
                return field.name
    return ""


def _open(name: str) -> Image.Image | None:
    try:
        with (
            default_storage.open(name, "rb") as handle,
            Image.open(handle, formats=OPEN_FORMATS) as image,
        ):
            image.load()
            return image.convert("RGBA")
    except Exception:  # a missing or damaged file costs one item, not the set
        logger.exception("could not open %s for a set render", name)
        return None


def set_render(*, set_id: int) -> Set | None:
    """Draw the set's current version if its picture is older; return the set."""
    snapshot = _snapshot(set_id)
    if snapshot is None:
        return Set.objects.filter(pk=set_id).first()
    board, version = snapshot.board, snapshot.board.version
    names = {
        item.pk: _picture_name(list(item.product.images.all()))
        for item in snapshot.items
    }
    distinct = sorted({name for name in names.values() if name})
    # Decoding releases the GIL: the cut-outs are read side by side.
    with ThreadPoolExecutor(max_workers=composite.PREPARE_THREADS) as pool:
        pictures = dict(zip(distinct, pool.map(_open, distinct), strict=True))
    layers = []
    for item in snapshot.items:
        picture = pictures.get(names[item.pk])
        if picture is None:
            continue
        layers.append(
            composite.Layer(
                image=picture,
                x=item.x,
                y=item.y,
                width=item.width,
                height=item.height,
                rotation=item.rotation,
                flip_h=item.flip_h,
            )
        )
    result = composite.render(layers)
    stem = f"sets/{board.pk}/{board.slug}-v{version}"
    files = {"image": default_storage.save(f"{stem}.jpg", ContentFile(result.image))}
    for field, data in result.renditions.items():
        files[field] = default_storage.save(f"{stem}-{field}.jpg", ContentFile(data))
    old = [getattr(board, field).name for field in files if getattr(board, field)]
    with transaction.atomic():
        stored = Set.objects.filter(pk=board.pk, rendered_version__lt=version).update(
            rendered_version=version, rendered_at=timezone.now(), **files
        )
        if stored:
            SetColour.objects.filter(set_id=board.pk).delete()
            SetColour.objects.bulk_create(
                SetColour(set_id=board.pk, colour=name, share=Decimal(str(share)))
                for name, share in result.colours
            )
    # Files whose row lost: ours if a newer render won, else the replaced ones.
    for name in files.values() if not stored else old:
        default_storage.delete(name)
    return Set.objects.filter(pk=set_id).first()
