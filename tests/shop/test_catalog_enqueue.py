"""The catalog service enqueues the image task by name (no import of shop.tasks)."""

import io

import pytest
from django.core.files.base import ContentFile
from PIL import Image

from shop.models import ProductImage
from shop.services.catalog import product_image_add

from .factories import ProductFactory

pytestmark = pytest.mark.django_db


def png() -> ContentFile:
    buffer = io.BytesIO()
    Image.new("RGB", (64, 64), (200, 0, 0)).save(buffer, "PNG")
    return ContentFile(buffer.getvalue(), name="red.png")


def test_image_added_without_process_now_is_processed_by_the_task_after_commit(
    django_capture_on_commit_callbacks,
):
    # given a product
    product = ProductFactory()
    # when an image is added and the transaction commits (eager Celery in tests)
    with django_capture_on_commit_callbacks(execute=True):
        image = product_image_add(product=product, file=png())
    # then the task found by name processed it
    image = ProductImage.objects.get(pk=image.pk)
    assert image.status == ProductImage.Status.READY
    assert image.width == 64
