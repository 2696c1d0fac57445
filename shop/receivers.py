"""The shop's own reactions to Django's events."""

from allauth.account.signals import email_confirmed
from django.contrib import messages
from django.contrib.auth.models import AnonymousUser
from django.contrib.auth.signals import user_logged_in
from django.db.models.signals import post_migrate
from django.dispatch import receiver

from .services.accounts import (
    account_email_confirmed,
    orders_claim_for_verified_addresses,
)
from .services.cart import cart_merge_on_login
from .services.site import site_sync


@receiver(user_logged_in, dispatch_uid="shop_cart_merge_on_login")
def cart_follow_shopper(sender, request, user, **kwargs) -> None:
    if request is not None and hasattr(request, "session"):
        cart_merge_on_login(session=request.session, user=user)
        request.session.pop("mini_cart", None)


@receiver(user_logged_in, dispatch_uid="shop_orders_follow_login")
def orders_follow_login(sender, request, user, **kwargs) -> None:
    orders_claim_for_verified_addresses(user=user)


@receiver(email_confirmed, dispatch_uid="shop_orders_follow_confirmed_email")
def orders_follow_confirmed_email(sender, request, email_address, **kwargs) -> None:
    # No request: the shop itself confirmed (a script), not a visitor.
    visitor = None
    if request is not None:
        visitor = getattr(request, "user", None) or AnonymousUser()
    outcome = account_email_confirmed(
        user=email_address.user, email=email_address.email, confirmed_by=visitor
    )
    if outcome.password_dropped and request is not None:
        messages.warning(
            request,
            "Orders placed earlier with this address are now in your account. "
            "The link was opened outside the account, so we signed it out "
            "everywhere: choose a new password with “Forgot your password?” "
            "to sign in.",
        )


# Any change to what the product page shows drops its cached body. Model signals
# catch the admin, services and imports alike; bulk updates call the cache directly.
from django.conf import settings  # noqa: E402
from django.db.models.signals import post_delete, post_save  # noqa: E402

from .cache import product_pages_forget  # noqa: E402
from .models import Category, Product, ProductColour, ProductImage, Variant  # noqa: E402
from .services.profiles import profile_for  # noqa: E402


@receiver(
    [post_save, post_delete], sender=Product, dispatch_uid="shop_product_page_product"
)
def forget_product_page(sender, instance, **kwargs) -> None:
    product_pages_forget(slugs=[instance.slug], product_ids=[instance.pk])


@receiver(
    [post_save, post_delete], sender=Variant, dispatch_uid="shop_product_page_variant"
)
@receiver(
    [post_save, post_delete],
    sender=ProductImage,
    dispatch_uid="shop_product_page_image",
)
@receiver(
    [post_save, post_delete],
    sender=ProductColour,
    dispatch_uid="shop_product_page_colour",
)
def forget_product_page_of_part(sender, instance, **kwargs) -> None:
    product_pages_forget(product_ids=[instance.product_id])


@receiver([post_save, post_delete], sender=Category, dispatch_uid="shop_nav_categories")
def forget_nav_categories(sender, instance, **kwargs) -> None:
    from django.core.cache import cache
    from django.db import transaction

    from .context_processors import NAV_CACHE_KEY

    transaction.on_commit(lambda: cache.delete(NAV_CACHE_KEY))


@receiver(
    post_save, sender=settings.AUTH_USER_MODEL, dispatch_uid="shop_profile_for_user"
)
def profile_for_new_account(sender, instance, created, raw=False, **kwargs) -> None:
    # Every account gets its public handle when it is made, however it is made
    # (sign-up, guest checkout, admin, createsuperuser), so no page waits for one.
    if created and not raw:
        profile_for(user=instance)


@receiver(post_migrate, dispatch_uid="shop_site_from_settings")
def site_from_settings(sender, app_config=None, using="default", **kwargs) -> None:
    if app_config is not None and app_config.label == "shop":
        site_sync(using=using)
