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
