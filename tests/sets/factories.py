import io

import factory
from django.core.files.base import ContentFile
from django.utils import timezone
from PIL import Image

from sets.models import Set, SetItem
from shop.models import Product, ProductImage
from tests.shop.factories import ProductFactory, UserFactory

RED = (220, 20, 30)
BLUE = (37, 99, 235)
GREEN = (30, 160, 60)
YELLOW = (245, 210, 40)


class SetFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Set

    owner = factory.SubFactory(UserFactory)
    slug = factory.Sequence(lambda n: f"set-{n}")
    title = factory.Sequence(lambda n: f"Set {n}")
    referral_code = factory.Sequence(lambda n: f"ref{n:08d}")


class SetItemFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = SetItem

    set = factory.SubFactory(SetFactory)
    product = factory.SubFactory(ProductFactory)
    x = 0.1
    y = 0.1
    width = 0.3
    height = 0.3
    z = factory.Sequence(lambda n: n)


def two_tone_png(left=RED, right=BLUE, size=(200, 200)) -> bytes:
    """An opaque cut-out whose left half is one colour and right half another."""
    width, height = size
    image = Image.new("RGBA", size, (*right, 255))
    image.paste((*left, 255), (0, 0, width // 2, height))
    buffer = io.BytesIO()
    image.save(buffer, "PNG")
    return buffer.getvalue()


def product_with_cutout(*, left=RED, right=BLUE, size=(200, 200), **kwargs) -> Product:
    """A product whose first image has a ready cut-out, as the pipeline leaves it."""
    product = ProductFactory(**kwargs)
    png = two_tone_png(left, right, size)
    image = ProductImage(
        product=product, alt=product.title, status=ProductImage.Status.READY
    )
    image.original.save("original.png", ContentFile(png), save=False)
    image.cutout.save(f"{product.pk}-cutout.png", ContentFile(png), save=False)
    image.save()
    return product


def published_set(*, products=(), **kwargs) -> Set:
    """A published set holding one item per product, stacked in the given order."""
    board = SetFactory(
        status=Set.Status.PUBLISHED, published_at=timezone.now(), **kwargs
    )
    for index, product in enumerate(products):
        SetItemFactory(set=board, product=product, z=index)
    return board


def item_payload(product, **geometry) -> dict:
    payload = {"product": product.pk, "x": 0.1, "y": 0.1, "width": 0.3, "height": 0.3}
    payload.update(geometry)
    return payload


def framed_png(colour=GREEN, size=(200, 200), margin=50) -> bytes:
    """A cut-out with a see-through margin ``margin`` pixels wide around an opaque
    rectangle of ``colour``: its corners are transparent."""
    width, height = size
    image = Image.new("RGBA", size, (0, 0, 0, 0))
    image.paste((*colour, 255), (margin, margin, width - margin, height - margin))
    buffer = io.BytesIO()
    image.save(buffer, "PNG")
    return buffer.getvalue()


def half_png(colour=YELLOW, size=(200, 200)) -> bytes:
    """A cut-out whose left half is opaque ``colour`` and whose right half is
    see-through, to tell a mirrored picture from one that is not."""
    width, height = size
    image = Image.new("RGBA", size, (0, 0, 0, 0))
    image.paste((*colour, 255), (0, 0, width // 2, height))
    buffer = io.BytesIO()
    image.save(buffer, "PNG")
    return buffer.getvalue()


def product_with_png(png: bytes, **kwargs) -> Product:
    """A product whose first image has the given ready cut-out."""
    product = ProductFactory(**kwargs)
    image = ProductImage(
        product=product, alt=product.title, status=ProductImage.Status.READY
    )
    image.original.save("original.png", ContentFile(png), save=False)
    image.cutout.save(f"{product.pk}-cutout.png", ContentFile(png), save=False)
    image.save()
    return product
