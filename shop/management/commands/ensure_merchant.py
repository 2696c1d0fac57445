"""Make sure a merchant (superuser) exists and say how to log in."""

import os
import secrets

from allauth.account.models import EmailAddress
from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand


class Command(BaseCommand):
    help = (
        "Create the merchant superuser from DJANGO_SUPERUSER_* or with a generated "
        "password, and say how to log in (by email, at /admin/)."
    )

    def handle(self, *args, **options) -> None:
        User = get_user_model()
        username = os.environ.get("DJANGO_SUPERUSER_USERNAME", "merchant")
        email = os.environ.get("DJANGO_SUPERUSER_EMAIL", f"{username}@because.local")
        password = os.environ.get("DJANGO_SUPERUSER_PASSWORD")
        user = User.objects.filter(username=username).first()
        if user is not None:
            if password:
                user.set_password(password)
                user.save(update_fields=["password"])
            self._confirm_email(user)
            self.stdout.write(
                f"Merchant login: /admin/ with email {user.email!r} "
                + (
                    "(password from DJANGO_SUPERUSER_PASSWORD)."
                    if password
                    else "(password printed when it was created; reset it with "
                    f"`python manage.py changepassword {username}`)."
                )
            )
            self._two_factor_hint()
            return
        generated = password is None
        password = password or secrets.token_urlsafe(12)
        user = User.objects.create_superuser(
            username=username,
            email=email,
            password=password,
            first_name="Shop",
            last_name="Merchant",
        )
        self._confirm_email(user)
        if generated:
            self.stdout.write(
                self.style.SUCCESS(
                    f"Merchant login: /admin/ with email {email!r} and password "
                    f"{password!r} (shown once — write it down)."
                )
            )
        else:
            self.stdout.write(
                f"Merchant login: /admin/ with email {email!r} "
                "(password from DJANGO_SUPERUSER_PASSWORD)."
            )
        self._two_factor_hint()

    def _confirm_email(self, user) -> None:
        # The operator chose this address, so it counts as confirmed: allauth logs
        # in by email and two-factor can only be switched on for a confirmed one.
        if not user.email:
            return
        EmailAddress.objects.update_or_create(
            user=user,
            email__iexact=user.email,
            defaults={"email": user.email, "verified": True, "primary": True},
        )

    def _two_factor_hint(self) -> None:
        self.stdout.write(
            "Turn on two-factor authentication for it at /accounts/2fa/ once logged in."
        )
