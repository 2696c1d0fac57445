from django.apps import AppConfig


class CrosssellConfig(AppConfig):
    name = "crosssell"
    verbose_name = "Cross-sells"

    def ready(self) -> None:
        from core.panels import register_panel

        from . import receivers  # noqa: F401
        from .panels import added_panel, cart_panel, thanks_panel, together_panel

        register_panel("cart_added", added_panel)
        register_panel("product_detail", together_panel)
        register_panel("cart", cart_panel)
        register_panel("thanks", thanks_panel)
