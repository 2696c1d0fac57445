"""Accounts made from a guest checkout, and how guest orders join accounts.

One rule wherever orders meet accounts: an order placed while signed in belongs to
that account; any other order (a guest's, an imported one) joins an account only
through a confirmed email address. Anyone can type anyone's email at checkout, so an
unconfirmed address proves nothing about who owns the orders placed with it.
"""

from __future__ import annotations

from dataclasses import dataclass

from allauth.account.models import EmailAddress
from django.contrib.auth import get_user_model
from django.contrib.auth.base_user import AbstractBaseUser
from django.db import transaction
from django.db.models import Q
from django.http import HttpRequest

from ..exceptions import ShopError
from ..models import Order, username_random


class AccountExists(ShopError):
    pass


def username_free(*, email: str = "") -> str:
    """A fresh opaque username (``u_k3q9x7m2w4pz``) that no account has.

    Usernames are internal keys: shoppers log in by email and are shown in public
    by their profile's handle. ``email`` is accepted for old callers and ignored on
    purpose, so a username never reveals who the account belongs to.
    """
    User = get_user_model()
    while True:
        candidate = username_random()
        if not User.objects.filter(username__iexact=candidate).exists():
            return candidate


def account_exists_for_email(*, email: str) -> bool:
    """Whether an account already uses this email (as its own or as an added address)."""
    return (
        get_user_model()
        .objects.filter(Q(email__iexact=email) | Q(emailaddress__email__iexact=email))
        .exists()
    )


def account_offered_for_order(*, order: Order, user) -> bool:
    """Whether the thank-you page offers to make an account from this order: only
    to a guest, for a guest order, whose email no account uses yet."""
    return (
        not user.is_authenticated
        and order.user_id is None
        and not account_exists_for_email(email=order.email)
    )


def account_create_from_order(*, order: Order, password: str):
    """Turn a guest order's email into an account holding this order only.

    Precondition: the visitor bought ``order`` in this session (the caller checked).
    The email's other guest and imported orders stay out until the address is
    confirmed (``account_email_confirmed``): whoever typed the email at checkout
    has not shown that the mailbox is theirs. The email's guest orders are locked
    first, so two submissions (a double click, two tabs, two orders) make one
    account: the second finds it and raises AccountExists. The password must
    already have passed Django's validators (the form does it).
    """
    User = get_user_model()
    email = order.email.strip().lower()
    first, _, last = order.shipping_name.partition(" ")
    with transaction.atomic():
        list(
            Order.objects.select_for_update()
            .filter(email__iexact=email, user__isnull=True)
            .order_by("pk")
        )
        if account_exists_for_email(email=email):
            raise AccountExists(
                "An account with this email already exists. Please log in."
            )
        user = User.objects.create_user(
            username=username_free(email=email),
            email=email,
            password=password,
            first_name=first[:150],
            last_name=last[:150],
        )
        EmailAddress.objects.create(
            user=user, email=email, primary=True, verified=False
        )
        claimed = Order.objects.filter(pk=order.pk, user__isnull=True).update(user=user)
        if not claimed:
            # The order joined an account between the page and the post.
            raise AccountExists("This order already belongs to an account.")
    return user


def account_confirmation_send(*, request: HttpRequest, user: AbstractBaseUser) -> bool:
    """Email the link that confirms the account's unconfirmed primary address.

    Returns False when there is nothing to confirm. Sent at once, by allauth, so the
    link is the same one that allauth's sign-up sends.
    """
    address = EmailAddress.objects.filter(
        user=user, primary=True, verified=False
    ).first()
    if address is None:
        return False
    address.send_confirmation(request, signup=True)
    return True


def orders_claim_for_confirmed_email(*, user: AbstractBaseUser, email: str) -> int:
    """Give ``user`` the guest and imported orders placed with ``email``.

    Precondition: ``email`` is a confirmed address of ``user``. One UPDATE; running
    it again claims only orders placed since. Returns how many orders joined.
    """
    return Order.objects.filter(user__isnull=True, email__iexact=email).update(
        user=user
    )


def orders_claim_for_verified_addresses(*, user: AbstractBaseUser) -> int:
    """At sign-in: the guest orders placed since with any confirmed address of the
    account join it; an unconfirmed address brings nothing. One UPDATE."""
    emails = list(
        EmailAddress.objects.filter(user=user, verified=True).values_list(
            "email", flat=True
        )
    )
    if not emails:
        return 0
    matches = Q()
    for email in emails:
        matches |= Q(email__iexact=email)
    return Order.objects.filter(matches, user__isnull=True).update(user=user)


@dataclass(frozen=True)
class EmailConfirmed:
    orders_claimed: int
    password_dropped: bool


def account_email_confirmed(
    *, user: AbstractBaseUser, email: str, confirmed_by: AbstractBaseUser | None
) -> EmailConfirmed:
    """The owner of ``email``'s mailbox confirmed it: the email's orders join ``user``.

    ``confirmed_by`` is who was signed in where the link was opened (None when the
    shop itself confirmed, without a request). The account's password was chosen
    before the address was confirmed, possibly by someone else: anyone can make an
    account for any email on the thank-you page or the sign-up form. So if the link
    was opened outside that account, nobody has shown both the password and the
    mailbox, and the orders must not go to whoever knows the password: the password
    is dropped, which also signs the account out everywhere, and the mailbox's owner
    chooses a new one through "Forgot your password?". A link opened while signed in
    to the account, or a merchant confirming in the admin, keeps the password.
    """
    vouched = confirmed_by is None or (
        confirmed_by.is_authenticated
        and (confirmed_by.pk == user.pk or confirmed_by.is_staff)
    )
    dropped = not vouched and user.has_usable_password()
    with transaction.atomic():
        if dropped:
            user.set_unusable_password()
            user.save(update_fields=["password"])
        claimed = orders_claim_for_confirmed_email(user=user, email=email)
    return EmailConfirmed(orders_claimed=claimed, password_dropped=dropped)
