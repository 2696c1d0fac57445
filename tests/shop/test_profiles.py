"""Public profiles: the handle every account gets, and the page to change it."""

import importlib
import re

import pytest
from django.apps import apps as django_apps
from django.contrib.auth import get_user_model
from django.test import Client
from django.utils import timezone

from core.ratelimit import RateLimited
from shop.models import Profile
from shop.services import profiles
from shop.services.profiles import (
    HandleInvalid,
    handle_validate,
    profile_for,
    profile_handle_change,
)
from tests.shop.factories import UserFactory

pytestmark = pytest.mark.django_db

HANDLE = re.compile(r"^shopper-[23456789abcdefghjkmnpqrstuvwxyz]{6}$")


@pytest.fixture
def limits(settings):
    settings.RATE_LIMITS = {**settings.RATE_LIMITS, "handle-change": "3/d"}
    settings.RATE_LIMITS_ENABLED = True


# --- the handle every account gets ------------------------------------------------


def test_a_new_account_gets_a_random_opaque_handle():
    user = UserFactory(username="kathryn.thompson", first_name="Kathryn")

    profile = Profile.objects.get(user=user)

    assert HANDLE.match(profile.handle)
    assert profile.handle_changed_at is None


def test_profile_for_makes_a_missing_profile_once():
    user = UserFactory()
    Profile.objects.filter(user=user).delete()
    user.refresh_from_db()

    first = profile_for(user=user)
    user.refresh_from_db()
    again = profile_for(user=user)

    assert first.pk == again.pk
    assert Profile.objects.filter(user=user).count() == 1


def test_profile_for_draws_again_when_the_random_handle_is_taken(monkeypatch):
    # given someone already holds the handle the first draw will produce
    taken = Profile.objects.get(user=UserFactory()).handle
    user = UserFactory()
    Profile.objects.filter(user=user).delete()
    user.refresh_from_db()
    draws = iter([taken.upper(), "shopper-zzzzzz"])
    monkeypatch.setattr(profiles, "handle_random", lambda: next(draws))

    # when a profile is made, then the clash costs one more draw, not an error
    assert profile_for(user=user).handle == "shopper-zzzzzz"


def test_the_data_migration_gives_every_existing_account_a_distinct_handle():
    # given accounts that predate profiles
    users = [UserFactory() for _ in range(5)]
    Profile.objects.filter(user__in=users).delete()
    migration = importlib.import_module("shop.migrations.0002_profile_handle")

    # when the migration's data step runs
    migration.profiles_for_existing_users(django_apps, None)

    # then each has one, all different
    handles = list(
        Profile.objects.filter(user__in=users).values_list("handle", flat=True)
    )
    assert len(handles) == 5 and len(set(handles)) == 5
    assert all(HANDLE.match(handle) for handle in handles)


# --- changing it ------------------------------------------------------------------


def test_a_shopper_changes_their_handle(limits):
    user = UserFactory()

    profile = profile_handle_change(user=user, handle="  Kate-Styles ")

    assert profile.handle == "Kate-Styles"
    assert Profile.objects.get(user=user).handle == "Kate-Styles"
    assert profile.handle_changed_at is not None
    assert profile.handle_changed_at <= timezone.now()


def test_a_handle_is_taken_whatever_its_case_and_nothing_is_written(limits):
    profile_handle_change(user=UserFactory(), handle="kate-styles")
    user = UserFactory()
    before = Profile.objects.get(user=user).handle

    with pytest.raises(HandleInvalid, match="taken"):
        profile_handle_change(user=user, handle="KATE-STYLES")

    assert Profile.objects.get(user=user).handle == before
    assert Profile.objects.filter(handle__iexact="kate-styles").count() == 1


def test_changing_only_the_case_of_ones_own_handle_is_allowed(limits):
    user = UserFactory()
    profile_handle_change(user=user, handle="kate-styles")

    assert profile_handle_change(user=user, handle="Kate-Styles").handle == (
        "Kate-Styles"
    )


@pytest.mark.parametrize(
    ("handle", "message"),
    [
        ("", "3 to 30"),
        ("ab", "3 to 30"),
        ("a" * 31, "3 to 30"),
        ("kate styles", "letters a–z"),
        ("kate_styles", "letters a–z"),
        ("kate.thompson", "letters a–z"),
        ("-kate", "letters a–z"),
        ("kate-", "letters a–z"),
        ("kate--styles", "letters a–z"),
        ("käte", "letters a–z"),
        ("kаte", "letters a–z"),  # a Cyrillic "а" that looks Latin
        ("admin", "reserved"),
        ("Staff", "reserved"),
        ("merchant", "reserved"),
        ("support", "reserved"),
        ("because", "reserved"),
        ("BECAUSE-official", "reserved"),
        ("kate-support", "reserved"),
        ("adminkate", "reserved"),
        ("because-shop", "reserved"),
        ("api", "reserved"),
    ],
)
def test_bad_handles_are_refused_with_a_clear_message(handle, message, limits):
    user = UserFactory()
    before = Profile.objects.get(user=user).handle

    with pytest.raises(HandleInvalid, match=message):
        profile_handle_change(user=user, handle=handle)

    assert Profile.objects.get(user=user).handle == before


