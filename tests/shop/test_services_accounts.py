"""The thank-you page's offer to make an account from a guest order."""

import pytest
from django.contrib.auth.models import AnonymousUser

from shop.services.accounts import account_offered_for_order
from tests.shop.factories import UserFactory, make_order, product_with_variant


def _guest_order(email="guest@example.com", user=None):
    return make_order(
        [product_with_variant().product], number="G-1", email=email, user=user
    )


@pytest.mark.django_db
def test_a_guest_with_a_new_email_is_offered_an_account():
    order = _guest_order()

    assert account_offered_for_order(order=order, user=AnonymousUser()) is True


@pytest.mark.django_db
def test_no_offer_when_an_account_uses_the_email_in_any_case():
    UserFactory(email="Guest@Example.com")
    order = _guest_order(email="guest@example.com")

    assert account_offered_for_order(order=order, user=AnonymousUser()) is False


@pytest.mark.django_db
def test_no_offer_to_a_signed_in_shopper():
    order = _guest_order()

    assert account_offered_for_order(order=order, user=UserFactory()) is False


@pytest.mark.django_db
def test_no_offer_for_an_order_that_belongs_to_an_account():
    owner = UserFactory(email="owner@example.com")
    order = _guest_order(email="someone@example.com", user=owner)

    assert account_offered_for_order(order=order, user=AnonymousUser()) is False
