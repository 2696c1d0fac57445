from django.apps import AppConfig


class SetsConfig(AppConfig):
    name = "sets"
    verbose_name = "Sets"

    def ready(self) -> None:
        from core.panels import register_panel

        from . import receivers  # noqa: F401
        from .panels import account_panel, styled_in_panel

        register_panel("product_detail", styled_in_panel)
        register_panel("account", account_panel)
