"""Slots on pages that apps above the shop fill without the shop importing them.

An app registers a renderer in its ``AppConfig.ready``::

    from core.panels import register_panel
    register_panel("cart_added", render_crosssells)

and the shop's template says ``{% panels "cart_added" product=product %}``. Each
renderer takes the request and the keyword context and returns HTML (or "").
"""

from collections.abc import Callable

from django.utils.safestring import SafeString, mark_safe

PanelRenderer = Callable[..., str]
_registry: dict[str, list[PanelRenderer]] = {}

SLOTS = ("cart_added", "product_detail", "cart", "thanks", "account")


def register_panel(slot: str, renderer: PanelRenderer) -> None:
    if slot not in SLOTS:
        raise ValueError(f"unknown panel slot {slot!r}; known: {', '.join(SLOTS)}")
    renderers = _registry.setdefault(slot, [])
    if renderer not in renderers:
        renderers.append(renderer)


def render_panels(slot: str, request, **context) -> SafeString:
    # Renderers return template output, which Django has already escaped.
    html = "".join(renderer(request, **context) for renderer in _registry.get(slot, []))
    return mark_safe(html)  # noqa: S308
