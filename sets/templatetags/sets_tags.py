"""Small helpers of the set templates."""

from django import template

register = template.Library()


@register.filter
def creator_name(user) -> str:
    """The account's names shortened to "Kathryn T.", else the username."""
    first = (user.first_name or "").strip()
    last = (user.last_name or "").strip()
    if first:
        return f"{first} {last[:1]}." if last else first
    return user.get_username()


@register.filter
def cutout_url(product) -> str:
    """The product's transparent cut-out (what the editor draws), else its picture."""
    images = list(product.images.all())
    for image in images:
        if image.cutout:
            return image.cutout.url
    return images[0].medium_url if images else ""


@register.filter
def percent(value: float) -> str:
    """A canvas-relative number as a CSS percentage ("12.5%")."""
    return f"{float(value) * 100:.3f}".rstrip("0").rstrip(".") + "%"


@register.filter
def degrees(value: float) -> str:
    return f"{float(value):.3f}".rstrip("0").rstrip(".") + "deg"
