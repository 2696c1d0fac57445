"""Catalog writes: products, variants, stock, images."""

from __future__ import annotations

from django.core.files.base import File
from django.db import transaction
from django.db.models import Exists, OuterRef

from core.queue import enqueue_on_commit_by_name

from ..cache import product_pages_forget
from ..models import Product, ProductImage, Variant

# Enqueued by name: shop.tasks imports this module.
PROCESS_TASK = "shop.tasks.product_image_process"


def product_image_add(
    *,
    product: Product,
    file: File,
    alt: str = "",
    position: int | None = None,
    process_now: bool = False,
) -> ProductImage:
    """Store an uploaded (already validated) image and process it.

    Processing is queued after commit, or done here with ``process_now`` (imports and
    the demo seed, which must not depend on a worker being up).
    """
    if position is None:
        position = product.images.count()
    with transaction.atomic():
        image = ProductImage(
            product=product, alt=alt or product.title, position=position
        )
        image.original.save(file.name.rsplit("/", 1)[-1], file, save=False)
        image.save()
        if not process_now:
            enqueue_on_commit_by_name(PROCESS_TASK, image.pk)
    if process_now:
        image = product_image_process(image=image)
    return image


def products_refresh_stock_flag(*, product_ids: list[int] | None = None) -> int:
    """Recompute ``is_in_stock`` from the variants, in one UPDATE per state."""
    products = (
        Product.objects.all()
        if product_ids is None
        else Product.objects.filter(pk__in=product_ids)
    )
    in_stock = Exists(
        Variant.objects.filter(product=OuterRef("pk"), is_active=True, stock__gt=0)
    )
    changed = products.filter(in_stock, is_in_stock=False).update(is_in_stock=True)
    changed += products.filter(~in_stock, is_in_stock=True).update(is_in_stock=False)
    if product_ids is None:
        product_pages_forget(slugs=Product.objects.values_list("slug", flat=True))
    else:
        product_pages_forget(product_ids=product_ids)
    return changed


def product_image_process(*, image: ProductImage) -> ProductImage:
    """Renditions, cut-out and colours for one image; then the product's colours.

    Safe to run twice: files are rewritten under the same names and colours replaced.
    """
    from decimal import Decimal

    from django.conf import settings
    from django.core.files.base import ContentFile

    from ..images import ImageRejected, process_image_file
    from ..models import ProductColour

    try:
        with image.original.open("rb") as source:
            result = process_image_file(source)
    except (ImageRejected, OSError) as exc:
        ProductImage.objects.filter(pk=image.pk).update(
            status=ProductImage.Status.FAILED,
            error=str(getattr(exc, "message", exc))[:255],
        )
        image.refresh_from_db()
        return image
    stem = f"{image.product_id}-{image.pk}"
    for name in settings.SHOP_IMAGE_RENDITIONS:
        field = getattr(image, name)
        if field:
            field.delete(save=False)
        field.save(
            f"{stem}-{name}.webp", ContentFile(result.renditions[name]), save=False
        )
    if image.cutout:
        image.cutout.delete(save=False)
    image.cutout.save(f"{stem}-cutout.png", ContentFile(result.cutout), save=False)
    image.width, image.height = result.width, result.height
    image.status = ProductImage.Status.READY
    image.error = ""
    image.save(
        update_fields=[
            *settings.SHOP_IMAGE_RENDITIONS,
            "cutout",
            "width",
            "height",
            "status",
            "error",
        ]
    )
    # The product's colours come from its first image: the one shoppers see.
    first = image.product.images.order_by("position", "pk").first()
    if first is not None and first.pk == image.pk:
        with transaction.atomic():
            ProductColour.objects.filter(product_id=image.product_id).delete()
            ProductColour.objects.bulk_create(
                ProductColour(
                    product_id=image.product_id,
                    colour=name,
                    share=Decimal(str(round(share, 3))),
                )
                for name, share in result.colours
            )
    return image


def product_images_process_later(*, image_ids: list[int]) -> None:
    """Queue processing of images saved elsewhere (the admin's inline forms)."""
    for image_id in image_ids:
        enqueue_on_commit_by_name(PROCESS_TASK, image_id)