@pytest.mark.parametrize(
    "handle", ["kat", "a" * 30, "Kate-Styles-2", "badminton", "shopper-abc123"]
)
def test_good_handles_pass(handle):
    assert handle_validate(handle=handle) == handle


def test_handle_changes_are_limited_per_day_and_failures_cost_nothing(limits):
    # given a shopper who tried a taken and a reserved handle, then changed 3 times
    profile_handle_change(user=UserFactory(), handle="taken-one")
    user = UserFactory()
    for bad in ("taken-one", "admin"):
        with pytest.raises(HandleInvalid):
            profile_handle_change(user=user, handle=bad)
    for n in range(3):
        profile_handle_change(user=user, handle=f"kate-{n}")

    # when they try a fourth change the same day
    with pytest.raises(RateLimited, match="tomorrow"):
        profile_handle_change(user=user, handle="kate-final")

    # then the third one stands
    assert Profile.objects.get(user=user).handle == "kate-2"


# --- the page ---------------------------------------------------------------------


def _client(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def test_the_profile_page_needs_an_account():
    response = Client().get("/account/profile/")

    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")


def test_the_account_page_links_to_the_profile_page():
    html = _client(UserFactory()).get("/account/").content.decode()

    assert 'href="/account/profile/"' in html


def test_the_profile_page_shows_the_handle_and_the_public_name():
    user = UserFactory(first_name="Kathryn", last_name="Thompson")

    response = _client(user).get("/account/profile/")

    html = response.content.decode()
    assert response.status_code == 200
    assert f'value="{user.profile.handle}"' in html
    assert "Kathryn T." in html
    assert f"/u/{user.profile.handle}/" in html


def test_the_profile_page_saves_a_new_handle(limits):
    user = UserFactory()
    client = _client(user)

    response = client.post("/account/profile/", {"handle": "kate-styles"})

    assert response.status_code == 302
    assert response["Location"] == "/account/profile/"
    assert Profile.objects.get(user=user).handle == "kate-styles"
    assert (
        "Your handle is now kate-styles."
        in client.get("/account/profile/").content.decode()
    )


def test_the_profile_page_shows_why_a_handle_is_refused(limits):
    profile_handle_change(user=UserFactory(), handle="kate-styles")
    user = UserFactory()
    before = user.profile.handle

    taken = _client(user).post("/account/profile/", {"handle": "Kate-Styles"})
    reserved = _client(user).post("/account/profile/", {"handle": "support"})
    empty = _client(user).post("/account/profile/", {"handle": ""})

    assert taken.status_code == 400
    assert "That handle is taken" in taken.content.decode()
    assert reserved.status_code == 400
    assert "reserved for the shop" in reserved.content.decode()
    assert empty.status_code == 400
    assert "Please choose a handle." in empty.content.decode()
    assert Profile.objects.get(user=user).handle == before


def test_the_profile_page_answers_429_past_the_daily_changes(limits):
    user = UserFactory()
    client = _client(user)
    for n in range(3):
        assert (
            client.post("/account/profile/", {"handle": f"kate-{n}"}).status_code == 302
        )
    response = client.post("/account/profile/", {"handle": "kate-final"})

    assert response.status_code == 429
    assert "try again tomorrow" in response.content.decode()
    assert Profile.objects.get(user=user).handle == "kate-2"


def test_a_staff_account_is_told_it_has_no_public_page():
    user = UserFactory(is_staff=True)

    html = _client(user).get("/account/profile/").content.decode()

    assert "Staff accounts have no public page" in html


def test_the_user_admin_finds_an_account_by_its_handle(django_user_model):
    admin = django_user_model.objects.create_superuser(
        username="boss", email="boss@example.com", password="a-good-password-1"
    )
    shopper = UserFactory(email="kathryn@example.com")
    profile_handle_change(user=shopper, handle="kate-styles")

    response = _client(admin).get("/admin/auth/user/", {"q": "kate-styles"})

    html = response.content.decode()
    assert response.status_code == 200
    assert "kathryn@example.com" in html and "boss@example.com" not in html


@pytest.mark.django_db
def test_signup_makes_an_opaque_username_and_greets_by_first_name(client):
    response = client.post(
        "/accounts/signup/",
        {
            "email": "kathryn.thompson@example.org",
            "password1": "a-long-pass-phrase-42",
            "first_name": "Kathryn",
            "last_name": "Thompson",
        },
        follow=True,
    )

    user = get_user_model().objects.get(email="kathryn.thompson@example.org")
    assert user.username.startswith("u_")
    assert "kathryn" not in user.username.lower()
    page = response.content.decode()
    assert user.username not in page
