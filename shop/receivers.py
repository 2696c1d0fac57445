"""The shop's own reactions to Django's events."""

from django.contrib.auth.signals import user_logged_in
from django.dispatch import receiver

from .services.cart import cart_merge_on_login


@receiver(user_logged_in, dispatch_uid="shop_cart_merge_on_login")
def cart_follow_shopper(sender, request, user, **kwargs) -> None:
    if request is not None and hasattr(request, "session"):
        cart_merge_on_login(session=request.session, user=user)
        request.session.pop("mini_cart", None)
