"""Small helpers of the set templates."""

from django import template

from shop.selectors import first_image, public_identity

register = template.Library()


@register.filter
def creator_name(user) -> str:
    """The creator's public name: "Kathryn T.", else their handle; the shop's name
    for its staff. Never the username or the email."""
    return public_identity(user=user).name


@register.filter
def creator_handle(user) -> str:
    """The handle for ``{% url 'sets:creator' … %}``; "" when the creator has no
    public page (staff, a closed account): show the name without a link then."""
    return public_identity(user=user).handle or ""


@register.filter
def cutout_url(product) -> str:
    """The product's transparent cut-out (what the editor draws), else its picture."""
    for image in product.images.all():
        if image.cutout:
            return image.cutout.url
    image = first_image(product)
    return image.medium_url if image else ""


@register.filter
def percent(value: float) -> str:
    """A canvas-relative number as a CSS percentage ("12.5%")."""
    return f"{float(value) * 100:.3f}".rstrip("0").rstrip(".") + "%"


@register.filter
def degrees(value: float) -> str:
    return f"{float(value):.3f}".rstrip("0").rstrip(".") + "deg"
