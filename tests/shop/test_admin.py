from decimal import Decimal as D

import pytest
from django.urls import reverse

from shop.models import GiftCard, Order, Variant

from .factories import ProductFactory, VariantFactory, product_with_variant
from .helpers import cart_with, place

pytestmark = pytest.mark.django_db


@pytest.fixture
def merchant(client, django_user_model):
    user = django_user_model.objects.create_superuser(
        "merchant", "m@example.com", "pw-merchant-1"
    )
    client.force_login(user)
    return client


def test_refund_action_restocks_once(merchant, django_capture_on_commit_callbacks):
    variant = product_with_variant(stock=2)
    order = place(cart_with((variant, 2)))
    url = reverse("admin:shop_order_changelist")
    with django_capture_on_commit_callbacks(execute=True):
        response = merchant.post(
            url, {"action": "refund", "_selected_action": [order.pk]}, follow=True
        )
    assert "Refunded 1 order" in response.content.decode()
    # a second click says why nothing happened and does not restock again
    response = merchant.post(
        url, {"action": "refund", "_selected_action": [order.pk]}, follow=True
    )
    assert "already refunded" in response.content.decode()
    assert Variant.objects.get(pk=variant.pk).stock == 2
    assert Order.objects.get(pk=order.pk).status == Order.Status.REFUNDED


def test_fulfil_and_cancel_actions(merchant):
    shipped = place(cart_with((product_with_variant(), 1)))
    cancelled = place(cart_with((product_with_variant(), 1)))
    url = reverse("admin:shop_order_changelist")
    merchant.post(url, {"action": "fulfil", "_selected_action": [shipped.pk]})
    merchant.post(url, {"action": "cancel", "_selected_action": [cancelled.pk]})
    assert Order.objects.get(pk=shipped.pk).status == Order.Status.FULFILLED
    assert Order.objects.get(pk=cancelled.pk).status == Order.Status.CANCELLED


def test_admin_lists_stay_constant_in_queries(merchant, django_assert_max_num_queries):
    for _ in range(5):
        product = ProductFactory()
        VariantFactory(product=product)
        place(cart_with((Variant.objects.get(product=product), 1)))
    with django_assert_max_num_queries(12):
        assert merchant.get(reverse("admin:shop_product_changelist")).status_code == 200
    with django_assert_max_num_queries(12):
        assert merchant.get(reverse("admin:shop_order_changelist")).status_code == 200
    for _ in range(20):
        product = ProductFactory()
        VariantFactory(product=product)
        place(cart_with((Variant.objects.get(product=product), 1)))
    with django_assert_max_num_queries(12):
        merchant.get(reverse("admin:shop_product_changelist"))
    with django_assert_max_num_queries(12):
        merchant.get(reverse("admin:shop_order_changelist"))


def test_order_change_page_shows_lines(merchant):
    order = place(cart_with((product_with_variant(title="Goodnight Moon"), 1)))
    response = merchant.get(reverse("admin:shop_order_change", args=[order.pk]))
    assert response.status_code == 200
    assert "Goodnight Moon" in response.content.decode()


def test_new_gift_card_starts_with_its_full_balance(merchant):
    merchant.post(
        reverse("admin:shop_giftcard_add"),
        {
            "code": "GIFT-ADMIN-1",
            "initial_balance": "50.00",
            "currency": "USD",
            "is_active": "on",
            "uses-TOTAL_FORMS": "0",
            "uses-INITIAL_FORMS": "0",
        },
    )
    assert GiftCard.objects.get(code="GIFT-ADMIN-1").balance == D("50.00")


def _product_form(product, **extra):
    data = {
        "sku": product.sku,
        "slug": product.slug,
        "title": product.title,
        "brand": "",
        "description": "",
        "category": product.category_id,
        "price": "10.00",
        "is_active": "on",
        "created_at_0": "2026-01-01",
        "created_at_1": "10:00:00",
        "variants-TOTAL_FORMS": "0",
        "variants-INITIAL_FORMS": "0",
        "images-TOTAL_FORMS": "1",
        "images-INITIAL_FORMS": "0",
        "images-0-alt": "",
        "images-0-position": "0",
        "colours-TOTAL_FORMS": "0",
        "colours-INITIAL_FORMS": "0",
    }
    data.update(extra)
    return data


def test_fake_image_upload_gets_a_form_error_not_a_500(merchant):
    from django.core.files.uploadedfile import SimpleUploadedFile

    from shop.models import ProductImage

    product = product_with_variant().product
    fake = SimpleUploadedFile(
        "photo.jpg", b"<svg onload=alert(1)></svg>", content_type="image/jpeg"
    )
    response = merchant.post(
        reverse("admin:shop_product_change", args=[product.pk]),
        _product_form(product, **{"images-0-original": fake}),
    )
    assert response.status_code == 200
    assert "not an image we can read" in response.content.decode()
    assert ProductImage.objects.count() == 0


def test_real_image_upload_is_processed(merchant, django_capture_on_commit_callbacks):
    import io

    from django.core.files.uploadedfile import SimpleUploadedFile
    from PIL import Image

    from shop.models import ProductImage

    product = product_with_variant().product
    buffer = io.BytesIO()
    picture = Image.new("RGB", (400, 400), (246, 245, 242))
    picture.paste((30, 60, 160), (100, 100, 300, 300))
    picture.save(buffer, "PNG")
    upload = SimpleUploadedFile("mug.png", buffer.getvalue(), content_type="image/png")
    with django_capture_on_commit_callbacks(execute=True):
        response = merchant.post(
            reverse("admin:shop_product_change", args=[product.pk]),
            _product_form(product, **{"images-0-original": upload}),
        )
    assert response.status_code == 302
    image = ProductImage.objects.get()
    assert image.status == ProductImage.Status.READY
    assert image.thumb and image.cutout
    assert [c.colour for c in product.colours.all()] == ["blue"]


def test_reprocess_action_queues_every_image_of_the_selection(
    merchant, django_capture_on_commit_callbacks
):
    import io

    from django.core.files.base import ContentFile
    from PIL import Image

    from shop.models import ProductImage
    from shop.services.catalog import product_image_add

    product = product_with_variant().product
    buffer = io.BytesIO()
    Image.new("RGB", (200, 200), (200, 30, 40)).save(buffer, "PNG")
    image = product_image_add(
        product=product, file=ContentFile(buffer.getvalue(), name="a.png")
    )
    ProductImage.objects.filter(pk=image.pk).update(
        status=ProductImage.Status.PENDING, thumb=""
    )
    with django_capture_on_commit_callbacks(execute=True):
        response = merchant.post(
            reverse("admin:shop_product_changelist"),
            {"action": "reprocess_images", "_selected_action": [product.pk]},
            follow=True,
        )
    assert "Queued 1 images" in response.content.decode()
    image.refresh_from_db()
    assert image.status == ProductImage.Status.READY and image.thumb
