"""Every merchant control in the admin changes what the next shopper sees at once."""

import pytest
from django.test import Client
from django.urls import reverse

from crosssell.models import Exclusion, HiddenPair, PinnedPartner
from tests.shop.factories import UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin_client(books):
    user = UserFactory(is_staff=True, is_superuser=True)
    client = Client()
    client.force_login(user)
    return client


def together_panel(product) -> str:
    """The product page's panel as a new shopper sees it."""
    html = Client().get(product.get_absolute_url()).content.decode()
    start = html.find("Frequently bought together")
    return html[start:] if start >= 0 else ""


def test_adding_a_hidden_pair_hides_the_partner_at_once(admin_client, books):
    moon, mouse = books["Goodnight Moon"], books["Mouse Cookie"]
    assert "Mouse Cookie" in together_panel(moon)
    response = admin_client.post(
        reverse("admin:crosssell_hiddenpair_add"),
        {"product_a": min(moon.pk, mouse.pk), "product_b": max(moon.pk, mouse.pk)},
    )
    assert response.status_code == 302
    assert "Mouse Cookie" not in together_panel(moon)


def test_deleting_a_hidden_pair_shows_the_partner_again_at_once(admin_client, books):
    moon, mouse = books["Goodnight Moon"], books["Mouse Cookie"]
    a, b = sorted([moon, mouse], key=lambda p: p.pk)
    pair = HiddenPair.objects.create(product_a=a, product_b=b)
    assert "Mouse Cookie" not in together_panel(moon)
    response = admin_client.post(
        reverse("admin:crosssell_hiddenpair_delete", args=[pair.pk]), {"post": "yes"}
    )
    assert response.status_code == 302
    assert "Mouse Cookie" in together_panel(moon)


def test_bulk_deleting_hidden_pairs_shows_the_partners_at_once(admin_client, books):
    moon, mouse = books["Goodnight Moon"], books["Mouse Cookie"]
    a, b = sorted([moon, mouse], key=lambda p: p.pk)
    pair = HiddenPair.objects.create(product_a=a, product_b=b)
    assert "Mouse Cookie" not in together_panel(moon)
    bulk_delete(admin_client, "hiddenpair", [pair.pk])
    assert "Mouse Cookie" in together_panel(moon)


def bulk_delete(client, model, pks):
    response = client.post(
        reverse(f"admin:crosssell_{model}_changelist"),
        {"action": "delete_selected", "_selected_action": pks, "post": "yes"},
    )
    assert response.status_code == 302


def test_adding_a_pin_shows_the_pinned_partner_at_once(admin_client, books):
    moon, lamp = books["Goodnight Moon"], books["Lamp"]
    assert "Lamp" not in together_panel(moon)
    response = admin_client.post(
        reverse("admin:crosssell_pinnedpartner_add"),
        {"product": moon.pk, "partner": lamp.pk, "position": 0},
    )
    assert response.status_code == 302
    assert "Lamp" in together_panel(moon)


def test_editing_a_pin_moves_it_at_once(admin_client, books):
    moon, lamp, poster = books["Goodnight Moon"], books["Lamp"], books["Poster"]
    pin = PinnedPartner.objects.create(product=moon, partner=lamp, position=0)
    assert "Lamp" in together_panel(moon)
    response = admin_client.post(
        reverse("admin:crosssell_pinnedpartner_change", args=[pin.pk]),
        {"product": moon.pk, "partner": poster.pk, "position": 0},
    )
    assert response.status_code == 302
    panel = together_panel(moon)
    assert "Lamp" not in panel and "Poster" in panel


def test_deleting_a_pin_drops_the_partner_at_once(admin_client, books):
    moon, lamp = books["Goodnight Moon"], books["Lamp"]
    pin = PinnedPartner.objects.create(product=moon, partner=lamp, position=0)
    assert "Lamp" in together_panel(moon)
    response = admin_client.post(
        reverse("admin:crosssell_pinnedpartner_delete", args=[pin.pk]), {"post": "yes"}
    )
    assert response.status_code == 302
    assert "Lamp" not in together_panel(moon)


def test_bulk_deleting_pins_drops_the_partners_at_once(admin_client, books):
    moon, lamp = books["Goodnight Moon"], books["Lamp"]
    pin = PinnedPartner.objects.create(product=moon, partner=lamp, position=0)
    assert "Lamp" in together_panel(moon)
    bulk_delete(admin_client, "pinnedpartner", [pin.pk])
    assert "Lamp" not in together_panel(moon)
    assert PinnedPartner.objects.count() == 0


def test_adding_an_exclusion_hides_the_product_at_once(admin_client, books):
    moon, mouse = books["Goodnight Moon"], books["Mouse Cookie"]
    assert "Mouse Cookie" in together_panel(moon)
    response = admin_client.post(
        reverse("admin:crosssell_exclusion_add"),
        {"product": mouse.pk, "reason": "recalled"},
    )
    assert response.status_code == 302
    assert "Mouse Cookie" not in together_panel(moon)


def test_deleting_exclusions_shows_the_product_again_at_once(admin_client, books):
    moon, mouse = books["Goodnight Moon"], books["Mouse Cookie"]
    one = Exclusion.objects.create(product=mouse, reason="recalled")
    assert "Mouse Cookie" not in together_panel(moon)
    bulk_delete(admin_client, "exclusion", [one.pk])
    assert "Mouse Cookie" in together_panel(moon)
    two = Exclusion.objects.create(product=mouse, reason="again")
    admin_client.post(
        reverse("admin:crosssell_exclusion_delete", args=[two.pk]), {"post": "yes"}
    )
    assert "Mouse Cookie" in together_panel(moon)
