"""Abuse: guessing passwords on the login forms, and mass sign-ups.

Each test performs the attack against the real pages and asserts that it fails: the
right password is refused while locked out (429, no session), the admin's login is
the same flow, and a staff password alone does not open the admin when two-factor
is on.
"""

from types import SimpleNamespace

import pytest
from allauth.account.models import EmailAddress
from allauth.mfa.models import Authenticator
from allauth.mfa.totp.internal.auth import (
    TOTP,
    format_hotp_value,
    generate_totp_secret,
    hotp_value,
    yield_hotp_counters_from_time,
)
from django.contrib.auth import get_user_model
from django.test import Client

from tests.shop.factories import UserFactory

pytestmark = pytest.mark.django_db

PASSWORD = "a-good-password-1"
LOCKED = "Too many failed attempts to log in"


@pytest.fixture(autouse=True)
def _one_window(monkeypatch):
    # Every failure of a test falls in one limiter window, however slowly it runs.
    monkeypatch.setattr(
        "core.ratelimit.time", SimpleNamespace(time=lambda: 1_800_000_000.0)
    )


def log_in(client: Client, email: str, password: str, *, path="/accounts/login/"):
    return client.post(path, {"login": email, "password": password})


def is_signed_in(client: Client) -> bool:
    return "_auth_user_id" in client.session


def staff_member(**kwargs):
    return UserFactory(is_staff=True, is_superuser=True, **kwargs)


@pytest.mark.parametrize("path", ["/accounts/login/", "/admin/login/"])
def test_ten_wrong_passwords_lock_out_even_the_right_one(path):
    user = staff_member()
    client = Client(REMOTE_ADDR="198.51.100.7")

    wrong = [log_in(client, user.email, f"guess-{n}", path=path) for n in range(10)]
    right = log_in(client, user.email, PASSWORD, path=path)

    assert [response.status_code for response in wrong] == [200] * 10
    assert right.status_code == 429
    assert int(right["Retry-After"]) > 0
    assert LOCKED in right.content.decode()
    assert not is_signed_in(client)
    assert Client().get("/admin/").status_code == 302


def test_the_lock_on_an_account_holds_from_every_address():
    user = UserFactory()
    for number in range(10):
        log_in(Client(REMOTE_ADDR=f"203.0.113.{number}"), user.email, "wrong")
    fresh = Client(REMOTE_ADDR="192.0.2.99")

    response = log_in(fresh, user.email.upper(), PASSWORD)

    assert response.status_code == 429
    assert not is_signed_in(fresh)


def test_a_forged_forwarded_for_does_not_escape_the_address_lock(settings):
    settings.TRUSTED_PROXY_COUNT = 0
    victims = [UserFactory() for _ in range(31)]
    client = Client(REMOTE_ADDR="198.51.100.66")
    # One address sprays one guess at each of 30 accounts, claiming a new address
    # every time.
    for number, victim in enumerate(victims[:30]):
        client.post(
            "/accounts/login/",
            {"login": victim.email, "password": "Summer2026!"},
            HTTP_X_FORWARDED_FOR=f"10.0.{number}.1",
        )

    response = client.post(
        "/accounts/login/",
        {"login": victims[30].email, "password": PASSWORD},
        HTTP_X_FORWARDED_FOR="10.99.99.99",
    )

    assert response.status_code == 429
    assert not is_signed_in(client)


def test_behind_a_declared_proxy_each_client_has_its_own_count(settings):
    settings.TRUSTED_PROXY_COUNT = 1
    user = UserFactory()
    for number in range(30):
        Client(REMOTE_ADDR="10.0.0.1").post(
            "/accounts/login/",
            {"login": f"nobody{number}@example.com", "password": "x"},
            HTTP_X_FORWARDED_FOR="198.51.100.66",
        )
    shopper = Client(REMOTE_ADDR="10.0.0.1", HTTP_X_FORWARDED_FOR="192.0.2.5")

    response = log_in(shopper, user.email, PASSWORD)

    assert response.status_code == 302
    assert is_signed_in(shopper)


def test_a_successful_login_clears_the_accounts_failures():
    user = UserFactory()
    client = Client(REMOTE_ADDR="198.51.100.7")
    for _ in range(9):
        log_in(client, user.email, "wrong")
    assert log_in(client, user.email, PASSWORD).status_code == 302
    client.post("/accounts/logout/")
    for _ in range(9):
        log_in(client, user.email, "wrong")

    response = log_in(client, user.email, PASSWORD)

    assert response.status_code == 302
    assert is_signed_in(client)


