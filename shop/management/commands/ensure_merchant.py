"""Make sure a merchant (superuser) exists and say how to log in."""

import os
import secrets

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand


class Command(BaseCommand):
    help = "Create the merchant superuser from DJANGO_SUPERUSER_* or with a generated password."

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
            self.stdout.write(
                f"Merchant login: /admin/ as {username!r} "
                + (
                    "(password from DJANGO_SUPERUSER_PASSWORD)."
                    if password
                    else "(password printed when it was created; reset it with "
                    f"`python manage.py changepassword {username}`)."
                )
            )
            return
        generated = password is None
        password = password or secrets.token_urlsafe(12)
        User.objects.create_superuser(
            username=username,
            email=email,
            password=password,
            first_name="Shop",
            last_name="Merchant",
        )
        if generated:
            self.stdout.write(
                self.style.SUCCESS(
                    f"Merchant login: /admin/ as {username!r} with password {password!r} "
                    "(shown once — write it down)."
                )
            )
        else:
            self.stdout.write(
                f"Merchant login: /admin/ as {username!r} (password from DJANGO_SUPERUSER_PASSWORD)."
            )
