import pytest
from allauth.account.models import EmailAddress
from django.core.management import call_command
from django.test import Client

pytestmark = pytest.mark.django_db


def test_the_merchant_is_told_to_log_in_by_email_and_can(monkeypatch, capsys):
    monkeypatch.setenv("DJANGO_SUPERUSER_PASSWORD", "merchant-pass-123")
    monkeypatch.delenv("DJANGO_SUPERUSER_EMAIL", raising=False)
    monkeypatch.delenv("DJANGO_SUPERUSER_USERNAME", raising=False)

    call_command("ensure_merchant")
    call_command("ensure_merchant")  # a second start changes nothing
    client = Client()
    response = client.post(
        "/admin/login/",
        {"login": "merchant@because.local", "password": "merchant-pass-123"},
    )

    output = capsys.readouterr().out
    assert (
        output.count(
            "Merchant login: /admin/ with email 'merchant@because.local' "
            "(password from DJANGO_SUPERUSER_PASSWORD)."
        )
        == 2
    )
    assert "/accounts/2fa/" in output
    assert list(EmailAddress.objects.values_list("email", "verified", "primary")) == [
        ("merchant@because.local", True, True)
    ]
    assert response.status_code == 302
    assert response["Location"] == "/admin/"
    assert client.get("/admin/").status_code == 200