def test_logins_are_refused_while_the_limiters_cache_is_down(cache_down):
    user = UserFactory()
    client = Client(REMOTE_ADDR="198.51.100.7")

    response = log_in(client, user.email, PASSWORD)

    assert response.status_code == 429
    assert "Logging in is paused for a moment" in response.content.decode()
    assert not is_signed_in(client)


def test_the_stock_admin_login_form_is_never_served():
    page = Client().get("/admin/login/?next=/admin/shop/order/")
    shopper = Client()
    shopper.force_login(UserFactory())

    html = page.content.decode()
    assert page.status_code == 200
    assert "Log in to run the shop" in html
    assert 'name="login"' in html
    assert 'name="next" value="/admin/shop/order/"' in html
    assert shopper.get("/admin/login/").status_code == 403


def test_the_admin_login_goes_on_to_the_admin():
    user = staff_member()
    client = Client()

    response = log_in(client, user.email, PASSWORD, path="/admin/login/")

    assert response.status_code == 302
    assert response["Location"] == "/admin/"
    assert client.get("/admin/").status_code == 200


def current_code(secret: str) -> str:
    counter = next(iter(yield_hotp_counters_from_time()))
    return format_hotp_value(hotp_value(secret, counter))


@pytest.mark.parametrize("path", ["/accounts/login/", "/admin/login/"])
def test_a_staff_password_alone_does_not_open_the_admin_with_two_factor_on(path):
    user = staff_member()
    EmailAddress.objects.create(
        user=user, email=user.email, primary=True, verified=True
    )
    secret = generate_totp_secret()
    TOTP.activate(user, secret)
    client = Client()

    password_only = log_in(client, user.email, PASSWORD, path=f"{path}?next=/admin/")
    admin_before = client.get("/admin/")
    wrong_code = client.post("/accounts/2fa/authenticate/", {"code": "000000"})
    right_code = client.post(
        "/accounts/2fa/authenticate/", {"code": current_code(secret)}
    )
    admin_after = client.get("/admin/")

    assert password_only.status_code == 302
    assert password_only["Location"] == "/accounts/2fa/authenticate/"
    assert admin_before.status_code == 302
    assert admin_before["Location"].startswith("/admin/login/")
    assert wrong_code.status_code == 200
    assert "Incorrect code." in wrong_code.content.decode()
    assert right_code.status_code == 302
    assert right_code["Location"] == "/admin/"
    assert admin_after.status_code == 200
    assert Authenticator.objects.filter(user=user).count() == 1


def sign_up(address: str, email: str):
    return Client(REMOTE_ADDR=address).post(
        "/accounts/signup/",
        {
            "email": email,
            "password1": "a-long-pass-phrase-9",
            "first_name": "Sam",
            "last_name": "Lee",
        },
    )


def test_sign_ups_from_one_address_are_limited():
    User = get_user_model()

    answers = [sign_up("198.51.100.7", f"new{n}@example.com") for n in range(11)]
    elsewhere = sign_up("192.0.2.8", "other@example.com")

    assert [answer.status_code for answer in answers] == [302] * 10 + [429]
    assert "Too many accounts were created" in answers[-1].content.decode()
    assert not User.objects.filter(email="new10@example.com").exists()
    assert elsewhere.status_code == 302
    assert User.objects.filter(email__startswith="new").count() == 10


def test_allauths_own_lock_answers_the_same_way(settings):
    settings.ACCOUNT_RATE_LIMITS = {}  # allauth's defaults, as in production
    user = UserFactory()
    client = Client(REMOTE_ADDR="198.51.100.7")
    for _ in range(5):
        log_in(client, user.email, "wrong")

    response = log_in(client, user.email, PASSWORD)

    assert response.status_code == 429
    assert LOCKED in response.content.decode()
    assert not is_signed_in(client)


def test_guessing_the_two_factor_code_is_locked_out_too(settings):
    settings.ACCOUNT_RATE_LIMITS = {}  # allauth's defaults, as in production
    user = staff_member()
    EmailAddress.objects.create(
        user=user, email=user.email, primary=True, verified=True
    )
    secret = generate_totp_secret()
    TOTP.activate(user, secret)
    client = Client()
    log_in(client, user.email, PASSWORD)
    for guess in range(5):
        client.post("/accounts/2fa/authenticate/", {"code": f"{guess:06}"})

    response = client.post(
        "/accounts/2fa/authenticate/", {"code": current_code(secret)}
    )

    assert response.status_code == 200
    assert "Too many failed login attempts" in response.content.decode()
    assert not is_signed_in(client)
    assert client.get("/admin/").status_code == 302
